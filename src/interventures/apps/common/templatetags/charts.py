from __future__ import annotations

import json
from typing import Any

from django import template
from django.utils.html import format_html, json_script
from django.utils.safestring import mark_safe

from ..charts import format_locale

register = template.Library()


@register.simple_tag
def vega_chart(spec: dict[str, Any], element_id: str, label: str) -> str:
    """A figure container and its spec; static/interventures/charts.js draws it with vega-embed.
    The `label` names the chart for screen readers; the page also shows the numbers in a table."""
    spec_json = json_script(spec, f"{element_id}-spec")
    # json_script's output is safe; str.replace drops the SafeString mark, so restore it.
    spec_json = mark_safe(  # noqa: S308
        spec_json.replace(
            'type="application/json"', f'type="application/json" data-chart-for="{element_id}"', 1
        )
    )
    return format_html(
        '<div id="{}" class="chart" role="img" aria-label="{}" data-format-locale="{}"></div>{}',
        element_id,
        label,
        json.dumps(format_locale()),
        spec_json,
    )


@register.filter
def as_json(value: Any) -> str:
    return json.dumps(value)
