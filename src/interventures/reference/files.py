"""Where the reference files live and how to read them. Readers yield plain dicts; loaders in the
Django apps turn them into rows."""

from __future__ import annotations

import csv
import functools
from collections.abc import Collection, Iterator
from pathlib import Path
from typing import Any

import yaml

DATA_DIR = Path(__file__).resolve().parent / "data"
NUTS_DIR = DATA_DIR / "nuts"
NACE_DIR = DATA_DIR / "nace"
ESIF_DIR = DATA_DIR / "esif"

ESIF_FILE = ESIF_DIR / "ESIF_2014-2020_FINANCES_PLANNED_DETAILS_190411.csv"
ETC_FILE = ESIF_DIR / "etc_programmes_2014_2020_planned_totals.csv"
ESIF_SOURCE = "European Commission, Cohesion Open Data: ESIF 2014-2020 Finances Planned Details"
ESIF_DATE = "2019-04-11"
SEED_SOURCE = "INTER VENTURES project summary"
SEED_DATE = "2019"

# The seven languages NACE titles are kept in (the partnership's languages).
LANGUAGES = ("en", "hu", "hr", "it", "pl", "es", "lt")


_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def read_yaml(name: str) -> dict[str, Any]:
    with (DATA_DIR / name).open(encoding="utf-8") as fh:
        data = yaml.load(fh, Loader=_Loader)  # noqa: S506 - a safe loader
    if not isinstance(data, dict):
        raise ValueError(f"{name}: expected a mapping at the top")
    return data


@functools.lru_cache(maxsize=16)
def _read_csv(path: Path) -> tuple[dict[str, str], ...]:
    # The files are package data and do not change while a process runs: parse each once.
    with path.open(encoding="utf-8-sig", newline="") as fh:
        return tuple(csv.DictReader(fh))


def _csv(path: Path) -> Iterator[dict[str, str]]:
    for row in _read_csv(path):
        yield dict(row)


def nuts_rows() -> Iterator[dict[str, Any]]:
    """Every NUTS region of the 2016, 2021 and 2024 versions: code, version, level, country, name,
    and for 2024 NUTS 3 regions Eurostat's border typology."""
    for row in _csv(NUTS_DIR / "nuts2016_codes_from_gisco_20M.csv"):
        yield {
            "code": row["nuts_id"],
            "version": 2016,
            "level": int(row["level"]),
            "country": row["country"],
            "name": row["name_latn"],
            "border": "",
        }
    for row in _csv(NUTS_DIR / "nuts2021_codes_derived.csv"):
        yield {
            "code": row["nuts2021_code"],
            "version": 2021,
            "level": int(row["level"]),
            "country": row["country"],
            "name": row["label_as_in_eurostat_file"] or row["country"],
            "border": "",
        }
    borders = {r["NUTS-3 Code"]: r["Border"] for r in _csv(NUTS_DIR / "nuts2024_nuts3_typologies.csv")}
    for row in _csv(NUTS_DIR / "nuts2024_codes.csv"):
        code = row["NUTS Code"]
        yield {
            "code": code,
            "version": 2024,
            "level": int(row["NUTS level"]),
            "country": row["Country code"],
            "name": row["NUTS label"],
            "border": borders.get(code, ""),
        }


def nace_rows() -> Iterator[dict[str, Any]]:
    for row in _csv(NACE_DIR / "nace_rev2_multilingual.csv"):
        yield {
            "code": row["code"],
            "level": int(row["level"]),
            "parent_code": row["parent"],
            "section": row["section"],
            "isic_rev4": row["isic_rev4"],
            "titles": {lang: row[f"title_{lang}"].strip() for lang in LANGUAGES if row.get(f"title_{lang}")},
        }


def _void(value: str) -> str:
    return "" if value == "VOID" else value


def esif_rows(ccis: Collection[str] | None = None) -> Iterator[dict[str, str]]:
    """The ESIF planned-details rows as strings (amounts are parsed by the loader as Decimals),
    all of them or those of the programmes in `ccis`."""
    for row in _read_csv(ESIF_FILE):
        if ccis is not None and row["CCI"] not in ccis:
            continue
        yield {
            "member_state": row["MS"],
            "member_state_name": row["MS Name"],
            "cci": row["CCI"],
            "version": row["Ver"],
            "title": row["Programme Title"].strip(),
            "fund": row["Fund"],
            "priority": row["Priority"],
            "to_code": _void(row["TO_code"]),
            "to_short": _void(row["To short"]),
            "to_long": _void(row["TO long"]),
            "category_of_region": _void(row["Category of region"]),
            "measure_code": _void(row["EAFRD Measure code"]),
            "measure": _void(row["Measure short description"]),
            "focus_area_code": _void(row["EAFRD Focus Area code"]),
            "focus_area": _void(row["Focus area short description"]),
            "eu_amount": row["EU Amount"],
            "national_amount": row["National Amount"],
            "total_amount": row["Total Amount"],
            "eu_cofinancing_rate": row["EU co-financing"],
        }


def etc_rows() -> Iterator[dict[str, str]]:
    yield from _csv(ETC_FILE)
