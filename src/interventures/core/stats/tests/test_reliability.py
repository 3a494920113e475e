from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from interventures.core.capacity import DONT_KNOW, load_model, score
from interventures.core.stats import ItemSpec, cronbach_alpha, dimension_scores

ITEMS = {
    "a1": ItemSpec("strategy", 1.0),
    "a2": ItemSpec("strategy", 3.0),
    "a3": ItemSpec("strategy", 1.0),
    "a4": ItemSpec("strategy", 1.0),
    "b1": ItemSpec("finance"),
}


def test_dimension_score_is_the_weighted_mean_of_answered_items() -> None:
    scores = {"a1": [1.0], "a2": [0.5], "a3": [np.nan], "a4": [0.0], "b1": [0.25]}
    result = dimension_scores(scores, ITEMS)
    assert result.column("strategy")[0] == pytest.approx(100 * (1 + 3 * 0.5 + 0) / 5)
    assert result.column("finance")[0] == 25.0
    assert result.answered.tolist() == [[3, 1]]
    assert result.overall[0] == pytest.approx((50 + 25) / 2)


def test_dimension_score_is_missing_when_fewer_than_half_the_items_are_answered() -> None:
    scores = {
        "a1": [1.0, 1.0],
        "a2": [np.nan, 0.0],
        "a3": [np.nan, np.nan],
        "a4": [np.nan, np.nan],
        "b1": [np.nan, 0],
    }
    result = dimension_scores(scores, ITEMS)
    assert math.isnan(result.column("strategy")[0])  # 1 of 4 answered
    assert result.column("strategy")[1] == pytest.approx(25.0)  # 2 of 4 answered: exactly half
    assert math.isnan(result.column("finance")[0])
    assert math.isnan(result.overall[0])  # no dimension has a score
    assert result.overall[1] == pytest.approx(12.5)


@settings(max_examples=30, deadline=None)
@given(
    st.lists(
        st.lists(st.sampled_from([0.0, 0.25, 0.5, 0.75, 1.0, np.nan]), min_size=5, max_size=5),
        min_size=1,
        max_size=20,
    )
)
def test_dimension_scores_stay_between_zero_and_one_hundred(rows: list[list[float]]) -> None:
    matrix = np.array(rows)
    result = dimension_scores({name: matrix[:, i] for i, name in enumerate(ITEMS)}, ITEMS)
    finite = result.scores[np.isfinite(result.scores)]
    assert np.all((finite >= 0) & (finite <= 100))


def test_cronbach_alpha_listwise_matches_the_textbook_formula() -> None:
    data = np.array([[1, 2, 2], [2, 3, 3], [3, 3, 4], [4, 5, 4], [5, 4, 5], [2, np.nan, 1]], dtype=float)
    items = {f"i{j}": ItemSpec("d") for j in range(3)}
    (rel,) = cronbach_alpha({f"i{j}": data[:, j] for j in range(3)}, items)
    complete = data[:5]
    k = 3
    expected = k / (k - 1) * (1 - complete.var(axis=0, ddof=1).sum() / complete.sum(axis=1).var(ddof=1))
    assert rel.alpha == pytest.approx(expected)
    assert (rel.items, rel.n) == (3, 5)


def test_cronbach_alpha_needs_two_items() -> None:
    (rel,) = cronbach_alpha({"b1": [1.0, 2.0, 3.0]}, {"b1": ItemSpec("finance")})
    assert rel.alpha is None


# --- the same rule as the preparedness test -------------------------------------------------------

CAPACITY_MODEL = load_model()
CAPACITY_ITEMS = {item.id: ItemSpec(item.dimension, item.weight) for item in CAPACITY_MODEL.items}


@st.composite
def capacity_answers(draw: st.DrawFn) -> dict[str, str]:
    """Answers to the real capacity model: options, "don't know" and skips, leaning to one level."""
    level = draw(st.floats(min_value=0.0, max_value=1.0))
    answers = {}
    for item in CAPACITY_MODEL.items:
        choices = [None, *(o.id for o in item.options), *([DONT_KNOW] if item.allow_dont_know else [])]
        if draw(st.booleans()):
            choice: str | None = item.options[round(level * (len(item.options) - 1))].id
        else:
            choice = draw(st.sampled_from(choices))
        if choice is not None:
            answers[item.id] = choice
    return answers


@settings(max_examples=60, deadline=None)
@given(respondents=st.lists(capacity_answers(), min_size=1, max_size=6))
def test_dimension_scores_agree_with_the_preparedness_tests_scoring(
    respondents: list[dict[str, str]],
) -> None:
    """The survey analysis forms capacity indices for many respondents at once; each respondent's
    must be the one the preparedness test (core.capacity.score) gives the same answers."""
    item_scores = {
        item.id: [
            item.option(a[item.id]).score if a.get(item.id, DONT_KNOW) != DONT_KNOW else np.nan
            for a in respondents
        ]
        for item in CAPACITY_MODEL.items
    }
    many = dimension_scores(item_scores, CAPACITY_ITEMS)
    for row, answers in enumerate(respondents):
        one = score(CAPACITY_MODEL, answers)
        for dimension, expected in one.dimension_scores.items():
            got = float(many.column(dimension)[row])
            assert math.isnan(got) if expected is None else got == pytest.approx(expected, abs=1e-9)
        got_overall = float(many.overall[row])
        assert math.isnan(got_overall) if one.overall is None else got_overall == pytest.approx(one.overall)
