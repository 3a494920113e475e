"""Translations of content users enter (names, descriptions), as opposed to interface strings.

Convention: a model that carries them has `translations = JSONField(default=dict, blank=True)` holding
{"hu": {"name": "…", "description": "…"}, "hr": {…}}; the base fields hold the English text.
`tr(obj, "name")` gives the text in the active language and falls back to the base field.
In templates: `{% load translated %}{{ region|tr:"name" }}`.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from .languages import base


def translations_field() -> models.JSONField:
    return models.JSONField(
        _("translations"),
        default=dict,
        blank=True,
        help_text=_('Text in other languages, e.g. {"hu": {"name": "…"}}; the fields above hold English.'),
    )


def tr(obj: Any, field: str, lang: str | None = None) -> str:
    """The text of `field` in `lang` (default: the active language), else the base field."""
    lang = base(lang or get_language())
    translations = getattr(obj, "translations", None) or {}
    text = (translations.get(lang) or {}).get(field)
    if text:
        return str(text)
    value = getattr(obj, field, "")
    return "" if value is None else str(value)


def in_every_language(field: str, text: Callable[[], str]) -> tuple[str, dict[str, dict[str, str]]]:
    """Content the platform writes itself (a demo campaign's name, a copy's "(adapted)"), in every
    language: `text()` in English for the base field, and `translations` for the others, so that
    `tr` shows it in the reader's language."""
    from django.conf import settings
    from django.utils import translation

    with translation.override("en"):
        base = str(text())
    translations = {}
    for lang, _name in settings.LANGUAGES:
        if lang != "en":
            with translation.override(lang):
                translations[lang] = {field: str(text())}
    return base, translations
