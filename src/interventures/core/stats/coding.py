"""Categorical variables as integer codes: every group sum in the core is a `numpy.bincount`."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from numpy.typing import ArrayLike, NDArray

from .errors import StatsError

MISSING_CODE = -1


@dataclass(frozen=True, eq=False)
class Factor:
    """A categorical column: `codes[i]` indexes `levels`, or is -1 when row i is missing."""

    codes: NDArray[np.intp]
    levels: tuple[str, ...]

    def __post_init__(self) -> None:
        if self.codes.ndim != 1:
            raise StatsError("A factor's codes must be one-dimensional.")
        if self.codes.size and (self.codes.min() < MISSING_CODE or self.codes.max() >= len(self.levels)):
            raise StatsError("A factor's codes must index its levels (or be -1 for missing).")

    @classmethod
    def from_codes(cls, codes: ArrayLike, levels: Sequence[str]) -> Factor:
        return cls(np.asarray(codes, dtype=np.intp), tuple(str(level) for level in levels))

    @classmethod
    def from_values(cls, values: ArrayLike | Sequence[object]) -> Factor:
        """Factorise any values; None, NaN and the empty string are missing. Levels are sorted."""
        raw = np.asarray(values, dtype=object)
        text = np.array(["" if _is_missing(v) else str(v) for v in raw.tolist()], dtype=str)
        levels, codes = np.unique(text, return_inverse=True)
        codes = codes.astype(np.intp)
        if levels.size and levels[0] == "":
            codes = codes - 1
            levels = levels[1:]
        return cls(codes, tuple(str(level) for level in levels))

    def __len__(self) -> int:
        return int(self.codes.size)

    @property
    def missing(self) -> NDArray[np.bool_]:
        out: NDArray[np.bool_] = self.codes == MISSING_CODE
        return out

    def take(self, rows: NDArray[np.intp]) -> Factor:
        return Factor(self.codes[rows], self.levels)


def _is_missing(value: object) -> bool:
    if value is None:
        return True
    if isinstance(value, float) and value != value:
        return True
    return isinstance(value, str) and value == ""


def combine(
    codes: Sequence[NDArray[np.intp]], sizes: Sequence[int]
) -> tuple[NDArray[np.intp], NDArray[np.intp]]:
    """Cells: the observed combinations of several non-missing factors.

    Returns (cell index per row, the codes of each cell as a (cells × factors) array). Uses a dense
    table when the combinations are few (the usual case), so it costs one pass and no sort."""
    n = codes[0].size if codes else 0
    combined = np.zeros(n, dtype=np.int64)
    for column, size in zip(codes, sizes, strict=True):
        combined *= max(size, 1)
        combined += column
    space = int(np.prod([max(size, 1) for size in sizes], dtype=np.int64)) if sizes else 1
    if space <= 1 << 22:
        present = np.bincount(combined, minlength=space) > 0
        keys = np.flatnonzero(present)
        lookup = np.full(space, -1, dtype=np.intp)
        lookup[keys] = np.arange(keys.size, dtype=np.intp)
        cell = lookup[combined]
    else:
        keys, inverse = np.unique(combined, return_inverse=True)
        cell = inverse.astype(np.intp)
    cell_codes = np.empty((keys.size, len(sizes)), dtype=np.intp)
    rest = keys.astype(np.int64)
    for j in range(len(sizes) - 1, -1, -1):
        size = max(sizes[j], 1)
        cell_codes[:, j] = rest % size
        rest = rest // size
    return cell, cell_codes


def group_sum(index: NDArray[np.intp], weights: NDArray[np.float64] | None, size: int) -> NDArray[np.float64]:
    """Sum of `weights` (or the count, without weights) per group: one `numpy.bincount`."""
    out: NDArray[np.float64] = np.bincount(index, weights=weights, minlength=size).astype(
        np.float64, copy=False
    )
    return out
