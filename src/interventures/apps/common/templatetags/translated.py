from __future__ import annotations

from typing import Any

from django import template

from ..translated import tr as _tr

register = template.Library()


@register.filter(name="tr")
def tr(obj: Any, field: str) -> str:
    """{{ region|tr:"name" }}: the field in the active language, falling back to the base text."""
    return _tr(obj, field)


@register.filter(name="before_full_stop")
def before_full_stop(text: Any) -> str:
    """A name that ends a sentence, without its own final full stop, so that the sentence's full stop
    is not doubled: Croatian and Hungarian ordinals end in one ("2014.–2020."), and a sentence that
    ends with such a name keeps a single stop ("… 2014.–2020.", not "2014.–2020..")."""
    value = str(text)
    return value[:-1] if value.endswith(".") and not value.endswith("..") else value
