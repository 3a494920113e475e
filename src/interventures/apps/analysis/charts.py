"""Charts of the Situation Analysis: estimates with their 95 % confidence intervals as error bars
(Altair → Vega-Lite, through the platform's helpers in apps/common/charts.py)."""

from __future__ import annotations

import json
import textwrap
from collections.abc import Mapping, Sequence
from typing import Any

import altair as alt

from interventures.apps.common.charts import spec_of
from interventures.apps.common.selectors import OTHER_COLOUR as OTHERS

HIGHLIGHT = "#1d4ed8"

LABEL_LINE = 28  # characters per line of a category label (about 180 px at the axis font)


def wrapped_labels(labels: Sequence[str]) -> str:
    """A Vega label expression that breaks long category labels into lines at word boundaries, so
    that no label is cut off ("Vezetői elkötelezettség és ...") on the page or in the PDF."""
    lines = {
        label: textwrap.wrap(label, LABEL_LINE, break_long_words=False) or [label]
        for label in dict.fromkeys(labels)
        if len(label) > LABEL_LINE
    }
    return f"{json.dumps(lines, ensure_ascii=False)}[datum.label] || datum.label" if lines else "datum.label"


def label_lines(label: str) -> int:
    return len(textwrap.wrap(label, LABEL_LINE, break_long_words=False)) if len(label) > LABEL_LINE else 1


def estimate_chart(
    rows: list[dict[str, Any]],
    *,
    category: str,
    category_title: str,
    value_title: str,
    group: str | None = None,
    highlight: str | None = None,
    colours: Mapping[str, str] | None = None,
    domain: tuple[float, float] = (0, 100),
    width: int | str = "container",
) -> dict[str, Any]:
    """Points at the estimates with horizontal error bars from `low` to `high`; one row per category,
    or one band per category with a mark per `group`, coloured by `colours` (group value → colour; the
    `highlight`ed group first in the legend).
    Rows carry estimate, low, high and n (shown in the tooltip)."""
    data = alt.Data(values=rows)
    # The axis title is left out: long labels would run into it; the figure caption names the axis.
    y = alt.Y(
        f"{category}:N",
        title=None,
        sort=None,
        axis=alt.Axis(
            labelLimit=190, labelLineHeight=14, labelExpr=wrapped_labels([str(r[category]) for r in rows])
        ),
    )
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
        groups = sorted({r[group] for r in rows} - {highlight})
        shown = ([highlight] if highlight is not None else []) + groups
        palette = alt.Color(
            f"{group}:N",
            legend=alt.Legend(title=None, orient="bottom", columns=2),
            scale=alt.Scale(scheme="tableau10")
            if colours is None
            else alt.Scale(domain=shown, range=[colours.get(g, OTHERS) for g in shown]),
        )
        encodings["color"] = palette
    base = alt.Chart(data).encode(**encodings)
    bars = base.mark_rule(strokeWidth=2).encode(
        x=alt.X("low:Q", title=value_title, scale=x_scale), x2="high:Q", tooltip=tooltip
    )
    point_colour: dict[str, Any] = {} if group else {"color": HIGHLIGHT}
    points = base.mark_point(filled=True, size=60, **point_colour).encode(
        x=alt.X("estimate:Q", scale=x_scale), tooltip=tooltip
    )
    if group is None:
        bars = bars.mark_rule(strokeWidth=2, color=HIGHLIGHT)
    step = 12 if group else 22
    # A band holds its label's lines (14 px each): a wrapped label never runs into the next one.
    lines = max((label_lines(str(r[category])) for r in rows), default=1)
    bands = len({r[group] for r in rows}) if group else 1
    step = max(step, -(-(14 * lines + 8) // bands))
    chart = alt.layer(bars, points).properties(width=width, height=alt.Step(step))
    return spec_of(chart)
