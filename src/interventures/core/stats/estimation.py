"""Weighted means, proportions and totals of a raked design, overall and by domain, with Taylor-
linearised standard errors that account for the raking as R's survey package does.

Everything is computed on cells: the combinations of the weighting variables and the domain
variables. One pass over the respondents per variable collects a few cell sums; from then on the
influence functions, their residualisation on the raking margins and their variances are sums over
cells (docs/methods/survey-weighting-and-estimation.md)."""

from __future__ import annotations

import enum
import math
from collections.abc import Collection, Iterator, Mapping, Sequence
from dataclasses import dataclass
from statistics import NormalDist
from typing import TYPE_CHECKING

import numpy as np
from numpy.typing import ArrayLike, NDArray

from .coding import Factor, combine, group_sum
from .errors import StatsError
from .raking import RakedDesign

if TYPE_CHECKING:
    from .disclosure import Suppression

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
    n_yes: int | None = None
    """Proportions: the respondents (unweighted) who answered 1, the numerator behind the figure;
    None for means and totals. Disclosure control needs it (a proportion of 1 in 8 names one firm)."""
    suppressed_by: Suppression | None = None
    """Why the figure is suppressed (None when it is published)."""

    @property
    def key(self) -> tuple[str, str | None, str | None]:
        return (self.variable, self.domain_var, self.domain)


@dataclass(frozen=True)
class Estimates:
    rows: tuple[Estimate, ...]

    def __iter__(self) -> Iterator[Estimate]:
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
    stratum: NDArray[np.intp]
    """The stratum of each cell (all zero for an unstratified design)."""
    strata_rows: FloatArray
    """Respondents per stratum."""

    @classmethod
    def build(cls, design: RakedDesign, by: Mapping[str, Factor]) -> CellDesign:
        n = design.n
        margin_index = {margin.variable: j for j, margin in enumerate(design.margins)}
        codes = [design.cell]
        sizes = [design.cell_codes.shape[0]]
        extra: list[str] = []
        for name, factor in by.items():
            if len(factor) != n:
                raise StatsError(f"The domain variable {name!r} needs one value per respondent.")
            if design.factors.get(name) is factor:
                continue  # a weighting variable: its domains are unions of raking cells already
            extra.append(name)
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
        if design.strata is None:
            stratum, strata_rows = np.zeros(k, dtype=np.intp), np.array([float(n)])
        else:
            # Strata are nested in the raking cells, so a cell's stratum is that of any respondent.
            stratum = np.zeros(k, dtype=np.intp)
            stratum[cell] = design.strata.codes
            strata_rows = np.bincount(design.strata.codes, minlength=len(design.strata.levels)).astype(
                np.float64
            )
        domain_codes = {}
        for name in by:
            if name in extra:
                domain_codes[name] = cell_codes[:, 1 + extra.index(name)] - 1
            else:
                domain_codes[name] = design.cell_codes[raking_cell, margin_index[name]]
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
            domain_codes=domain_codes,
            domain_levels={name: factor.levels for name, factor in by.items()},
            design_weights=weights,
            stratum=stratum,
            strata_rows=strata_rows,
        )

    @property
    def k(self) -> int:
        return int(self.count.size)


@dataclass(frozen=True, eq=False)
class CellSums:
    """Sums over the respondents of each cell who answered an item, y centred by `shift`.

    Each field is (cells × items); `shift` is (items,)."""

    shift: FloatArray
    r: FloatArray  # Σ r
    y: FloatArray  # Σ r y
    rd: FloatArray  # Σ r d
    yd: FloatArray  # Σ r d y
    yyd: FloatArray  # Σ r d y²
    rd2: FloatArray  # Σ r d²
    yd2: FloatArray  # Σ r d² y
    yyd2: FloatArray  # Σ r d² y²
    ones: FloatArray  # Σ r [y = 1] (uncentred), unweighted: the numerator count of a proportion

    @classmethod
    def collect(
        cls, cells: CellDesign, columns: Mapping[str, FloatArray], counted: Collection[str] = ()
    ) -> CellSums:
        """`counted`: the columns (0/1 proportions) whose unweighted count of ones is collected; the
        other columns get zeros there."""
        per_item = []
        ones = []
        for name, values in columns.items():
            try:
                per_item.append(_collect_one(cells, values))
            except StatsError as exc:
                raise StatsError(f"{name}: {exc}") from exc
            ones.append(
                group_sum(cells.cell, (values == 1.0).astype(np.float64), cells.k)
                if name in counted
                else np.zeros(cells.k)
            )
        r, y, rd, yd, yyd, rd2, yd2, yyd2 = (np.column_stack([p[i] for p in per_item]) for i in range(1, 9))
        return cls(
            np.array([p[0] for p in per_item]), r, y, rd, yd, yyd, rd2, yd2, yyd2, np.column_stack(ones)
        )


