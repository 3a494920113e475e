"""Differences between domains (e.g. regions) of one raked design, with linearised standard errors
that include the covariance between the domains, and a multiple-comparison correction."""

from __future__ import annotations

import math
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass
from itertools import combinations
from statistics import NormalDist

import numpy as np
from numpy.typing import ArrayLike, NDArray

from .coding import Factor
from .disclosure import is_disclosive
from .errors import StatsError
from .estimation import CellDesign, CellSums, DomainSums, EstimateKind, _values, linearised_variance
from .multiple import Correction, adjust
from .raking import RakedDesign


def _domains_member(codes: NDArray[np.intp], size: int) -> NDArray[np.float64]:
    out: NDArray[np.float64] = (codes[:, None] == np.arange(size)[None, :]).astype(np.float64)
    return out


@dataclass(frozen=True)
class DomainDifference:
    variable: str
    domain_var: str
    first: str
    second: str
    difference: float | None
    """Estimate in `first` minus estimate in `second`."""
    se: float | None
    ci_low: float | None
    ci_high: float | None
    z: float | None
    p_value: float | None
    p_adjusted: float | None
    n_first: int
    n_second: int
    suppressed: bool = False


class DomainComparison:
    """Pairwise differences of domain means (or proportions) with Taylor-linearised SEs.

    The two domain means come from the same raked design, so Var(m1 − m2) is computed from the
    residualised influence function of the difference itself, which carries their covariance.
    p-values are two-sided (normal reference) and adjusted over all comparisons of one call with
    `correction`. A difference is published only when both its sides are: pairs where either
    domain fails the threshold rule (fewer than `min_cell` respondents; for proportions also fewer
    than `min_cell` with the attribute or without it), or is named in `unpublished` (its figure is
    hidden for another reason, e.g. secondary suppression), are suppressed and left out of the
    correction family."""

    def __init__(
        self,
        *,
        correction: Correction = Correction.HOLM,
        confidence: float = 0.95,
        min_cell: int | None = None,
    ) -> None:
        self.correction = correction
        self.confidence = confidence
        self.min_cell = min_cell

    def compare(
        self,
        design: RakedDesign,
        data: Mapping[str, ArrayLike],
        variables: Sequence[str],
        *,
        domain_var: str,
        by: Factor,
        pairs: Sequence[tuple[str, str]] | None = None,
        kind: EstimateKind = EstimateKind.MEAN,
        unpublished: Mapping[str, Collection[str]] | None = None,
    ) -> tuple[DomainDifference, ...]:
        """unpublished: variable → the domains whose own estimate is not published."""
        if kind is EstimateKind.TOTAL:
            raise StatsError("Domain comparisons are for means and proportions.")
        cells = CellDesign.build(design, {domain_var: by})
        levels = by.levels
        index = {level: i for i, level in enumerate(levels)}
        if pairs is None:
            pairs = list(combinations(levels, 2))
        for a, b in pairs:
            if a not in index or b not in index or a == b:
                raise StatsError(
                    f"Cannot compare {a!r} with {b!r}: both must be distinct domains of {domain_var}."
                )
        member = _domains_member(cells.domain_codes[domain_var], len(levels))
        z_crit = NormalDist().inv_cdf(0.5 + self.confidence / 2)
        proportion = kind is EstimateKind.PROPORTION
        sums = CellSums.collect(
            cells,
            {v: _values(data, v, design.n, kind) for v in variables},
            counted=variables if proportion else (),
        )
        ds = DomainSums.of(cells, sums, member)
        mean = ds.means()
        first = np.array([index[a] for a, _ in pairs], dtype=np.intp)
        second = np.array([index[b] for _, b in pairs], dtype=np.intp)
        safe = np.where(ds.weight > 0, ds.weight, 1.0)
        # The difference's influence: (y − m1)/Ŵ1 in domain 1 minus (y − m2)/Ŵ2 in domain 2.
        scale = (
            member[:, None, first] / safe[None, :, first] - member[:, None, second] / safe[None, :, second]
        )
        centre = (
            member[:, None, first] * mean[None, :, first] + member[:, None, second] * mean[None, :, second]
        )
        variance = linearised_variance(cells, sums, scale, centre)
        floor = 1 if self.min_cell is None else self.min_cell
        hidden = unpublished or {}

        def withheld(i: int, d: int) -> bool:
            n = int(ds.n[i, d])
            if self.min_cell is None:
                return n < floor
            return is_disclosive(n, self.min_cell, count=int(ds.yes[i, d]) if proportion else None)

        rows: list[DomainDifference] = []
        for i, variable in enumerate(variables):
            for j, (a, b) in enumerate(pairs):
                n1, n2 = int(ds.n[i, first[j]]), int(ds.n[i, second[j]])
                if (
                    withheld(i, int(first[j]))
                    or withheld(i, int(second[j]))
                    or a in hidden.get(variable, ())
                    or b in hidden.get(variable, ())
                ):
                    rows.append(
                        DomainDifference(
                            variable,
                            domain_var,
                            a,
                            b,
                            None,
                            None,
                            None,
                            None,
                            None,
                            None,
                            None,
                            n1,
                            n2,
                            suppressed=self.min_cell is not None or bool(hidden),
                        )
                    )
                    continue
                diff = float(mean[i, first[j]] - mean[i, second[j]])
                se = math.sqrt(float(variance[i, j]))
                z = diff / se if se > 0 else (math.copysign(math.inf, diff) if diff else 0.0)
                p = math.erfc(abs(z) / math.sqrt(2.0))
                rows.append(
                    DomainDifference(
                        variable,
                        domain_var,
                        a,
                        b,
                        diff,
                        se,
                        diff - z_crit * se,
                        diff + z_crit * se,
                        z,
                        p,
                        None,
                        n1,
                        n2,
                    )
                )
        tested = [i for i, row in enumerate(rows) if row.p_value is not None]
        adjusted = adjust([float(rows[i].p_value or 0.0) for i in tested], self.correction)
        for i, p_adj in zip(tested, adjusted, strict=True):
            row = rows[i]
            rows[i] = DomainDifference(**{**row.__dict__, "p_adjusted": float(p_adj)})
        return tuple(rows)
