"""Development plans: the steps of each gap, foundations first, in the SME's language."""

from __future__ import annotations

import pytest

from interventures.core.capacity import (
    LANGS,
    CapacityModel,
    Coverage,
    Gap,
    PlanStep,
    Result,
    development_plan,
    load_model,
    result_as_dict,
    score,
)


def test_plan_takes_gaps_by_dimension_priority_and_numbers_the_steps(small_model: CapacityModel) -> None:
    # gaps: b (25) then a (83.3); b has priority 1, a priority 3 -> b's steps first
    result = score(small_model, {"a1": "s4", "a2": "s2", "b1": "s1", "b2": "s1"})
    plan = development_plan(small_model, result, "hr")
    assert plan.lang == "hr"
    assert plan.steps == (
        PlanStep("b", 1, "b step 1 [hr]"),
        PlanStep("b", 2, "b step 2 [hr]"),
        PlanStep("a", 3, "a step 1 [hr]"),
        PlanStep("a", 4, "a step 2 [hr]"),
    )


def test_plan_of_a_result_without_gaps_is_empty(small_model: CapacityModel) -> None:
    result = score(small_model, {item.id: "s4" for item in small_model.items})
    assert development_plan(small_model, result, "en").steps == ()


def test_plan_rejects_an_unknown_language(small_model: CapacityModel) -> None:
    with pytest.raises(ValueError, match="unknown language 'de'"):
        development_plan(small_model, score(small_model, {}), "de")


@pytest.mark.parametrize("lang", LANGS)
def test_real_plan_exists_in_every_language(lang: str) -> None:
    model = load_model()
    answers = {item.id: item.options[1].id for item in model.items}
    result = score(model, answers)
    plan = development_plan(model, result, lang)
    assert len(result.gaps) == 3
    assert {s.dimension for s in plan.steps} == {g.dimension for g in result.gaps}
    assert [s.order for s in plan.steps] == list(range(1, len(plan.steps) + 1))
    assert all(s.text in model.dimension(s.dimension).steps[lang] for s in plan.steps)


def test_an_old_result_with_a_retired_dimension_still_renders() -> None:
    model = load_model()
    result = Result(
        model_version="0.9",
        dimension_scores={"retired": 10.0, "strategy": 20.0},
        overall=15.0,
        stage="retired_stage",
        gaps=(Gap("retired", 10.0, 90.0), Gap("strategy", 20.0, 80.0)),
        coverage=Coverage(5, 0, 0, 5),
    )
    shown = result_as_dict(model, result, "it")
    assert [s["dimension"] for s in shown["plan"]] == ["strategy"] * len(
        model.dimension("strategy").steps["it"]
    )
    assert shown["gaps"][0]["name"] == "retired"
    assert shown["stage"]["name"] == "retired_stage"
