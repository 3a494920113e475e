"""Country names in the platform's languages (data/countries.yaml): Django translates no country
names, and the reference files carry codes or English names only."""

from __future__ import annotations

import functools

from .files import read_yaml


@functools.lru_cache(maxsize=1)
def _table() -> tuple[dict[str, dict[str, str]], dict[str, str]]:
    data = read_yaml("countries.yaml")
    return data["countries"], data.get("aliases", {})


def country_names() -> dict[str, dict[str, str]]:
    """{country code: {language: short name}} for every country in the table."""
    return dict(_table()[0])


def country_name(code: str, lang: str, default: str = "") -> str:
    """The short name of the country `code` (Eurostat or ISO code) in `lang`, else in English, else
    `default` (e.g. the name the source data gives)."""
    names, aliases = _table()
    code = (code or "").strip().upper()
    entry = names.get(aliases.get(code, code))
    if entry is None:
        return default
    return entry.get(lang.split("-")[0]) or entry.get("en") or default
