"""XLSForm's `default` column as the web form fills it: a plain value as written, or an expression
(`today()`, `now()`, `${other}`, `once(...)`, `concat(...)`) evaluated by the bounded evaluator of
expr.py when a draft or a repeat instance starts, seeing the answers there are then, as ODK
Collect and Enketo evaluate dynamic defaults ("first load" and "new repeat"). The respondent sees
the value filled in and may change or clear it; it is never filled again."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Mapping
from typing import Any

from .expr import ExpressionError, evaluate, to_string
from .form import Form, Question
from .types import REGISTRY, ValueProblem

_CALL = re.compile(r"[A-Za-z][\w\-]*\s*\(")


def is_expression(text: str) -> bool:
    """Whether a default is an expression (a ${reference} or a function call) rather than a value
    (pyxform tells them apart the same way: "2024-05-01" and "yes no" are values)."""
    return "${" in text or bool(_CALL.search(text))


def defaults(
    form: Form, questions: Iterable[Question], scope: Mapping[str, Any], *, clock: dt.datetime
) -> dict[str, str]:
    """The defaults of `questions` (in form order, each seeing those before it and `scope`), as the
    raw text a draft keeps. A default that cannot be evaluated here (pulldata(), a path), comes out
    empty, or does not fit its question (a text for an integer) is not filled."""
    out: dict[str, str] = {}
    for q in questions:
        text = (q.default or "").strip()
        kind = REGISTRY.get(q.type)
        if not text or kind is None or not kind.takes_answer:
            continue
        if is_expression(text):
            try:
                value = to_string(evaluate(text, {**scope, **out}, clock=clock)).strip()
            except ExpressionError:
                continue  # kept in the form for the tools that evaluate it
        else:
            value = text
        if not value:
            continue
        try:
            kind().parse(value)
        except ValueProblem:
            continue
        out[q.name] = value
    return out
