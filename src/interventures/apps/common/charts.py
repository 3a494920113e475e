"""One way to draw figures: Vega-Lite specs (built with Altair), shown in pages by the vendored
vega-embed and rendered to SVG/PNG for PDF and DOCX by vl-convert, so a figure looks the same on
screen and on paper."""

from __future__ import annotations

import functools
import json
from collections.abc import Callable
from typing import Any, TypeVar

import altair as alt

FONT = "DejaVu Sans, Arial, sans-serif"

KEEP_SPECS = 512
F = TypeVar("F", bound=Callable[..., dict[str, Any]])


def memoised(build: F) -> F:
    """A chart builder whose spec is kept per distinct input (the rows, titles and options, as JSON;
    a value JSON cannot write is written with its type): Altair takes tens of milliseconds to build a
    spec, and pages draw the same figures again and again. Builders are pure functions of their
    arguments; each call gets its own copy of the spec."""
    kept: dict[str, str] = {}

    @functools.wraps(build)
    def wrapper(*args: Any, **kwargs: Any) -> dict[str, Any]:
        key = json.dumps([args, kwargs], sort_keys=True, default=lambda o: f"{type(o).__name__}:{o}")
        found = kept.get(key)
        if found is None:
            found = json.dumps(build(*args, **kwargs))
            if len(kept) >= KEEP_SPECS:
                kept.pop(next(iter(kept)), None)  # the oldest
            kept[key] = found
        return json.loads(found)

    return wrapper  # type: ignore[return-value]  # same signature as build


def _config(chart: alt.TopLevelMixin) -> alt.TopLevelMixin:
    return (
        chart.configure(font=FONT)
        .configure_axis(labelFontSize=12, titleFontSize=12)
        .configure_view(strokeWidth=0)
    )


def spec_of(chart: alt.TopLevelMixin) -> dict[str, Any]:
    """The JSON-able Vega-Lite spec of an Altair chart, with the platform's look."""
    return _config(chart).to_dict(validate=False)  # specs are validated by the tests (test_charts.py)


def format_locale(language: str | None = None) -> dict[str, Any]:
    """The d3-format locale of a language (decimal mark, digit grouping, euro sign), from Django's
    format files, so that an axis reads "40 000 000" in Polish and "40.000.000" in Italian, as the
    page's tables do. Vega-embed takes it in the page (charts.js), vl-convert on paper."""
    from django.utils import formats, translation

    lang = language or translation.get_language() or "en"
    decimal = str(formats.get_format("DECIMAL_SEPARATOR", lang))
    thousands = str(formats.get_format("THOUSAND_SEPARATOR", lang))
    if thousands == " ":
        thousands = "\u00a0"  # a grouped number never breaks across lines
    grouping = int(formats.get_format("NUMBER_GROUPING", lang) or 3)
    return {
        "decimal": decimal,
        "thousands": thousands,
        "grouping": [grouping],
        "currency": ["", "\u00a0€"] if lang != "en" else ["€", ""],
        "percent": "\u00a0%" if lang != "en" else "%",
    }


def to_svg(spec: dict[str, Any], *, language: str | None = None) -> str:
    """The figure as SVG, its numbers in `language` (default: the active language). No data is
    fetched from anywhere: specs carry their data inline."""
    import vl_convert as vlc

    return str(
        vlc.vegalite_to_svg(
            vl_spec=json.dumps(spec), format_locale=format_locale(language), allowed_base_urls=[]
        )
    )


def to_png(spec: dict[str, Any], *, scale: float = 2.0, language: str | None = None) -> bytes:
    import vl_convert as vlc

    return bytes(
        vlc.vegalite_to_png(
            vl_spec=json.dumps(spec),
            scale=scale,
            format_locale=format_locale(language),
            allowed_base_urls=[],
        )
    )


@memoised
def bar_chart(
    rows: list[dict[str, Any]],
    *,
    category: str,
    value: str,
    category_title: str,
    value_title: str,
    color: str | None = None,
    width: int | str = "container",
    value_format: str = ",.0f",
    value_ticks: int | None = None,
) -> dict[str, Any]:
    """A horizontal bar chart: one bar per category, labelled with its value; `value_ticks` caps the
    number of ticks on the value axis."""
    data = alt.Data(values=rows)
    value_axis = alt.Axis(tickCount=value_ticks, format=value_format) if value_ticks else alt.Undefined
    base = alt.Chart(data).encode(
        y=alt.Y(f"{category}:N", title=category_title, sort=None),
        x=alt.X(f"{value}:Q", title=value_title, axis=value_axis),
        tooltip=[
            alt.Tooltip(f"{category}:N", title=category_title),
            alt.Tooltip(f"{value}:Q", title=value_title, format=value_format),
        ],
    )
    bars = (
        base.mark_bar(color="#1d4ed8")
        if color is None
        else base.mark_bar().encode(
            color=alt.Color(f"{color}:N", legend=alt.Legend(title=None, orient="bottom"))
        )
    )
    return spec_of(alt.layer(bars).properties(width=width))
