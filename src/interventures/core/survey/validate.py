"""Checking one response against its form: types, choices, constraints, required answers and skip
logic. An answer given to a question that is not relevant (skipped) is an error, as in ODK."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from .expr import ExpressionError, evaluate, holds, to_string
from .form import Form, Question
from .types import REGISTRY, ValueProblem

# Codes of CellError, with an English message each (the Django layer translates by code).
MESSAGES: dict[str, str] = {
    "unknown_question": "There is no such question in the form.",
    "not_integer": "Not a whole number.",
    "out_of_range": "The number is outside the accepted range (at most 1,000,000,000,000 either side of zero).",
    "calculated": "This value is calculated by the form and differs from the calculation.",
    "not_number": "Not a number.",
    "not_date": "Not a date (use YYYY-MM-DD).",
    "not_a_choice": "Not one of the allowed answers.",
    "required": "An answer is required.",
    "constraint": "The answer does not meet the question's condition.",
    "not_relevant": "The question does not apply given the other answers (skip logic), so it must be empty.",
    "no_answer_expected": "This item takes no answer.",
    "bad_expression": "The form's expression could not be evaluated.",
    "not_time": "Not a time (use HH:MM).",
    "not_datetime": "Not a date and time (use YYYY-MM-DDTHH:MM).",
    "not_geopoint": "Not a location (use latitude and longitude in degrees, e.g. 47.5 19.05).",
    "not_instances": "A repeat group's answer must be a list of its instances.",
    "not_a_ranking": "Give each choice its own place, and every choice a place.",
}


@dataclass(frozen=True)
class CellError:
    question: str
    code: str
    message: str
    params: Mapping[str, Any] = field(default_factory=dict)


def _error(question: str, code: str, message: str = "") -> CellError:
    return CellError(question=question, code=code, message=message or MESSAGES.get(code, code))


NUTS3_CODE = re.compile(r"^[A-Z]{2}[0-9A-Z]{3}$")


def is_nuts3_code(text: str) -> bool:
    """The shape of a NUTS 3 code: two letters (the country) and three letters or digits."""
    return bool(NUTS3_CODE.match(text))


def _same_value(given: Any, computed: Any) -> bool:
    if computed is None:
        return False
    a, b = str(given).strip(), str(computed).strip()
    if a == b:
        return True
    try:
        return float(a.replace(",", ".")) == float(b)
    except ValueError:
        return False


def allowed_choices(form: Form, q: Question, values: Mapping[str, Any]) -> set[str]:
    choices = form.choices_for(q)
    if not q.choice_filter:
        return {c.name for c in choices}
    allowed: set[str] = set()
    for c in choices:
        names = {"name": c.name, **dict(c.filters)}
        try:
            if holds(q.choice_filter, values, names=names):
                allowed.add(c.name)
        except ExpressionError:
            allowed.add(c.name)
    return allowed


def relevant_names(form: Form, values: Mapping[str, Any]) -> set[str]:
    """Names of the questions (and groups) that apply, given the answers so far."""
    relevant: set[str] = set()
    for q in form.questions:
        if q.is_end:
            continue
        if any(g not in relevant for g in q.group):
            continue
        try:
            if holds(q.relevant, values):
                relevant.add(q.name)
        except ExpressionError:
            relevant.add(q.name)
    return relevant


def _is_required(q: Question, values: Mapping[str, Any]) -> bool:
    if q.required:
        return True
    if not q.required_if:
        return False
    try:
        return holds(q.required_if, values)
    except ExpressionError:
        return False  # a condition kept for the tools that evaluate it: not enforced here


def clean_response(
    form: Form, answers: Mapping[str, Any], *, language: str | None = None
) -> tuple[dict[str, Any], list[CellError]]:
    """Typed values for a raw response (strings or typed values) and every error found.

    Returns (values, errors): values hold the typed answers of the relevant questions plus the
    calculations; errors list (question, code, message) in form order. A repeat group's answer is
    a list of instances (mappings of its questions' answers), each checked on its own, seeing the
    answers outside the repeat; its value is the list of the instances' typed values.

    An expression the platform cannot evaluate (pulldata(), a path, a function outside the subset)
    does not refuse answers: the question applies, a given calculation is kept, the constraint is
    left to the tool that collected the data.
    """
    language = language or form.default_language
    repeats = form.repeat_names()
    top = [q for q in form.questions if not any(g in repeats for g in q.group)]
    values, errors = _clean_rows(form, top, answers, {}, language, set(), known_extra=set())
    return values, errors


def _clean_rows(
    form: Form,
    rows: list[Question],
    answers: Mapping[str, Any],
    outer: Mapping[str, Any],
    language: str,
    outer_relevant: set[str],
    *,
    known_extra: set[str],
    instance: tuple[str, int] | None = None,
    path: str = "",
) -> tuple[dict[str, Any], list[CellError]]:
    """`path` is the instance's address (`partner[2]/contact[1]`), "" outside repeats."""
    errors: list[CellError] = []

    def err(question: str, code: str, message: str = "", **params: Any) -> CellError:
        if instance is not None:
            params = {"repeat": instance[0], "instance": instance[1], "path": path, **params}
        return CellError(
            question=question, code=code, message=message or MESSAGES.get(code, code), params=params
        )

    by_name = {q.name: q for q in rows if not q.is_end}
    for name in answers:
        if name not in by_name and name not in known_extra:
            errors.append(err(name, "unknown_question"))

    values: dict[str, Any] = {}
    parsed: dict[str, Any] = {}
    for q in rows:
        kind = REGISTRY[q.type]()
        raw = answers.get(q.name)
        if q.type == "begin_repeat":
            continue
        if not kind.takes_answer:
            if q.type == "note" and not kind.is_blank(raw):
                errors.append(err(q.name, "no_answer_expected"))
            continue
        if kind.is_blank(raw):
            continue
        try:
            parsed[q.name] = kind.parse(raw)
        except ValueProblem as exc:
            errors.append(err(q.name, exc.code))

    # Relevance, calculations and constraints are evaluated in form order, each seeing the
    # values of the questions before it (as a form filler would).
    relevant: set[str] = set(outer_relevant)
    for q in rows:
        if q.is_end or q.type == "comment":
            continue
        scope = {**outer, **values}
        applies = all(g in relevant for g in q.group)
        if applies:
            try:
                applies = holds(q.relevant, scope)
            except ExpressionError:
                applies = True
        if applies:
            relevant.add(q.name)
        if q.type == "begin_repeat":
            given = answers.get(q.name)
            if given is None or given == "" or given == []:
                continue
            if not applies:
                errors.append(err(q.name, "not_relevant"))
                continue
            if not isinstance(given, (list, tuple)) or not all(isinstance(i, Mapping) for i in given):
                errors.append(err(q.name, "not_instances"))
                continue
            inner = form.repeat_questions(q.name)
            instances: list[dict[str, Any]] = []
            for n, item in enumerate(given, start=1):
                got, problems = _clean_rows(
                    form,
                    inner,
                    item,
                    scope,
                    language,
                    relevant,
                    known_extra=set(),
                    instance=(q.name, n),
                    path=f"{path}/{q.name}[{n}]" if path else f"{q.name}[{n}]",
                )
                instances.append(got)
                errors.extend(problems)
            values[q.name] = instances
            continue
        if q.type == "calculate":
            given = answers.get(q.name)
            computed = True
            if applies:
                try:
                    values[q.name] = to_string(evaluate(q.calculation, scope))
                except ExpressionError:
                    computed = False  # pulldata() and the like: the collecting tool's value is kept
                    if not REGISTRY[q.type]().is_blank(given):
                        values[q.name] = str(given)
            if (
                computed
                and not REGISTRY[q.type]().is_blank(given)
                and not _same_value(given, values.get(q.name))
            ):
                # A calculation is the form's, not the respondent's: a value given for it (in an
                # imported file) must agree with it, or the file and the form disagree.
                errors.append(
                    err(
                        q.name,
                        "calculated",
                        MESSAGES["calculated"],
                        value=str(given)[:40],
                        expected=str(values.get(q.name, "")),
                    )
                )
            continue
        if not REGISTRY[q.type].takes_answer:
            continue
        has_value = q.name in parsed
        if not applies:
            if has_value:
                errors.append(err(q.name, "not_relevant"))
            continue
        if not has_value:
            if _is_required(q, scope) and not any(e.question == q.name for e in errors):
                errors.append(err(q.name, "required"))
            continue
        value = parsed[q.name]
        kind_cls = REGISTRY[q.type]
        # A select whose choices are in a file is checked where the file is attached (web form).
        if kind_cls.has_choices and (not kind_cls.external or form.choices.get(q.list_name)):
            allowed = allowed_choices(form, q, scope)
            if q.or_other:
                allowed.add("other")
            given_choices = value if isinstance(value, tuple) else (value,)
            if any(v not in allowed for v in given_choices):
                errors.append(err(q.name, "not_a_choice"))
                continue
            if q.type == "rank" and set(given_choices) != allowed:
                errors.append(err(q.name, "not_a_ranking"))
                continue
        if q.constraint:
            try:
                ok = holds(q.constraint, scope, current=value)
            except ExpressionError:
                ok = True
            if not ok:
                message = q.constraint_message.get(language) or q.constraint_message.get(
                    form.default_language
                )
                errors.append(err(q.name, "constraint", message or ""))
                continue
        values[q.name] = value
    return values, errors


def validate_response(
    form: Form, answers: Mapping[str, Any], *, language: str | None = None
) -> list[CellError]:
    """Every error in a response (empty when it is valid)."""
    return clean_response(form, answers, language=language)[1]


def dump_values(form: Form, values: Mapping[str, Any]) -> dict[str, Any]:
    """Typed values -> JSON-storable values."""
    out: dict[str, Any] = {}
    for name, value in values.items():
        q = form.question(name)
        if q.type == "begin_repeat":
            out[name] = [dump_values(form, item) for item in value]
            continue
        out[name] = REGISTRY[q.type]().dump(value)
    return out


def load_values(form: Form, stored: Mapping[str, Any]) -> dict[str, Any]:
    """JSON-stored values -> typed values (unknown names are dropped)."""
    out: dict[str, Any] = {}
    for name, value in stored.items():
        try:
            q = form.question(name)
        except KeyError:
            continue
        if q.type == "begin_repeat":
            out[name] = [load_values(form, item) for item in value or []]
            continue
        out[name] = REGISTRY[q.type]().load(value) if value is not None else None
    return out
