"""Coverage of the capacity model by a region's services, beside the need measured among its SMEs,
and the ranked gaps (docs/methods/ecosystem.md).

A cell is one capacity dimension × one stage. Its `services` counts the services that build the
dimension and serve the stage. Its need is the share of the region's tested SMEs at that stage whose
result names the dimension among their gaps, with a 95 % Wilson score interval. Below the minimum
cell the need is withheld ("not enough data") and the cell cannot be a gap.

The gap rule: a cell is a gap when its need is disclosed, the lower bound of its interval is at
least `high_need` (default 0.5: the need is high even at its most optimistic reading), and it has
at most `few_services` services (default 1). Gaps rank by the lower bound divided by one plus the
number of services, highest first; ties by the need, then by n, then by the model's order.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

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
class CoverageCell:
    dimension: str
    stage: str
    services: int
    n: int
    need: float | None  # None: below the minimum cell, or nothing measured
    low: float | None
    high: float | None

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


def coverage(
    dimensions: Sequence[str],
    stages: Sequence[str],
    services: Sequence[ServiceSpan],
    need: Mapping[tuple[str, str], NeedCell],
    *,
    min_cell: int,
) -> tuple[CoverageCell, ...]:
    """The matrix, row by row (dimension, then stage, in the model's order)."""
    cells = []
    for d in dimensions:
        for s in stages:
            count = sum(1 for sv in services if d in sv.dimensions and s in sv.stages)
            measured = need.get((d, s), NeedCell(0, 0))
            if measured.n >= max(1, min_cell):
                low, high = wilson(measured.with_gap, measured.n)
                cells.append(CoverageCell(d, s, count, measured.n, measured.with_gap / measured.n, low, high))
            else:
                cells.append(CoverageCell(d, s, count, measured.n, None, None, None))
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
