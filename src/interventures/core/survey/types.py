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
    is_marker: ClassVar[bool] = False  # begin/end group or repeat
    # Whether the platform's web form asks this type. A type it does not ask is kept in the form
    # (and written back on export), shown as collected in another tool, and accepted in imports.
    asked: ClassVar[bool] = True
    # Filled by the collecting tool, not by the respondent (start, end, deviceid...).
    automatic: ClassVar[bool] = False
    # Choices held outside the form (a file sent with it): any value is accepted.
    external: ClassVar[bool] = False

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


_TIME = re.compile(
    r"^(?P<h>[01]?\d|2[0-3]):(?P<m>[0-5]\d)(?::(?P<s>[0-5]\d)(?:\.\d+)?)?(?P<tz>Z|[+-]\d\d:?\d\d)?$"
)


@register
class Time(QuestionType):
    """A time of day as ODK and KoboToolbox write it (10:30, 10:30:00, 10:30:00.000+01:00)."""

    name = "time"

    def parse(self, raw: Any) -> str:
        if isinstance(raw, dt.time):
            return raw.isoformat(timespec="minutes")
        text = str(raw).strip()
        if not _TIME.match(text):
            raise ValueProblem("not_time")
        return text


@register
class DateTime(QuestionType):
    """A date and time (ISO 8601, as the tools export it: 2024-05-02T10:30:00.000+02:00)."""

    name = "datetime"

    def parse(self, raw: Any) -> str:
        if isinstance(raw, dt.datetime):
            return raw.isoformat()
        text = str(raw).strip()
        try:
            dt.datetime.fromisoformat(text.replace("Z", "+00:00"))
        except ValueError as exc:
            raise ValueProblem("not_datetime") from exc
        return text


@register
class Range(DecimalType):
    """A number on a scale (its start, end and step are the question's `parameters`)."""

    name = "range"

    @staticmethod
    def bounds(parameters: str) -> tuple[Decimal, Decimal, Decimal]:
        """(start, end, step) from `parameters` ("start=1 end=5 step=1"); XLSForm's defaults
        (1, 10, 1) for what is not given or not a number."""
        given = dict(part.split("=", 1) for part in parameters.replace(";", " ").split() if "=" in part)
        out = []
        for key, default in (("start", "1"), ("end", "10"), ("step", "1")):
            try:
                number = Decimal(given.get(key, default).strip())
            except InvalidOperation:
                number = Decimal(default)
            out.append(number if number.is_finite() else Decimal(default))
        return out[0], out[1], out[2]


def _point(text: str) -> tuple[Decimal, ...]:
    parts = text.split()
    if not 2 <= len(parts) <= 4:
        raise ValueProblem("not_geopoint")
    try:
        numbers = tuple(Decimal(p) for p in parts)
    except InvalidOperation as exc:
        raise ValueProblem("not_geopoint") from exc
    if not all(n.is_finite() for n in numbers) or not (-90 <= numbers[0] <= 90 and -180 <= numbers[1] <= 180):
        raise ValueProblem("not_geopoint")
    return numbers


@register
class Geopoint(QuestionType):
    """ "latitude longitude [altitude accuracy]" in degrees, as ODK and KoboToolbox write it."""

    name = "geopoint"

    def parse(self, raw: Any) -> str:
        text = " ".join(str(raw).replace(",", " ").split())
        _point(text)
        return text


@register
class Geotrace(QuestionType):
    """Points separated by semicolons ("lat lon alt acc;lat lon alt acc")."""

    name = "geotrace"
    asked = False
    minimum = 2

    def parse(self, raw: Any) -> str:
        points = [" ".join(p.split()) for p in str(raw).split(";") if p.strip()]
        if len(points) < self.minimum:
            raise ValueProblem("not_geopoint")
        for p in points:
            _point(p)
        return ";".join(points)


@register
class Geoshape(Geotrace):
    name = "geoshape"
    minimum = 3


@register
class Barcode(Text):
    name = "barcode"


class _Carried(QuestionType):
    """A type whose answer the platform keeps as the text the collecting tool wrote (a file name,
    a device id, a timestamp), without asking it in the web form."""

    asked = False

    def parse(self, raw: Any) -> str:
        return str(raw).strip()


def _carried(type_name: str, *, automatic: bool = False, answer: bool = True) -> type[QuestionType]:
    cls = type(
        f"Carried_{re.sub(r'[^A-Za-z0-9]', '_', type_name)}",
        (_Carried,),
        {"name": type_name, "automatic": automatic, "takes_answer": answer},
    )
    return register(cls)


# Media and other answers collected by phone apps; the answer stored is the file name they export.
MEDIA_TYPES = ("image", "audio", "video", "file", "background-audio", "osm")
# Filled by the collecting app itself (XLSForm "metadata" types).
METADATA_TYPES = (
    "start",
    "end",
    "today",
    "deviceid",
    "subscriberid",
    "simserial",
    "phonenumber",
    "username",
    "email",
    "audit",
    "start-geopoint",
    "background-geopoint",
)
# The four the web form asks as uploads (core/survey/media.py); the answer is the file's name.
ASKED_MEDIA_TYPES = ("image", "audio", "video", "file")
for _name in MEDIA_TYPES:
    register(
        type(
            f"Media_{re.sub(r'[^A-Za-z0-9]', '_', _name)}",
            (_Carried,),
            {"name": _name, "asked": _name in ASKED_MEDIA_TYPES, "automatic": False, "takes_answer": True},
        )
    )
for _name in METADATA_TYPES:
    _carried(_name, automatic=True)
_carried("acknowledge")
_carried("hidden")
for _name in ("xml-external", "csv-external"):
    _carried(_name, answer=False)


@register
class Rank(SelectMultiple):
    """The choices in the respondent's order (space separated, first is highest). The web form
    asks a place for each choice (one drop-down list per place, no dragging); every choice the
    question offers must have one place (validate.py)."""

    name = "rank"

    def parse(self, raw: Any) -> tuple[str, ...]:
        items = raw if isinstance(raw, (list, tuple)) else str(raw).replace(",", " ").split()
        order = tuple(str(i).strip() for i in items if str(i).strip())
        if len(set(order)) != len(order):
            raise ValueProblem("not_a_ranking")
        return order


@register
class SelectOneFromFile(SelectOne):
    """A select whose choices are in a file sent with the form (the list name is the file name):
    the platform does not hold the file, so any value is accepted."""

    name = "select_one_from_file"
    external = True
    asked = False  # unless its file is attached: Form.collects


@register
class SelectMultipleFromFile(SelectMultiple):
    name = "select_multiple_from_file"
    external = True
    asked = False


@register
class SelectOneExternal(SelectOne):
    """Choices in the external_choices sheet (a CSV given to the collecting app)."""

    name = "select_one_external"
    external = True
    asked = False


@register
class Comment(QuestionType):
    """A comment row of the survey sheet (no type, a name starting with "_"): kept, never asked."""

    name = "comment"
    takes_answer = False
    is_marker = True
    asked = False


@register
class BeginRepeat(QuestionType):
    """A repeat group (and `begin loop over LIST`): its answers are a list of instances."""

    name = "begin_repeat"
    takes_answer = False
    is_marker = True


@register
class EndRepeat(QuestionType):
    name = "end_repeat"
    takes_answer = False
    is_marker = True


def answer_types() -> Sequence[str]:
    return [name for name, cls in REGISTRY.items() if cls.takes_answer]