def _collect_one(cells: CellDesign, values: FloatArray) -> tuple[float, *tuple[FloatArray, ...]]:
    k = cells.k
    missing = np.isnan(values)
    n_missing = int(np.count_nonzero(missing))
    answered = values.size - n_missing
    # Centring near the mean keeps the cell sums of squares free of cancellation; any value close
    # to the mean will do, so a few leading answers suffice.
    head = values[:1024]
    head = head[~np.isnan(head)]
    if head.size:
        shift = float(head.mean())
    elif answered:
        shift = float(values[~missing][:1024].mean())
    else:
        shift = 0.0
    y = values - shift
    if n_missing:
        where_missing = np.flatnonzero(missing)
        y[where_missing] = 0.0
        r = cells.count - group_sum(cells.cell[where_missing], None, k)
    else:
        r = cells.count
    sy = group_sum(cells.cell, y, k)
    _check_finite(sy)
    d = cells.design_weights
    if d is None:
        np.multiply(y, y, out=y)
        syy = group_sum(cells.cell, y, k)
        _check_finite(syy)
        return (shift, r, sy, r, sy, syy, r, sy, syy)
    rd_all = d.copy()
    if n_missing:
        rd_all[where_missing] = 0.0
    yd = y * d
    return (
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


def _one_hot(codes: NDArray[np.intp], size: int) -> FloatArray:
    out = np.zeros((size, codes.size))
    out[codes, np.arange(codes.size)] = 1.0
    return out


def _check_finite(sums: FloatArray) -> None:
    if not np.all(np.isfinite(sums)):
        raise StatsError("Values must be finite (or missing).")


def linearised_variance(
    cells: CellDesign, sums: CellSums, scale: FloatArray, centre: FloatArray
) -> FloatArray:
    """Variance of Σ_i w_i·scale_c(i)·r_i·(y_i − centre_c(i)) under the raked design, for every
    item and contrast: the with-replacement variance of the influence values after they are
    residualised on the raking margins, as svyrecvar() does for a design returned by rake().

    scale and centre are (cells × items × contrasts); each cell carries one scale and centre per
    contrast, which covers overall and domain means, totals and differences between disjoint
    domains. Returns (items × contrasts)."""
    k = cells.k
    r, y = sums.r[:, :, None], sums.y[:, :, None]
    # Unweighted sums of z = influence / weight per cell: what svyrecvar's backfitting averages.
    z_cells = scale * (y - centre * r)
    shape = z_cells.shape
    z_sum = z_cells.reshape(k, -1)
    fitted = np.zeros_like(z_sum)
    count = cells.count[:, None]
    steps = []
    for codes, size in zip(cells.margin_codes, cells.margin_sizes, strict=True):
        one_hot = _one_hot(codes, size)
        n_cat = one_hot @ cells.count
        steps.append(
            (codes, one_hot, np.where(n_cat > 0, 1.0 / np.where(n_cat > 0, n_cat, 1.0), 0.0)[:, None])
        )
    for _ in range(BACKFIT_SWEEPS):
        for codes, one_hot, inverse_count in steps:
            fitted += ((one_hot @ (z_sum - count * fitted)) * inverse_count)[codes]
    fitted_cells = fitted.reshape(shape)
    g = cells.factor[:, None, None]
    rd, yd = sums.rd[:, :, None], sums.yd[:, :, None]
    rd2, yd2, yyd2 = sums.rd2[:, :, None], sums.yd2[:, :, None], sums.yyd2[:, :, None]
    x_cells = g * (scale * (yd - centre * rd) - fitted_cells * cells.d1[:, None, None])
    xx_cells = g**2 * (
        scale**2 * (yyd2 - 2 * centre * yd2 + centre**2 * rd2)
        - 2 * fitted_cells * scale * (yd2 - centre * rd2)
        + fitted_cells**2 * cells.d2[:, None, None]
    )
    if cells.n_rows < 2:
        return np.full(x_cells.shape[1:], np.nan)
    # With-replacement variance within each stratum, summed; a stratum of one respondent adds
    # nothing (its influence is absorbed by its own raking margins).
    n_h = cells.strata_rows
    total_x = np.zeros((n_h.size, *x_cells.shape[1:]))
    total_xx = np.zeros_like(total_x)
    np.add.at(total_x, cells.stratum, x_cells)
    np.add.at(total_xx, cells.stratum, xx_cells)
    factor = np.where(n_h > 1, n_h / np.where(n_h > 1, n_h - 1, 1.0), 0.0)[:, None, None]
    per_stratum = factor * (total_xx - total_x**2 / np.where(n_h > 0, n_h, 1.0)[:, None, None])
    variance: FloatArray = per_stratum.sum(axis=0)
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


@dataclass(frozen=True, eq=False)
class DomainSums:
    """Weighted sums per (item × domain), from cell sums."""

    weight: FloatArray  # Σ w over respondents
    y: FloatArray  # Σ w y (y centred by the item's shift)
    yy: FloatArray  # Σ w y²
    n: NDArray[np.int64]  # respondents
    rows: NDArray[np.int64]  # rows of the domain (respondents and non-respondents), per domain
    yes: NDArray[np.int64]  # respondents who answered 1 (proportions; 0 for other items)

    @classmethod
    def of(cls, cells: CellDesign, sums: CellSums, member: FloatArray) -> DomainSums:
        gm = member * cells.factor[:, None]
        return cls(
            weight=sums.rd.T @ gm,
            y=sums.yd.T @ gm,
            yy=sums.yyd.T @ gm,
            n=np.rint(sums.r.T @ member).astype(np.int64),
            rows=np.rint(cells.count @ member).astype(np.int64),
            yes=np.rint(sums.ones.T @ member).astype(np.int64),
        )

    def means(self) -> FloatArray:
        """Domain means in centred units (0 where the domain has no respondents)."""
        out: FloatArray = np.divide(self.y, self.weight, out=np.zeros_like(self.y), where=self.weight > 0)
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
        rows: list[Estimate] = []
        plan = [(v, EstimateKind.MEAN) for v in means] + [(v, EstimateKind.PROPORTION) for v in proportions]
        plan += [(v, EstimateKind.TOTAL) for v in totals]
        if not plan:
            return Estimates(())
        sums = CellSums.collect(
            cells,
            {f"{i}": _values(data, v, design.n, kind) for i, (v, kind) in enumerate(plan)},
            counted={f"{i}" for i, (_v, kind) in enumerate(plan) if kind is EstimateKind.PROPORTION},
        )
        is_total = np.array([kind is EstimateKind.TOTAL for _, kind in plan])
        per_domain = [self._estimate_domain(cells, sums, plan, is_total, dom) for dom in domains]
        for i in range(len(plan)):
            for block in per_domain:
                rows.extend(block[i])
        return Estimates(tuple(rows))

    def _estimate_domain(
        self,
        cells: CellDesign,
        sums: CellSums,
        plan: Sequence[tuple[str, EstimateKind]],
        is_total: NDArray[np.bool_],
        dom: _Domains,
    ) -> list[list[Estimate]]:
        member = dom.member
        ds = DomainSums.of(cells, sums, member)
        mean_c = ds.means()
        shift = sums.shift[:, None]
        safe = np.where(ds.weight > 0, ds.weight, 1.0)
        # Means: z = (y − mean_d)/Ŵ_d in the domain; totals: z = y (uncentred) in the domain.
        scale = np.where(is_total[None, :, None], member[:, None, :], member[:, None, :] / safe[None, :, :])
        centre = np.where(is_total[None, :, None], -shift[None, :, :], mean_c[None, :, :])
        variance = linearised_variance(cells, sums, scale, centre)
        # A mean over respondents who all gave the same answer (one respondent, or a proportion of
        # 0 or 1) has a zero influence function and so a zero variance, exactly as in R; the
        # cell-sum algebra would leave rounding noise of order sqrt(machine epsilon) instead.
        spread = ds.yy - 2 * mean_c * ds.y + mean_c**2 * ds.weight
        constant = (ds.n == 1) | (spread <= 1e-10 * (ds.yy + mean_c**2 * ds.weight))
        variance = np.where(~is_total[:, None] & constant, 0.0, variance)
        se = np.sqrt(variance)
        estimate = np.where(is_total[:, None], ds.y + shift * ds.weight, mean_c + shift)
        is_proportion = np.array([kind is EstimateKind.PROPORTION for _, kind in plan])
        estimate = np.where(is_proportion[:, None] & constant, np.rint(estimate), estimate)
        deff = _deff(ds, mean_c, is_total, variance)
        z = NormalDist().inv_cdf(0.5 + self.confidence / 2)
        out: list[list[Estimate]] = []
        for i, (variable, kind) in enumerate(plan):
            block: list[Estimate] = []
            for j, label in enumerate(dom.labels):
                n, n_rows = int(ds.n[i, j]), int(ds.rows[j])
                n_yes = int(ds.yes[i, j]) if kind is EstimateKind.PROPORTION else None
                est = float(estimate[i, j])
                if n == 0 or not math.isfinite(est):
                    block.append(
                        Estimate(
                            variable,
                            kind,
                            dom.name,
                            label,
                            None,
                            None,
                            None,
                            None,
                            None,
                            0,
                            n_rows,
                            n_yes=n_yes,
                        )
                    )
                    continue
                s = float(se[i, j])
                if kind is EstimateKind.PROPORTION and self.proportion_interval is ProportionInterval.LOGIT:
                    low, high = logit_interval(est, s, n_rows - 1, self.confidence)
                else:
                    low, high = est - z * s, est + z * s
                block.append(
                    Estimate(
                        variable=variable,
                        kind=kind,
                        domain_var=dom.name,
                        domain=label,
                        estimate=est,
                        se=s,
                        ci_low=low,
                        ci_high=high,
                        deff=_finite_or_none(float(deff[i, j])),
                        n=n,
                        n_missing=n_rows - n,
                        n_yes=n_yes,
                    )
                )
            out.append(block)
        return out


def logit_interval(p: float, se: float, df: int, confidence: float) -> tuple[float, float]:
    """expit(logit p ± t_df · se / (p(1−p))): R's svyciprop(method="logit") for a linearised design."""
    if p <= 0.0 or p >= 1.0 or not math.isfinite(se):
        return (p, p)
    from scipy.special import stdtrit  # imported here: scipy is slow to import and rarely needed

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
    ds: DomainSums, mean_c: FloatArray, is_total: NDArray[np.bool_], variance: FloatArray
) -> FloatArray:
    """Design effect against simple random sampling without replacement of the same size, as R's
    svymean(deff=TRUE): V / ((1 − n/N̂) s²/n) with s² the weighted element variance (for totals
    V / (N̂² (1 − n/N̂) s²/n))."""
    ss = ds.yy - 2 * mean_c * ds.y + mean_c**2 * ds.weight
    n = ds.n.astype(np.float64)
    w = ds.weight
    with np.errstate(divide="ignore", invalid="ignore"):
        s2 = n / (n - 1) * ss / w
        srs = (1 - n / w) * s2 / n
        srs = np.where(is_total[:, None], srs * w**2, srs)
        out: FloatArray = np.where((n > 1) & (w >= n) & (srs > 0), variance / srs, np.nan)
    return out


def _finite_or_none(value: float) -> float | None:
    return value if math.isfinite(value) else None


def _values(data: Mapping[str, ArrayLike], variable: str, n: int, kind: EstimateKind) -> FloatArray:
    if variable not in data:
        raise StatsError(f"The variable {variable!r} is not in the data.")
    values = np.asarray(data[variable], dtype=np.float64)
    if values.shape != (n,):
        raise StatsError(f"The variable {variable!r} needs one value per respondent.")
    if kind is EstimateKind.PROPORTION:
        if np.any((values != 0) & (values != 1) & ~np.isnan(values)):
            raise StatsError(f"The proportion variable {variable!r} must be coded 0/1.")
    return values


__all__ = [
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
