"""Raking, estimation, comparison and disclosure control for one Situation Analysis."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

import numpy as np
from numpy.typing import NDArray

from interventures.core.stats import (
    DEFAULT_MIN_CELL,
    DISCLOSURE_RULE,
    Correction,
    DomainComparison,
    EstimateKind,
    Estimator,
    Factor,
    Margin,
    RakedDesign,
    Raker,
    Suppression,
    cronbach_alpha,
    is_disclosive,
    suppress,
    suppress_distribution,
)
from interventures.core.stats import ItemSpec as StatsItemSpec

from .columns import Columns, FigureUnit

OTHER = "other"
POOLED = "ALL"
Progress = Callable[[int, str], None]


class FigureKind(StrEnum):
    MEAN = "mean"
    PROPORTION = "proportion"
    DIFFERENCE = "difference"
    """Between two domains (`domain` minus `other`), in the unit of the variable compared."""


@dataclass(frozen=True)
class FigureRow:
    """One published figure. Suppressed rows carry no value, only their n."""

    identifier: str
    variable: str
    kind: FigureKind
    unit: FigureUnit
    domain_var: str = ""
    domain: str = ""
    other: str = ""  # the second domain of a difference
    estimate: float | None = None
    se: float | None = None
    ci_low: float | None = None
    ci_high: float | None = None
    deff: float | None = None
    n: int = 0
    n_other: int = 0
    n_missing: int = 0
    p_value: float | None = None
    p_adjusted: float | None = None
    suppressed: bool = False
    suppressed_by: str = ""  # why: a Suppression value ("n", "count", "secondary", "compared")

    @property
    def section(self) -> str:
        return self.variable.split("-", 1)[0]

    @property
    def key(self) -> str:
        return self.variable.split("-", 1)[1]


@dataclass(frozen=True)
class AnalysisResult:
    figures: tuple[FigureRow, ...]
    diagnostics: Mapping[str, Any] = field(default_factory=dict)


def collapse_categories(
    sample: Mapping[str, int], population: Mapping[str, float], min_n: int
) -> dict[str, str]:
    """Weighting classes of one margin variable: each category maps to itself, or to OTHER when it
    has fewer than `min_n` respondents or no population; an OTHER class without respondents or
    without population joins the category with the largest population (docs/methods/situation-report.md)."""
    categories = sorted(set(sample) | {c for c, v in population.items() if v > 0})
    mapping = {c: c if sample.get(c, 0) >= min_n and population.get(c, 0) > 0 else OTHER for c in categories}
    rare = [c for c, g in mapping.items() if g == OTHER]
    if rare:
        n_other = sum(sample.get(c, 0) for c in rare)
        pop_other = sum(population.get(c, 0) for c in rare)
        if n_other == 0 or pop_other <= 0:
            kept = [c for c, g in mapping.items() if g != OTHER]
            if kept:
                target = max(kept, key=lambda c: population.get(c, 0))
                for c in rare:
                    mapping[c] = target
            else:  # no category stands on its own: one class for everyone
                mapping = dict.fromkeys(categories, OTHER)
    return mapping


@dataclass(frozen=True)
class Raked:
    """The raked sample: `rows` of the columns given (those with size class and sector), their
    `data` and the `design` (weights and what the variance needs); `collapsed` weighting classes."""

    rows: NDArray[np.intp]
    data: Columns
    design: RakedDesign
    collapsed: dict[str, dict[str, str]]


class SituationAnalysis:
    """Rake the respondents of one region (margins: size class and sector) or of each region of a
    pooled run to its own margins (regions as strata, so every region's figure is the one of its
    own report), estimate every analysis variable with its
    linearised SE, 95 % CI, design effect and n (overall and by size class, or by region when
    pooled), compare regions pairwise (Holm-corrected within each variable), and suppress every
    figure that fails the threshold rule with `min_cell` (n; a proportion also its count and
    complement), the domains that would give a suppressed one away, and every difference with a
    suppressed side."""

    def __init__(
        self,
        *,
        min_cell: int = DEFAULT_MIN_CELL,
        collapse_min: int = DEFAULT_MIN_CELL,
        tolerance: float = 1e-10,
        max_iterations: int = 1000,
        confidence: float = 0.95,
    ) -> None:
        self.min_cell = min_cell
        self.collapse_min = collapse_min
        self.tolerance = tolerance
        self.max_iterations = max_iterations
        self.confidence = confidence

    def run(
        self,
        columns: Columns,
        population: Sequence[tuple[str, str, str, float]],
        *,
        scope: str,
        progress: Progress | None = None,
    ) -> AnalysisResult:
        """population: (region, size class, sector, enterprises) cells. scope: the region's code, or
        POOLED for the five-region comparison."""
        report = progress or (lambda _pct, _msg: None)
        pooled = scope == POOLED
        n_responses = len(columns)
        raked = self.rake(columns, population, pooled=pooled)
        data, design, collapsed, n = raked.data, raked.design, raked.collapsed, len(raked.data)
        population = [row for row in population if row[0] in set(columns.region)]
        weight_vars = {"size_class": data.size_class, "sector": data.sector}
        report(20, "columns")
        report(40, "raked")

        by_var = "region" if pooled else "size_class"
        by = {by_var: Factor.from_values(list(data.region if pooled else data.size_class))}
        estimates = Estimator(confidence=self.confidence).estimate(
            design, data.values, means=list(data.means), proportions=list(data.proportions), by=by
        )
        published = suppress(estimates, self.min_cell)
        unpublished: dict[str, set[str]] = {}
        figures: list[FigureRow] = []
        for e in published:
            if e.suppressed and e.domain is not None:
                unpublished.setdefault(e.variable, set()).add(e.domain)
            domain = e.domain or ""
            figures.append(
                FigureRow(
                    identifier=figure_id(scope, e.variable, domain),
                    variable=e.variable,
                    kind=FigureKind(e.kind.value),
                    unit=data.unit_of(e.variable),
                    domain_var=e.domain_var or "",
                    domain=domain,
                    estimate=e.estimate,
                    se=e.se,
                    ci_low=e.ci_low,
                    ci_high=e.ci_high,
                    deff=e.deff,
                    n=e.n,
                    n_missing=e.n_missing,
                    suppressed=e.suppressed,
                    suppressed_by=e.suppressed_by.value if e.suppressed_by else "",
                )
            )
        report(70, "estimated")

        if pooled and len(by[by_var].levels) > 1:
            comparison = DomainComparison(
                correction=Correction.HOLM, confidence=self.confidence, min_cell=self.min_cell
            )
            for variable in (*data.means, *data.proportions):
                kind = EstimateKind.MEAN if variable in data.means else EstimateKind.PROPORTION
                for d in comparison.compare(
                    design,
                    data.values,
                    [variable],
                    domain_var=by_var,
                    by=by[by_var],
                    kind=kind,
                    unpublished=unpublished,
                ):
                    figures.append(
                        FigureRow(
                            identifier=figure_id(scope, variable, f"{d.first}-vs-{d.second}"),
                            variable=variable,
                            kind=FigureKind.DIFFERENCE,
                            unit=data.unit_of(variable),
                            domain_var=by_var,
                            domain=d.first,
                            other=d.second,
                            estimate=d.difference,
                            se=d.se,
                            ci_low=d.ci_low,
                            ci_high=d.ci_high,
                            n=d.n_first,
                            n_other=d.n_second,
                            p_value=d.p_value,
                            p_adjusted=d.p_adjusted,
                            suppressed=d.suppressed,
                            suppressed_by=Suppression.COMPARED.value if d.suppressed else "",
                        )
                    )
        report(90, "compared")

        diag = design.diagnostics
        reliability = (
            cronbach_alpha(data.items, {k: StatsItemSpec(d) for k, d in data.item_dimensions.items()})
            if data.items
            else ()
        )
        diagnostics: dict[str, Any] = {
            "scope": scope,
            "min_cell": self.min_cell,
            "disclosure_rule": DISCLOSURE_RULE,
            "responses": n_responses,
            "used": n,
            "excluded_incomplete_profile": n_responses - n,
            "raking": {
                "variables": list(weight_vars),
                "strata": "region" if pooled else None,
                "iterations": diag.iterations,
                "converged": diag.converged,
                "max_margin_error": diag.max_margin_error,
                "effective_n": diag.effective_n,
                "design_effect": diag.design_effect,
                "weight_total": diag.weight_total,
                "weight_min": diag.weight_min,
                "weight_max": diag.weight_max,
                "weight_ratio": diag.weight_ratio,
                "collapsed": collapsed,
            },
            "population": _population_table(population),
            "sample": {
                var: self._counts(Counter(str(v) for v in values))
                for var, values in {
                    "size_class": data.size_class,
                    "sector": data.sector,
                    "region": data.region,
                }.items()
            },
            "reliability": [
                {"dimension": r.dimension, "alpha": r.alpha, "items": r.items, "n": r.n}
                for r in reliability
                if not is_disclosive(r.n, self.min_cell)
            ],
        }
        report(100, "done")
        return AnalysisResult(tuple(figures), diagnostics)

    def rake(
        self, columns: Columns, population: Sequence[tuple[str, str, str, float]], *, pooled: bool = False
    ) -> Raked:
        """The respondents who gave both the size class and the sector, raked to the population
        margins (size class and sector; pooled: within each region, regions as strata). The weights
        every figure of the analysis rests on; the key players directory weighs its need with them."""
        complete = np.array(
            [
                s is not None and t is not None
                for s, t in zip(columns.size_class, columns.sector, strict=True)
            ],
            dtype=bool,
        )
        regions_in_sample = set(columns.region)
        population = [row for row in population if row[0] in regions_in_sample]
        data = columns.take(np.flatnonzero(complete).astype(np.intp))
        n = len(data)
        if n == 0:
            raise ValueError("No respondent gave both the size class and the sector.")
        if not population:
            raise ValueError("No population figures for the region(s) of the survey.")

        weight_vars = {"size_class": data.size_class, "sector": data.sector}
        # Each region is its own sample, raked to its own margins (with its own collapsed
        # categories): pooled, the margins are region × size class and region × sector and the
        # regions are strata, so a region's figures here are exactly those of its own report.
        regions = [str(r) for r in data.region] if pooled else ["" for _ in range(n)]
        pop_index = {"size_class": 1, "sector": 2}
        factors: dict[str, Factor] = {}
        margins: list[Margin] = []
        collapsed: dict[str, dict[str, str]] = {}
        for var, values in weight_vars.items():
            grouped: list[str] = [""] * n
            totals: dict[str, float] = {}
            for region in sorted(set(regions)):
                members = [i for i, r in enumerate(regions) if r == region]
                pop: dict[str, float] = {}
                for row in population:
                    if not pooled or row[0] == region:
                        key = str(row[pop_index[var]])
                        pop[key] = pop.get(key, 0.0) + float(row[3])
                mapping = collapse_categories(
                    Counter(str(values[i]) for i in members), pop, self.collapse_min
                )
                prefix = f"{region}|" if pooled else ""
                for i in members:
                    grouped[i] = prefix + mapping[str(values[i])]
                for category, total in pop.items():
                    key = prefix + mapping.get(category, category)
                    totals[key] = totals.get(key, 0.0) + total
                changes = {c: g for c, g in mapping.items() if g != c}
                if changes:
                    collapsed[f"{region}|{var}" if pooled else var] = changes
            factors[var] = Factor.from_values(grouped)
            margins.append(Margin(var, {k: v for k, v in totals.items() if k in set(grouped) or v > 0}))
        strata = Factor.from_values(regions) if pooled else None
        design = Raker(tolerance=self.tolerance, max_iterations=self.max_iterations).fit(
            factors, margins, strata=strata
        )
        if not design.diagnostics.converged:
            raise ValueError(
                "Raking did not converge (largest relative margin error "
                f"{design.diagnostics.max_margin_error:.3g} after {design.diagnostics.iterations} iterations): "
                "the sample cannot reproduce the population margins; check the population figures."
            )
        rows = np.flatnonzero(complete).astype(np.intp)
        return Raked(rows=rows, data=data, design=design, collapsed=collapsed)

    def _counts(self, counts: Mapping[str, int]) -> dict[str, int | None]:
        """Respondent counts by category, shown beside the number of responses used (their total):
        a count that fails the threshold rule as a share of that total is suppressed (None), and so
        are the smallest others needed to keep it from being worked out by subtraction."""
        return suppress_distribution(counts, self.min_cell)


def _population_table(population: Sequence[tuple[str, str, str, float]]) -> dict[str, dict[str, float]]:
    out: dict[str, dict[str, float]] = {"region": {}, "size_class": {}, "sector": {}}
    for region, size, sector, count in population:
        for var, key in (("region", region), ("size_class", size), ("sector", sector)):
            out[var][key] = out[var].get(key, 0.0) + float(count)
    return {var: dict(sorted(values.items())) for var, values in out.items()}


def figure_id(scope: str, variable: str, domain: str = "") -> str:
    """The stable identifier of a figure: SAR-<scope>-<section>-<key>[-<domain>], e.g.
    SAR-hu-hr-CAP-strategy, SAR-hu-hr-BAR-prefinancing-micro, SAR-ALL-CAP-finance-hu-hr-vs-lombardia."""
    base = f"SAR-{scope}-{variable}"
    return f"{base}-{domain}" if domain else base
