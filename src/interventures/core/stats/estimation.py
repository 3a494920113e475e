"""Weighted means, proportions and totals of a raked design, overall and by domain, with Taylor-
linearised standard errors that account for the raking as R's survey package does.

Everything is computed on cells: the combinations of the weighting variables and the domain
variables. One pass over the respondents per variable collects five cell sums; from then on the
influence functions, their residualisation on the raking margins and their variances are sums over
cells (docs/methods/estimation.md)."""

from __future__ import annotations

import enum
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from statistics import NormalDist

import numpy as np
from numpy.typing import ArrayLike, NDArray
from scipy.special import stdtrit

from .coding import MISSING_CODE, Factor, combine, group_sum
from .errors import StatsError
from .raking import RakedDesign

FloatArray = NDArray[np.float64]

#: R's survey package residualises influence functions on the raking margins with a fixed number
#: of backfitting sweeps (svyrecvar); using the same number keeps the standard errors identical.
BACKFIT_SWEEPS = 10


class EstimateKind(enum.Enum):
    MEAN = "mean"
    PROPORTION = "proportion"
    TOTAL = "total"


class ProportionInterval(enum.Enum):
    LOGIT = "logit"
    """expit(logit p ± t·se/(p(1−p))), t on n−1 degrees of freedom: R's svyciprop(method="logit")."""
    NORMAL = "normal"


@dataclass(frozen=True)
class Estimate:
    variable: str
    kind: EstimateKind
    domain_var: str | None
    domain: str | None
    estimate: float | None
    se: float | None
    ci_low: float | None
    ci_high: float | None
    deff: float | None
    n: int
    """Respondents who answered the item (in the domain): the unweighted n behind the figure."""
    n_missing: int
    """Rows in the domain that left the item unanswered."""
    suppressed: bool = False

    @property
    def key(self) -> tuple[str, str | None, str | None]:
        return (self.variable, self.domain_var, self.domain)


@dataclass(frozen=True)
class Estimates:
    rows: tuple[Estimate, ...]

    def __iter__(self):  # type: ignore[no-untyped-def]
        return iter(self.rows)

    def __len__(self) -> int:
        return len(self.rows)

    def get(self, variable: str, domain_var: str | None = None, domain: str | None = None) -> Estimate:
        for row in self.rows:
            if row.key == (variable, domain_var, domain):
                return row
        raise KeyError((variable, domain_var, domain))


@dataclass(frozen=True, eq=False)
class CellDesign:
    """A raked design broken into estimation cells (weighting cells × domain variables)."""

    n_rows: int
    cell: NDArray[np.intp]
    count: FloatArray
    d1: FloatArray
    d2: FloatArray
    factor: FloatArray
    margin_codes: tuple[NDArray[np.intp], ...]
    margin_sizes: tuple[int, ...]
    domain_codes: Mapping[str, NDArray[np.intp]]
    domain_levels: Mapping[str, tuple[str, ...]]
    design_weights: FloatArray | None

    @classmethod
    def build(cls, design: RakedDesign, by: Mapping[str, Factor]) -> CellDesign:
        n = design.n
        codes = [design.cell]
        sizes = [design.cell_codes.shape[0]]
        for name, factor in by.items():
            if len(factor) != n:
                raise StatsError(f"The domain variable {name!r} needs one value per respondent.")
            codes.append(factor.codes + 1)
            sizes.append(len(factor.levels) + 1)
        if len(codes) == 1:
            cell, cell_codes = design.cell, np.arange(sizes[0], dtype=np.intp)[:, None]
        else:
            cell, cell_codes = combine(codes, sizes)
        k = cell_codes.shape[0]
        count = group_sum(cell, None, k)
        weights = design.design_weights
        d1 = count if weights is None else group_sum(cell, weights, k)
        d2 = count if weights is None else group_sum(cell, weights**2, k)
        raking_cell = cell_codes[:, 0]
        return cls(
            n_rows=n,
            cell=cell,
            count=count,
            d1=d1,
            d2=d2,
            factor=design.factor[raking_cell],
            margin_codes=tuple(design.cell_codes[raking_cell, j] for j in range(design.cell_codes.shape[1])),
            margin_sizes=tuple(
                int(design.cell_codes[:, j].max()) + 1 for j in range(design.cell_codes.shape[1])
            ),
            domain_codes={name: cell_codes[:, j + 1] - 1 for j, name in enumerate(by)},
            domain_levels={name: factor.levels for name, factor in by.items()},
            design_weights=weights,
        )

    @property
    def k(self) -> int:
        return int(self.count.size)


