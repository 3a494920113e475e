"""Disclosure control: no published figure may rest on fewer than `min_cell` respondents."""

from __future__ import annotations

import dataclasses

from .estimation import Estimate, Estimates

DEFAULT_MIN_CELL = 5


def is_disclosive(n: int, min_cell: int = DEFAULT_MIN_CELL) -> bool:
    """True when a figure computed from n respondents must not be published."""
    return n < min_cell


def suppress(estimates: Estimates, min_cell: int = DEFAULT_MIN_CELL) -> Estimates:
    """The same estimates, those resting on fewer than `min_cell` unweighted respondents flagged
    `suppressed` and stripped of every value (estimate, SE, interval, design effect)."""
    return Estimates(tuple(suppress_estimate(row, min_cell) for row in estimates.rows))


def suppress_estimate(row: Estimate, min_cell: int = DEFAULT_MIN_CELL) -> Estimate:
    if not is_disclosive(row.n, min_cell):
        return row
    return dataclasses.replace(
        row, estimate=None, se=None, ci_low=None, ci_high=None, deff=None, suppressed=True
    )
