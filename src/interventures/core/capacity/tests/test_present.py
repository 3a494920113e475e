"""The one presenter of a result (page, PDF, API, CLI): names in the reader's language, the ladder,
the next stage's conditions, the plan; exact numbers in the view, rounded ones only in its JSON."""

from __future__ import annotations

import dataclasses
import json

import pytest
from hypothesis import given, settings

from interventures.core.capacity import (
    CapacityModel,
    RequirementKind,
    ResultView,
    load_model,
    present_result,
    result_from_dict,
    score_with_progress,
    stage_progress_from_dict,
)

from .test_scoring import answer_sets

MODEL = load_model()
ANSWERS = {"a1": "s4", "a2": "s2", "b1": "s1", "b2": "dont_know"}  # mid; top needs b >= 50, b1 >= 0.75


def _view(model: CapacityModel, answers: dict[str, str], lang: str) -> ResultView:
    result, progress = score_with_progress(model, answers)
    return present_result(model, result, lang, progress=progress)


def test_the_view_names_everything_in_the_readers_language(small_model: CapacityModel) -> None:
    view = _view(small_model, ANSWERS, "hr")
    assert (view.lang, view.model_version) == ("hr", "0.1")
    assert (view.stage.id, view.stage.rank, view.stage.name, view.stage.current) == (
        "mid",
        1,
        "mid [hr]",
        True,
    )
    assert [(s.id, s.current) for s in view.ladder] == [("base", False), ("mid", True), ("top", False)]
    assert not view.at_top
    assert [(d.id, d.name, d.description) for d in view.dimensions] == [
        ("a", "dimension a [hr]", "about a [hr]"),
        ("b", "dimension b [hr]", "about b [hr]"),
        ("c", "dimension c [hr]", "about c [hr]"),
    ]
    assert view.dimensions[0].score == pytest.approx(250 / 3)  # exact, not rounded
    assert [(g.dimension, g.name) for g in view.gaps] == [
        ("b", "dimension b [hr]"),
        ("a", "dimension a [hr]"),
    ]


def test_the_next_stage_names_each_condition_and_the_answer_that_meets_it(small_model: CapacityModel) -> None:
    view = _view(small_model, ANSWERS, "it")
    assert view.next_stage is not None
    assert (view.next_stage.id, view.next_stage.name, view.next_stage.description) == (
        "top",
        "top [it]",
        "top stage [it]",
    )
    overall, b, b1 = view.next_stage.requirements
    assert (overall.kind, overall.label, overall.met) == (RequirementKind.OVERALL, "", True)
    assert (b.kind, b.label, b.required, b.actual, b.met) == (
        RequirementKind.DIMENSION,
        "dimension b [it]",
        50,
        25.0,
        False,
    )
    assert (b1.kind, b1.label, b1.option, b1.met) == (
        RequirementKind.ITEM,
        "question b1 [it]",
        "level 3 [it]",
        False,
    )
    assert view.next_stage.missing == (b, b1)


def test_the_top_rung_and_an_unknown_progress_have_no_next_stage(small_model: CapacityModel) -> None:
    result, progress = score_with_progress(small_model, {item.id: "s4" for item in small_model.items})
    top = present_result(small_model, result, "en", progress=progress)
    assert top.at_top
    assert top.next_stage is None
    mid, _progress = score_with_progress(small_model, ANSWERS)
    assert present_result(small_model, mid, "en").next_stage is None


def test_plan_steps_are_grouped_by_dimension_in_plan_order(small_model: CapacityModel) -> None:
    view = _view(small_model, ANSWERS, "pl")
    assert [(s.order, s.dimension, s.dimension_name) for s in view.plan] == [
        (1, "b", "dimension b [pl]"),
        (2, "b", "dimension b [pl]"),
        (3, "a", "dimension a [pl]"),
        (4, "a", "dimension a [pl]"),
    ]
    assert [(g.dimension, [s.order for s in g.steps]) for g in view.plan_groups] == [
        ("b", [1, 2]),
        ("a", [3, 4]),
    ]


def test_the_json_form_rounds_and_keeps_the_exact_stored_result(small_model: CapacityModel) -> None:
    result, progress = score_with_progress(small_model, ANSWERS)
    data = present_result(small_model, result, "en", progress=progress).as_dict()
    assert data["dimensions"][0] == {"id": "a", "name": "dimension a", "score": 83.3}
    assert data["overall"] == round((250 / 3 + 25) / 2, 1)
    assert data["stage"] == {"id": "mid", "rank": 1, "of": 3, "name": "mid", "description": "mid stage"}
    assert data["next_stage"]["requirements"][2] == {
        "kind": "item",
        "id": "b1",
        "label": "question b1",
        "required": 0.75,
        "actual": 0.25,
        "met": False,
    }
    assert data["result"] == result.to_dict()


@settings(max_examples=60, deadline=None)
@given(answers=answer_sets())
def test_a_stored_result_shows_exactly_what_a_fresh_one_shows(answers: dict[str, str]) -> None:
    """What completion stores is all a view needs: read back, it presents as the scored one does."""
    result, progress = score_with_progress(MODEL, answers)
    stored_result = result_from_dict(json.loads(json.dumps(result.to_dict())))
    stored_progress = stage_progress_from_dict(json.loads(json.dumps(progress.to_dict())))
    assert (stored_result, stored_progress) == (result, progress)
    assert present_result(MODEL, stored_result, "lt", progress=stored_progress) == present_result(
        MODEL, result, "lt", progress=progress
    )


def test_dimensions_are_shown_in_the_models_order_whatever_order_the_store_gives(
    small_model: CapacityModel,
) -> None:
    """PostgreSQL's jsonb hands a stored result's keys back sorted, not as written."""
    result, _progress = score_with_progress(small_model, ANSWERS)
    shuffled = dataclasses.replace(
        result, dimension_scores=dict(reversed(list(result.dimension_scores.items())))
    )
    order = [d.id for d in small_model.dimensions]
    assert [d.id for d in present_result(small_model, shuffled, "en").dimensions] == order
