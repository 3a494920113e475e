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
        if q.type == "end_group":
            continue
        if any(g not in relevant for g in q.group):
            continue
        try:
            if holds(q.relevant, values):
                relevant.add(q.name)
        except ExpressionError:
            relevant.add(q.name)
    return relevant


def clean_response(
    form: Form, answers: Mapping[str, Any], *, language: str | None = None
) -> tuple[dict[str, Any], list[CellError]]:
    """Typed values for a raw response (strings or typed values) and every error found.

    Returns (values, errors): values hold the typed answers of the relevant questions plus the
    calculations; errors list (question, code, message) in form order.
    """
    language = language or form.default_language
    errors: list[CellError] = []
    by_name = {q.name: q for q in form.questions if q.type != "end_group"}
    for name in answers:
        if name not in by_name:
            errors.append(_error(name, "unknown_question"))

    values: dict[str, Any] = {}
    parsed: dict[str, Any] = {}
    for q in form.questions:
        kind = REGISTRY[q.type]()
        raw = answers.get(q.name)
        if not kind.takes_answer:
            if q.type == "note" and not kind.is_blank(raw):
                errors.append(_error(q.name, "no_answer_expected"))
            continue
        if kind.is_blank(raw):
            continue
        try:
            parsed[q.name] = kind.parse(raw)
        except ValueProblem as exc:
            errors.append(_error(q.name, exc.code))

    # Relevance, calculations and constraints are evaluated in form order, each seeing the
    # values of the questions before it (as a form filler would).
    relevant: set[str] = set()
    for q in form.questions:
        if q.type == "end_group":
            continue
        applies = all(g in relevant for g in q.group)
        if applies:
            try:
                applies = holds(q.relevant, values)
            except ExpressionError as exc:
                errors.append(_error(q.name, "bad_expression", str(exc)))
        if applies:
            relevant.add(q.name)
        if q.type == "calculate":
            if applies:
                try:
                    result = evaluate(q.calculation, values)
                    values[q.name] = to_string(result)
                except ExpressionError as exc:
                    errors.append(_error(q.name, "bad_expression", str(exc)))
            given = answers.get(q.name)
            if not REGISTRY[q.type]().is_blank(given) and not _same_value(given, values.get(q.name)):
                # A calculation is the form's, not the respondent's: a value given for it (in an
                # imported file) must agree with it, or the file and the form disagree.
                errors.append(
                    CellError(
                        question=q.name,
                        code="calculated",
                        message=MESSAGES["calculated"],
                        params={"value": str(given)[:40], "expected": str(values.get(q.name, ""))},
                    )
                )
            continue
        if not REGISTRY[q.type].takes_answer:
            continue
        has_value = q.name in parsed
        if not applies:
            if has_value:
                errors.append(_error(q.name, "not_relevant"))
            continue
        if not has_value:
            if q.required and not any(e.question == q.name for e in errors):
                errors.append(_error(q.name, "required"))
            continue
        value = parsed[q.name]
        if REGISTRY[q.type].has_choices:
            allowed = allowed_choices(form, q, values)
            given = value if isinstance(value, tuple) else (value,)
            if any(v not in allowed for v in given):
                errors.append(_error(q.name, "not_a_choice"))
                continue
        if q.constraint:
            try:
                ok = holds(q.constraint, values, current=value)
            except ExpressionError as exc:
                errors.append(_error(q.name, "bad_expression", str(exc)))
                continue
            if not ok:
                message = q.constraint_message.get(language) or q.constraint_message.get(
                    form.default_language
                )
                errors.append(_error(q.name, "constraint", message or ""))
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
        out[name] = REGISTRY[q.type]().load(value) if value is not None else None
    return out
