from decimal import Decimal
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from interventures.core.survey import ExpressionError, evaluate, parse_expression, references
from interventures.core.survey.expr import holds


@pytest.mark.parametrize(
    ("text", "answers", "expected"),
    [
        ("${a} = 'yes'", {"a": "yes"}, True),
        ("${a} = 'yes'", {}, False),
        ("${a} != 'yes'", {}, True),
        ("${n} > 3", {"n": 5}, True),
        ("${n} > 3", {"n": ""}, False),  # unanswered compares false, as NaN in XPath
        ("${n} >= 3 and ${n} <= 5", {"n": 5}, True),
        ("not(${n} > 3) or ${a} = 'x'", {"n": 1, "a": ""}, True),
        ("selected(${m}, 'b')", {"m": ("a", "b")}, True),
        ("selected(${m}, 'c')", {"m": "a b"}, False),
        ("count-selected(${m})", {"m": ("a", "b")}, 2),
        ("${n} * 2 + 1", {"n": 4}, Decimal(9)),
        ("10 div 4", {}, Decimal("2.5")),
        ("7 mod 3", {}, Decimal(1)),
        ("-${n} + 1", {"n": 3}, Decimal(-2)),
        ("if(${n} > 3, 'big', 'small')", {"n": 1}, "small"),
        ("string-length(${t})", {"t": "héllo"}, 5),
        ("regex(${t}, '^[0-9]{5}$')", {"t": "12345"}, True),
        ("(${n} + 1) * 2", {"n": 1}, Decimal(4)),
        ("${a} = ''", {}, True),
    ],
)
def test_expressions_evaluate_like_xpath(text: Any, answers: Any, expected: Any) -> None:
    assert evaluate(text, answers) == expected


def test_dot_is_the_current_answer() -> None:
    assert holds(". > 0 and . < 250", {}, current=12)
    assert not holds(". > 0 and . < 250", {}, current=250)


def test_bare_names_are_a_choices_columns_in_a_choice_filter() -> None:
    assert holds("country = ${c}", {"c": "hr"}, names={"country": "hr"})


def test_empty_condition_holds() -> None:
    assert holds("", {})


@pytest.mark.parametrize("text", ["${a} =", "__import__('os')", "${a} = 'x", "foo(1)", "(1 + 2", "1 2"])
def test_malformed_or_unsafe_expressions_are_rejected(text: Any) -> None:
    with pytest.raises(ExpressionError):
        evaluate(text, {"a": "x"})


def test_references_lists_the_questions_named() -> None:
    assert references("selected(${a}, 'x') and ${b} > ${c}") == {"a", "b", "c"}


def test_parse_is_cached_and_returns_a_tree() -> None:
    assert parse_expression("1 + 1") is parse_expression("1 + 1")


@given(st.integers(-10_000, 10_000), st.integers(-10_000, 10_000))
def test_arithmetic_and_comparison_agree_with_python(a: Any, b: Any) -> None:
    ans = {"a": a, "b": b}
    assert evaluate("${a} + ${b}", ans) == a + b
    assert evaluate("${a} - ${b}", ans) == a - b
    assert evaluate("${a} * ${b}", ans) == a * b
    assert evaluate("${a} < ${b}", ans) == (a < b)
    assert evaluate("${a} = ${b}", ans) == (a == b)