@dataclass(frozen=True)
class CellSums:
    """Sums over the respondents of each cell who answered one item (y centred by `shift`)."""

    shift: float
    r: FloatArray  # Σ r
    y: FloatArray  # Σ r y
    rd: FloatArray  # Σ r d
    yd: FloatArray  # Σ r d y
    yyd: FloatArray  # Σ r d y²
    rd2: FloatArray  # Σ r d²
    yd2: FloatArray  # Σ r d² y
    yyd2: FloatArray  # Σ r d² y²

    @classmethod
    def collect(cls, cells: CellDesign, values: FloatArray) -> CellSums:
        k = cells.k
        missing = np.isnan(values)
        n_missing = int(np.count_nonzero(missing))
        answered = values.size - n_missing
        shift = float(np.nansum(values) / answered) if answered else 0.0
        y = values - shift
        if n_missing:
            y[missing] = 0.0
            r = cells.count - group_sum(cells.cell[missing], None, k)
        else:
            r = cells.count
        sy = group_sum(cells.cell, y, k)
        d = cells.design_weights
        if d is None:
            syy = group_sum(cells.cell, y * y, k)
            return cls(shift, r, sy, r, sy, syy, r, sy, syy)
        rd_all = d.copy()
        if n_missing:
            rd_all[missing] = 0.0
        yd = y * d
        return cls(
            shift,
            r,
            sy,
            group_sum(cells.cell, rd_all, k),
            group_sum(cells.cell, yd, k),
            group_sum(cells.cell, yd * y, k),
            group_sum(cells.cell, rd_all * d, k),
            group_sum(cells.cell, yd * d, k),
            group_sum(cells.cell, yd * yd, k),
        )


def linearised_variance(
    cells: CellDesign, sums: CellSums, scale: FloatArray, centre: FloatArray
) -> FloatArray:
    """Variance of Σ_i w_i·scale_c(i)·r_i·(y_i − centre_c(i)) (one column per contrast) under the
    raked design: with-replacement variance of the influence values after they are residualised on
    the raking margins, as svyrecvar() does for a design returned by rake().

    scale and centre are (cells × contrasts); each cell carries one scale and centre per contrast,
    which covers overall and domain means, totals and differences between disjoint domains."""
    r, y = sums.r[:, None], sums.y[:, None]
    # Unweighted sums of z = influence / weight per cell: what the backfitting averages.
    z_sum = scale * (y - centre * r)
    fitted = np.zeros_like(z_sum)
    count = cells.count[:, None]
    group_count = [
        group_sum(codes, cells.count, size)
        for codes, size in zip(cells.margin_codes, cells.margin_sizes, strict=True)
    ]
    for _ in range(BACKFIT_SWEEPS):
        for codes, size, n_cat in zip(cells.margin_codes, cells.margin_sizes, group_count, strict=True):
            residual = z_sum - count * fitted
            totals = np.zeros((size, z_sum.shape[1]))
            np.add.at(totals, codes, residual)
            means = np.divide(totals, n_cat[:, None], out=np.zeros_like(totals), where=n_cat[:, None] > 0)
            fitted += means[codes]
    g = cells.factor[:, None]
    rd, yd = sums.rd[:, None], sums.yd[:, None]
    rd2, yd2, yyd2 = sums.rd2[:, None], sums.yd2[:, None], sums.yyd2[:, None]
    total_x = np.sum(g * (scale * (yd - centre * rd) - fitted * cells.d1[:, None]), axis=0)
    total_xx = np.sum(
        g**2
        * (
            scale**2 * (yyd2 - 2 * centre * yd2 + centre**2 * rd2)
            - 2 * fitted * scale * (yd2 - centre * rd2)
            + fitted**2 * cells.d2[:, None]
        ),
        axis=0,
    )
    n = cells.n_rows
    if n < 2:
        return np.full(z_sum.shape[1], np.nan)
    variance: FloatArray = n / (n - 1) * (total_xx - total_x**2 / n)
    return np.maximum(variance, 0.0)


