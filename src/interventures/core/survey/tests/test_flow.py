"""The respondent's way through a form: pages skipped by the answers, and choices a filter offers."""

from __future__ import annotations

from interventures.core.survey import flow

from .forms import small_form


def test_a_group_that_does_not_apply_takes_its_page_out_of_the_way() -> None:
    form = small_form()
    no = flow.relevant(form, {"exports": "no"})
    assert "trade" not in no
    assert "where" not in no
    assert flow.visible_pages(form, no) == [0, 1, 3]
    yes = flow.relevant(form, {"exports": "yes"})
    assert flow.visible_pages(form, yes) == [0, 1, 2, 3]


def test_page_state_names_the_questions_that_apply_and_the_choices_a_filter_leaves() -> None:
    form = small_form()
    _group, questions = list(form.pages())[2]
    state = flow.page_state(form, list(questions), {"exports": "yes", "neighbours_only": "yes"})
    assert state["relevant"] == ["neighbours_only", "where"]  # us_share waits for "us" in where
    assert state["choices"] == {"where": ["hr", "hu"]}  # neighbours only: the United States is filtered out
    state = flow.page_state(form, list(questions), {"exports": "yes", "neighbours_only": "no", "where": "us"})
    assert state["relevant"] == ["neighbours_only", "us_share", "where"]
    assert state["choices"] == {"where": ["hr", "hu", "us"]}
