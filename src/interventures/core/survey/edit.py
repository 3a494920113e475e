"""Copy-and-adapt: edits a partner makes to a questionnaire. Each returns a new Form and raises
FormError when the result would be unusable (e.g. removing a question others refer to)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace

from .form import Choice, Form, FormError, Question, with_group_paths


def _block(form: Form, name: str) -> tuple[int, int]:
    """Index range [start, end) of a question, or of a whole group with its markers."""
    for i, q in enumerate(form.questions):
        if q.name == name and q.type != "end_group":
            if q.type != "begin_group":
                return i, i + 1
            for j in range(i + 1, len(form.questions)):
                other = form.questions[j]
                if other.type == "end_group" and other.name == name and other.group == q.group:
                    return i, j + 1
    raise FormError([f"no question named {name!r}"])


def _rebuild(
    form: Form, questions: list[Question], choices: Mapping[str, tuple[Choice, ...]] | None = None
) -> Form:
    new = replace(
        form,
        questions=with_group_paths([replace(q, group=()) for q in questions]),
        choices=dict(choices if choices is not None else form.choices),
    )
    return new.check()


def add_question(
    form: Form, question: Question, *, after: str | None = None, choices: tuple[Choice, ...] | None = None
) -> Form:
    """Insert a question (at the start when `after` is None); `choices` adds its list if new."""
    qs = list(form.questions)
    pos = 0 if after is None else _block(form, after)[1]
    qs.insert(pos, question)
    lists = dict(form.choices)
    if choices is not None:
        lists[question.list_name] = choices
    return _rebuild(form, qs, lists)


def remove_question(form: Form, name: str) -> Form:
    start, end = _block(form, name)
    qs = list(form.questions[:start]) + list(form.questions[end:])
    used = {q.list_name for q in qs if q.list_name}
    return _rebuild(form, qs, {k: v for k, v in form.choices.items() if k in used})


def move_question(form: Form, name: str, *, after: str | None) -> Form:
    """Move a question (or a group with its content) after another one (or to the start)."""
    start, end = _block(form, name)
    block = list(form.questions[start:end])
    rest = list(form.questions[:start]) + list(form.questions[end:])
    tmp = replace(form, questions=tuple(rest))
    pos = 0 if after is None else _block(tmp, after)[1]
    return _rebuild(form, rest[:pos] + block + rest[pos:])


def set_label(form: Form, name: str, language: str, text: str) -> Form:
    start, _ = _block(form, name)
    qs = list(form.questions)
    qs[start] = replace(qs[start], label={**qs[start].label, language: text})
    return _rebuild(form, qs)


def set_choice_label(form: Form, list_name: str, choice: str, language: str, text: str) -> Form:
    lists = dict(form.choices)
    if list_name not in lists or choice not in {c.name for c in lists[list_name]}:
        raise FormError([f"no choice {list_name}/{choice}"])
    lists[list_name] = tuple(
        replace(c, label={**c.label, language: text}) if c.name == choice else c for c in lists[list_name]
    )
    return _rebuild(form, list(form.questions), lists)
