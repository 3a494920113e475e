"""Copy-and-adapt: edits a partner makes to a questionnaire. Each returns a new Form and raises
EditError (a FormError) when the result would be unusable (e.g. removing a question others refer to).

`problems(form)` states what is wrong with a form as structured `Problem`s (question, field, code,
parameters), so an editor can show each one next to the field it concerns, in the reader's language.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from dataclasses import field as dataclass_field
from typing import Any

from .expr import ExpressionError, references
from .form import Choice, Form, FormError, Question, with_group_paths
from .types import REGISTRY

_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_.\-]*$")
EXPRESSION_FIELDS = ("relevant", "constraint", "calculation", "choice_filter")


@dataclass(frozen=True)
class Problem:
    """One reason a form cannot be fielded. `question` is a question name ("" for the whole form);
    `field` names what to fix: "name", "type", "label", "choices", "choice_label", "group" or one of
    EXPRESSION_FIELDS; `language`/`choice` narrow it down; `params` fill the message."""

    question: str
    field: str
    code: str
    language: str = ""
    choice: str = ""
    params: Mapping[str, Any] = dataclass_field(default_factory=dict)

    @property
    def text(self) -> str:
        """The problem in English (the web editor translates by `code`)."""
        where = f"question {self.question}" if self.question else "the form"
        if self.choice:
            where += f", choice {self.choice}"
        message = MESSAGES.get(self.code, self.code).format(language=self.language, **self.params)
        return f"{where}: {self.field}: {message}"


MESSAGES: dict[str, str] = {
    "unknown_type": "unknown type {type}",
    "group_not_begun": "end of a group that was not begun",
    "group_not_ended": "the group is not ended",
    "invalid_name": "invalid name (a letter or _ first, then letters, digits, _ . -)",
    "duplicate_name": "duplicate name",
    "no_choices": "a select question needs a non-empty choice list",
    "no_calculation": "a calculation is missing",
    "no_label": "no label in {language}",
    "bad_expression": "the expression does not parse: {detail}",
    "unknown_reference": "refers to unknown question(s) {names}",
    "duplicate_choice": "duplicate choice name",
    "invalid_choice_name": "invalid choice name (empty or with spaces)",
    "no_such_question": "no such question",
    "no_such_choice": "no such choice",
    "not_a_group": "not a group",
    "list_exists": "a choice list with this name exists already",
    "no_languages": "the form needs at least one language",
    "other": "{detail}",
}


class EditError(FormError):
    """An edit refused because of `details` (the structured problems of the result)."""

    def __init__(self, details: list[Problem]) -> None:
        super().__init__([p.text for p in details])
        self.details = details


def problems(form: Form) -> list[Problem]:
    """Every problem of the whole form, in form order (the same rules as `Form.problems`)."""
    out: list[Problem] = []
    seen: set[str] = set()
    depth: list[str] = []
    names = {q.name for q in form.questions if q.type != "end_group"}
    users_of: dict[str, list[str]] = {}
    for q in form.questions:
        if q.list_name:
            users_of.setdefault(q.list_name, []).append(q.name)
    for q in form.questions:
        if q.type not in REGISTRY:
            out.append(Problem(q.name, "type", "unknown_type", params={"type": q.type}))
            continue
        if q.type == "end_group":
            if not depth:
                out.append(Problem(q.name, "group", "group_not_begun"))
            else:
                depth.pop()
            continue
        if not q.name or not _NAME.match(q.name):
            out.append(Problem(q.name, "name", "invalid_name"))
        elif q.name in seen:
            out.append(Problem(q.name, "name", "duplicate_name"))
        seen.add(q.name)
        if q.type == "begin_group":
            depth.append(q.name)
        kind = REGISTRY[q.type]
        if kind.has_choices and not form.choices.get(q.list_name):
            out.append(Problem(q.name, "choices", "no_choices"))
        if q.type == "calculate" and not q.calculation:
            out.append(Problem(q.name, "calculation", "no_calculation"))
        needs_label = kind.takes_answer or q.type == "note" or (q.type == "begin_group" and bool(q.label))
        if needs_label:
            for lang in form.languages:
                if not str(q.label.get(lang, "")).strip():
                    out.append(Problem(q.name, "label", "no_label", language=lang))
        for attr in EXPRESSION_FIELDS:
            text = getattr(q, attr)
            if not text:
                continue
            try:
                unknown = references(text) - names
            except ExpressionError as exc:
                out.append(Problem(q.name, attr, "bad_expression", params={"detail": str(exc)}))
                continue
            if unknown:
                out.append(
                    Problem(q.name, attr, "unknown_reference", params={"names": ", ".join(sorted(unknown))})
                )
    if depth:
        out.append(Problem(depth[-1], "group", "group_not_ended"))
    for list_name, choices in form.choices.items():
        owner = (users_of.get(list_name) or [""])[0]
        choice_names = [c.name for c in choices]
        for name in sorted({n for n in choice_names if choice_names.count(n) > 1}):
            out.append(Problem(owner, "choices", "duplicate_choice", choice=name))
        for c in choices:
            if not c.name or any(ch.isspace() for ch in c.name):
                out.append(Problem(owner, "choices", "invalid_choice_name", choice=c.name))
            for lang in form.languages:
                if not str(c.label.get(lang, "")).strip():
                    out.append(Problem(owner, "choice_label", "no_label", language=lang, choice=c.name))
    return out


def check(form: Form) -> Form:
    """The form itself when it has no problem; raises EditError otherwise."""
    found = problems(form)
    if not found:
        legacy = form.problems()  # anything the core's own check finds beyond the structured rules
        found = [Problem("", "form", "other", params={"detail": p}) for p in legacy]
    if found:
        raise EditError(found)
    return form


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
    raise EditError([Problem(name, "name", "no_such_question")])


def _rebuild(
    form: Form, questions: list[Question], choices: Mapping[str, tuple[Choice, ...]] | None = None
) -> Form:
    new = replace(
        form,
        questions=with_group_paths([replace(q, group=()) for q in questions]),
        choices=dict(choices if choices is not None else form.choices),
    )
    return check(new)


def add_question(
    form: Form, question: Question, *, after: str | None = None, choices: tuple[Choice, ...] | None = None
) -> Form:
    """Insert a question (at the start when `after` is None); `choices` adds its list if new."""
    qs = list(form.questions)
    pos = 0 if after is None else _block(form, after)[1]
    if question.type == "begin_group":
        qs[pos:pos] = [question, Question(question.name, "end_group")]
    else:
        qs.insert(pos, question)
    lists = dict(form.choices)
    if choices is not None:
        lists[question.list_name] = choices
    return _rebuild(form, qs, lists)


def add_question_inside(
    form: Form, question: Question, *, group: str, choices: tuple[Choice, ...] | None = None
) -> Form:
    """Insert a question as the first one of a group."""
    start, _end = _block(form, group)
    if form.questions[start].type != "begin_group":
        raise EditError([Problem(group, "group", "not_a_group")])
    qs = list(form.questions)
    qs.insert(start + 1, question)
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


def move_up(form: Form, name: str) -> Form:
    """One step up: past the previous question (or whole group) at the same level; the first
    question of a group leaves it and goes just before it. The very first question stays."""
    start, end = _block(form, name)
    qs = list(form.questions)
    if start == 0:
        return form
    before = qs[start - 1]
    if before.type == "end_group":
        prev_start, _ = _block(replace(form, questions=tuple(qs[:start])), before.name)
        return _rebuild(form, qs[:prev_start] + qs[start:end] + qs[prev_start:start] + qs[end:])
    return _rebuild(form, qs[: start - 1] + qs[start:end] + [before] + qs[end:])


def move_down(form: Form, name: str) -> Form:
    """One step down: past the next question (or whole group) at the same level; the last question
    of a group leaves it and goes just after it. The very last question stays."""
    start, end = _block(form, name)
    qs = list(form.questions)
    if end >= len(qs):
        return form
    following = qs[end]
    if following.type == "begin_group":
        _, next_end = _block(replace(form, questions=tuple(qs[end:])), following.name)
        next_end += end
        return _rebuild(form, qs[:start] + qs[end:next_end] + qs[start:end] + qs[next_end:])
    return _rebuild(form, qs[:start] + [following] + qs[start:end] + qs[end + 1 :])


def set_label(form: Form, name: str, language: str, text: str) -> Form:
    start, _ = _block(form, name)
    qs = list(form.questions)
    qs[start] = replace(qs[start], label={**qs[start].label, language: text})
    return _rebuild(form, qs)


def _texts(current: Mapping[str, str], new: Mapping[str, str]) -> dict[str, str]:
    """Labels with `new` applied: an empty text removes that language."""
    out = dict(current)
    for lang, text in new.items():
        if text.strip():
            out[lang] = text.strip()
        else:
            out.pop(lang, None)
    return out


def update_question(
    form: Form,
    name: str,
    *,
    label: Mapping[str, str] | None = None,
    hint: Mapping[str, str] | None = None,
    required: bool | None = None,
    relevant: str | None = None,
    constraint: str | None = None,
    choice_labels: Mapping[str, Mapping[str, str]] | None = None,
) -> Form:
    """Several changes to one question checked as one edit: labels and hints per language (an
    empty text removes it), the required flag, skip logic, constraint, and its choices' labels
    ({choice name: {language: text}}; the list may be shared with other questions)."""
    start, _ = _block(form, name)
    qs = list(form.questions)
    q = qs[start]
    changes: dict[str, Any] = {}
    if label is not None:
        changes["label"] = _texts(q.label, label)
    if hint is not None:
        changes["hint"] = _texts(q.hint, hint)
    if required is not None:
        changes["required"] = required
    if relevant is not None:
        changes["relevant"] = relevant.strip()
    if constraint is not None:
        changes["constraint"] = constraint.strip()
    qs[start] = replace(q, **changes)
    lists = dict(form.choices)
    if choice_labels:
        known = {c.name for c in lists.get(q.list_name, ())}
        unknown = sorted(set(choice_labels) - known)
        if unknown:
            raise EditError([Problem(name, "choices", "no_such_choice", choice=c) for c in unknown])
        lists[q.list_name] = tuple(
            replace(c, label=_texts(c.label, choice_labels[c.name])) if c.name in choice_labels else c
            for c in lists[q.list_name]
        )
    return _rebuild(form, qs, lists)


def set_languages(form: Form, languages: Sequence[str]) -> Form:
    """Declare the languages the form is fielded in: every question and choice then needs a label in
    each of them; labels in other languages are kept and optional. The default language stays when
    it is declared, else the first declared language becomes the default."""
    declared = tuple(dict.fromkeys(code for code in languages if code))
    if not declared:
        raise EditError([Problem("", "languages", "no_languages")])
    default = form.default_language if form.default_language in declared else declared[0]
    return check(replace(form, languages=declared, default_language=default))


def set_choice_label(form: Form, list_name: str, choice: str, language: str, text: str) -> Form:
    lists = dict(form.choices)
    if list_name not in lists or choice not in {c.name for c in lists[list_name]}:
        raise EditError([Problem("", "choices", "no_such_choice", choice=f"{list_name}/{choice}")])
    lists[list_name] = tuple(
        replace(c, label={**c.label, language: text}) if c.name == choice else c for c in lists[list_name]
    )
    return _rebuild(form, list(form.questions), lists)
