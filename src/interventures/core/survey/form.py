"""A survey form: questions (with group markers), choice lists and labels per language.

Labels are mappings from a language code ("en", "hu", ...) to text. The form is immutable; edits
(copy-and-adapt) build a new Form with dataclasses.replace and are checked with `Form.problems()`.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from .expr import ExpressionError, references
from .types import REGISTRY

LANGUAGE_NAMES: dict[str, str] = {
    "en": "English",
    "hu": "Hungarian",
    "hr": "Croatian",
    "it": "Italian",
    "pl": "Polish",
    "es": "Spanish",
    "lt": "Lithuanian",
}
_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_.\-]*$")
_LANG = re.compile(r"^\s*(?P<name>.*?)\s*\((?P<code>[A-Za-z]{2,3}(?:-[A-Za-z0-9]+)?)\)\s*$")


def language_code(column_language: str, default: str = "en") -> str:
    """ "Hungarian (hu)" -> "hu"; "Hungarian" -> "hu"; "default" -> the default language."""
    if column_language in ("", "default"):
        return default
    m = _LANG.match(column_language)
    if m:
        return m.group("code").lower()
    for code, name in LANGUAGE_NAMES.items():
        if name.lower() == column_language.strip().lower():
            return code
    return column_language.strip()


def language_column_name(code: str) -> str:
    """ "hu" -> "Hungarian (hu)", the form KoboToolbox and ODK recommend."""
    return f"{LANGUAGE_NAMES.get(code, code)} ({code})"


Labels = Mapping[str, str]


class FormError(ValueError):
    """A form that cannot be used; `problems` lists every reason."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__("; ".join(problems))
        self.problems = problems


@dataclass(frozen=True)
class Choice:
    name: str
    label: Labels = field(default_factory=dict)
    # Extra columns of the choices sheet, used by choice filters (e.g. {"country": "hr"}).
    filters: Mapping[str, str] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        d: dict[str, Any] = {"name": self.name, "label": dict(self.label)}
        if self.filters:
            d["filters"] = dict(self.filters)
        return d

    @classmethod
    def from_dict(cls, d: Mapping[str, Any]) -> Choice:
        return cls(name=d["name"], label=dict(d.get("label", {})), filters=dict(d.get("filters", {})))


@dataclass(frozen=True)
class Question:
    name: str
    type: str
    label: Labels = field(default_factory=dict)
    hint: Labels = field(default_factory=dict)
    list_name: str = ""
    required: bool = False
    relevant: str = ""
    constraint: str = ""
    constraint_message: Labels = field(default_factory=dict)
    calculation: str = ""
    choice_filter: str = ""
    group: tuple[str, ...] = ()  # enclosing group names, outermost first

    @property
    def kind(self) -> Any:
        return REGISTRY[self.type]()

    def label_in(self, language: str, default: str = "en") -> str:
        return (
            self.label.get(language) or self.label.get(default) or next(iter(self.label.values()), self.name)
        )

    def to_dict(self) -> dict[str, Any]:
        d: dict[str, Any] = {"name": self.name, "type": self.type}
        for key in ("label", "hint", "constraint_message"):
            if getattr(self, key):
                d[key] = dict(getattr(self, key))
        for key in ("list_name", "relevant", "constraint", "calculation", "choice_filter"):
            if getattr(self, key):
                d[key] = getattr(self, key)
        if self.required:
            d["required"] = True
        if self.group:
            d["group"] = list(self.group)
        return d

    @classmethod
    def from_dict(cls, d: Mapping[str, Any]) -> Question:
        return cls(
            name=d["name"],
            type=d["type"],
            label=dict(d.get("label", {})),
            hint=dict(d.get("hint", {})),
            list_name=d.get("list_name", ""),
            required=bool(d.get("required", False)),
            relevant=d.get("relevant", ""),
            constraint=d.get("constraint", ""),
            constraint_message=dict(d.get("constraint_message", {})),
            calculation=d.get("calculation", ""),
            choice_filter=d.get("choice_filter", ""),
            group=tuple(d.get("group", ())),
        )


def with_group_paths(questions: list[Question] | tuple[Question, ...]) -> tuple[Question, ...]:
    """The same questions with each one's `group` set from the begin/end markers around it."""
    from dataclasses import replace

    stack: list[str] = []
    out: list[Question] = []
    for q in questions:
        if q.type == "end_group":
            name = stack.pop() if stack else q.name
            out.append(replace(q, name=q.name or name, group=tuple(stack)))
            continue
        out.append(replace(q, group=tuple(stack)))
        if q.type == "begin_group":
            stack.append(q.name)
    return tuple(out)


