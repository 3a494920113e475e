"""The five-region comparison: every region's figures side by side (from the pooled run, where each
region is raked to its own size class and sector margins, so its figures are those of its own
report) and the pairwise differences between regions with Holm-corrected p-values."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field, replace
from typing import Any

from django.core.cache import cache
from django.utils import translation
from django.utils.translation import gettext as _

from interventures.apps.common import versions
from interventures.apps.common.disclosure import min_cell
from interventures.apps.common.documents import KEEP_SECONDS, layout_version
from interventures.apps.common.sections import Chart, Table
from interventures.apps.common.selectors import region_colours
from interventures.apps.partnership.selectors import region_names
from interventures.core.situation.analysis import figure_id

from . import charts
from .models import AnalysisRun, Figure, FigureKind
from .report import FigureText, Labels, fmt
from .report.context import run_key
from .selectors import figure_list, run_latest

SECTIONS = (
    ("CAP", "capacity"),
    ("ACT", "activity"),
    ("BAR", "barriers"),
    ("AWA", "aware"),
    ("USE", "used"),
    ("PRG", "programme"),
    ("NEED", "needs"),
)


@dataclass
class ComparisonSection:
    anchor: str
    title: str
    chart: Chart | None
    table: Table
    codes: list[str]
    """The indicator code of each row: with a region's code it makes the figure's identifier."""
    differences: list[tuple[str, Table]] = field(default_factory=list)

    @property
    def lines(self) -> list[tuple[str, list[str]]]:
        return list(zip(self.codes, self.table.rows, strict=True))


@dataclass
class Comparison:
    run: AnalysisRun | None
    regions: list[tuple[str, str]]
    sections: list[ComparisonSection]
    diagnostics: dict[str, Any]
    key: str = ""
    """What it was built from, as a cache key (the page keeps its rendered tables under it)."""

    @property
    def example(self) -> str:
        """An identifier to show how they are made: the first region's first indicator."""
        if not self.regions or not self.sections:
            return ""
        return figure_id(self.regions[0][0], self.sections[0].codes[0])


def _titles() -> dict[str, str]:
    return {
        "CAP": _("Capacity by dimension (score 0–100)"),
        "ACT": _("Internationalisation activity"),
        "BAR": _("Barriers to internationalisation"),
        "AWA": _("Support organisations known"),
        "USE": _("Support organisations used in the last three years"),
        "PRG": _("The programme's calls"),
        "NEED": _("Support needs"),
    }


def build_comparison(*, lang: str) -> Comparison:
    """The comparison of the latest pooled run in `lang`, kept in the cache until a new run is made."""
    run = run_latest(region=None)
    key = f"iv-comparison:{layout_version()}:{lang}:{run_key(run)}:{min_cell()}:{versions.token()}"
    found = cache.get(key)
    if isinstance(found, Comparison):
        return found
    comparison = replace(_build_comparison(lang, run), key=key)
    cache.set(key, comparison, KEEP_SECONDS)
    return comparison


def _build_comparison(lang: str, run: AnalysisRun | None) -> Comparison:
    with translation.override(lang):
        labels = Labels(lang, run=run)
        figures = list(figure_list(run=run))
        names = region_names(lang)
        codes = sorted(
            {f.domain for f in figures if f.domain_var == "region" and f.kind != FigureKind.DIFFERENCE}
        )
        regions = [(c, names.get(c, c)) for c in codes]
        by_var: dict[str, dict[str, Figure]] = defaultdict(dict)
        diffs: dict[str, list[Figure]] = defaultdict(list)
        for f in figures:
            if f.kind == FigureKind.DIFFERENCE:
                diffs[f.variable].append(f)
            elif f.domain_var == "region":
                by_var[f.variable][f.domain] = f
            else:
                by_var[f.variable]["__all__"] = f
        titles = _titles()
        sections = []
        for prefix, anchor in SECTIONS:
            variables = [v for v in by_var if v.split("-", 1)[0] == prefix]
            if not variables:
                continue
            headers = [_("Indicator"), *[name for _c, name in regions], _("All regions")]
            rows = []
            chart_rows = []
            for v in variables:
                row = [labels.of(v)]
                for code, name in regions:
                    cell = by_var[v].get(code)
                    row.append(FigureText(cell).compact if cell else "–")
                    if prefix == "CAP" and cell is not None and not cell.suppressed:
                        chart_rows.append(
                            {
                                "dimension": labels.of(v),
                                "region": name,
                                "estimate": cell.estimate,
                                "low": cell.ci_low,
                                "high": cell.ci_high,
                                "n": cell.n,
                            }
                        )
                total = by_var[v].get("__all__")
                row.append(FigureText(total).compact if total else "–")
                rows.append(row)
            chart = None
            if chart_rows:
                chart = Chart(
                    "chart-comparison-capacity",
                    _("Capacity score by dimension and region (95 % CI)"),
                    charts.estimate_chart(
                        chart_rows,
                        category="dimension",
                        category_title=_("Dimension"),
                        value_title=_("Score (0–100), 95 % CI"),
                        group="region",
                        colours=region_colours(dict(regions)),
                    ),
                )
            section = ComparisonSection(
                anchor,
                titles[prefix],
                chart,
                Table(_("Estimate (95 % CI) and n"), headers, rows),
                variables,
            )
            for v in variables:
                drows = []
                for d in diffs.get(v, []):
                    t = FigureText(d)
                    drows.append(
                        [
                            d.identifier,
                            f"{names.get(d.domain, d.domain)} − {names.get(d.other, d.other)}",
                            t.estimate,
                            t.ci,
                            t.se,
                            "–" if d.p_value is None else _p(d.p_value),
                            "–" if d.p_adjusted is None else _p(d.p_adjusted),
                        ]
                    )
                if drows:
                    section.differences.append(
                        (
                            labels.of(v),
                            Table(
                                _("Pairwise differences between regions: %(indicator)s")
                                % {"indicator": labels.of(v)},
                                [
                                    _("Identifier"),
                                    _("Regions"),
                                    _("Difference"),
                                    _("95 % CI"),
                                    _("SE"),
                                    _("p"),
                                    _("p (Holm)"),
                                ],
                                drows,
                                (2, 3, 4, 5, 6),
                            ),
                        )
                    )
            sections.append(section)
        return Comparison(run, regions, sections, dict(run.diagnostics) if run else {})


def _p(p: float) -> str:
    return "< 0.001" if p < 0.001 else fmt(p, 3)
