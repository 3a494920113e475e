from __future__ import annotations

from typing import Any

from django import template

from ..translated import tr as _tr

register = template.Library()


@register.filter(name="tr")
def tr(obj: Any, field: str) -> str:
    """{{ region|tr:"name" }}: the field in the active language, falling back to the base text."""
    return _tr(obj, field)
