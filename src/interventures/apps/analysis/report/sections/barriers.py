"""Section 5: barriers to internationalisation, ranked."""

from __future__ import annotations

from django.utils.translation import gettext as _

from interventures.apps.common.sections import (
    Chart,
    Section,
    Table,
)
from interventures.core.situation.analysis import figure_id

from ... import charts
from ..context import ReportContext, overall, ranked
from ..text import figure_headers, figure_row, prop_rows


def build(ctx: ReportContext) -> Section:
    labels = ctx.labels
    figures = ctx.figures
    scope = ctx.scope
    no_data = ctx.no_data
    s5 = Section(5, "barriers", _("Barriers to internationalisation, ranked"))
    bars = ranked([f for f in overall(figures, scope, "BAR") if f.variable != "BAR-none"])
    if not bars:
        s5.blocks.append(no_data)
    else:
        s5.blocks.append(
            Chart(
                "chart-barriers",
                _("Share of SMEs naming each barrier (95 % CI)"),
                charts.estimate_chart(
                    prop_rows(bars, labels),
                    category="label",
                    category_title=_("Barrier"),
                    value_title=_("Share of SMEs (%), 95 % CI"),
                    domain=(0, 100),
                ),
            )
        )
        rows = [[str(i + 1), *figure_row(f, labels.of(f.variable))] for i, f in enumerate(bars)]
        none = figures.get(figure_id(scope, "BAR-none"))
        if none is not None:
            rows.append(["–", *figure_row(none, labels.choices["barriers"].get("none", "none"))])
        s5.blocks.append(
            Table(
                _("Barriers named by the region's SMEs (weighted share; several answers possible)"),
                [_("Rank"), *figure_headers()],
                rows,
                (3, 4, 5, 6, 7),
            )
        )
    return s5
