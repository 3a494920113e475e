from __future__ import annotations

import json
from typing import Any

from django import template
from django.utils.html import format_html, json_script

register = template.Library()


@register.simple_tag
def vega_chart(spec: dict[str, Any], element_id: str, label: str) -> str:
    """A figure container and its spec; static/interventures/charts.js draws it with vega-embed.
    The `label` names the chart for screen readers; the page also shows the numbers in a table."""
    spec_json = json_script(spec, f"{element_id}-spec")
    spec_json = spec_json.replace('type="application/json"', f'type="application/json" data-chart-for="{element_id}"', 1)
    return format_html('<div id="{}" class="chart" role="img" aria-label="{}"></div>{}', element_id, label, spec_json)


@register.filter
def as_json(value: Any) -> str:
    return json.dumps(value)
