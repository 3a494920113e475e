"""Section 4: capacity by dimension, beside the other regions, and by size class."""

from __future__ import annotations

from django.utils.translation import gettext as _

from interventures.apps.common.sections import (
    Chart,
    Section,
    Table,
)
from interventures.apps.common.selectors import region_colours
from interventures.core.situation.analysis import figure_id

from ... import charts
from ..context import ReportContext, overall
from ..text import FigureText, category_order, figure_headers, figure_row


def build(ctx: ReportContext) -> Section:
    labels = ctx.labels
    figures = ctx.figures
    scope = ctx.scope
    no_data = ctx.no_data
    other_figures = ctx.other_figures
    region_names = ctx.region_names
    s4 = Section(4, "capacity", _("Capacity by dimension"))
    cap = overall(figures, scope, "CAP")
    if not cap:
        s4.blocks.append(no_data)
    else:
        order = [f.variable for f in cap]
        chart_rows = []
        for code, figs in [(scope, figures), *other_figures.items()]:
            for variable in order:
                f = figs.get(figure_id(code, variable))
                if f is not None and not f.suppressed:
                    chart_rows.append(
                        {
                            "dimension": labels.of(variable),
                            "region": region_names.get(code, code),
                            "estimate": f.estimate,
                            "low": f.ci_low,
                            "high": f.ci_high,
                            "n": f.n,
                        }
                    )
        s4.blocks.append(
            Chart(
                "chart-capacity",
                _("Capacity score by dimension (0–100, 95 % CI), this region beside the other regions"),
                charts.estimate_chart(
                    chart_rows,
                    category="dimension",
                    category_title=_("Dimension"),
                    value_title=_("Score (0–100), 95 % CI"),
                    group="region",
                    highlight=region_names.get(scope, scope),
                    colours=region_colours(region_names),
                    domain=(0, 100),
                ),
            )
        )
        s4.blocks.append(
            Table(
                _("Capacity score by dimension (0–100), weighted"),
                figure_headers(),
                [figure_row(f, labels.of(f.variable)) for f in cap],
                (2, 3, 4, 5, 6),
            )
        )
        codes = [scope, *sorted(other_figures)]
        side = []
        for variable in order:
            row = [labels.of(variable)]
            for code in codes:
                figs = figures if code == scope else other_figures[code]
                f = figs.get(figure_id(code, variable))
                row.append(FigureText(f).compact if f else "–")
            side.append(row)
        s4.blocks.append(
            Table(
                _("This region beside the other regions: score (95 % CI), n"),
                [_("Dimension"), *[region_names.get(c, c) for c in codes]],
                side,
            )
        )
        by_size = sorted(
            (f for f in figures.values() if f.section == "CAP" and f.domain_var == "size_class"),
            key=lambda f: (order.index(f.variable) if f.variable in order else 99, category_order(f.domain)),
        )
        if by_size:
            s4.blocks.append(
                Table(
                    _("Capacity score by size class"),
                    [_("Identifier"), _("Dimension"), _("Size class"), _("Estimate"), _("95 % CI"), _("n")],
                    [
                        [
                            f.identifier,
                            labels.of(f.variable),
                            labels.size(f.domain),
                            FigureText(f).estimate,
                            FigureText(f).ci,
                            FigureText(f).n,
                        ]
                        for f in by_size
                    ],
                    (3, 4, 5),
                )
            )
    return s4
