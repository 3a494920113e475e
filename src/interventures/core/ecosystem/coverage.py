"""Coverage of the capacity model by a region's services, beside the need measured among its SMEs,
and the ranked gaps (docs/methods/ecosystem.md).

A cell is one capacity dimension × one stage. Its `services` counts the services that build the
dimension and serve the stage. Its need has two sources, each a `NeedFigure`:
- `survey`: the weighted share of the region's SMEs at that stage with a gap in the dimension,
  from the survey raked to the population (need.py), with its logit interval;
- `tests`: the share of the region's completed preparedness tests at that stage whose result names
  the dimension among its gaps, with a 95 % Wilson score interval.
A figure is withheld ("not enough data") when it fails the threshold rule of core/stats/disclosure:
fewer than the minimum cell behind it, or fewer with the gap, or fewer without it. The cell's need
(`need`, `low`, `high`, `n`, `source`) is the survey's figure when it is published (the survey
represents the region's SMEs), else the tests' when that is published, else none: then the cell
cannot be a gap.

The gap rule: a cell is a gap when its need is published, the lower bound of its interval is at
least `high_need` (default 0.5: the need is high even at its most optimistic reading), and it has
at most `few_services` services (default 1). Gaps rank by the lower bound divided by one plus the
number of services, highest first; ties by the need, then by n, then by the model's order.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from interventures.core.stats import disclosure_of

from .need import WeightedNeed

Z95 = 1.959963984540054


@dataclass(frozen=True)
class NeedCell:
    n: int  # tested SMEs at the stage
    with_gap: int  # of them, those with a gap in the dimension


@dataclass(frozen=True)
class ServiceSpan:
    dimensions: tuple[str, ...]
    stages: tuple[str, ...]


@dataclass(frozen=True)
class NeedFigure:
    """One source's need in one cell. `need`, `low`, `high` are None when the figure is withheld
    (`suppressed_by`: "n" or "count", the rule it fails) or nothing was measured (n = 0)."""

    source: str  # "survey" | "tests"
    n: int
    need: float | None
    low: float | None
    high: float | None
    suppressed_by: str = ""


@dataclass(frozen=True)
class CoverageCell:
    dimension: str
    stage: str
    services: int
    n: int
    need: float | None  # None: below the minimum cell, or nothing measured
    low: float | None
    high: float | None
    source: str = ""  # the source of `need`: "survey", "tests", or "" when none is published
    survey: NeedFigure | None = None
    tests: NeedFigure | None = None

    @property
    def suppressed(self) -> bool:
        return self.n > 0 and self.need is None


@dataclass(frozen=True)
class Gap:
    rank: int
    cell: CoverageCell
    score: float


def wilson(k: int, n: int, z: float = Z95) -> tuple[float, float]:
    """The Wilson score interval of the proportion k/n (Wilson 1927; Agresti & Coull 1998)."""
    if n <= 0 or not 0 <= k <= n:
        raise ValueError(f"need 0 <= k <= n and n > 0 (got k={k}, n={n})")
    p = k / n
    denom = 1 + z * z / n
    centre = (p + z * z / (2 * n)) / denom
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / denom
    # At k = 0 and k = n the bound is exactly 0 or 1; rounding would leave a trace of 1e-19.
    low = 0.0 if k == 0 else max(0.0, centre - half)
    high = 1.0 if k == n else min(1.0, centre + half)
    return low, high


def _withheld(n: int, with_gap: int, min_cell: int) -> str:
    reason = disclosure_of(n, max(1, min_cell), count=with_gap)
    return "" if reason is None else reason.value


def tests_figure(cell: NeedCell, *, min_cell: int) -> NeedFigure:
    """The tests' share with its Wilson interval, or withheld by the threshold rule."""
    if cell.n <= 0:
        return NeedFigure("tests", 0, None, None, None)
    reason = _withheld(cell.n, cell.with_gap, min_cell)
    if reason:
        return NeedFigure("tests", cell.n, None, None, None, reason)
    low, high = wilson(cell.with_gap, cell.n)
    return NeedFigure("tests", cell.n, cell.with_gap / cell.n, low, high)


def survey_figure(cell: WeightedNeed, *, min_cell: int) -> NeedFigure:
    """The survey's weighted share with its interval, or withheld by the threshold rule (on the
    unweighted n, the respondents with the gap and those without)."""
    if cell.n <= 0:
        return NeedFigure("survey", 0, None, None, None)
    reason = _withheld(cell.n, cell.with_gap, min_cell) or ("" if cell.share is not None else "n")
    if reason:
        return NeedFigure("survey", cell.n, None, None, None, reason)
    return NeedFigure("survey", cell.n, cell.share, cell.low, cell.high)


def coverage(
    dimensions: Sequence[str],
    stages: Sequence[str],
    services: Sequence[ServiceSpan],
    need: Mapping[tuple[str, str], NeedCell],
    *,
    min_cell: int,
    survey: Mapping[tuple[str, str], WeightedNeed] | None = None,
) -> tuple[CoverageCell, ...]:
    """The matrix, row by row (dimension, then stage, in the model's order)."""
    cells = []
    weighted = survey or {}
    for d in dimensions:
        for s in stages:
            count = sum(1 for sv in services if d in sv.dimensions and s in sv.stages)
            tests = tests_figure(need.get((d, s), NeedCell(0, 0)), min_cell=min_cell)
            from_survey = survey_figure(weighted[d, s], min_cell=min_cell) if (d, s) in weighted else None
            chosen = next((f for f in (from_survey, tests) if f is not None and f.need is not None), None)
            if chosen is not None:
                cells.append(
                    CoverageCell(
                        d,
                        s,
                        count,
                        chosen.n,
                        chosen.need,
                        chosen.low,
                        chosen.high,
                        chosen.source,
                        from_survey,
                        tests,
                    )
                )
            else:
                n = max(tests.n, from_survey.n if from_survey else 0)
                cells.append(CoverageCell(d, s, count, n, None, None, None, "", from_survey, tests))
    return tuple(cells)


def rank_gaps(
    cells: Sequence[CoverageCell], *, high_need: float = 0.5, few_services: int = 1
) -> tuple[Gap, ...]:
    order = {(c.dimension, c.stage): i for i, c in enumerate(cells)}
    found = [
        c
        for c in cells
        if c.need is not None and c.low is not None and c.low >= high_need and c.services <= few_services
    ]

    def score(c: CoverageCell) -> float:
        return float(c.low or 0.0) / (1 + c.services)

    found.sort(key=lambda c: (-score(c), -(c.need or 0.0), -c.n, order[(c.dimension, c.stage)]))
    return tuple(Gap(rank=i + 1, cell=c, score=score(c)) for i, c in enumerate(found))
