"""Raking (iterative proportional fitting) of design weights to one-way population margins.

Raking multiplies every weight by one factor per margin category, so all respondents in the same
cell (combination of the weighting variables) share one adjustment factor: the algorithm runs on
the cells only and expands to respondents at the end (Deming & Stephan 1940;
docs/methods/survey-weighting-and-estimation.md).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np
from numpy.typing import ArrayLike, NDArray

from .coding import Factor, combine, group_sum
from .errors import MarginError, MarginProblem, StatsError

FloatArray = NDArray[np.float64]


@dataclass(frozen=True)
class Margin:
    """A population margin: the known total of each category of one variable."""

    variable: str
    totals: Mapping[str, float]


@dataclass(frozen=True)
class WeightBounds:
    """Bounds on the raked weight as a ratio to the design weight (trimming inside the iterations)."""

    lower: float = 0.0
    upper: float = float("inf")

    def __post_init__(self) -> None:
        if not 0.0 <= self.lower < self.upper:
            raise StatsError("Weight bounds need 0 <= lower < upper.")


@dataclass(frozen=True)
class RakingDiagnostics:
    iterations: int
    converged: bool
    max_margin_error: float
    """Largest |weighted total − population total| / population total over all margin categories."""
    n: int
    effective_n: float
    """Kish's effective sample size (Σw)² / Σw²."""
    weight_total: float
    weight_min: float
    weight_max: float

    @property
    def weight_ratio(self) -> float:
        return self.weight_max / self.weight_min if self.weight_min > 0 else float("inf")

    @property
    def design_effect(self) -> float:
        """Kish's design effect due to unequal weights, n / n_eff."""
        return self.n / self.effective_n


@dataclass(frozen=True, eq=False)
class RakedDesign:
    """The result of raking: weights plus everything the variance estimator needs.

    `cell` maps each respondent to a cell of the weighting variables, `cell_codes[c, j]` is the
    category of cell c in margin j, and each respondent's weight is `design_weights * factor[cell]`.
    Strata must be nested in the raking cells (every margin's categories within one stratum), as
    they are when each margin's categories carry the stratum (Raker.fit checks)."""

    margins: tuple[Margin, ...]
    factors: Mapping[str, Factor]
    cell: NDArray[np.intp]
    cell_codes: NDArray[np.intp]
    factor: FloatArray
    design_weights: FloatArray | None
    diagnostics: RakingDiagnostics
    strata: Factor | None = None
    """Independent samples (e.g. one survey per region) raked within each: variances are summed
    over strata, so a stratum's own figures equal those of raking and estimating it alone."""
    _weights: list[FloatArray] = field(default_factory=list, repr=False)

    @property
    def n(self) -> int:
        return int(self.cell.size)

    @property
    def weights(self) -> FloatArray:
        if not self._weights:
            w = self.factor[self.cell]
            if self.design_weights is not None:
                w = w * self.design_weights
            self._weights.append(w)
        return self._weights[0]


class Raker:
    """Rake design weights to population margins.

    tolerance: stop when every margin category's weighted total is within this relative error of
    its population total. max_iterations: cap on full sweeps over the margins. bounds: optional
    bounds on weight / design weight, applied after every sweep. total_tolerance: how far (relative)
    the grand totals of different margins may disagree before it is an error."""

    def __init__(
        self,
        *,
        tolerance: float = 1e-10,
        max_iterations: int = 1000,
        bounds: WeightBounds | None = None,
        total_tolerance: float = 1e-6,
    ) -> None:
        self.tolerance = tolerance
        self.max_iterations = max_iterations
        self.bounds = bounds
        self.total_tolerance = total_tolerance

    def fit(
        self,
        factors: Mapping[str, Factor],
        margins: Sequence[Margin],
        design_weights: ArrayLike | None = None,
        *,
        strata: Factor | None = None,
    ) -> RakedDesign:
        """strata: independent samples raked within each (every margin category lies in one
        stratum); their variances are summed."""
        if not margins:
            raise StatsError("Raking needs at least one margin.")
        names = [m.variable for m in margins]
        if len(set(names)) != len(names):
            raise StatsError("Each variable may have only one margin.")
        for margin in margins:
            if margin.variable not in factors:
                raise MarginError(
                    f"The margin variable {margin.variable!r} is not in the sample.",
                    problem=MarginProblem.VARIABLE_NOT_IN_SAMPLE,
                    variable=margin.variable,
                )
        n = len(factors[names[0]])
        if n == 0:
            raise StatsError("Raking needs at least one respondent.")
        weights = _design_weights(design_weights, n)

        codes: list[NDArray[np.intp]] = []
        targets: list[FloatArray] = []
        sizes: list[int] = []
        for margin in margins:
            factor = factors[margin.variable]
            if len(factor) != n:
                raise StatsError("All weighting variables must have one value per respondent.")
            if factor.missing.any():
                row = int(np.flatnonzero(factor.missing)[0])
                raise StatsError(f"The weighting variable {margin.variable!r} is missing for row {row}.")
            codes.append(factor.codes)
            targets.append(_targets(margin, factor))
            sizes.append(len(factor.levels))
        _check_totals(margins, targets, self.total_tolerance)

        cell, cell_codes = combine(codes, sizes)
        k = cell_codes.shape[0]
        if strata is not None:
            _check_nested(strata, cell, k)
        base = group_sum(cell, weights, k) if weights is not None else (group_sum(cell, None, k))
        for j, margin in enumerate(margins):
            _check_sample_categories(margin, factors[margin.variable], cell_codes[:, j], base, targets[j])

        factor_c, iterations, converged, error = self._ipf(base, cell_codes, targets)
        w_cell_sum = factor_c * base
        if weights is None:
            sum_w2 = float(np.sum(factor_c**2 * group_sum(cell, None, k)))
        else:
            sum_w2 = float(np.sum(factor_c**2 * group_sum(cell, weights**2, k)))
        total = float(w_cell_sum.sum())
        if weights is None:
            w_min, w_max = float(factor_c.min()), float(factor_c.max())
        else:
            per_row = factor_c[cell] * weights
            w_min, w_max = float(per_row.min()), float(per_row.max())
        diagnostics = RakingDiagnostics(
            iterations=iterations,
            converged=converged,
            max_margin_error=error,
            n=n,
            effective_n=total**2 / sum_w2,
            weight_total=total,
            weight_min=w_min,
            weight_max=w_max,
        )
        return RakedDesign(
            margins=tuple(margins),
            factors=dict(factors),
            cell=cell,
            cell_codes=cell_codes,
            factor=factor_c,
            design_weights=weights,
            diagnostics=diagnostics,
            strata=strata,
        )

    def _ipf(
        self, base: FloatArray, cell_codes: NDArray[np.intp], targets: Sequence[FloatArray]
    ) -> tuple[FloatArray, int, bool, float]:
        factor = np.ones(base.size)
        error = _margin_error(factor * base, cell_codes, targets)
        iterations = 0
        while error > self.tolerance and iterations < self.max_iterations:
            for j, target in enumerate(targets):
                current = group_sum(cell_codes[:, j], factor * base, target.size)
                ratio = np.divide(target, current, out=np.ones_like(target), where=current > 0)
                factor *= ratio[cell_codes[:, j]]
            if self.bounds is not None:
                np.clip(factor, self.bounds.lower, self.bounds.upper, out=factor)
            iterations += 1
            error = _margin_error(factor * base, cell_codes, targets)
        return factor, iterations, error <= self.tolerance, error