@dataclass(frozen=True)
class Form:
    id: str
    version: str
    title: Labels
    default_language: str
    questions: tuple[Question, ...]
    choices: Mapping[str, tuple[Choice, ...]] = field(default_factory=dict)
    languages: tuple[str, ...] = ()

    # ---- lookups ------------------------------------------------------------------------------

    def question(self, name: str) -> Question:
        for q in self.questions:
            if q.name == name and q.type != "end_group":
                return q
        raise KeyError(name)

    def answerable(self) -> list[Question]:
        """Questions that take an answer, in form order."""
        return [q for q in self.questions if REGISTRY[q.type].takes_answer]

    def data_columns(self) -> list[Question]:
        """Questions whose values are stored: the answerable ones and the calculations."""
        return [q for q in self.questions if REGISTRY[q.type].takes_answer or q.type == "calculate"]

    def choices_for(self, q: Question) -> tuple[Choice, ...]:
        return tuple(self.choices.get(q.list_name, ()))

    def title_in(self, language: str) -> str:
        return self.title.get(language) or self.title.get(self.default_language) or self.id

    def pages(self) -> list[tuple[Question | None, list[Question]]]:
        """The form split into pages: one per top-level group (with its group marker), and one for
        each run of top-level questions outside any group."""
        pages: list[tuple[Question | None, list[Question]]] = []
        loose: list[Question] = []
        current: tuple[Question, list[Question]] | None = None
        for q in self.questions:
            if not q.group and q.type == "begin_group":
                if loose:
                    pages.append((None, loose))
                    loose = []
                current = (q, [])
                continue
            if q.type == "end_group" and not q.group:
                if current is not None:
                    pages.append(current)
                current = None
                continue
            if current is not None:
                current[1].append(q)
            else:
                loose.append(q)
        if loose:
            pages.append((None, loose))
        return pages

    # ---- checks -------------------------------------------------------------------------------

    def problems(self) -> list[str]:
        """Every reason this form cannot be fielded (empty when it is usable)."""
        out: list[str] = []
        seen: set[str] = set()
        depth: list[str] = []
        names = {q.name for q in self.questions if q.type != "end_group"}
        if not self.id:
            out.append("the form has no id")
        for i, q in enumerate(self.questions, start=1):
            where = f"question {i} ({q.name or '?'})"
            if q.type not in REGISTRY:
                out.append(f"{where}: unknown type {q.type!r}")
                continue
            if q.type == "end_group":
                if not depth:
                    out.append(f"{where}: end of a group that was not begun")
                else:
                    depth.pop()
                continue
            if not q.name or not _NAME.match(q.name):
                out.append(f"{where}: invalid name")
            elif q.name in seen:
                out.append(f"{where}: duplicate name")
            seen.add(q.name)
            if q.type == "begin_group":
                depth.append(q.name)
            kind = REGISTRY[q.type]
            if kind.has_choices:
                if not q.list_name:
                    out.append(f"{where}: a select question needs a choice list")
                elif not self.choices.get(q.list_name):
                    out.append(f"{where}: choice list {q.list_name!r} is missing or empty")
            if q.type == "calculate" and not q.calculation:
                out.append(f"{where}: a calculation is missing")
            needs_label = kind.takes_answer or q.type == "note" or (q.type == "begin_group" and bool(q.label))
            missing = [lang for lang in self.languages if not q.label.get(lang)] if needs_label else []
            if missing:
                out.append(f"{where}: no label in {', '.join(missing)}")
            for attr in ("relevant", "constraint", "calculation", "choice_filter"):
                text = getattr(q, attr)
                if not text:
                    continue
                try:
                    unknown = references(text) - names
                except ExpressionError as exc:
                    out.append(f"{where}: {attr}: {exc}")
                    continue
                if unknown:
                    out.append(f"{where}: {attr} refers to unknown question(s) {', '.join(sorted(unknown))}")
        if depth:
            out.append(f"group(s) not ended: {', '.join(depth)}")
        for list_name, choices in self.choices.items():
            choice_names = [c.name for c in choices]
            if len(set(choice_names)) != len(choice_names):
                out.append(f"choice list {list_name!r}: duplicate choice names")
            for c in choices:
                missing = [lang for lang in self.languages if not c.label.get(lang)]
                if missing:
                    out.append(f"choice {list_name}/{c.name}: no label in {', '.join(missing)}")
        return out

    def check(self) -> Form:
        problems = self.problems()
        if problems:
            raise FormError(problems)
        return self

    # ---- JSON -----------------------------------------------------------------------------------

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "version": self.version,
            "title": dict(self.title),
            "default_language": self.default_language,
            "languages": list(self.languages),
            "questions": [q.to_dict() for q in self.questions],
            "choices": {k: [c.to_dict() for c in v] for k, v in self.choices.items()},
        }

    @classmethod
    def from_dict(cls, d: Mapping[str, Any]) -> Form:
        return cls(
            id=d["id"],
            version=str(d.get("version", "")),
            title=dict(d.get("title", {})),
            default_language=d.get("default_language", "en"),
            languages=tuple(d.get("languages", ())),
            questions=with_group_paths([Question.from_dict(q) for q in d.get("questions", [])]),
            choices={k: tuple(Choice.from_dict(c) for c in v) for k, v in d.get("choices", {}).items()},
        )
