"""Writes the synthetic data sets the R reference values are computed from (seeded, re-runnable):

    python make_data.py && Rscript make_reference.R

equal.csv: 300 respondents, equal design weights, raked to region, size_class and sector; items
with missing values, a `stage` domain with a single respondent and rows with no stage, a region
with three respondents (where some proportions are exactly 0).
weighted.csv: 500 respondents with unequal design weights, raked to region and size_class;
domains by sector (not a weighting variable) and stage."""

from __future__ import annotations

import csv
from pathlib import Path

import numpy as np

HERE = Path(__file__).parent
REGIONS = ["hu-hr", "lombardia", "podkarpackie", "castilla-y-leon", "lt-klaipeda"]
SIZES = ["micro", "small", "medium"]
SECTORS = ["manufacturing", "trade", "services", "agrifood"]


def make(name: str, n: int, seed: int, weighted: bool, margins: list[str]) -> None:
    rng = np.random.default_rng(seed)
    region = rng.choice(REGIONS[:4], size=n, p=[0.3, 0.3, 0.2, 0.2]).astype(object)
    region[:3] = REGIONS[4]  # a region with three respondents
    size = rng.choice(SIZES, size=n, p=[0.6, 0.3, 0.1])
    sector = rng.choice(SECTORS, size=n)
    stage = rng.choice(["exploring", "starting", "growing"], size=n).astype(object)
    stage[n // 2] = "established"  # a domain with a single respondent
    stage[(rng.random(n) < 0.03) & (np.arange(n) != n // 2)] = None  # rows in no stage domain
    latent = rng.normal(size=n) + 0.4 * (size == "medium") + 0.3 * (region == "lombardia")
    rows: dict[str, list[object]] = {
        "id": [f"r{i:04d}" for i in range(n)],
        "region": list(region),
        "size_class": list(size),
        "sector": list(sector),
        "stage": list(stage),
    }
    for j in range(1, 5):
        q = np.clip(np.rint(3 + latent + rng.normal(scale=1.0, size=n)), 1, 5)
        q[rng.random(n) < 0.08] = np.nan
        rows[f"q{j}"] = list(q)
    for j in range(1, 3):
        y = (rng.random(n) < 1 / (1 + np.exp(-(latent - 0.5 * j)))).astype(float)
        y[rng.random(n) < 0.06] = np.nan
        rows[f"y{j}"] = list(y)
    x = np.round(np.exp(rng.normal(3, 1, size=n)), 3)
    x[rng.random(n) < 0.05] = np.nan
    rows["x"] = list(x)
    if weighted:
        rows["dw"] = list(np.round(rng.uniform(1, 4, size=n), 4))
    with open(HERE / f"{name}.csv", "w", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(rows.keys())
        for i in range(n):
            writer.writerow([_fmt(c[i]) for c in rows.values()])
    population = 250_000.0
    shares = {
        "region": dict(zip(REGIONS, [0.25, 0.35, 0.15, 0.2, 0.05], strict=True)),
        "size_class": dict(zip(SIZES, [0.9, 0.08, 0.02], strict=True)),
        "sector": dict(zip(SECTORS, [0.2, 0.3, 0.4, 0.1], strict=True)),
    }
    with open(HERE / f"{name}_margins.csv", "w", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(["variable", "category", "total"])
        for variable in margins:
            for category, share in shares[variable].items():
                writer.writerow([variable, category, f"{population * share:.1f}"])


def _fmt(v: object) -> str:
    if v is None:
        return ""
    if isinstance(v, float | np.floating):
        if np.isnan(v):
            return ""
        return f"{v:g}" if v == int(v) else repr(float(v))
    return str(v)


if __name__ == "__main__":
    make("equal", 300, 20261126, weighted=False, margins=["region", "size_class", "sector"])
    make("weighted", 500, 5, weighted=True, margins=["region", "size_class"])