def _check_nested(strata: Factor, cell: NDArray[np.intp], k: int) -> None:
    if len(strata) != cell.size:
        raise StatsError("The strata need one value per respondent.")
    if strata.missing.any():
        raise StatsError(f"The stratum is missing for row {int(np.flatnonzero(strata.missing)[0])}.")
    first = np.full(k, -1, dtype=np.intp)
    first[cell[::-1]] = strata.codes[::-1]
    if np.any(first[cell] != strata.codes):
        raise StatsError(
            "Every raking cell must lie within one stratum: give each margin's categories per stratum."
        )


def _design_weights(design_weights: ArrayLike | None, n: int) -> FloatArray | None:
    if design_weights is None:
        return None
    weights = np.asarray(design_weights, dtype=np.float64)
    if weights.shape != (n,):
        raise StatsError("Design weights need one value per respondent.")
    if not np.all(np.isfinite(weights)) or np.any(weights <= 0):
        raise StatsError("Design weights must be positive and finite.")
    return weights


def _targets(margin: Margin, factor: Factor) -> FloatArray:
    index = {level: i for i, level in enumerate(factor.levels)}
    target = np.zeros(len(factor.levels))
    for category, total in margin.totals.items():
        value = float(total)
        if not np.isfinite(value) or value < 0:
            raise MarginError(
                f"The population total of {margin.variable}={category} must be a non-negative number.",
                problem=MarginProblem.INVALID_TOTAL,
                variable=margin.variable,
                category=str(category),
            )
        position = index.get(str(category))
        if position is None:
            if value > 0:
                raise MarginError(
                    f"The margin category {margin.variable}={category} has no respondents in the sample.",
                    problem=MarginProblem.CATEGORY_NOT_IN_SAMPLE,
                    variable=margin.variable,
                    category=str(category),
                )
            continue
        target[position] = value
    return target


def _check_sample_categories(
    margin: Margin, factor: Factor, cell_category: NDArray[np.intp], base: FloatArray, target: FloatArray
) -> None:
    present = group_sum(cell_category, base, target.size) > 0
    known = {str(c) for c in margin.totals}
    for position in np.flatnonzero(present):
        level = factor.levels[position]
        if level not in known or target[position] == 0:
            raise MarginError(
                f"The sample category {margin.variable}={level} has no population total in the margins.",
                problem=MarginProblem.CATEGORY_NOT_IN_MARGIN,
                variable=margin.variable,
                category=level,
            )
    for position in np.flatnonzero(~present & (target > 0)):
        level = factor.levels[position]
        raise MarginError(
            f"The margin category {margin.variable}={level} has no respondents in the sample.",
            problem=MarginProblem.CATEGORY_NOT_IN_SAMPLE,
            variable=margin.variable,
            category=level,
        )


def _check_totals(margins: Sequence[Margin], targets: Sequence[FloatArray], tolerance: float) -> None:
    first = float(sum(float(v) for v in margins[0].totals.values()))
    for margin in margins[1:]:
        total = float(sum(float(v) for v in margin.totals.values()))
        if abs(total - first) > tolerance * max(abs(first), 1.0):
            raise MarginError(
                f"The margins disagree on the population total: {margins[0].variable} sums to {first:g}, "
                f"{margin.variable} to {total:g}.",
                problem=MarginProblem.TOTALS_DISAGREE,
                variable=margin.variable,
            )


def _margin_error(
    cell_weights: FloatArray, cell_codes: NDArray[np.intp], targets: Sequence[FloatArray]
) -> float:
    worst = 0.0
    for j, target in enumerate(targets):
        current = group_sum(cell_codes[:, j], cell_weights, target.size)
        used = target > 0
        if used.any():
            worst = max(worst, float(np.max(np.abs(current[used] - target[used]) / target[used])))
    return worst
