"""`interventures analyse`: rake a survey to population margins and estimate means and proportions
with their standard errors, overall and by domain, from CSV files (no database needed).

    interventures analyse --responses FILE.csv --margins FILE.csv --weight-vars region,size_class,sector \
        --means COL,COL --props COL --by region --out DIR

writes DIR/weights.csv (id,weight), DIR/estimates.csv
(domain_var,domain,variable,estimate,se,ci_low,ci_high,n) and DIR/item_nonresponse.csv, and prints
the raking diagnostics. Bad input is reported with the file, row and column."""

from __future__ import annotations

import argparse
import math
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import polars as pl
from numpy.typing import NDArray

from interventures.core.cells import csv_frame
from interventures.core.stats import (
    DEFAULT_MIN_CELL,
    Estimates,
    Estimator,
    Factor,
    Margin,
    MarginError,
    MarginProblem,
    RakedDesign,
    Raker,
    StatsError,
    WeightBounds,
    suppress,
)

from .main import CommandError

ESTIMATE_COLUMNS = ["domain_var", "domain", "variable", "estimate", "se", "ci_low", "ci_high", "n"]


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = subparsers.add_parser(
        "analyse",
        help="rake survey responses to population margins and estimate with standard errors",
        description="Rake survey responses to population margins (iterative proportional fitting) and "
        "estimate means and proportions with Taylor-linearised standard errors, overall and by domain.",
    )
    p.add_argument(
        "--responses", required=True, type=Path, help="CSV, one row per respondent, with an id column"
    )
    p.add_argument("--margins", required=True, type=Path, help="CSV with columns variable,category,total")
    p.add_argument("--weight-vars", required=True, type=_names, help="comma-separated raking variables")
    p.add_argument("--means", type=_names, default=[], help="comma-separated columns to estimate means of")
    p.add_argument(
        "--props", type=_names, default=[], help="comma-separated 0/1 columns to estimate proportions of"
    )
    p.add_argument("--by", type=_names, default=[], help="comma-separated domain columns (e.g. region)")
    p.add_argument("--out", required=True, type=Path, help="output directory")
    p.add_argument("--design-weight", help="column with design weights (default: equal weights)")
    p.add_argument(
        "--min-cell", type=int, default=DEFAULT_MIN_CELL, help="suppress estimates on fewer respondents"
    )
    p.add_argument("--tolerance", type=float, default=1e-10, help="relative margin error at convergence")
    p.add_argument("--max-iterations", type=int, default=1000)
    p.add_argument("--trim-lower", type=float, default=None, help="lower bound on weight / design weight")
    p.add_argument("--trim-upper", type=float, default=None, help="upper bound on weight / design weight")
    p.add_argument("--confidence", type=float, default=0.95)
    p.set_defaults(func=run)


def _names(text: str) -> list[str]:
    return [name.strip() for name in text.split(",") if name.strip()]


@dataclass(frozen=True)
class Survey:
    ids: pl.Series
    factors: dict[str, Factor]
    values: dict[str, NDArray[np.float64]]
    design_weights: NDArray[np.float64] | None


def run(args: argparse.Namespace) -> int:
    if not args.means and not args.props:
        raise CommandError("give at least one column with --means or --props")
    if args.min_cell < 0:
        raise CommandError("--min-cell must not be negative")
    margins_by_var, margin_rows = read_margins(args.margins, args.weight_vars)
    survey = read_responses(
        args.responses,
        weight_vars=args.weight_vars,
        by=args.by,
        means=args.means,
        props=args.props,
        design_weight=args.design_weight,
    )
    bounds = None
    if args.trim_lower is not None or args.trim_upper is not None:
        try:
            bounds = WeightBounds(
                lower=args.trim_lower if args.trim_lower is not None else 0.0,
                upper=args.trim_upper if args.trim_upper is not None else math.inf,
            )
        except StatsError as exc:
            raise CommandError(str(exc)) from exc
    raker = Raker(tolerance=args.tolerance, max_iterations=args.max_iterations, bounds=bounds)
    try:
        design = raker.fit(
            {v: survey.factors[v] for v in args.weight_vars},
            [margins_by_var[v] for v in args.weight_vars],
            survey.design_weights,
        )
    except MarginError as exc:
        raise CommandError(_margin_message(exc, args.responses, args.margins, survey, margin_rows)) from exc
    except StatsError as exc:
        raise CommandError(str(exc)) from exc
    try:
        estimates = Estimator(confidence=args.confidence).estimate(
            design,
            survey.values,
            means=args.means,
            proportions=args.props,
            by={name: survey.factors[name] for name in args.by},
        )
    except StatsError as exc:
        raise CommandError(str(exc)) from exc
    published = suppress(estimates, args.min_cell)
    args.out.mkdir(parents=True, exist_ok=True)
    # Ids, domains and item names come from the user's files: written so no spreadsheet runs them.
    csv_frame(pl.DataFrame({"id": survey.ids, "weight": design.weights})).write_csv(args.out / "weights.csv")
    csv_frame(estimates_frame(published)).write_csv(args.out / "estimates.csv", null_value="")
    nonresponse = nonresponse_frame(estimates)
    csv_frame(nonresponse).write_csv(args.out / "item_nonresponse.csv")
    print_report(design, published, nonresponse, args.out, args.min_cell)
    return 0