@dataclass(frozen=True)
class _Domains:
    name: str | None
    labels: tuple[str | None, ...]
    member: FloatArray  # cells × domains, 0/1


def _domains(cells: CellDesign) -> list[_Domains]:
    out = [_Domains(None, (None,), np.ones((cells.k, 1)))]
    for name, codes in cells.domain_codes.items():
        levels = cells.domain_levels[name]
        member = (codes[:, None] == np.arange(len(levels))[None, :]).astype(np.float64)
        out.append(_Domains(name, tuple(levels), member))
    return out


class Estimator:
    """Means, proportions and totals with linearised standard errors, overall and by domain.

    confidence: level of the intervals (normal for means and totals). proportion_interval: how the
    interval of a proportion is formed (default: logit, which stays inside [0, 1])."""

    def __init__(
        self, *, confidence: float = 0.95, proportion_interval: ProportionInterval = ProportionInterval.LOGIT
    ) -> None:
        self.confidence = confidence
        self.proportion_interval = proportion_interval

    def estimate(
        self,
        design: RakedDesign,
        data: Mapping[str, ArrayLike],
        *,
        means: Sequence[str] = (),
        proportions: Sequence[str] = (),
        totals: Sequence[str] = (),
        by: Mapping[str, Factor] | None = None,
    ) -> Estimates:
        if not 0 < self.confidence < 1:
            raise StatsError("The confidence level must lie strictly between 0 and 1.")
        cells = CellDesign.build(design, by or {})
        domains = _domains(cells)
        z = NormalDist().inv_cdf(0.5 + self.confidence / 2)
        rows: list[Estimate] = []
        plan = [(v, EstimateKind.MEAN) for v in means] + [(v, EstimateKind.PROPORTION) for v in proportions]
        plan += [(v, EstimateKind.TOTAL) for v in totals]
        for variable, kind in plan:
            values = _values(data, variable, design.n, kind)
            sums = CellSums.collect(cells, values)
            for dom in domains:
                rows.extend(self._estimate_domains(cells, sums, variable, kind, dom, z))
        return Estimates(tuple(rows))

    def _estimate_domains(
        self, cells: CellDesign, sums: CellSums, variable: str, kind: EstimateKind, dom: _Domains, z: float
    ) -> list[Estimate]:
        member = dom.member
        g = cells.factor[:, None]
        weight_sum = np.sum(member * g * sums.rd[:, None], axis=0)
        weighted_y = np.sum(member * g * sums.yd[:, None], axis=0)
        n_resp = np.rint(member.T @ sums.r).astype(np.int64)
        n_rows = np.rint(member.T @ cells.count).astype(np.int64)
        if kind is EstimateKind.TOTAL:
            estimate = weighted_y + sums.shift * weight_sum
            scale = member
            centre = np.full_like(member, -sums.shift)
        else:
            mean_c = np.divide(
                weighted_y, weight_sum, out=np.full_like(weighted_y, np.nan), where=weight_sum > 0
            )
            estimate = mean_c + sums.shift
            safe = np.where(weight_sum > 0, weight_sum, 1.0)
            scale = member / safe[None, :]
            centre = np.broadcast_to(np.nan_to_num(mean_c)[None, :], member.shape).copy()
        variance = linearised_variance(cells, sums, scale, centre)
        if kind is not EstimateKind.TOTAL:
            # One respondent's mean has a zero influence function; the cell-sum algebra would
            # leave rounding noise of order sqrt(machine epsilon) instead.
            variance = np.where(n_resp == 1, 0.0, variance)
        se = np.sqrt(variance)
        mean_all = np.divide(weighted_y, weight_sum, out=np.zeros_like(weighted_y), where=weight_sum > 0)
        deff = _deff(cells, sums, member, kind, weight_sum, mean_all, n_resp, variance)
        out: list[Estimate] = []
        for j, label in enumerate(dom.labels):
            est = float(estimate[j])
            if n_resp[j] == 0 or not math.isfinite(est):
                out.append(
                    Estimate(variable, kind, dom.name, label, None, None, None, None, None, 0, int(n_rows[j]))
                )
                continue
            s = float(se[j])
            if kind is EstimateKind.PROPORTION and self.proportion_interval is ProportionInterval.LOGIT:
                low, high = logit_interval(est, s, int(n_rows[j]) - 1, self.confidence)
            else:
                low, high = est - z * s, est + z * s
            out.append(
                Estimate(
                    variable=variable,
                    kind=kind,
                    domain_var=dom.name,
                    domain=label,
                    estimate=est,
                    se=s,
                    ci_low=low,
                    ci_high=high,
                    deff=_finite_or_none(float(deff[j])),
                    n=int(n_resp[j]),
                    n_missing=int(n_rows[j] - n_resp[j]),
                )
            )
        return out


