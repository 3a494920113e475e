from __future__ import annotations

from dataclasses import dataclass
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


@dataclass(frozen=True)
class Written:
    """What a user wrote, for one reader: the text to show and its language; `original` (with its
    language) when the text shown is a translation."""

    text: str
    lang: str
    original: str = ""
    original_lang: str = ""
    original_name: str = ""


@register.simple_tag
def written(obj: Any, field: str) -> Written:
    """A comment's, monitoring entry's or improvement's `field` as the reader should see it: the
    translation into the page's language if there is one, else into English (the partnership's
    working language), else the original; always with the language it is in (for `lang`)."""
    from django.utils.translation import get_language, get_language_info

    from interventures.apps.common.languages import base

    original = str(getattr(obj, field, "") or "")
    source = getattr(obj, "language", "") or "en"
    translations = getattr(obj, "translations", None) or {}
    reader = base(get_language())
    if reader == source:
        return Written(original, source)
    for lang in dict.fromkeys((reader, "en")):
        text = (translations.get(lang) or {}).get(field, "")
        if lang != source and text and original:
            name = str(get_language_info(source)["name_translated"])
            return Written(str(text), lang, original, source, name)
    return Written(original, source)