def read_margins(
    path: Path, weight_vars: Sequence[str]
) -> tuple[dict[str, Margin], dict[tuple[str, str], int]]:
    """Margins by variable, and the line of each (variable, category) for error messages."""
    frame = _read_csv(path)
    _require_columns(path, frame, ["variable", "category", "total"])
    frame = frame.select("variable", "category", "total").with_row_index("line", offset=2)
    totals: dict[str, dict[str, float]] = {}
    lines: dict[tuple[str, str], int] = {}
    for line, variable, category, total in frame.iter_rows():
        where = f"{path}, line {line}"
        if variable is None or category is None:
            raise CommandError(f"{where}: the variable and category must not be empty")
        try:
            value = float(total) if total is not None else math.nan
        except ValueError:
            value = math.nan
        if not math.isfinite(value) or value < 0:
            raise CommandError(f"{where}, column 'total': {total!r} is not a non-negative number")
        if (variable, category) in lines:
            raise CommandError(
                f"{where}: {variable}={category} already appears on line {lines[variable, category]}"
            )
        lines[variable, category] = line
        totals.setdefault(variable, {})[category] = value
    for variable in weight_vars:
        if variable not in totals:
            raise CommandError(f"{path}: no margin rows for the weighting variable {variable!r}")
    return {v: Margin(v, totals[v]) for v in weight_vars}, lines


def read_responses(
    path: Path,
    *,
    weight_vars: Sequence[str],
    by: Sequence[str],
    means: Sequence[str],
    props: Sequence[str],
    design_weight: str | None,
) -> Survey:
    numeric = list(dict.fromkeys([*means, *props, *([design_weight] if design_weight else [])]))
    categorical = list(dict.fromkeys([*weight_vars, *by]))
    wanted = list(dict.fromkeys(["id", *categorical, *numeric]))
    # Fast path: polars parses the numbers itself. Only when that fails are the columns read as
    # text, to find the first offending cell.
    try:
        frame = _read_csv(path, columns=wanted, numeric=numeric)
    except _ParseError:
        text = _read_csv(path, columns=wanted)
        for name in numeric:
            number = text[name].cast(pl.Float64, strict=False)
            _first_bad(path, text, name, text[name].is_not_null() & number.is_null(), "is not a number")
        raise CommandError(f"{path}: not a readable CSV file") from None
    if frame.height == 0:
        raise CommandError(f"{path}: no respondents")

    # Every check in one parallel pass; a failed check is then located row by row.
    checks: dict[str, tuple[str, pl.Expr, str]] = {
        "id_null": ("id", pl.col("id").is_null(), "the id must not be empty"),
        "id_duplicate": ("id", ~pl.col("id").is_first_distinct(), "appears more than once"),
    }
    for name in weight_vars:
        checks[f"empty:{name}"] = (name, pl.col(name).is_null(), "a weighting variable must not be empty")
    for name in numeric:
        checks[f"finite:{name}"] = (
            name,
            pl.col(name).is_nan() | pl.col(name).is_infinite(),
            "is not a number",
        )
    for name in props:
        checks[f"binary:{name}"] = (
            name,
            pl.col(name).is_not_null() & ~pl.col(name).is_in([0.0, 1.0]),
            "must be 0 or 1",
        )
    if design_weight:
        checks["weight"] = (
            design_weight,
            pl.col(design_weight).is_null() | ~(pl.col(design_weight) > 0),
            "is not a positive number",
        )
    failed = frame.select(expr.any().alias(key) for key, (_, expr, _) in checks.items()).row(0, named=True)
    for key, (column_name, expr, problem) in checks.items():
        if failed[key]:
            _first_bad(path, frame, column_name, frame.select(expr.alias("bad"))["bad"], problem)

    factors: dict[str, Factor] = {}
    for name in categorical:
        column = frame[name]
        levels = column.drop_nulls().unique().sort().to_list()
        codes = column.cast(pl.Enum(levels)).to_physical().cast(pl.Int64).fill_null(-1).to_numpy()
        factors[name] = Factor.from_codes(codes, levels)
    values = {name: _floats(frame[name]) for name in [*means, *props]}
    weights = _floats(frame[design_weight]) if design_weight else None
    return Survey(ids=frame["id"], factors=factors, values=values, design_weights=weights)


def _floats(column: pl.Series) -> NDArray[np.float64]:
    out: NDArray[np.float64] = column.fill_null(np.nan).to_numpy().astype(np.float64, copy=False)
    return out


class _ParseError(Exception):
    pass


