"""Corrections of p-values for multiple comparisons (Holm 1979; Benjamini & Hochberg 1995)."""

from __future__ import annotations

import enum

import numpy as np
from numpy.typing import ArrayLike, NDArray


class Correction(enum.Enum):
    HOLM = "holm"
    """Holm's step-down procedure: controls the family-wise error rate."""
    BENJAMINI_HOCHBERG = "bh"
    """Benjamini–Hochberg step-up procedure: controls the false discovery rate."""
    NONE = "none"


def adjust(p_values: ArrayLike, correction: Correction) -> NDArray[np.float64]:
    """Adjusted p-values, in the input order (as R's p.adjust)."""
    p = np.asarray(p_values, dtype=np.float64)
    if p.ndim != 1:
        raise ValueError("p-values must be one-dimensional.")
    m = p.size
    if m == 0 or correction is Correction.NONE:
        return p.copy()
    if correction is Correction.HOLM:
        order = np.argsort(p, kind="stable")
        stepped = np.maximum.accumulate((m - np.arange(m)) * p[order])
    else:
        order = np.argsort(p, kind="stable")[::-1]
        stepped = np.minimum.accumulate(m / np.arange(m, 0, -1) * p[order])
    out = np.empty(m)
    out[order] = np.minimum(stepped, 1.0)
    return out
