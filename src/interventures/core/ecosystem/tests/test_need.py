"""The survey-weighted need: per-respondent stage and gaps by the test's rule, weighted shares by
stage (hand-computed), and how coverage reads both sources under the threshold rule."""

from __future__ import annotations

import pytest

from interventures.core.capacity import load_model, score
from interventures.core.ecosystem import (
    NeedCell,
    ServiceSpan,
    WeightedNeed,
    coverage,
    rank_gaps,
    respondent_need,
    weighted_need,
)
from interventures.core.stats import Factor, Margin, RakedDesign, Raker


def _design() -> RakedDesign:
    # 10 respondents of size a (population 300: weight 30 each), 10 of size b (100: weight 10).
    size = Factor.from_values(["a"] * 10 + ["b"] * 10)
    return Raker().fit({"size": size}, [Margin("size", {"a": 300.0, "b": 100.0})])


def test_weighted_shares_by_stage_match_the_hand_computed_values() -> None:
    design = _design()
    assert design.weights[0] == pytest.approx(30.0)
    assert design.weights[-1] == pytest.approx(10.0)
    stages: list[str | None] = ["s1"] * 6 + ["s2"] * 4 + ["s1"] * 6 + ["s2"] * 3 + [None]
    gaps: list[frozenset[str]] = [frozenset()] * 20
    for i in (0, 1, 2, 10):  # three of size a and one of size b at s1 have the gap in x
        gaps[i] = frozenset({"x"})
    gaps[19] = frozenset({"x"})  # no stage: left out of every cell
    need = weighted_need(design, stages, gaps, ["x", "y"])
    s1 = need["x", "s1"]
    # (3·30 + 1·10) / (6·30 + 6·10) = 100 / 240
    assert s1.share == pytest.approx(100 / 240)
    assert (s1.n, s1.with_gap) == (12, 4)
    assert s1.low is not None
    assert s1.high is not None
    assert s1.share is not None
    assert s1.low < s1.share < s1.high
    # s2: 4 of size a and 3 of size b (the 20th has no stage); nobody with the gap.
    assert (need["x", "s2"].n, need["x", "s2"].with_gap) == (7, 0)
    assert need["x", "s2"].share == pytest.approx(0.0)
    assert need["y", "s1"].with_gap == 0


def test_the_unweighted_share_differs_from_the_weighted_one() -> None:
    # The same respondents unweighted would give 4 / 12; the weights move it to 100 / 240.
    need = weighted_need(
        _design(),
        ["s1"] * 6 + ["s2"] * 4 + ["s1"] * 6 + ["s2"] * 4,
        [frozenset({"x"}) if i in (10, 11, 12) else frozenset() for i in range(20)],
        ["x"],
    )
    # three of size b (weight 10) of 240: 30 / 240, not 3 / 12.
    assert need["x", "s1"].share == pytest.approx(30 / 240)


def test_a_respondent_is_scored_by_the_tests_rule() -> None:
    model = load_model()
    low = {item.id: min(item.options, key=lambda o: o.score).id for item in model.items}
    stage, gaps = respondent_need(model, {**low, "unrelated": "x"})
    result = score(model, low)
    assert stage == result.stage == model.stages[0].id
    assert gaps == frozenset(g.dimension for g in result.gaps)
    assert len(gaps) == 3
    assert respondent_need(model, {}) == (None, frozenset())
    first = model.items[0]
    assert respondent_need(model, {first.id: first.options[0].id}) == (None, frozenset())
    assert respondent_need(model, {first.id: "no-such-option"}) == (None, frozenset())


def test_coverage_prefers_the_published_survey_share_and_falls_back_to_the_tests() -> None:
    tests = {("a", "s"): NeedCell(40, 30), ("b", "s"): NeedCell(40, 30)}
    survey = {
        ("a", "s"): WeightedNeed(n=60, with_gap=45, share=0.8, low=0.7, high=0.88),
        ("b", "s"): WeightedNeed(n=60, with_gap=58, share=0.97, low=0.9, high=0.99),  # 2 without it
    }
    cells = {
        c.dimension: c
        for c in coverage(
            ["a", "b", "c"], ["s"], [ServiceSpan(("c",), ("s",))], tests, min_cell=5, survey=survey
        )
    }
    a, b, c = cells["a"], cells["b"], cells["c"]
    assert (a.source, a.need, a.low, a.n) == ("survey", 0.8, 0.7, 60)
    assert a.tests is not None
    assert a.tests.need == pytest.approx(0.75)
    # b's survey share fails the complement rule (2 < 5 without the gap): the tests' share is read.
    assert b.survey is not None
    assert b.survey.need is None
    assert b.survey.suppressed_by == "count"
    assert (b.source, b.need, b.n) == ("tests", 0.75, 40)
    assert (c.source, c.need, c.n) == ("", None, 0)
    assert [g.cell.dimension for g in rank_gaps(tuple(cells.values()))] == ["a", "b"]


def test_the_minimum_cell_holds_on_the_numerator_and_its_complement() -> None:
    tests = {("a", "s"): NeedCell(30, 30), ("b", "s"): NeedCell(30, 4), ("c", "s"): NeedCell(30, 25)}
    cells = {c.dimension: c for c in coverage(["a", "b", "c"], ["s"], [], tests, min_cell=5)}
    assert cells["a"].need is None
    assert cells["a"].suppressed
    assert cells["b"].need is None
    assert cells["b"].tests is not None
    assert cells["b"].tests.suppressed_by == "count"
    assert cells["c"].need == pytest.approx(25 / 30)
    assert [g.cell.dimension for g in rank_gaps(tuple(cells.values()))] == ["c"]
