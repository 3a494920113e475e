"""Domain exceptions of the statistical core: callers turn them into messages."""

from __future__ import annotations

import enum


class StatsError(ValueError):
    """Input the statistics cannot be computed from (wrong shapes, values out of range, …)."""


class MarginProblem(enum.Enum):
    VARIABLE_NOT_IN_SAMPLE = "variable_not_in_sample"
    CATEGORY_NOT_IN_SAMPLE = "category_not_in_sample"
    CATEGORY_NOT_IN_MARGIN = "category_not_in_margin"
    TOTALS_DISAGREE = "totals_disagree"
    INVALID_TOTAL = "invalid_total"


class MarginError(StatsError):
    """A population margin that the sample cannot be raked to.

    `variable` and `category` name the offending margin entry so that a caller reading the margins
    from a file can point at the row."""

    def __init__(self, message: str, *, problem: MarginProblem, variable: str, category: str | None = None):
        super().__init__(message)
        self.problem = problem
        self.variable = variable
        self.category = category
