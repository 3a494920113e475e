"""Charts of the Situation Analysis: estimates with their 95 % confidence intervals as error bars
(Altair → Vega-Lite, through the platform's helpers in apps/web/charts.py)."""

from __future__ import annotations

from typing import Any

import altair as alt

from interventures.apps.web.charts import spec_of

HIGHLIGHT = "#1d4ed8"
OTHERS = "#9ca3af"


def estimate_chart(
    rows: list[dict[str, Any]],
    *,
    category: str,
    category_title: str,
    value_title: str,
    group: str | None = None,
    highlight: str | None = None,
    domain: tuple[float, float] = (0, 100),
    width: int | str = "container",
) -> dict[str, Any]:
    """Points at the estimates with horizontal error bars from `low` to `high`; one row per category,
    or one band per category with a mark per `group` (the highlighted group drawn in the accent colour).
    Rows carry estimate, low, high and n (shown in the tooltip)."""
    data = alt.Data(values=rows)
    # The axis title is left out: long labels would run into it; the figure caption names the axis.
    y = alt.Y(f"{category}:N", title=None, sort=None, axis=alt.Axis(labelLimit=170))
    x_scale = alt.Scale(domain=list(domain), nice=False)
    tooltip = [
        alt.Tooltip(f"{category}:N", title=category_title),
        alt.Tooltip("estimate:Q", title=value_title, format=".1f"),
        alt.Tooltip("low:Q", format=".1f"),
        alt.Tooltip("high:Q", format=".1f"),
        alt.Tooltip("n:Q"),
    ]
    encodings: dict[str, Any] = {"y": y}
    if group is not None:
        tooltip.insert(0, alt.Tooltip(f"{group}:N"))
        encodings["yOffset"] = alt.YOffset(f"{group}:N")
        palette = alt.Color(
            f"{group}:N",
            legend=alt.Legend(title=None, orient="bottom", columns=2),
            scale=alt.Scale(scheme="tableau10")
            if highlight is None
            else alt.Scale(
                domain=[highlight, *sorted({r[group] for r in rows} - {highlight})],
                range=[HIGHLIGHT, "#b45309", "#047857", "#7c3aed", "#be123c", OTHERS],
            ),
        )
        encodings["color"] = palette
    base = alt.Chart(data).encode(**encodings)
    bars = base.mark_rule(strokeWidth=2).encode(
        x=alt.X("low:Q", title=value_title, scale=x_scale), x2="high:Q", tooltip=tooltip
    )
    points = base.mark_point(filled=True, size=60, **({} if group else {"color": HIGHLIGHT})).encode(
        x=alt.X("estimate:Q", scale=x_scale), tooltip=tooltip
    )
    if group is None:
        bars = bars.mark_rule(strokeWidth=2, color=HIGHLIGHT)
    step = 12 if group else 22
    chart = alt.layer(bars, points).properties(width=width, height=alt.Step(step))
    return spec_of(chart)
