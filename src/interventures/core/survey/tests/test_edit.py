"""The editor's core: one-step moves, several changes as one edit, and structured problems."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from interventures.core.survey.edit import (
    EditError,
    add_question,
    add_question_inside,
    move_down,
    move_up,
    problems,
    remove_question,
    update_question,
)
from interventures.core.survey.form import Form, Question

from .forms import small_form


def names(form: Form) -> list[str]:
    return [q.name for q in form.questions if q.type != "end_group"]


def test_move_up_swaps_with_the_previous_question_at_the_same_level() -> None:
    form = move_up(small_form(), "turnover")
    assert names(form)[:4] == ["profile", "turnover", "employees", "founded"]


def test_the_first_question_of_a_group_moves_up_out_of_it() -> None:
    form = move_up(small_form(), "employees")
    assert names(form)[:2] == ["employees", "profile"]
    assert form.question("employees").group == ()


def test_a_question_moves_past_a_whole_group() -> None:
    form = move_up(small_form(), "exports")
    assert names(form)[0] == "exports"  # past the profile group and its three questions
    form = move_down(form, "exports")
    assert names(form)[:5] == ["profile", "employees", "turnover", "founded", "exports"]


def test_a_group_moves_with_its_questions() -> None:
    form = move_down(small_form(), "profile")
    assert names(form)[:5] == ["exports", "profile", "employees", "turnover", "founded"]


def test_the_last_question_of_a_group_moves_down_out_of_it() -> None:
    form = move_down(small_form(), "us_share")
    assert form.question("us_share").group == ()


def test_the_ends_of_the_form_stay_put() -> None:
    form = small_form()
    assert move_up(form, "profile") == form
    assert move_down(form, "thanks") == form


@settings(max_examples=30, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(["up", "down"]), st.integers(0, 20)), max_size=12))
def test_moves_keep_every_question_and_a_valid_form(steps: list[tuple[str, int]]) -> None:
    form = small_form()
    for direction, i in steps:
        all_names = names(form)
        name = all_names[i % len(all_names)]
        form = (move_up if direction == "up" else move_down)(form, name)
    assert sorted(names(form)) == sorted(names(small_form()))
    assert problems(form) == []


def test_update_question_changes_labels_hints_required_and_choice_labels_at_once() -> None:
    form = update_question(
        small_form(),
        "exports",
        label={"hu": "Exportál jelenleg?"},
        hint={"en": "Goods or services"},
        required=False,
        choice_labels={"yes": {"hu": "Igen, exportál"}},
    )
    q = form.question("exports")
    assert q.label == {"en": "Exports?", "hu": "Exportál jelenleg?"}
    assert q.hint == {"en": "Goods or services"}
    assert not q.required
    assert form.choices["yn"][0].label["hu"] == "Igen, exportál"


def test_an_emptied_label_is_reported_for_its_question_and_language() -> None:
    with pytest.raises(EditError) as exc:
        update_question(small_form(), "exports", label={"hu": " "}, choice_labels={"no": {"en": ""}})
    found = {(p.question, p.field, p.language, p.choice, p.code) for p in exc.value.details}
    assert ("exports", "label", "hu", "", "no_label") in found
    assert ("exports", "choice_label", "en", "no", "no_label") in found


def test_skip_logic_referring_to_a_missing_question_is_reported() -> None:
    with pytest.raises(EditError) as exc:
        update_question(small_form(), "comment", relevant="${nowhere} = 1")
    (problem,) = exc.value.details
    assert (problem.question, problem.field, problem.code) == ("comment", "relevant", "unknown_reference")
    assert "nowhere" in problem.text


def test_removing_a_question_others_refer_to_names_the_referring_question() -> None:
    with pytest.raises(EditError) as exc:
        remove_question(small_form(), "exports")
    assert {(p.question, p.field) for p in exc.value.details} >= {("trade", "relevant")}


def test_duplicate_and_invalid_names_and_empty_selects_are_reported() -> None:
    both = {"en": "X", "hu": "X"}
    with pytest.raises(EditError) as exc:
        add_question(small_form(), Question("comment", "text", both))
    assert [p.code for p in exc.value.details] == ["duplicate_name"]
    with pytest.raises(EditError) as exc:
        add_question(small_form(), Question("2nd", "text", both))
    assert [p.code for p in exc.value.details] == ["invalid_name"]
    with pytest.raises(EditError) as exc:
        add_question(small_form(), Question("pick", "select_one", both, list_name="pick"), choices=())
    assert [p.code for p in exc.value.details] == ["no_choices"]


def test_a_question_is_added_as_the_first_of_a_group_and_a_new_group_is_balanced() -> None:
    both = {"en": "X", "hu": "X"}
    form = add_question_inside(small_form(), Question("staff", "integer", both), group="trade")
    assert names(form)[names(form).index("trade") + 1] == "staff"
    assert form.question("staff").group == ("trade",)
    form = add_question(form, Question("extra", "begin_group", both), after="comment")
    assert problems(form) == []
    assert form.question("thanks").group == ()


def test_set_languages_requires_labels_only_in_the_declared_languages() -> None:
    from dataclasses import replace

    from interventures.core.survey import Question
    from interventures.core.survey.edit import EditError, add_question, set_languages

    form = replace(small_form(), languages=("en", "hu", "pl"))  # pl: no labels anywhere
    smaller = set_languages(form, ["hu"])
    assert smaller.languages == ("hu",)
    assert smaller.default_language == "hu"
    assert smaller.question("employees").label["en"] == "Employees"  # kept, optional now
    added = add_question(smaller, Question("web", "text", {"hu": "Weboldal"}))
    assert added.question("web").label == {"hu": "Weboldal"}
    with pytest.raises(EditError) as caught:
        set_languages(smaller, ["hu", "pl"])
    assert {(p.language, p.code) for p in caught.value.details} == {("pl", "no_label")}
    with pytest.raises(EditError):
        set_languages(smaller, [])
