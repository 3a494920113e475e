from __future__ import annotations

import csv
from pathlib import Path

import pytest

from interventures.core.matching import Taxonomy

# The NACE file of the reference data, read as a file (the core imports nothing of the platform).
NACE_CSV = Path(__file__).resolve().parents[3] / "reference" / "data" / "nace" / "nace_rev2_multilingual.csv"
LANGS = ("en", "hu", "hr", "it", "pl", "es", "lt")


@pytest.fixture(scope="session")
def taxonomy() -> Taxonomy:
    with NACE_CSV.open(encoding="utf-8-sig", newline="") as fh:
        rows = [
            {
                "code": r["code"],
                "level": r["level"],
                "parent_code": r["parent"],
                "section": r["section"],
                "titles": {lang: r[f"title_{lang}"].strip() for lang in LANGS if r.get(f"title_{lang}")},
            }
            for r in csv.DictReader(fh)
        ]
    return Taxonomy.from_rows(rows)
