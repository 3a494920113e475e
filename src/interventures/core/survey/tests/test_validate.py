import datetime as dt
from dataclasses import replace
from decimal import Decimal
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from interventures.core.survey import clean_response, validate_response
from interventures.core.survey.types import REGISTRY, ValueProblem, question_type

from .forms import small_form


def codes(errors: Any) -> Any:
    return {(e.question, e.code) for e in errors}


def test_a_complete_valid_response_has_no_errors_and_gets_its_calculation() -> None:
    form = small_form()
    values, errors = clean_response(
        form,
        {
            "employees": "12",
            "turnover": "1,5",
            "founded": "2001-03-04",
            "exports": "yes",
            "where": "hr us",
            "us_share": "30",
        },
    )
    assert errors == []
    assert values["employees"] == 12
    assert values["turnover"] == Decimal("1.5")
    assert values["founded"] == dt.date(2001, 3, 4)
    assert values["where"] == ("hr", "us")
    assert values["n_markets"] == "2"


def test_required_questions_must_be_answered() -> None:
    assert codes(validate_response(small_form(), {})) == {("employees", "required"), ("exports", "required")}


def test_answers_to_skipped_questions_are_errors() -> None:
    errors = validate_response(small_form(), {"employees": 3, "exports": "no", "where": "hr"})
    assert codes(errors) == {("where", "not_relevant")}


def test_a_skipped_group_needs_no_required_answers() -> None:
    assert validate_response(small_form(), {"employees": 3, "exports": "no"}) == []


def test_relevance_follows_selected_in_a_multiple_choice() -> None:
    form = small_form()
    assert codes(
        validate_response(form, {"employees": 3, "exports": "yes", "where": "hr", "us_share": 5})
    ) == {("us_share", "not_relevant")}


def test_constraints_use_the_message_in_the_respondents_language() -> None:
    errors = validate_response(small_form(), {"employees": "300", "exports": "no"}, language="hu")
    assert [(e.question, e.code, e.message) for e in errors] == [
        ("employees", "constraint", "0 és 249 között")
    ]


def test_values_outside_the_choice_list_are_rejected() -> None:
    errors = validate_response(small_form(), {"employees": 1, "exports": "maybe"})
    assert codes(errors) == {("exports", "not_a_choice")}


def test_choice_filter_restricts_the_allowed_choices() -> None:
    form = small_form()
    base = {"employees": 1, "exports": "yes", "neighbours_only": "yes"}
    assert codes(validate_response(form, {**base, "where": "us"})) == {("where", "not_a_choice")}
    assert validate_response(form, {**base, "where": "hr hu"}) == []


def test_count_selected_constraint() -> None:
    errors = validate_response(small_form(), {"employees": 1, "exports": "yes", "where": "hr hu us"})
    assert ("where", "constraint") in codes(errors)


@pytest.mark.parametrize(
    ("answers", "expected"),
    [
        ({"employees": "twelve", "exports": "no"}, ("employees", "not_integer")),
        ({"employees": "1.5", "exports": "no"}, ("employees", "not_integer")),
        ({"employees": 1, "exports": "no", "turnover": "1,2,3"}, ("turnover", "not_number")),
        ({"employees": 1, "exports": "no", "founded": "31/02/2020"}, ("founded", "not_date")),
        ({"employees": 1, "exports": "no", "colour": "red"}, ("colour", "unknown_question")),
        ({"employees": 1, "exports": "no", "thanks": "x"}, ("thanks", "no_answer_expected")),
    ],
)
def test_type_errors_are_reported_per_cell(answers: Any, expected: Any) -> None:
    assert expected in codes(validate_response(small_form(), answers))


@pytest.mark.parametrize(
    ("raw", "value"),
    [("1,5", "1.5"), ("1.234,5", "1234.5"), ("1,234.5", "1234.5"), ("1 234,50", "1234.50"), ("-2", "-2")],
)
def test_decimal_accepts_a_decimal_comma_and_thousands_separators(raw: Any, value: Any) -> None:
    assert question_type("decimal").parse(raw) == Decimal(value)


def test_every_registered_type_round_trips_its_json_form() -> None:
    samples = {
        "select_one": "a",
        "select_multiple": "a b",
        "integer": "3",
        "decimal": "2,5",
        "text": " hi ",
        "date": "02.01.2020",
    }
    for name, raw in samples.items():
        kind = question_type(name)
        value = kind.parse(raw)
        assert kind.load(kind.dump(value)) == value
    assert {"note", "calculate", "begin_group", "end_group"} <= set(REGISTRY)


def test_summaries_count_choices_and_describe_numbers() -> None:
    assert question_type("select_multiple").summarise([("a", "b"), ("a",), None]) == {
        "n": 2,
        "counts": {"a": 2, "b": 1},
    }
    s = question_type("integer").summarise([1, 2, 3, None])
    assert (s["n"], s["min"], s["max"], s["mean"]) == (3, 1, 3, 2)


@given(st.integers(min_value=-(10**12), max_value=10**12))
def test_integers_parse_from_their_text(n: Any) -> None:
    assert question_type("integer").parse(str(n)) == n


def test_integer_rejects_booleans() -> None:
    with pytest.raises(ValueProblem):
        question_type("integer").parse(True)


def test_form_problems_catch_broken_edits() -> None:
    form = small_form()
    assert form.problems() == []
    broken = replace(
        form,
        questions=form.questions[:4]
        + (replace(form.questions[5], relevant="${nope} = 1", label={"en": "x"}),)
        + form.questions[4:],
    )
    problems = broken.problems()
    assert any("duplicate name" in p for p in problems)
    assert any("unknown question(s) nope" in p for p in problems)
    assert not any("no label in hu" in p for p in problems)  # a missing translation is said, not refused
    assert any("no label in hu" in p for p in broken.missing_translations())


def test_form_json_round_trip() -> None:
    from interventures.core.survey import Form

    form = small_form()
    assert Form.from_dict(form.to_dict()) == form


def test_pages_follow_top_level_groups() -> None:
    pages = small_form().pages()
    assert [(g.name if g else None, [q.name for q in qs]) for g, qs in pages] == [
        ("profile", ["employees", "turnover", "founded"]),
        (None, ["exports"]),
        ("trade", ["neighbours_only", "where", "us_share"]),
        (None, ["n_markets", "comment", "thanks"]),
    ]


def test_integers_beyond_a_million_million_are_out_of_range() -> None:
    from interventures.core.survey.types import ValueProblem

    with pytest.raises(ValueProblem) as exc:
        question_type("integer").parse("99999999999999999999")
    assert exc.value.code == "out_of_range"


def test_a_value_given_for_a_calculation_must_agree_with_it() -> None:
    from interventures.core.survey.standard import standard_form

    form = standard_form()
    answers = {"exports": "yes", "imports": "no", "cross_border": "no", "countries": "HR IT"}
    _values, errors = clean_response(form, {**answers, "n_markets": "99999999999999999999"})
    (wrong,) = [e for e in errors if e.question == "n_markets"]
    assert wrong.code == "calculated"
    assert wrong.params == {"value": "99999999999999999999", "expected": "2"}
    _values, errors = clean_response(form, {**answers, "n_markets": "2"})
    assert not [e for e in errors if e.question == "n_markets"]


def test_nuts3_codes_are_two_letters_and_three_letters_or_digits() -> None:
    from interventures.core.survey.validate import is_nuts3_code

    assert is_nuts3_code("HU231")
    assert is_nuts3_code("HR04B")
    assert not any(is_nuts3_code(c) for c in ("HU23", "HU2311", "1U231", "hu231", ""))
