"""Capacity indices per respondent and their internal consistency (Cronbach 1951).

The item→dimension and item→weight mappings are plain data, so the web layer can feed them from
the capacity model without this module knowing about it."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np
from numpy.typing import ArrayLike, NDArray

from .errors import StatsError

FloatArray = NDArray[np.float64]


@dataclass(frozen=True)
class ItemSpec:
    """Where an item counts: its dimension and its weight within that dimension."""

    dimension: str
    weight: float = 1.0


@dataclass(frozen=True, eq=False)
class DimensionScores:
    dimensions: tuple[str, ...]
    scores: FloatArray
    """(respondents × dimensions), 0–100, NaN where fewer than half the dimension's items were answered."""
    answered: NDArray[np.int64]
    """(respondents × dimensions): number of the dimension's items answered."""
    overall: FloatArray
    """(respondents,): unweighted mean of the available dimension scores, NaN when fewer than half
    of the dimensions have a score."""

    def column(self, dimension: str) -> FloatArray:
        return self.scores[:, self.dimensions.index(dimension)]


def dimension_scores(scores: Mapping[str, ArrayLike], items: Mapping[str, ItemSpec]) -> DimensionScores:
    """Capacity indices for many respondents at once, with the preparedness test's rules
    (docs/methods/capacity-model.md): item scores are option scores in [0, 1] (NaN = not answered or
    "don't know"); a dimension score is 100 × Σ wᵢ sᵢ / Σ wᵢ over the answered items, NaN when fewer
    than half of the dimension's items are answered; the overall index is the unweighted mean of
    the available dimension scores, NaN when fewer than half of the dimensions have one."""
    dimensions = tuple(dict.fromkeys(spec.dimension for spec in items.values()))
    names = list(items)
    missing = [name for name in names if name not in scores]
    if missing:
        raise StatsError(f"No scores for the items {', '.join(missing)}.")
    matrix = _matrix(scores, names)
    if np.any((matrix < 0) | (matrix > 1)):
        raise StatsError("Item scores must lie between 0 and 1.")
    weights = np.array([items[name].weight for name in names], dtype=np.float64)
    if np.any(weights <= 0) or not np.all(np.isfinite(weights)):
        raise StatsError("Item weights must be positive.")
    dim_of = np.array([dimensions.index(items[name].dimension) for name in names])
    design = np.zeros((len(names), len(dimensions)))
    design[np.arange(len(names)), dim_of] = 1.0
    answered_mask = ~np.isnan(matrix)
    filled = np.where(answered_mask, matrix, 0.0)
    weighted = filled @ (design * weights[:, None])
    weight_answered = answered_mask.astype(np.float64) @ (design * weights[:, None])
    answered = answered_mask.astype(np.int64) @ design.astype(np.int64)
    per_dimension = design.sum(axis=0)
    enough = 2 * answered >= per_dimension[None, :]
    with np.errstate(invalid="ignore", divide="ignore"):
        out = np.where(enough & (weight_answered > 0), 100.0 * weighted / weight_answered, np.nan)
        available = np.sum(~np.isnan(out), axis=1)
        overall = np.where(
            2 * available >= len(dimensions),
            np.where(np.isnan(out), 0.0, out).sum(axis=1) / np.maximum(available, 1),
            np.nan,
        )
    return DimensionScores(dimensions, out, answered, overall)


@dataclass(frozen=True)
class Reliability:
    dimension: str
    alpha: float | None
    """Cronbach's alpha on the respondents who answered every item of the dimension (listwise)."""
    items: int
    n: int


def cronbach_alpha(scores: Mapping[str, ArrayLike], items: Mapping[str, ItemSpec]) -> tuple[Reliability, ...]:
    """Cronbach's alpha per dimension, listwise complete (respondents with any of the dimension's
    items missing are left out); None with fewer than two items or two complete respondents, or when
    the total score does not vary."""
    out: list[Reliability] = []
    dimensions = tuple(dict.fromkeys(spec.dimension for spec in items.values()))
    for dimension in dimensions:
        names = [name for name, spec in items.items() if spec.dimension == dimension]
        matrix = _matrix(scores, names)
        complete = matrix[~np.isnan(matrix).any(axis=1)]
        k, n = len(names), complete.shape[0]
        alpha: float | None = None
        if k >= 2 and n >= 2:
            total_var = float(np.var(complete.sum(axis=1), ddof=1))
            if total_var > 0:
                item_var = float(np.var(complete, axis=0, ddof=1).sum())
                alpha = k / (k - 1) * (1 - item_var / total_var)
        out.append(Reliability(dimension, alpha, k, n))
    return tuple(out)


def _matrix(scores: Mapping[str, ArrayLike], names: list[str]) -> FloatArray:
    columns = [np.asarray(scores[name], dtype=np.float64) for name in names]
    if not columns:
        raise StatsError("No items given.")
    n = columns[0].shape
    if any(c.shape != n or c.ndim != 1 for c in columns):
        raise StatsError("Every item needs one score per respondent.")
    return np.column_stack(columns)
