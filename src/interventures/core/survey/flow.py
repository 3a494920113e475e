"""The respondent's way through a form, one page at a time: which questions apply given the answers so far,
which pages are left to show, and which choices a filtered select offers. The server is the one
evaluator of skip logic; the page's script only shows what these say."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from .form import Form, Question
from .validate import CellError, allowed_choices, clean_response, relevant_names


@dataclass(frozen=True)
class Evaluation:
    """One reading of a response against its form: the typed values, every error, what applies and
    the pages left to show. Worked out once per request and asked everything the page needs."""

    form: Form
    values: dict[str, Any]
    errors: list[CellError]
    relevant: frozenset[str]
    visible: list[int]

    def page(self, questions: Sequence[Question]) -> dict[str, Any]:
        """Which of a page's questions apply and which choices each filtered select offers: the
        server is the one evaluator of skip logic; the page's script only shows what it says."""
        return {
            "relevant": sorted(q.name for q in questions if q.name in self.relevant),
            "choices": {
                q.name: sorted(allowed_choices(self.form, q, self.values))
                for q in questions
                if q.list_name and q.choice_filter
            },
        }

    def errors_on(self, questions: Sequence[Question]) -> list[CellError]:
        """The errors of a page's questions that apply (a skipped question's answer is not an error
        the respondent can fix there)."""
        names = {q.name for q in questions if q.name in self.relevant and self.form.asks(q)}
        return [e for e in self.errors if e.question in names and e.code != "not_relevant"]

    def after(self, page: int) -> int | None:
        return next((i for i in self.visible if i > page), None)

    def before(self, page: int) -> int | None:
        earlier = [i for i in self.visible if i < page]
        return earlier[-1] if earlier else None

    def position(self, page: int) -> int:
        """The page's place among those shown, from 1."""
        return self.visible.index(page) + 1 if page in self.visible else 1


def evaluated(form: Form, values: dict[str, Any], errors: list[CellError]) -> Evaluation:
    """The evaluation of an already cleaned response (`clean_response`'s values and errors)."""
    relevant = relevant_names(form, values)
    return Evaluation(form, values, errors, frozenset(relevant), visible_pages(form, relevant))


def evaluate(form: Form, answers: Mapping[str, Any], *, language: str | None = None) -> Evaluation:
    values, errors = clean_response(form, answers, language=language)
    return evaluated(form, values, errors)


def relevant(form_def: Form, answers: dict[str, Any]) -> set[str]:
    """The names of the questions and groups that apply, given the raw answers so far."""
    return set(evaluate(form_def, answers).relevant)


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
    """`Evaluation.page` for raw answers."""
    return evaluate(form_def, answers).page(questions)
