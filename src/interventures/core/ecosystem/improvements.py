"""How could the key players' activities be improved: findings a region's data supports.

Four rules, each finding carrying the numbers behind it and the identifiers of the figures it rests on:
1. a ranked gap (high need, little or no service) — see coverage.rank_gaps;
2. a service offered only in languages none of which the region's SMEs work in;
3. a service that needs a partner across the border whose organisation has no cross-border tie;
4. a service funded by a policy instrument whose weaknesses the reference data records.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from .coverage import Gap


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
    kind: str  # no_service | language | no_cross_border_tie | weak_instrument
    rank: int
    evidence: Mapping[str, Any] = field(default_factory=dict)


def cell_figure_id(scope: str, dimension: str, stage: str) -> str:
    """The identifier of a coverage cell, in the Situation Analysis Report's scheme (SAR-…)."""
    return f"SAR-{scope}-KP-{dimension}-{stage}"


def find_improvements(
    *,
    scope: str,
    gaps: Sequence[Gap],
    services: Sequence[ServiceFacts],
    sme_languages: Collection[str],
    cross_border_organisations: Collection[str],
    instrument_weaknesses: Mapping[str, int],
) -> tuple[Finding, ...]:
    """The findings in rank order: gaps first (in their rank), then services by rule and id."""
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
    for s in sorted(services, key=lambda s: s.id):
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
