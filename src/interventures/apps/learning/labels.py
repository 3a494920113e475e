"""Names of the tags a practice carries, in the reader's language: capacity dimensions and stages
from the capacity model (core/capacity/data), barriers and service types as the standard
questionnaire names them."""

from __future__ import annotations

from typing import Any

from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from interventures.apps.common.languages import base
from interventures.core.capacity import load_model

BARRIERS = {
    "finance": _("lack of finance"),
    "prefinancing": _("pre-financing"),
    "programme_language": _("programme language"),
    "admin": _("administrative burden"),
    "partners": _("finding partners"),
    "information": _("lack of information"),
    "skills": _("lack of skills"),
    "regulation": _("regulation"),
}
SERVICES = {
    "market_info": _("market information"),
    "partner_search": _("partner search"),
    "fairs": _("trade fairs and missions"),
    "training": _("training"),
    "application_help": _("help with applications"),
    "prefinancing_help": _("help with pre-financing"),
    "networking": _("networking"),
    "certification": _("certification"),
}


def _lang(lang: str | None) -> str:
    return base(lang or get_language() or "en")


def dimensions(lang: str | None = None) -> list[tuple[str, str]]:
    code = _lang(lang)
    return [(d.id, str(d.name.get(code) or d.name.get("en") or d.id)) for d in load_model().dimensions]


def stages(lang: str | None = None) -> list[tuple[str, str]]:
    code = _lang(lang)
    return [(s.id, str(s.name.get(code) or s.name.get("en") or s.id)) for s in load_model().stages]


def barriers() -> list[tuple[str, str]]:
    return [(k, str(v)) for k, v in BARRIERS.items()]


def services() -> list[tuple[str, str]]:
    return [(k, str(v)) for k, v in SERVICES.items()]


def label(kind: str, key: str, lang: str | None = None) -> str:
    table = {"dim": dimensions(lang), "stage": stages(lang), "barrier": barriers(), "service": services()}
    return dict(table.get(kind, [])).get(key, key)


# The platform's navigation (apps/web/context_processors.py) names this domain so; the string is
# kept in this app's catalogues with the domain's other words.
NAV_LABEL = _("Good practices and events")


IMPORT_REASONS = {
    "name_missing": _("The name is empty."),
    "too_long": _("The cell holds more than %(limit)s characters."),
    "email_invalid": _("%(value)s is not an e-mail address."),
    "email_taken": _("%(value)s is already registered for this event."),
    "type_unknown": _("“%(value)s” is not one of the stakeholder types listed on the import page."),
    "gender_unknown": _(
        "“%(value)s” is not one of the genders listed on the import page (or leave it empty)."
    ),
    "attended_unknown": _(
        "“%(value)s” does not say whether the person attended (yes or no, in the words of the import page)."
    ),
    "formula": _("The row holds a formula saved without its value; save the file again with its values."),
    "unreadable": _("The file cannot be read as a CSV or XLSX table."),
    "missing_columns": _("The file lacks the required columns: %(columns)s."),
    "limit_too_large": _("The file is %(size)s; files of up to %(limit)s are accepted."),
    "limit_too_many_rows": _("The file has %(size)s rows; at most %(limit)s are accepted."),
    "limit_too_many_columns": _("The file has %(size)s columns; at most %(limit)s are accepted."),
    "limit_expands_too_far": _("The workbook expands too far when unpacked; save it again as a plain .xlsx."),
    "limit_too_many_parts": _("The workbook holds too many parts; save it again as a plain .xlsx."),
}


def import_reason(code: str, params: dict[str, Any] | None = None) -> str:
    """A refused row's or file's reason in the reader's language."""
    from django.template.defaultfilters import filesizeformat
    from django.utils.formats import number_format

    values = dict(params or {})
    if code == "limit_too_large":
        values = {k: filesizeformat(v) for k, v in values.items() if k in ("size", "limit")}
    elif code.startswith("limit_"):
        values = {
            k: number_format(v, force_grouping=True) for k, v in values.items() if k in ("size", "limit")
        }
    text = IMPORT_REASONS.get(code)
    if text is None:
        return code
    try:
        return str(text) % values if "%(" in str(text) else str(text)
    except (KeyError, ValueError, TypeError):
        return str(text)
