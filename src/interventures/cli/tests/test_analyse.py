"""`interventures analyse` on small and broken CSV files."""

from __future__ import annotations

from pathlib import Path

import polars as pl
import pytest

from interventures.cli.main import main

RESPONSES = """id,region,size,q1,y1
a1,north,micro,3,1
a2,north,micro,,0
a3,north,small,5,1
a4,north,small,4,
a5,north,micro,2,0
a6,south,micro,1,0
a7,south,small,4,1
a8,south,micro,5,1
a9,south,small,3,0
a10,south,micro,2,1
a11,east,micro,4,1
"""

MARGINS = """variable,category,total
region,north,500
region,south,400
region,east,100
size,micro,900
size,small,100
"""


def _files(tmp_path: Path, responses: str = RESPONSES, margins: str = MARGINS) -> list[str]:
    (tmp_path / "responses.csv").write_text(responses)
    (tmp_path / "margins.csv").write_text(margins)
    return [
        "analyse",
        "--responses", str(tmp_path / "responses.csv"),
        "--margins", str(tmp_path / "margins.csv"),
        "--weight-vars", "region,size",
        "--means", "q1",
        "--props", "y1",
        "--by", "region",
        "--out", str(tmp_path / "out"),
    ]  # fmt: skip


def _error(tmp_path: Path, capsys: pytest.CaptureFixture[str], **files: str) -> str:
    assert main(_files(tmp_path, **files)) == 2
    err = capsys.readouterr().err
    assert err.startswith("error: ")
    return err


def test_writes_weights_and_estimates_with_the_contract_columns(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(_files(tmp_path)) == 0
    printed = capsys.readouterr().out
    assert "converged" in printed
    assert "Kish effective sample size" in printed
    weights = pl.read_csv(tmp_path / "out" / "weights.csv")
    assert weights.columns == ["id", "weight"]
    assert weights.height == 11
    assert weights["weight"].sum() == pytest.approx(1000)
    estimates = pl.read_csv(tmp_path / "out" / "estimates.csv", infer_schema_length=0)
    assert estimates.columns == [
        "domain_var",
        "domain",
        "variable",
        "estimate",
        "se",
        "ci_low",
        "ci_high",
        "n",
    ]
    overall = estimates.filter(pl.col("domain_var").is_null() & (pl.col("variable") == "q1")).row(
        0, named=True
    )
    assert overall["domain"] is None
    assert overall["n"] == "10"
    assert float(overall["ci_low"]) < float(overall["estimate"]) < float(overall["ci_high"])


def test_small_domains_are_suppressed_in_the_output(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(_files(tmp_path)) == 0
    estimates = pl.read_csv(tmp_path / "out" / "estimates.csv", infer_schema_length=0)
    east = estimates.filter((pl.col("domain") == "east") & (pl.col("variable") == "q1")).row(0, named=True)
    assert east["estimate"] is None
    assert east["se"] is None
    assert east["n"] == "1"
    south = estimates.filter((pl.col("domain") == "south") & (pl.col("variable") == "q1")).row(0, named=True)
    assert south["estimate"] is not None


def test_a_value_that_is_not_a_number_names_file_row_and_column(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    err = _error(tmp_path, capsys, responses=RESPONSES.replace("a3,north,small,5,1", "a3,north,small,five,1"))
    assert "responses.csv" in err
    assert "row 3 (line 4)" in err
    assert "'q1'" in err
    assert "'five'" in err


def test_a_proportion_that_is_not_zero_or_one_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    err = _error(tmp_path, capsys, responses=RESPONSES.replace("a7,south,small,4,1", "a7,south,small,4,2"))
    assert "row 7 (line 8)" in err
    assert "'y1'" in err
    assert "0 or 1" in err


def test_a_missing_column_is_named(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    err = _error(
        tmp_path, capsys, responses=RESPONSES.replace("id,region,size,q1,y1", "id,region,size,q1,y2")
    )
    assert "responses.csv" in err
    assert "'y1'" in err


def test_an_empty_weighting_variable_names_the_row(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    err = _error(tmp_path, capsys, responses=RESPONSES.replace("a9,south,small", "a9,,small"))
    assert "row 9 (line 10)" in err
    assert "'region'" in err


def test_a_margin_category_with_no_respondents_names_the_margins_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    margins = MARGINS.replace("region,east,100\n", "region,east,50\nregion,west,50\n")
    err = _error(tmp_path, capsys, margins=margins)
    assert "margins.csv, line 5" in err
    assert "west" in err


def test_a_sample_category_without_population_total_names_the_responses_row(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    margins = MARGINS.replace("region,east,100\n", "").replace("region,south,400", "region,south,500")
    err = _error(tmp_path, capsys, margins=margins)
    assert "responses.csv, row 11 (line 12), column 'region'" in err
    assert "east" in err


def test_margins_that_disagree_on_the_total_are_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    err = _error(tmp_path, capsys, margins=MARGINS.replace("size,small,100", "size,small,150"))
    assert "margins.csv" in err
    assert "disagree" in err


def test_a_total_that_is_not_a_number_names_the_margins_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    err = _error(tmp_path, capsys, margins=MARGINS.replace("size,micro,900", "size,micro,lots"))
    assert "margins.csv, line 5, column 'total'" in err
    assert "'lots'" in err


def test_duplicate_ids_are_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    err = _error(tmp_path, capsys, responses=RESPONSES.replace("a10,", "a9,"))
    assert "row 10 (line 11), column 'id'" in err


def test_a_literal_nan_is_not_a_number(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    err = _error(tmp_path, capsys, responses=RESPONSES.replace("a5,north,micro,2,0", "a5,north,micro,nan,0"))
    assert "row 5 (line 6), column 'q1'" in err
    assert "not a number" in err


def test_design_weights_are_raked_and_must_be_positive(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    lines = RESPONSES.strip().split("\n")
    weighted = (
        "\n".join([lines[0] + ",dw"] + [f"{line},{1 + i % 3}" for i, line in enumerate(lines[1:])]) + "\n"
    )
    args = _files(tmp_path, responses=weighted) + ["--design-weight", "dw"]
    assert main(args) == 0
    weights = pl.read_csv(tmp_path / "out" / "weights.csv")
    assert weights["weight"].sum() == pytest.approx(1000)
    (tmp_path / "responses.csv").write_text(weighted.replace("a2,north,micro,,0,2", "a2,north,micro,,0,0"))
    assert main(args) == 2
    assert "row 2 (line 3), column 'dw'" in capsys.readouterr().err
