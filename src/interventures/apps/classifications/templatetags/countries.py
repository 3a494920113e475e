from __future__ import annotations

from django import template
from django.utils.translation import get_language

from interventures.reference.countries import country_name as _country_name

register = template.Library()


@register.filter
def country_name(code: str, default: str = "") -> str:
    """`{{ code|country_name:source_name }}`: the country's name in the page language; the source's
    name (or the code) for a code the table does not know (e.g. TC, the cooperation programmes)."""
    return _country_name(code, get_language() or "en", default or code)
