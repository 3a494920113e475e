"""The respondent's way through a form, one page at a time: which questions apply given the answers so far,
which pages are left to show, and which choices a filtered select offers. The server is the one
evaluator of skip logic; the page's script only shows what these say."""

from __future__ import annotations

from typing import Any

from .form import Form, Question
from .validate import allowed_choices, clean_response, relevant_names


def relevant(form_def: Form, answers: dict[str, Any]) -> set[str]:
    """The names of the questions and groups that apply, given the raw answers so far."""
    values, _errors = clean_response(form_def, answers)
    return relevant_names(form_def, values)


def visible_pages(form_def: Form, relevant: set[str]) -> list[int]:
    """The indexes of the pages left to show: a page whose group or every question is skipped is not."""
    out = []
    for i, (group, questions) in enumerate(form_def.pages()):
        if group is not None and group.name not in relevant:
            continue
        if any(q.name in relevant and q.type != "calculate" for q in questions):
            out.append(i)
    return out


def page_state(form_def: Form, questions: list[Question], answers: dict[str, Any]) -> dict[str, Any]:
    """Which of a page's questions apply and which choices each select offers, given the answers:
    the server is the one evaluator of skip logic; the page's script only shows what it says."""
    values, _errors = clean_response(form_def, answers)
    relevant = relevant_names(form_def, values)
    return {
        "relevant": sorted(q.name for q in questions if q.name in relevant),
        "choices": {
            q.name: sorted(allowed_choices(form_def, q, values))
            for q in questions
            if q.list_name and q.choice_filter
        },
    }
