from collections.abc import Callable
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


# ---- bounds (issue #8, finding 5): no expression can crash or hang a check --------------------------

from interventures.core.survey import expr as _expr  # noqa: E402


@pytest.mark.parametrize(
    ("text", "says"),
    [
        ("(" * 80 + "1" + ")" * 80, "more than 32 deep"),
        ("not(" * 40 + "true()" + ")" * 40, "more than 32 deep"),
        ("-" * 500 + "1", "more than 32 deep"),
        ("+".join(["${a}"] * 250), "more than 200 operations"),
        ("1 + " * 600 + "1", "longer than 2000 characters"),
        ("regex(., '(')", "invalid regular expression"),
        ("regex(., '" + "a" * 600 + "')", "longer than 500 characters"),
    ],
)
def test_an_expression_beyond_the_limits_is_an_expression_error_naming_the_limit(
    text: str, says: str
) -> None:
    with pytest.raises(_expr.ExpressionError, match=says):
        _expr.parse_expression(text)


def test_a_long_but_ordinary_sum_still_works() -> None:
    names = [f"q{i}" for i in range(150)]
    assert _expr.evaluate("+".join(f"${{{n}}}" for n in names), dict.fromkeys(names, "1")) == 150


def test_a_catastrophic_regex_stops_at_its_time_limit(monkeypatch: pytest.MonkeyPatch) -> None:
    """'(a|aa)+$' backtracks exponentially on 'aaa…b'; the check ends with an error, not a hang."""
    seen: list[float] = []
    real = _expr._compile_pattern("(a|aa)+$")

    class Spy:
        pattern = real.pattern

        def search(self, subject: str, timeout: float) -> object:
            seen.append(timeout)
            return real.search(subject, timeout=timeout)

    monkeypatch.setattr(_expr, "_compile_pattern", lambda pattern: Spy())
    with pytest.raises(_expr.ExpressionError, match="took longer than"):
        _expr.holds("regex(., '(a|aa)+$')", {}, current="a" * 60 + "b")
    assert seen == [_expr.REGEX_SECONDS]


def test_regex_checks_a_bounded_answer() -> None:
    with pytest.raises(_expr.ExpressionError, match="at most 10000 characters"):
        _expr.holds("regex(., '^a+$')", {}, current="a" * 10_001)
    assert _expr.holds("regex(., '^[0-9]{3}$')", {}, current="123")


def test_a_word_is_not_a_number() -> None:
    assert _expr.evaluate("number('abc')", {}) != _expr.evaluate("number('abc')", {})  # NaN


@pytest.mark.parametrize(
    ("text", "check"),
    [
        ("3 - 1 div 0", lambda v: v == float("-inf")),  # was TypeError: Decimal and float
        ("number('nan') > 3", lambda v: v is False),  # was decimal.InvalidOperation
        ("int(number('inf'))", lambda v: v != v),  # NaN; was OverflowError
        ("number('1e400') + 1", lambda v: v != v),
        ("int(1 div 0)", lambda v: v == float("inf")),
    ],
)
def test_arithmetic_at_the_edges_never_raises(text: str, check: Callable[[Any], bool]) -> None:
    """A respondent who types "nan" or "inf" into a number checked by number(.) > 3 got a 500."""
    assert check(_expr.evaluate(text, {}))
