"""Scoring rules (docs/methods/capacity-model.md): hand-worked results on a small model, the stage
gates on the real model, and properties that must hold for any set of answers."""

from __future__ import annotations

import json
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from interventures.core.capacity import (
    DONT_KNOW,
    AnswerError,
    CapacityModel,
    Coverage,
    Gap,
    RequirementKind,
    Result,
    StageProgress,
    load_model,
    result_from_dict,
    score,
    score_with_progress,
    stage_progress,
    stage_progress_from_dict,
    validate_answers,
)

MODEL = load_model()


# --- hand-worked expectations on the small model (see conftest) --------------------------------


def test_hand_worked_result(small_model: CapacityModel) -> None:
    answers = {"a1": "s4", "a2": "s2", "b1": "s1", "b2": DONT_KNOW}
    result = score(small_model, answers)
    # a: (2 x 1.0 + 1 x 0.5) / (2 + 1) = 0.8333 -> 83.33 (a3 skipped, 2 of 3 answered)
    assert result.dimension_scores["a"] == pytest.approx(250 / 3)
    # b: only b1 answered (b2 "don't know"), 1 of 2 is half -> 25.0
    assert result.dimension_scores["b"] == pytest.approx(25.0)
    # c: its one item is skipped -> insufficient
    assert result.dimension_scores["c"] is None
    # overall: 2 of 3 dimensions have a score -> mean(83.33, 25)
    assert result.overall == pytest.approx((250 / 3 + 25) / 2)
    # 54.2 passes "mid" (30) and the overall bar of "top" (50), but b < 50 and b1 < 0.75
    assert result.stage == "mid"
    assert result.gaps == (
        Gap(dimension="b", score=pytest.approx(25.0), shortfall=pytest.approx(75.0)),  # type: ignore[arg-type]  # approx compares as a float
        Gap(dimension="a", score=pytest.approx(250 / 3), shortfall=pytest.approx(50 / 3)),  # type: ignore[arg-type]  # approx compares as a float
    )
    assert result.coverage == Coverage(answered=3, dont_know=1, skipped=2, total=6)
    assert result.model_version == "0.1"


def test_top_stage_needs_its_gates_as_well_as_the_overall_index(small_model: CapacityModel) -> None:
    answers = {"a1": "s4", "a2": "s4", "a3": "s4", "b1": "s3", "b2": "s3", "c1": "s4"}
    assert score(small_model, answers).stage == "top"
    # b1 "don't know" leaves b at 75 and the overall at 91.7, but the b1 gate needs an answer
    assert score(small_model, {**answers, "b1": DONT_KNOW}).stage == "mid"
    # b at 50 exactly passes the b gate; b1 at 0.75 passes the item gate
    assert score(small_model, {**answers, "b2": "s1"}).stage == "top"
    assert score(small_model, {**answers, "b1": "s2", "b2": "s4"}).stage == "mid"


def test_dont_know_and_skipped_are_left_out_never_scored_as_lowest(small_model: CapacityModel) -> None:
    base = {"a1": "s4", "a2": "s4", "b1": "s4", "b2": "s4", "c1": "s4"}
    with_dont_know = score(small_model, {**base, "a3": DONT_KNOW})
    skipped = score(small_model, base)
    lowest = score(small_model, {**base, "a3": "s0"})
    assert with_dont_know.dimension_scores["a"] == skipped.dimension_scores["a"] == 100.0
    assert lowest.dimension_scores["a"] == pytest.approx(75.0)


def test_a_dimension_with_fewer_than_half_of_its_items_answered_is_insufficient(
    small_model: CapacityModel,
) -> None:
    result = score(small_model, {"a1": "s4", "a2": DONT_KNOW, "a3": DONT_KNOW})
    assert result.dimension_scores["a"] is None
    assert score(small_model, {"a1": "s4", "a2": "s0"}).dimension_scores["a"] is not None


def test_overall_needs_at_least_half_of_the_dimensions(small_model: CapacityModel) -> None:
    only_a = score(small_model, {"a1": "s4", "a2": "s4"})
    assert only_a.overall is None
    assert only_a.stage == "base"
    assert score(small_model, {"a1": "s4", "a2": "s4", "c1": "s2"}).overall == pytest.approx(75.0)