def _read_csv(path: Path, columns: Sequence[str] | None = None, numeric: Sequence[str] = ()) -> pl.DataFrame:
    if not path.is_file():
        raise CommandError(f"{path}: no such file")
    try:
        header = pl.read_csv(path, n_rows=0, infer_schema=False).columns
        if columns is not None:
            missing = [c for c in columns if c not in header]
            if missing:
                raise CommandError(f"{path}: missing column(s) {', '.join(repr(c) for c in missing)}")
        return pl.read_csv(
            path,
            infer_schema=False,
            columns=list(columns) if columns is not None else None,
            schema_overrides={name: pl.Float64 for name in numeric},
        )
    except pl.exceptions.ComputeError as exc:
        if numeric:
            raise _ParseError from exc
        raise CommandError(f"{path}: not a readable CSV file ({str(exc).splitlines()[0]})") from exc
    except (pl.exceptions.PolarsError, UnicodeDecodeError, OSError) as exc:
        raise CommandError(f"{path}: not a readable CSV file ({str(exc).splitlines()[0]})") from exc


def _require_columns(path: Path, frame: pl.DataFrame, columns: Sequence[str]) -> None:
    missing = [c for c in columns if c not in frame.columns]
    if missing:
        raise CommandError(f"{path}: missing column(s) {', '.join(repr(c) for c in missing)}")


def _first_bad(path: Path, frame: pl.DataFrame, column: str, bad: pl.Series, problem: str) -> None:
    rows = bad.fill_null(False).arg_true()
    if rows.len():
        row = int(rows[0])
        value = frame[column][row]
        shown = "" if value is None else f" {value!r}"
        raise CommandError(f"{path}, row {row + 1} (line {row + 2}), column {column!r}:{shown} {problem}")


def _margin_message(
    exc: MarginError, responses: Path, margins: Path, survey: Survey, lines: dict[tuple[str, str], int]
) -> str:
    if exc.problem is MarginProblem.CATEGORY_NOT_IN_MARGIN and exc.category is not None:
        codes = survey.factors[exc.variable]
        row = int(np.flatnonzero(codes.codes == codes.levels.index(exc.category))[0])
        return (
            f"{responses}, row {row + 1} (line {row + 2}), column {exc.variable!r}: the category "
            f"{exc.category!r} has no population total in {margins}"
        )
    if exc.category is not None and (exc.variable, exc.category) in lines:
        line = lines[exc.variable, exc.category]
        return f"{margins}, line {line}, column 'category': {exc}"
    first = min((line for (v, _), line in lines.items() if v == exc.variable), default=None)
    return f"{margins}, line {first}, column 'total': {exc}" if first else f"{margins}: {exc}"


def estimates_frame(estimates: Estimates) -> pl.DataFrame:
    rows = estimates.rows
    return pl.DataFrame(
        {
            "domain_var": [r.domain_var for r in rows],
            "domain": [r.domain for r in rows],
            "variable": [r.variable for r in rows],
            "estimate": [r.estimate for r in rows],
            "se": [r.se for r in rows],
            "ci_low": [r.ci_low for r in rows],
            "ci_high": [r.ci_high for r in rows],
            "n": [r.n for r in rows],
        },
        schema={
            "domain_var": pl.String,
            "domain": pl.String,
            "variable": pl.String,
            "estimate": pl.Float64,
            "se": pl.Float64,
            "ci_low": pl.Float64,
            "ci_high": pl.Float64,
            "n": pl.Int64,
        },
    )


def nonresponse_frame(estimates: Estimates) -> pl.DataFrame:
    overall = [r for r in estimates.rows if r.domain_var is None]
    return pl.DataFrame(
        {
            "variable": [r.variable for r in overall],
            "n": [r.n for r in overall],
            "n_missing": [r.n_missing for r in overall],
            "missing_rate": [r.n_missing / max(r.n + r.n_missing, 1) for r in overall],
        }
    )


def print_report(
    design: RakedDesign, estimates: Estimates, nonresponse: pl.DataFrame, out: Path, min_cell: int
) -> None:
    d = design.diagnostics
    state = "converged" if d.converged else "did NOT converge"
    print(
        f"Raking {state} after {d.iterations} iterations; max margin error {d.max_margin_error:.3g} (relative)"
    )
    print(
        f"Respondents {d.n}; Kish effective sample size {d.effective_n:.1f} "
        f"(weighting design effect {d.design_effect:.3f})"
    )
    print(
        f"Weights: total {d.weight_total:.6g}, min {d.weight_min:.6g}, max {d.weight_max:.6g}, "
        f"max/min {d.weight_ratio:.4g}"
    )
    suppressed = sum(1 for r in estimates.rows if r.suppressed)
    print(
        f"Estimates: {len(estimates)} written to {out / 'estimates.csv'}; {suppressed} suppressed "
        f"(fewer than {min_cell} respondents)"
    )
    worst = nonresponse.sort("missing_rate", descending=True).head(5)
    shown = ", ".join(
        f"{v} {rate:.1%}" for v, rate in zip(worst["variable"], worst["missing_rate"], strict=True)
    )
    print(f"Item non-response (highest): {shown}; all in {out / 'item_nonresponse.csv'}")
    print(f"Weights written to {out / 'weights.csv'}")
