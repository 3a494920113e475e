"""Profiles from table rows (the `interventures match` CSV), with errors that name row and column."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass

from .profiles import Cooperation, MatchProfile
from .taxonomy import Taxonomy, TaxonomyError

COLUMNS = (
    "id", "name", "country", "nuts3", "size_class", "nace", "languages", "stage", "offers", "seeks",
    "cooperation", "target_countries",
)  # fmt: skip
REQUIRED = ("id", "country")
_COUNTRY = re.compile(r"^[A-Z]{2}$")
_NUTS3 = re.compile(r"^[A-Z]{2}[0-9A-Z]{3}$")
_LANG = re.compile(r"^[a-z]{2,3}$")


@dataclass(frozen=True)
class RowError:
    row: int  # the line of the file (the header is line 1)
    column: str
    reason: str

    def __str__(self) -> str:
        return f"row {self.row}, column {self.column}: {self.reason}"


class ProfileRowsError(ValueError):
    def __init__(self, errors: list[RowError]) -> None:
        super().__init__("; ".join(str(e) for e in errors[:20]))
        self.errors = errors


def _list(value: str) -> list[str]:
    return [x.strip() for x in (value or "").split(";") if x.strip()]


def read_profiles(
    rows: Iterable[Mapping[str, str | None]],
    *,
    header: Iterable[str],
    taxonomy: Taxonomy,
    stages: Iterable[str],
    country_code: Callable[[str], str] = lambda c: c,
    at_border: Callable[[str], bool | None] = lambda nuts3: None,
) -> list[MatchProfile]:
    """Every row as a profile, or ProfileRowsError listing every bad cell. `country_code` maps an ISO
    code to the reference data's (GR → EL); `at_border` gives a NUTS 3 region's border typology."""
    header = list(header)
    missing = [c for c in COLUMNS if c not in header]
    if missing:
        raise ProfileRowsError([RowError(1, c, "missing column") for c in missing])
    ladder = set(stages)
    errors: list[RowError] = []
    seen: set[str] = set()
    out = []
    for line, row in enumerate(rows, start=2):
        bad = len(errors)

        def err(column: str, reason: str, line: int = line) -> None:
            errors.append(RowError(line, column, reason))

        if None in row:
            err("(row)", "more cells than columns")
        cell = {c: (row.get(c) or "").strip() for c in COLUMNS}
        for c in REQUIRED:
            if not cell[c]:
                err(c, "empty")
        pid = cell["id"]
        if pid and pid in seen:
            err("id", f"{pid!r} appears twice")
        seen.add(pid)
        country = cell["country"].upper()
        if country and not _COUNTRY.match(country):
            err("country", f"{cell['country']!r} is not an ISO 3166 alpha-2 code")
        if cell["nuts3"] and not _NUTS3.match(cell["nuts3"].upper()):
            err("nuts3", f"{cell['nuts3']!r} is not a NUTS 3 code")
        elif cell["nuts3"] and country and not cell["nuts3"].upper().startswith(country_code(country)):
            err("nuts3", f"{cell['nuts3']!r} is not in {country}")
        nace = []
        for code in _list(cell["nace"]):
            try:
                nace.append(taxonomy.normalise(code))
            except TaxonomyError as exc:
                err("nace", str(exc))
        langs = [x.lower() for x in _list(cell["languages"])]
        for lang in langs:
            if not _LANG.match(lang):
                err("languages", f"{lang!r} is not a language code")
        if cell["stage"] and cell["stage"] not in ladder:
            err("stage", f"{cell['stage']!r} is not one of {', '.join(sorted(ladder))}")
        coop = []
        for kind in _list(cell["cooperation"]):
            try:
                coop.append(Cooperation(kind))
            except ValueError:
                err("cooperation", f"{kind!r} is not one of {';'.join(c.value for c in Cooperation)}")
        targets = [x.upper() for x in _list(cell["target_countries"])]
        for t in targets:
            if not _COUNTRY.match(t):
                err("target_countries", f"{t!r} is not an ISO 3166 alpha-2 code")
        if len(errors) > bad:
            continue
        nuts3 = cell["nuts3"].upper()
        out.append(
            MatchProfile(
                id=pid,
                name=cell["name"],
                country=country_code(country),
                nuts3=nuts3,
                size_class=cell["size_class"],
                nace=tuple(nace),
                languages=frozenset(langs),
                stage=cell["stage"],
                offers=cell["offers"],
                seeks=cell["seeks"],
                cooperation=frozenset(coop) if coop else frozenset(Cooperation),
                target_countries=frozenset(country_code(t) for t in targets),
                at_border=at_border(nuts3) if nuts3 else None,
            )
        )
    if errors:
        raise ProfileRowsError(errors)
    return out
