"""Words and numbers of the directory's analysis in the reader's language: one place for pages,
section 7 of the report and the export."""

from __future__ import annotations

from typing import Any

from django.utils.formats import number_format
from django.utils.translation import gettext as _

from interventures.apps.common.templatetags.translated import language_names
from interventures.apps.partnership.models import OrganisationType
from interventures.core import capacity

from .models import ImprovementKind, ServiceType


def dimension_name(dim: str, lang: str) -> str:
    model = capacity.load_model()
    try:
        return model.dimension(dim).name.get(lang) or model.dimension(dim).name["en"]
    except KeyError:
        return dim


def stage_name(stage: str, lang: str) -> str:
    model = capacity.load_model()
    try:
        return model.stage(stage).name.get(lang) or model.stage(stage).name["en"]
    except KeyError:
        return stage


def percent(share: float | None) -> str:
    if share is None:
        return "–"
    return f"{number_format(round(100 * share), 0)} %"


def source_label(source: str) -> str:
    """Where a cell's need comes from (docs/methods/ecosystem.md, "Need")."""
    if source == "survey":
        return _("survey, weighted")
    if source == "tests":
        return _("preparedness tests")
    return ""


def need_text(cell: Any) -> str:
    if cell.need is None:
        return _("not enough data") if cell.n else _("not measured")
    text = _("%(need)s (%(low)s–%(high)s), n = %(n)s") % {
        "need": percent(cell.need),
        "low": percent(cell.low),
        "high": percent(cell.high),
        "n": cell.n,
    }
    source = source_label(getattr(cell, "source", ""))
    return f"{text}; {source}" if source else text


def finding_text(kind: str, evidence: dict[str, Any], lang: str, names: dict[str, str]) -> str:
    """One improvement in a sentence, with the numbers behind it."""
    if kind == ImprovementKind.NO_SERVICE:
        return _(
            "%(dimension)s at the stage “%(stage)s”: %(need)s of the SMEs have a gap here "
            "(%(low)s–%(high)s, n = %(n)s, %(source)s); services that address it: %(services)s (%(figure)s)."
        ) % {
            "source": source_label(str(evidence.get("source") or "tests")),
            "dimension": dimension_name(evidence["dimension"], lang),
            "stage": stage_name(evidence["stage"], lang),
            "need": percent(evidence.get("need")),
            "low": percent(evidence.get("low")),
            "high": percent(evidence.get("high")),
            "n": evidence.get("n"),
            "services": evidence.get("services"),
            "figure": ", ".join(evidence.get("figures", [])),
        }
    service = names.get(f"service:{evidence.get('service')}", str(evidence.get("service")))
    organisation = names.get(
        f"organisation:{evidence.get('organisation')}", str(evidence.get("organisation"))
    )
    if kind == ImprovementKind.LANGUAGE and evidence.get("source") == "survey":
        return _(
            "“%(service)s” (%(organisation)s) is offered only in %(languages)s; %(share)s of the "
            "region's SMEs work in none of these (%(low)s–%(high)s, n = %(n)s; survey, weighted)."
        ) % {
            "service": service,
            "organisation": organisation,
            "languages": language_names(evidence.get("languages", [])),
            "share": percent(evidence.get("share")),
            "low": percent(evidence.get("low")),
            "high": percent(evidence.get("high")),
            "n": evidence.get("n"),
        }
    if kind == ImprovementKind.LANGUAGE_UNSERVED:
        return _(
            "No service of the region is offered in %(language)s, yet %(share)s of the region's SMEs "
            "work in it and in no language a service offers (%(low)s–%(high)s, n = %(n)s; survey, "
            "weighted; %(figure)s)."
        ) % {
            "language": language_label(str(evidence.get("language", ""))),
            "share": percent(evidence.get("share")),
            "low": percent(evidence.get("low")),
            "high": percent(evidence.get("high")),
            "n": evidence.get("n"),
            "figure": ", ".join(evidence.get("figures", [])),
        }
    if kind == ImprovementKind.LANGUAGE:
        return _(
            "“%(service)s” (%(organisation)s) is offered only in %(languages)s; the region's SMEs work in %(sme)s."
        ) % {
            "service": service,
            "organisation": organisation,
            "languages": language_names(evidence.get("languages", [])),
            "sme": language_names(evidence.get("sme_languages", [])),
        }
    if kind == ImprovementKind.NO_CROSS_BORDER_TIE:
        return _(
            "“%(service)s” needs a partner across the border, but %(organisation)s has no cross-border tie."
        ) % {"service": service, "organisation": organisation}
    if kind == ImprovementKind.WEAK_INSTRUMENT:
        return _(
            "“%(service)s” (%(organisation)s) is funded by an instrument with recorded weaknesses: %(count)s."
        ) % {"service": service, "organisation": organisation, "count": evidence.get("weaknesses")}
    return kind


def type_label(value: str) -> str:
    return str(OrganisationType(value).label) if value in OrganisationType.values else _("Not stated")


def service_type_label(value: str) -> str:
    return str(ServiceType(value).label) if value in ServiceType.values else value


def language_source_text(source: str) -> str:
    """Which source the language rule of the improvement list used (docs/methods/ecosystem.md)."""
    if source == "survey":
        return _(
            "Languages: from the survey, the languages the region's SMEs report working in (the home "
            "language, and English or the neighbour's language when spoken at a good working level), "
            "weighted to the region's enterprises."
        )
    return _(
        "Languages: no survey of the region measures the languages its SMEs work in, so the rule reads "
        "the region's official languages and the languages of the preparedness tests taken."
    )


def language_label(token: str) -> str:
    """A language of the survey's measure in the reader's language; a group of the neighbours'
    languages ("de|fr") by its languages, saying that the survey does not say which."""
    codes = [c for c in token.split("|") if c]
    names = language_names(codes)
    if len(codes) < 2:
        return names
    return _("%(languages)s (one of them: the survey does not say which)") % {"languages": names}


def language_share_text(share: Any) -> str:
    """The share of SMEs working in a language. Every respondent works in its home language (the
    language it answered in), so that share is withheld by the complement rule although nobody is
    singled out by it: it is said in words."""
    if share.share is None and share.n and share.count == share.n:
        return _("every respondent (the language they answered in), n = %(n)s") % {"n": share.n}
    return share_text(share)


def share_text(share: Any) -> str:
    """A survey share with its interval and n, or "not enough data"."""
    if share is None or share.share is None:
        return _("not enough data")
    return _("%(need)s (%(low)s–%(high)s), n = %(n)s") % {
        "need": percent(share.share),
        "low": percent(share.low),
        "high": percent(share.high),
        "n": share.n,
    }
