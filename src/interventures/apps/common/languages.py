"""The platform's languages: codes, the active one, and each language's name in itself."""

from __future__ import annotations

from django.conf import settings
from django.utils.translation import get_language, get_language_info

DEFAULT = "en"


def codes() -> tuple[str, ...]:
    """Every interface language, English first (settings.LANGUAGES)."""
    return tuple(code for code, _name in settings.LANGUAGES)


def base(code: str | None) -> str:
    """A language code without its region ("pt-br" → "pt"), lower case; English when none."""
    return (code or DEFAULT).split("-")[0].lower()


def current() -> str:
    """The active language's base code."""
    return base(get_language())


def endonym(code: str) -> str:
    """The language's name in itself ("magyar", "hrvatski"), capitalised for a menu or a header."""
    name = str(get_language_info(base(code))["name_local"])
    return name[:1].upper() + name[1:]
