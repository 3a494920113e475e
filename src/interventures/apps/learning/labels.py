"""Names of the tags a practice carries, in the reader's language: capacity dimensions and stages
from the capacity model (core/capacity/data), barriers and service types as the standard
questionnaire names them."""

from __future__ import annotations

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
