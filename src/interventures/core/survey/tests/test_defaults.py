"""Defaults as the web form fills them (core/survey/defaults.py): plain values as written, and
expressions evaluated with the bounded evaluator when a draft or an instance starts."""

from __future__ import annotations

import datetime as dt

import pytest

from interventures.core.survey.defaults import defaults, is_expression
from interventures.core.survey.expr import ExpressionError, evaluate
from interventures.core.survey.tests.xlsforms import workbook
from interventures.core.survey.xlsform import read_xlsform

CLOCK = dt.datetime(2026, 12, 4, 9, 30, tzinfo=dt.timezone(dt.timedelta(hours=1)))


def _form() -> bytes:
    return workbook(
        [
            ["type", "name", "label", "default"],
            ["text", "region", "Region", "Baranya"],
            ["date", "visited", "Visited", "today()"],
            ["datetime", "began", "Began", "once(now())"],
            ["text", "place", "Place", "${region}"],  # sees the default before it
            ["text", "label_", "Label", "concat(${region}, ' / ', ${town})"],
            ["integer", "staff", "Staff", "${region}"],  # a text for an integer: not filled
            ["text", "lookup", "Lookup", "pulldata('towns', 'name', 'key', ${region})"],  # not evaluated here
            ["select_multiple m", "markets", "Markets", "hu hr"],
            ["text", "town", "Town"],
        ],
        [["list_name", "name", "label"], ["m", "hu", "HU"], ["m", "hr", "HR"]],
        [["form_title", "form_id"], ["Defaults", "defaults"]],
    )


def test_plain_and_expression_defaults_are_filled_in_form_order() -> None:
    form = read_xlsform(_form())
    got = defaults(form, form.asked(), {"town": "Pécs"}, clock=CLOCK)
    assert got == {
        "region": "Baranya",
        "visited": "2026-12-04",
        "began": "2026-12-04T09:30:00+01:00",
        "place": "Baranya",
        "label_": "Baranya / Pécs",
        "markets": "hu hr",
    }


def test_values_and_expressions_are_told_apart_as_pyxform_does() -> None:
    assert not is_expression("2024-05-01")
    assert not is_expression("yes no")
    assert is_expression("today()")
    assert is_expression("${other}")


def test_today_and_now_are_evaluated_only_with_a_clock() -> None:
    assert evaluate("today()", {}, clock=CLOCK) == "2026-12-04"
    with pytest.raises(ExpressionError):
        evaluate("today() = '2026-12-04'", {})
    assert read_xlsform(
        workbook(
            [
                ["type", "name", "label", "relevant"],
                ["text", "a", "A"],
                ["text", "b", "B", "today() > '2020-01-01'"],
            ],
            None,
            [["form_title", "form_id"], ["T", "t"]],
        )
    ).unevaluated() == [("b", "relevant")]
