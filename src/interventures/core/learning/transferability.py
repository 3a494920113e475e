"""Transferability of a good practice to a receiving region: five written criteria, each scored
0–4 with a note, aggregated per region and across regions.

Scale: 0 not at all, 1 weak, 2 partial, 3 good, 4 full. A region's overall score is the mean of the
criteria it scored (an unscored criterion is left out, not taken as 0), and it is only "complete"
when every criterion is scored. Across regions, each criterion's mean, minimum and maximum show where
the regions agree and where a practice travels badly.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum

SCALE_MIN, SCALE_MAX = 0, 4


class Criterion(StrEnum):
    INSTRUMENT_FIT = "instrument_fit"
    RESOURCES = "resources"
    STAKEHOLDERS = "stakeholders"
    LEGAL_FIT = "legal_fit"
    GAP_EFFECT = "gap_effect"


CRITERIA: tuple[Criterion, ...] = tuple(Criterion)


class ScoreError(ValueError):
    """A score outside the scale or for an unknown criterion."""


@dataclass(frozen=True)
class RegionScore:
    region: str
    scores: Mapping[Criterion, int | None]
    overall: float | None
    complete: bool


@dataclass(frozen=True)
class CriterionSummary:
    criterion: Criterion
    mean: float | None
    low: int | None
    high: int | None
    count: int


@dataclass(frozen=True)
class Aggregate:
    regions: tuple[RegionScore, ...]
    criteria: tuple[CriterionSummary, ...]
    overall: float | None
    """The mean of the complete regions' overall scores (None when no region is complete)."""


def _check(scores: Mapping[str, int | None]) -> dict[Criterion, int | None]:
    out: dict[Criterion, int | None] = {}
    for key, value in scores.items():
        try:
            criterion = Criterion(key)
        except ValueError as exc:
            raise ScoreError(f"unknown criterion {key!r}") from exc
        if value is not None and not (SCALE_MIN <= value <= SCALE_MAX):
            raise ScoreError(f"{key}: {value} is outside {SCALE_MIN}–{SCALE_MAX}")
        out[criterion] = value
    return {c: out.get(c) for c in CRITERIA}


def region_score(region: str, scores: Mapping[str, int | None]) -> RegionScore:
    checked = _check(scores)
    given = [v for v in checked.values() if v is not None]
    overall = sum(given) / len(given) if given else None
    return RegionScore(region, checked, overall, complete=len(given) == len(CRITERIA))


def aggregate(assessments: Sequence[tuple[str, Mapping[str, int | None]]]) -> Aggregate:
    """`assessments`: (region code, {criterion: score or None}) per receiving region."""
    regions = tuple(region_score(code, scores) for code, scores in assessments)
    summaries = []
    for criterion in CRITERIA:
        values = [r.scores[criterion] for r in regions if r.scores[criterion] is not None]
        given = [v for v in values if v is not None]
        summaries.append(
            CriterionSummary(
                criterion,
                mean=sum(given) / len(given) if given else None,
                low=min(given) if given else None,
                high=max(given) if given else None,
                count=len(given),
            )
        )
    complete = [r.overall for r in regions if r.complete and r.overall is not None]
    return Aggregate(regions, tuple(summaries), sum(complete) / len(complete) if complete else None)
