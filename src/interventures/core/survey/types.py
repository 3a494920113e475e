"""Question types: one class per XLSForm type, all registered in REGISTRY.

Each type knows how to parse a raw value (a string from a file or a form field, or an already typed
value), how to store it as JSON and read it back, and how to summarise a column of answers.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from decimal import Decimal, InvalidOperation
from typing import Any, ClassVar


class ValueProblem(ValueError):
    """A raw value that does not fit its question type; `code` names the reason."""

    def __init__(self, code: str, detail: str = "") -> None:
        super().__init__(detail or code)
        self.code = code


REGISTRY: dict[str, type[QuestionType]] = {}


def register(cls: type[QuestionType]) -> type[QuestionType]:
    REGISTRY[cls.name] = cls
    return cls


def question_type(name: str) -> QuestionType:
    try:
        return REGISTRY[name]()
    except KeyError as exc:
        raise KeyError(f"unknown question type {name!r}") from exc


def _blank(raw: Any) -> bool:
    return raw is None or (isinstance(raw, str) and raw.strip() == "") or raw == [] or raw == ()


class QuestionType:
    name: ClassVar[str] = ""
    takes_answer: ClassVar[bool] = True
    has_choices: ClassVar[bool] = False
    is_marker: ClassVar[bool] = False  # begin/end group

    def is_blank(self, raw: Any) -> bool:
        return _blank(raw)

    def parse(self, raw: Any) -> Any:
        """The typed value of a non-blank raw answer; raises ValueProblem."""
        return str(raw).strip()

    def dump(self, value: Any) -> Any:
        """The JSON form of a typed value."""
        return value

    def load(self, stored: Any) -> Any:
        return self.parse(stored)

    def summarise(self, values: Iterable[Any]) -> dict[str, Any]:
        present = [v for v in values if v is not None]
        return {"n": len(present)}


@register
class SelectOne(QuestionType):
    name = "select_one"
    has_choices = True

    def parse(self, raw: Any) -> str:
        return str(raw).strip()

    def summarise(self, values: Iterable[Any]) -> dict[str, Any]:
        counts = Counter(v for v in values if v is not None)
        return {"n": sum(counts.values()), "counts": dict(counts)}


@register
class SelectMultiple(QuestionType):
    name = "select_multiple"
    has_choices = True

    def parse(self, raw: Any) -> tuple[str, ...]:
        items = raw if isinstance(raw, (list, tuple)) else str(raw).replace(",", " ").split()
        seen: list[str] = []
        for item in items:
            s = str(item).strip()
            if s and s not in seen:
                seen.append(s)
        return tuple(seen)

    def dump(self, value: Any) -> list[str]:
        return list(value)

    def summarise(self, values: Iterable[Any]) -> dict[str, Any]:
        present = [v for v in values if v is not None]
        counts: Counter[str] = Counter()
        for v in present:
            counts.update(v)
        return {"n": len(present), "counts": dict(counts)}


def _number_text(raw: Any) -> str:
    """A number as typed by people: spaces and a decimal comma allowed ("1 234,5" -> "1234.5")."""
    text = str(raw).strip().replace("\u00a0", "").replace(" ", "")
    if "," in text and "." in text:
        # "1.234,5" (continental) or "1,234.5" (English): the last mark is the decimal one.
        if text.rfind(",") > text.rfind("."):
            text = text.replace(".", "").replace(",", ".")
        else:
            text = text.replace(",", "")
    elif "," in text:
        text = text.replace(",", ".")
    return text


class _Numeric(QuestionType):
    def summarise(self, values: Iterable[Any]) -> dict[str, Any]:
        present = [Decimal(v) for v in values if v is not None]
        if not present:
            return {"n": 0}
        total = sum(present, Decimal(0))
        return {"n": len(present), "min": min(present), "max": max(present), "mean": total / len(present)}


# Whole numbers people answer (employees, years, shares, amounts in euro) stay far below a million
# million; a larger value is a typing or export error (and would lose precision in JavaScript and
# spreadsheets).
INTEGER_MAX = 10**12


def _bounded(value: int) -> int:
    if abs(value) > INTEGER_MAX:
        raise ValueProblem("out_of_range")
    return value


@register
class Integer(_Numeric):
    name = "integer"

    def parse(self, raw: Any) -> int:
        if isinstance(raw, bool):
            raise ValueProblem("not_integer")
        if isinstance(raw, int):
            return _bounded(raw)
        if isinstance(raw, float):
            if raw.is_integer():
                return _bounded(int(raw))
            raise ValueProblem("not_integer")
        try:
            d = Decimal(_number_text(raw))
        except InvalidOperation as exc:
            raise ValueProblem("not_integer") from exc
        if not d.is_finite() or d != d.to_integral_value():
            raise ValueProblem("not_integer")
        return _bounded(int(d))


@register
class DecimalType(_Numeric):
    name = "decimal"

    def parse(self, raw: Any) -> Decimal:
        if isinstance(raw, bool):
            raise ValueProblem("not_number")
        if isinstance(raw, (int, Decimal)):
            return Decimal(raw)
        if isinstance(raw, float):
            return Decimal(repr(raw))
        try:
            d = Decimal(_number_text(raw))
        except InvalidOperation as exc:
            raise ValueProblem("not_number") from exc
        if not d.is_finite():
            raise ValueProblem("not_number")
        return d

    def dump(self, value: Any) -> str:
        return str(value)


@register
class Text(QuestionType):
    name = "text"

    def parse(self, raw: Any) -> str:
        return str(raw).strip()

    def summarise(self, values: Iterable[Any]) -> dict[str, Any]:
        return {"n": sum(1 for v in values if v)}


_DATE_FORMATS = ("%Y-%m-%d", "%d.%m.%Y", "%Y.%m.%d", "%Y.%m.%d.", "%d/%m/%Y")


@register
class Date(QuestionType):
    name = "date"

    def parse(self, raw: Any) -> dt.date:
        if isinstance(raw, dt.datetime):
            return raw.date()
        if isinstance(raw, dt.date):
            return raw
        text = str(raw).strip()
        text = re.sub(r"[T ]00:00(:00)?$", "", text)
        for fmt in _DATE_FORMATS:
            try:
                return dt.datetime.strptime(text, fmt).date()  # noqa: DTZ007 - a calendar date, no time of day
            except ValueError:
                continue
        raise ValueProblem("not_date")

    def dump(self, value: Any) -> str:
        return str(value.isoformat())

    def summarise(self, values: Iterable[Any]) -> dict[str, Any]:
        present = sorted(v for v in values if v is not None)
        return {"n": len(present), "min": present[0], "max": present[-1]} if present else {"n": 0}


@register
class Note(QuestionType):
    name = "note"
    takes_answer = False


@register
class Calculate(QuestionType):
    """A value computed from other answers; given values are replaced by the computed one."""

    name = "calculate"
    takes_answer = False

    def parse(self, raw: Any) -> str:
        return str(raw)


@register
class BeginGroup(QuestionType):
    name = "begin_group"
    takes_answer = False
    is_marker = True


@register
class EndGroup(QuestionType):
    name = "end_group"
    takes_answer = False
    is_marker = True


def answer_types() -> Sequence[str]:
    return [name for name, cls in REGISTRY.items() if cls.takes_answer]
