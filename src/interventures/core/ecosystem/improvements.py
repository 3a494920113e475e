"""How could the key players' activities be improved: findings a region's data supports.

Four rules, each finding carrying the numbers behind it and the identifiers of the figures it rests on:
1. a ranked gap (high need, little or no service) — see coverage.rank_gaps;
2. languages (languages.py): where the region's survey measures the languages its SMEs work in, a
   service offered only in languages that at least half the SMEs do not work in (lower bound), and a
   language no service offers that at least one SME in ten works in with no language a service
   offers (lower bound); where no survey measures them, a service offered only in languages none of
   which the region's SMEs work in (its official languages and the tests' languages);
3. a service that needs a partner across the border whose organisation has no cross-border tie;
4. a service funded by a policy instrument whose weaknesses the reference data records.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from .coverage import Gap
from .languages import EXCLUDED_SHARE, UNSERVED_SHARE, LanguageShare, SurveyLanguages, members


@dataclass(frozen=True)
class ServiceFacts:
    id: str
    organisation: str
    languages: tuple[str, ...] = ()
    needs_cross_border: bool = False
    instrument: str | None = None


@dataclass(frozen=True)
class Finding:
    key: str  # stable across recomputations: the partner's decision on it is kept
    kind: str  # no_service | language | language_unserved | no_cross_border_tie | weak_instrument
    rank: int
    evidence: Mapping[str, Any] = field(default_factory=dict)


def cell_figure_id(scope: str, dimension: str, stage: str) -> str:
    """The identifier of a coverage cell, in the Situation Analysis Report's scheme (SAR-…)."""
    return f"SAR-{scope}-KP-{dimension}-{stage}"


def language_figure_id(scope: str, language: str) -> str:
    """The identifier of the share of a region's SMEs working in a language (SAR-…)."""
    return f"SAR-{scope}-KP-LANG-{language.replace('|', '-')}"


def _share(e: LanguageShare) -> dict[str, Any]:
    return {"share": e.share, "low": e.low, "high": e.high, "n": e.n}


def _survey_language_findings(
    scope: str, services: Sequence[ServiceFacts], survey: SurveyLanguages, min_cell: int
) -> list[Finding]:
    found: list[Finding] = []
    seen: dict[frozenset[str], LanguageShare] = {}
    for s in sorted(services, key=lambda s: s.id):
        if not s.languages:
            continue
        langs = frozenset(s.languages)
        if langs not in seen:
            seen[langs] = survey.none_of(langs, min_cell=min_cell)
        e = seen[langs]
        if e.low is not None and e.low >= EXCLUDED_SHARE:
            found.append(
                Finding(
                    key=f"language:{s.id}",
                    kind="language",
                    rank=0,
                    evidence={
                        "service": s.id,
                        "organisation": s.organisation,
                        "languages": sorted(langs),
                        "source": "survey",
                        **_share(e),
                    },
                )
            )
    offered = {lang for s in services for lang in s.languages}
    if not offered:  # no service records its languages: nothing to say which are missing
        return found
    for lang in survey.reported():
        if members(lang) & offered:
            continue
        e = survey.only_outside(lang, offered, min_cell=min_cell)
        if e.low is not None and e.low >= UNSERVED_SHARE:
            found.append(
                Finding(
                    key=f"language_unserved:{lang}",
                    kind="language_unserved",
                    rank=0,
                    evidence={
                        "language": lang,
                        "offered": sorted(offered),
                        "source": "survey",
                        "figures": [language_figure_id(scope, lang)],
                        **_share(e),
                    },
                )
            )
    return found


def find_improvements(
    *,
    scope: str,
    gaps: Sequence[Gap],
    services: Sequence[ServiceFacts],
    sme_languages: Collection[str],
    cross_border_organisations: Collection[str],
    instrument_weaknesses: Mapping[str, int],
    survey_languages: SurveyLanguages | None = None,
    min_cell: int = 5,
) -> tuple[Finding, ...]:
    """The findings in rank order: gaps first (in their rank), then services by rule and id. The
    language rule reads `survey_languages` when it measures some respondent's languages, else
    `sme_languages` (see language_source)."""
    found: list[Finding] = []
    for gap in gaps:
        c = gap.cell
        found.append(
            Finding(
                key=f"no_service:{c.dimension}:{c.stage}",
                kind="no_service",
                rank=0,
                evidence={
                    "dimension": c.dimension,
                    "stage": c.stage,
                    "services": c.services,
                    "need": c.need,
                    "low": c.low,
                    "high": c.high,
                    "n": c.n,
                    "source": c.source,
                    "gap_rank": gap.rank,
                    "figures": [cell_figure_id(scope, c.dimension, c.stage)],
                },
            )
        )
    langs = set(sme_languages)
    if survey_languages is not None and language_source(survey_languages) == "survey":
        found += _survey_language_findings(scope, services, survey_languages, min_cell)
    for s in sorted(services, key=lambda s: s.id) if language_source(survey_languages) == "rule" else ():
        if s.languages and langs and not langs.intersection(s.languages):
            found.append(
                Finding(
                    key=f"language:{s.id}",
                    kind="language",
                    rank=0,
                    evidence={
                        "service": s.id,
                        "organisation": s.organisation,
                        "languages": sorted(s.languages),
                        "sme_languages": sorted(langs),
                        "source": "rule",
                    },
                )
            )
    for s in sorted(services, key=lambda s: s.id):
        if s.needs_cross_border and s.organisation not in cross_border_organisations:
            found.append(
                Finding(
                    key=f"no_cross_border_tie:{s.id}",
                    kind="no_cross_border_tie",
                    rank=0,
                    evidence={"service": s.id, "organisation": s.organisation, "cross_border_ties": 0},
                )
            )
    for s in sorted(services, key=lambda s: s.id):
        weaknesses = instrument_weaknesses.get(s.instrument or "", 0)
        if s.instrument and weaknesses:
            found.append(
                Finding(
                    key=f"weak_instrument:{s.id}",
                    kind="weak_instrument",
                    rank=0,
                    evidence={
                        "service": s.id,
                        "organisation": s.organisation,
                        "instrument": s.instrument,
                        "weaknesses": weaknesses,
                    },
                )
            )
    return tuple(
        Finding(key=f.key, kind=f.kind, rank=i + 1, evidence=f.evidence) for i, f in enumerate(found)
    )


def language_source(survey_languages: SurveyLanguages | None) -> str:
    """The language rule's source: "survey" when the survey measures the languages of at least one
    respondent, else "rule"."""
    return "survey" if survey_languages is not None and survey_languages.measured else "rule"
