from __future__ import annotations

import io

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from interventures.core.cells import csv_cell, csv_uncell, csv_writer, is_formula_like


@pytest.mark.parametrize("text", ["=1+1", "+33 1", "-2+3", "@SUM(A1)", "\t=1", "\r=1", "-", "=", "+-"])
def test_formula_starting_text_gets_the_prefix(text: str) -> None:
    assert csv_cell(text) == "'" + text


@pytest.mark.parametrize("value", ["-3.5", "+4", "-.5", "1e-5", "plain", "", -3.5, 7, None, "a=b"])
def test_numbers_and_other_text_are_left_alone(value: object) -> None:
    assert csv_cell(value) == value


@settings(max_examples=200)
@given(st.text(alphabet=st.sampled_from("'=+-@\t\r1a. "), max_size=8) | st.text(max_size=30))
def test_a_neutralised_cell_never_starts_a_formula_and_reads_back_as_typed(text: str) -> None:
    written = csv_cell(text)
    assert not is_formula_like(written)
    assert csv_uncell(written) == text


def test_the_writer_neutralises_every_cell() -> None:
    buf = io.StringIO()
    csv_writer(buf).writerows([["=a", "-1", "ok"], ["@b", 2, None]])
    assert buf.getvalue().splitlines() == ["'=a,-1,ok", "'@b,2,"]
