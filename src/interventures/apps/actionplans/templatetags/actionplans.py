from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import template
from django.utils.formats import number_format

from ..models import ActionStatus

register = template.Library()


@register.filter
def get(mapping: Any, key: Any) -> Any:
    return mapping.get(key) if hasattr(mapping, "get") else None


@register.filter
def percent(value: Decimal) -> str:
    return f"{number_format(round(float(value) * 100), use_l10n=True)} %"


@register.filter
def action_status(value: str) -> str:
    return str(dict(ActionStatus.choices).get(str(value), value))


@register.filter
def next_of(items: Any, index: int) -> Any:
    """The item after `index` in a list (the older version in a newest-first history)."""
    return items[index + 1] if index + 1 < len(items) else None


@register.filter
def what(code: str) -> str:
    from ..labels import version_what

    return version_what(code)