def test_no_answers_gives_the_first_stage_and_no_scores(small_model: CapacityModel) -> None:
    result = score(small_model, {})
    assert result.overall is None
    assert result.stage == "base"
    assert result.gaps == ()
    assert result.coverage == Coverage(answered=0, dont_know=0, skipped=6, total=6)


def test_gaps_are_the_three_lowest_scores_ties_in_model_order_and_full_scores_are_no_gap() -> None:
    answers = {item.id: item.options[-1].id for item in MODEL.items}
    assert score(MODEL, answers).gaps == ()
    for dimension_id in ("people", "finance", "networks", "digital"):
        for item in MODEL.items_of(dimension_id):
            answers[item.id] = item.options[0].id
    gaps = score(MODEL, answers).gaps
    # all four at 0: the first three in model order
    assert [g.dimension for g in gaps] == ["networks", "finance", "people"]
    assert all(g.shortfall == 100.0 for g in gaps)


def _best(**overrides: str) -> dict[str, str]:
    answers = {item.id: item.options[-1].id for item in MODEL.items}
    answers.update(overrides)
    return answers


def test_real_model_best_answers_reach_international_clustering() -> None:
    result = score(MODEL, _best())
    assert result.stage == "clustering"
    assert result.overall == 100.0


def test_no_foreign_activity_is_never_more_than_exploring_whatever_the_other_scores() -> None:
    result = score(MODEL, _best(exp_activity="never"))
    assert result.overall is not None
    assert result.overall > 90
    assert result.stage == "exploring"
    # skipping the activity question does not open the higher stages either
    answers = _best()
    del answers["exp_activity"]
    assert score(MODEL, answers).stage == "exploring"


def test_clustering_needs_active_cluster_membership_and_joint_development() -> None:
    assert score(MODEL, _best(net_cluster="knows_some")).stage == "structured"
    assert score(MODEL, _best(net_joint_dev="never")).stage == "structured"


def test_occasional_activity_caps_the_stage_at_occasional_cooperation() -> None:
    assert score(MODEL, _best(exp_activity="occasionally")).stage == "occasional"