def logit_interval(p: float, se: float, df: int, confidence: float) -> tuple[float, float]:
    """expit(logit p ± t_df · se / (p(1−p))): R's svyciprop(method="logit") for a linearised design."""
    if p <= 0.0 or p >= 1.0 or not math.isfinite(se):
        return (p, p)
    quantile = float(stdtrit(df, 0.5 + confidence / 2)) if df > 0 else float("inf")
    centre = math.log(p / (1 - p))
    half = quantile * se / (p * (1 - p))
    return (_expit(centre - half), _expit(centre + half))


def _expit(x: float) -> float:
    if x >= 0:
        return 1.0 / (1.0 + math.exp(-x))
    e = math.exp(x)
    return e / (1.0 + e)


def _deff(
    cells: CellDesign,
    sums: CellSums,
    member: FloatArray,
    kind: EstimateKind,
    weight_sum: FloatArray,
    mean_centred: FloatArray,
    n_resp: NDArray[np.int64],
    variance: FloatArray,
) -> FloatArray:
    """Design effect against simple random sampling without replacement of the same size, as R's
    svymean(deff=TRUE): V / ((1 − n/N̂) s²/n) with s² the weighted element variance."""
    g = cells.factor[:, None]
    m = mean_centred[None, :]
    ss = np.sum(member * g * (sums.yyd[:, None] - 2 * m * sums.yd[:, None] + m**2 * sums.rd[:, None]), axis=0)
    n = n_resp.astype(np.float64)
    with np.errstate(divide="ignore", invalid="ignore"):
        s2 = n / (n - 1) * ss / weight_sum
        if kind is EstimateKind.TOTAL:
            srs = s2 * weight_sum**2 / n * (weight_sum - n) / weight_sum
        else:
            srs = (1 - n / weight_sum) * s2 / n
        out: FloatArray = np.where((n > 1) & (weight_sum >= n) & (srs > 0), variance / srs, np.nan)
    return out


def _finite_or_none(value: float) -> float | None:
    return value if math.isfinite(value) else None


def _values(data: Mapping[str, ArrayLike], variable: str, n: int, kind: EstimateKind) -> FloatArray:
    if variable not in data:
        raise StatsError(f"The variable {variable!r} is not in the data.")
    values = np.array(data[variable], dtype=np.float64, copy=True)
    if values.shape != (n,):
        raise StatsError(f"The variable {variable!r} needs one value per respondent.")
    if np.isinf(values).any():
        raise StatsError(f"The variable {variable!r} has infinite values.")
    if kind is EstimateKind.PROPORTION:
        answered = values[~np.isnan(values)]
        if np.any((answered != 0) & (answered != 1)):
            raise StatsError(f"The proportion variable {variable!r} must be coded 0/1.")
    return values


__all__ = [
    "MISSING_CODE",
    "CellDesign",
    "CellSums",
    "Estimate",
    "EstimateKind",
    "Estimates",
    "Estimator",
    "ProportionInterval",
    "linearised_variance",
    "logit_interval",
]
