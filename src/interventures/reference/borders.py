"""Which countries lie across the border, from the reference data.

- Country neighbours: the countries that share a 2014–2020 cross-border programme (Interreg V-A
  and IPA CBC, from the titles of the ETC programmes in esif/etc_programmes_2014_2020_planned_totals.csv).
- Programme areas: the partnership's five border regions (partnership.yaml) name their neighbouring
  countries; an SME inside one of them looks, by default, to those only (Baranya → Croatia).
- Border regions: Eurostat's NUTS 2024 border typology of each NUTS 3 region."""

from __future__ import annotations

import functools
import re

from .countries import country_names
from .files import NUTS_DIR, _csv, etc_rows, read_yaml

# English names the programme titles use that differ from the style guide's short names.
_TITLE_NAMES = {
    "Czech Republic": "CZ",
    "The Netherlands": "NL",
    "The former Yugoslav Republic of Macedonia": "MK",
    "Turkey": "TR",
}
_CROSS_BORDER = ("V-A cross-border", "IPA CBC")


def _code_of(name: str) -> str | None:
    name = name.strip()
    if name in _TITLE_NAMES:
        return _TITLE_NAMES[name]
    for code, names in country_names().items():
        if names.get("en") == name:
            return code
    return None


def programme_countries(title: str) -> list[str]:
    """Country codes named in a cross-border programme's title ("Interreg V-A - Hungary-Croatia")."""
    text = re.sub(r"^(Interreg V-A\s*-\s*|IPA CBC\s+)", "", title.strip())
    text = re.sub(r"\(.*?\)", "", text)
    out = []
    for part in re.split(r"\s*[-–]\s*", text):
        code = _code_of(part.split("/")[0])
        if code and code not in out:
            out.append(code)
    return out


@functools.lru_cache(maxsize=1)
def country_neighbours() -> dict[str, frozenset[str]]:
    pairs: dict[str, set[str]] = {}
    for row in etc_rows():
        if row.get("strand") not in _CROSS_BORDER:
            continue
        codes = programme_countries(row["programme_title"])
        for a in codes:
            pairs.setdefault(a, set()).update(c for c in codes if c != a)
    for region in read_yaml("partnership.yaml")["regions"]:
        for a in region["countries"]:
            pairs.setdefault(a, set()).update(c for c in region["neighbouring_countries"] if c != a)
    return {k: frozenset(v) for k, v in pairs.items()}


@functools.lru_cache(maxsize=1)
def programme_areas() -> dict[str, frozenset[str]]:
    """{NUTS code prefix: neighbouring countries} for the partnership's regions (every NUTS version)."""
    out: dict[str, frozenset[str]] = {}
    for region in read_yaml("partnership.yaml")["regions"]:
        neighbours = frozenset(region["neighbouring_countries"])
        for codes in region["nuts"].values():
            for code in codes:
                out[str(code)] = neighbours
    return out


@functools.lru_cache(maxsize=1)
def border_nuts3() -> dict[str, bool]:
    """{NUTS 3 code: lies at a land border} by Eurostat's NUTS 2024 border typology."""
    return {
        r["NUTS-3 Code"]: r["Border"] != "Non-border"
        for r in _csv(NUTS_DIR / "nuts2024_nuts3_typologies.csv")
        if r["Border"]
    }


COUNTRY_ALIASES = {"GR": "EL", "GB": "UK"}


def eurostat_country(code: str) -> str:
    code = code.strip().upper()
    return COUNTRY_ALIASES.get(code, code)