def test_a_real_mixed_profile_lands_on_the_expected_stage() -> None:
    answers = {item.id: item.options[len(item.options) // 2].id for item in MODEL.items}
    result = score(MODEL, answers)
    # every answer in the middle of its scale: overall 50-58 and experience/networks >= 50 with
    # occasional activity (0.5) -> occasional cooperation, not structured networking (needs 0.75)
    assert 50 <= (result.overall or 0) < 60
    assert result.stage == "occasional"


# --- validation --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("answers", "item_id", "message"),
    [
        ({"zz": "s1"}, "zz", "unknown item 'zz'"),
        ({"a1": "s9"}, "a1", "unknown option 's9' for item 'a1'"),
        ({"a1": 3}, "a1", "must be an option id string, not int"),
        ({"a1": ["s1"]}, "a1", "not list"),
        ({"c1": DONT_KNOW}, "c1", "does not allow 'dont_know'"),
    ],
)
def test_bad_answers_name_the_item(
    small_model: CapacityModel, answers: dict[str, Any], item_id: str, message: str
) -> None:
    with pytest.raises(AnswerError, match=message) as caught:
        score(small_model, answers)
    assert caught.value.item_id == item_id


def test_answers_must_be_a_mapping(small_model: CapacityModel) -> None:
    with pytest.raises(AnswerError, match="must be an object"):
        validate_answers(small_model, ["a1"])  # type: ignore[arg-type]  # the wrong type is the test


def test_null_and_empty_answers_count_as_skipped(small_model: CapacityModel) -> None:
    assert validate_answers(small_model, {"a1": None, "a2": "", "a3": "s1"}) == {"a3": "s1"}


# --- stored results ----------------------------------------------------------------------------


def test_result_survives_a_json_round_trip(small_model: CapacityModel) -> None:
    result = score(small_model, {"a1": "s4", "a2": "s1", "a3": DONT_KNOW, "b1": "s2", "b2": "s3"})
    stored = json.loads(json.dumps(result.to_dict()))
    assert result_from_dict(stored) == result


def test_a_result_of_an_older_model_version_stays_readable() -> None:
    stored = {
        "model_version": "0.9",
        "dimension_scores": {"strategy": 40, "retired_dimension": None},
        "overall": 40,
        "stage": "retired_stage",
        "gaps": [{"dimension": "strategy", "score": 40, "shortfall": 60}],
        "coverage": {"answered": 10, "dont_know": 0, "skipped": 2, "total": 12},
    }
    result = result_from_dict(stored)
    assert result == Result(
        model_version="0.9",
        dimension_scores={"strategy": 40.0, "retired_dimension": None},
        overall=40.0,
        stage="retired_stage",
        gaps=(Gap("strategy", 40.0, 60.0),),
        coverage=Coverage(10, 0, 2, 12),
    )


# --- properties --------------------------------------------------------------------------------


@st.composite
def answer_sets(draw: st.DrawFn, model: CapacityModel = MODEL) -> dict[str, str]:
    """Any mix of options, "don't know" and skips; half of the items lean towards one drawn level so
    that high stages, not only the low ones, turn up."""
    level = draw(st.floats(min_value=0.0, max_value=1.0))
    answers = {}
    for item in model.items:
        if draw(st.booleans()):
            answers[item.id] = item.options[round(level * (len(item.options) - 1))].id
            continue
        choices: list[str | None] = [None, *(o.id for o in item.options)]
        if item.allow_dont_know:
            choices.append(DONT_KNOW)
        choice = draw(st.sampled_from(choices))
        if choice is not None:
            answers[item.id] = choice
    return answers


def _all_scores(result: Result) -> list[float | None]:
    return [*result.dimension_scores.values(), result.overall]


@settings(max_examples=150, deadline=None)
@given(answers=answer_sets(), data=st.data())
def test_a_better_answer_never_lowers_any_score_or_the_stage(
    answers: dict[str, str], data: st.DataObject
) -> None:
    answered = [item_id for item_id, option in answers.items() if option != DONT_KNOW]
    if not answered:
        return
    item = MODEL.item(data.draw(st.sampled_from(sorted(answered))))
    current = item.option(answers[item.id]).score
    better = [o.id for o in item.options if o.score > current]
    if not better:
        return
    before = score(MODEL, answers)
    after = score(MODEL, {**answers, item.id: data.draw(st.sampled_from(better))})
    for old, new in zip(_all_scores(before), _all_scores(after), strict=True):
        assert (old is None) == (new is None)
        if old is not None and new is not None:
            assert new >= old
    rank = {s.id: s.rank for s in MODEL.stages}
    assert rank[after.stage] >= rank[before.stage]


@settings(max_examples=150, deadline=None)
@given(answers=answer_sets())
def test_scores_stay_within_0_and_100_and_coverage_adds_up(answers: dict[str, str]) -> None:
    result = score(MODEL, answers)
    for value in _all_scores(result):
        assert value is None or 0.0 <= value <= 100.0
    for gap in result.gaps:
        assert 0.0 <= gap.score < 100.0
        assert gap.shortfall == pytest.approx(100.0 - gap.score)
    c = result.coverage
    assert c.answered + c.dont_know + c.skipped == c.total == len(MODEL.items)


@settings(max_examples=100, deadline=None)
@given(answers=answer_sets())
def test_the_same_answers_always_give_the_same_result(answers: dict[str, str]) -> None:
    reordered = dict(reversed(list(answers.items())))
    assert score(MODEL, answers) == score(MODEL, answers) == score(MODEL, reordered)


@settings(max_examples=100, deadline=None)
@given(answers=answer_sets(), data=st.data())
def test_dont_know_never_lowers_a_score_compared_with_skipping(
    answers: dict[str, str], data: st.DataObject
) -> None:
    skipped = [item.id for item in MODEL.items if item.allow_dont_know and item.id not in answers]
    if not skipped:
        return
    item_id = data.draw(st.sampled_from(skipped))
    before = score(MODEL, answers)
    after = score(MODEL, {**answers, item_id: DONT_KNOW})
    assert _all_scores(after) == _all_scores(before)
    assert after.stage == before.stage


@settings(max_examples=100, deadline=None)
@given(answers=answer_sets())
def test_results_round_trip_through_their_stored_form(answers: dict[str, str]) -> None:
    result = score(MODEL, answers)
    assert result_from_dict(json.loads(json.dumps(result.to_dict()))) == result


# --- what the next stage still needs -------------------------------------------------------------


def test_stage_progress_lists_the_next_stages_conditions_and_what_is_missing(
    small_model: CapacityModel,
) -> None:
    progress = stage_progress(small_model, {"a1": "s4", "a2": "s2", "b1": "s1", "b2": DONT_KNOW})
    assert progress.stage == "mid"
    assert progress.next_stage == "top"
    overall, b, b1 = progress.requirements
    assert (overall.kind, overall.id, overall.required, overall.met) == (
        RequirementKind.OVERALL,
        None,
        50,
        True,
    )
    assert overall.actual == pytest.approx((250 / 3 + 25) / 2)
    assert (b.kind, b.id, b.required, b.actual, b.met) == (RequirementKind.DIMENSION, "b", 50, 25.0, False)
    assert (b1.kind, b1.id, b1.required, b1.actual, b1.met) == (RequirementKind.ITEM, "b1", 0.75, 0.25, False)
    assert progress.missing == (b, b1)


def test_stage_progress_on_the_top_rung_has_no_next_stage(small_model: CapacityModel) -> None:
    answers = {item.id: "s4" for item in small_model.items}
    assert stage_progress(small_model, answers) == StageProgress(
        stage="top", next_stage=None, requirements=()
    )


def test_an_unanswered_gate_item_is_missing_not_zero() -> None:
    progress = stage_progress(MODEL, _best(exp_activity=""))
    assert progress.stage == "exploring"
    assert progress.next_stage == "occasional"
    assert [(r.id, r.actual) for r in progress.missing] == [("exp_activity", None)]


@settings(max_examples=100, deadline=None)
@given(answers=answer_sets())
def test_stage_progress_agrees_with_score(answers: dict[str, str]) -> None:
    progress = stage_progress(MODEL, answers)
    assert progress.stage == score(MODEL, answers).stage
    if progress.next_stage is not None:
        assert progress.missing, "the next stage would have been reached"


@settings(max_examples=150, deadline=None)
@given(answers=answer_sets())
def test_every_condition_of_the_reached_stage_and_those_below_it_holds(answers: dict[str, str]) -> None:
    result = score(MODEL, answers)
    reached = MODEL.stage(result.stage)
    for stage in MODEL.stages[1 : reached.rank + 1]:
        assert result.overall is not None
        assert result.overall >= stage.min_overall
        for dimension_id, minimum in stage.min_dimension.items():
            value = result.dimension_scores[dimension_id]
            assert value is not None
            assert value >= minimum
        for item_id, minimum in stage.min_item.items():
            assert item_id in answers
            assert answers[item_id] != DONT_KNOW
            assert MODEL.item(item_id).option(answers[item_id]).score >= minimum
    if answers.get("exp_activity") in (None, "never", "once"):
        assert reached.rank <= MODEL.stage("exploring").rank


@settings(max_examples=100, deadline=None)
@given(answers=answer_sets())
def test_scoring_with_progress_is_score_and_stage_progress_at_once(answers: dict[str, str]) -> None:
    assert score_with_progress(MODEL, answers) == (score(MODEL, answers), stage_progress(MODEL, answers))


@settings(max_examples=100, deadline=None)
@given(answers=answer_sets())
def test_stage_progress_round_trips_through_its_stored_form(answers: dict[str, str]) -> None:
    progress = stage_progress(MODEL, answers)
    assert stage_progress_from_dict(json.loads(json.dumps(progress.to_dict()))) == progress
