"""Fund abbreviations in the reader's language ("ERDF/ESF" reads "FESR/FSE" in Italian), as the EU's
institutions write them in each language (IATE, the EU's terminology database; the programme names
of the reference data use the same forms). An abbreviation without a form here stays as the source
writes it."""

from __future__ import annotations

from django import template
from django.utils.translation import get_language

from interventures.apps.common import languages

register = template.Library()

ABBREVIATIONS: dict[str, dict[str, str]] = {
    "ERDF": {"hu": "ERFA", "hr": "EFRR", "it": "FESR", "pl": "EFRR", "es": "FEDER", "lt": "ERPF"},
    "ESF": {"hu": "ESZA", "hr": "ESF", "it": "FSE", "pl": "EFS", "es": "FSE", "lt": "ESF"},
    "CF": {"hu": "KA", "hr": "KF", "it": "FC", "pl": "FS", "es": "FC", "lt": "SF"},
    "EAFRD": {"hu": "EMVA", "hr": "EPFRR", "it": "FEASR", "pl": "EFRROW", "es": "FEADER", "lt": "EŽŪFKP"},
    "EMFF": {"hu": "ETHA", "hr": "EFPR", "it": "FEAMP", "pl": "EFMR", "es": "FEMP", "lt": "EJRŽF"},
    "YEI": {"hu": "IFK", "it": "IOG", "es": "IEJ", "lt": "JUI"},
}


def fund_names(funds: str, language: str | None = None) -> str:
    lang = languages.base(language or get_language())
    return "/".join(ABBREVIATIONS.get(code, {}).get(lang, code) for code in str(funds).split("/"))


register.filter("funds", fund_names)
