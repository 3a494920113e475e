"""Loads the committed data sets and R reference values (see reference/make_reference.R)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np
import polars as pl

from interventures.core.stats import Factor, Margin, RakedDesign, Raker

REFERENCE = Path(__file__).parent / "reference"
ITEMS = ["q1", "q2", "q3", "q4", "x", "y1", "y2"]
MEANS = ["q1", "q2", "q3", "q4", "x"]
PROPORTIONS = ["y1", "y2"]


@dataclass(frozen=True)
class Case:
    name: str
    margin_vars: tuple[str, ...]
    by_vars: tuple[str, ...]
    weighted: bool


CASES = [
    Case("equal", ("region", "size_class", "sector"), ("region", "stage"), False),
    Case("weighted", ("region", "size_class"), ("region", "sector", "stage"), True),
]


def frame(case: Case) -> pl.DataFrame:
    return pl.read_csv(REFERENCE / f"{case.name}.csv", infer_schema_length=0)


def margins(case: Case) -> list[Margin]:
    table = pl.read_csv(REFERENCE / f"{case.name}_margins.csv")
    return [
        Margin(
            v,
            {
                row["category"]: row["total"]
                for row in table.filter(pl.col("variable") == v).iter_rows(named=True)
            },
        )
        for v in case.margin_vars
    ]


def factors(df: pl.DataFrame, names: tuple[str, ...]) -> dict[str, Factor]:
    return {name: Factor.from_values(df[name].to_numpy()) for name in names}


def items(df: pl.DataFrame) -> dict[str, np.ndarray]:
    return {name: df[name].cast(pl.Float64).to_numpy() for name in ITEMS}


def rake(case: Case, df: pl.DataFrame | None = None) -> RakedDesign:
    df = frame(case) if df is None else df
    weights = df["dw"].cast(pl.Float64).to_numpy() if case.weighted else None
    return Raker().fit(factors(df, case.margin_vars), margins(case), weights)


def r_weights(case: Case) -> pl.DataFrame:
    return pl.read_csv(REFERENCE / f"{case.name}_weights.csv")


def r_reference(case: Case) -> list[dict[str, str]]:
    return list(
        pl.read_csv(REFERENCE / f"{case.name}_reference.csv", infer_schema_length=0).iter_rows(named=True)
    )
