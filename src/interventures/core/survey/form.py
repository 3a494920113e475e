"""A survey form: questions (with group markers), choice lists and labels per language.

Labels are mappings from a language code ("en", "hu", ...) to text. The form is immutable; edits
(copy-and-adapt) build a new Form with dataclasses.replace and are checked with `Form.problems()`.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from .expr import ExpressionError, ExpressionTooLarge, references, uses_clock
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
_REF = re.compile(r"\$\{\s*([^}\s]+)\s*\}")
_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_.\-]*$")
_LANG = re.compile(r"^\s*(?P<name>.*?)\s*\((?P<code>[A-Za-z]{2,3}(?:-[A-Za-z0-9]+)?)\)\s*$")


def reference_names(text: str) -> set[str]:
    """The ${names} an expression refers to, read even where the expression does not parse here."""
    try:
        return references(text)
    except ExpressionError:
        return set(_REF.findall(text))


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


def language_column_name(code: str, names: Mapping[str, str] | None = None) -> str:
    """ "hu" -> "Hungarian (hu)", the form KoboToolbox and ODK recommend. A language the form names
    itself (`names`, from the file it came from) keeps that name: "French" stays "French", never
    "French (French)"; a code outside the seven, such as "fr", becomes "fr" alone."""
    if names and code in names:
        return names[code]
    if code in LANGUAGE_NAMES:
        return f"{LANGUAGE_NAMES[code]} ({code})"
    return code


BEGIN_MARKERS = ("begin_group", "begin_repeat")
END_MARKERS = ("end_group", "end_repeat")


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
    # Columns carried through unchanged (media: image, audio, media::image::French...), by header.
    extra: Mapping[str, str] = field(default_factory=dict)
    origin: str = ""  # "or_other": the "other" choice XLSForm adds; not written back

    def to_dict(self) -> dict[str, Any]:
        d: dict[str, Any] = {"name": self.name, "label": dict(self.label)}
        if self.filters:
            d["filters"] = dict(self.filters)
        if self.extra:
            d["extra"] = dict(self.extra)
        if self.origin:
            d["origin"] = self.origin
        return d

    @classmethod
    def from_dict(cls, d: Mapping[str, Any]) -> Choice:
        return cls(
            name=d["name"],
            label=dict(d.get("label", {})),
            filters=dict(d.get("filters", {})),
            extra=dict(d.get("extra", {})),
            origin=d.get("origin", ""),
        )


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
    # `required` given as a condition (XLSForm allows an expression): required when it holds.
    required_if: str = ""
    appearance: str = ""
    default: str = ""
    parameters: str = ""  # range's start/end/step, image's max-pixels... as written
    or_other: bool = False  # `select_one LIST or_other`: an "other" choice and a `<name>_other` text
    # Every other column of the row (bind::*, body::*, media, guidance_hint, trigger, repeat_count,
    # read_only, required_message...), by its header in the file: kept and written back on export.
    extra: Mapping[str, str] = field(default_factory=dict)
    # Why the platform made this row: "or_other" (the `_other` text XLSForm adds), "note_name" (a
    # nameless note's generated name). Such rows or names are not written back on export.
    origin: str = ""

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
        for key in _TEXT_FIELDS:
            if getattr(self, key):
                d[key] = getattr(self, key)
        if self.required:
            d["required"] = True
        if self.or_other:
            d["or_other"] = True
        if self.extra:
            d["extra"] = dict(self.extra)
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
            required_if=d.get("required_if", ""),
            appearance=d.get("appearance", ""),
            default=d.get("default", ""),
            parameters=d.get("parameters", ""),
            or_other=bool(d.get("or_other", False)),
            extra=dict(d.get("extra", {})),
            origin=d.get("origin", ""),
        )

    @property
    def is_end(self) -> bool:
        return self.type in END_MARKERS


_TEXT_FIELDS = (
    "list_name",
    "relevant",
    "constraint",
    "calculation",
    "choice_filter",
    "required_if",
    "appearance",
    "default",
    "parameters",
    "origin",
)


def with_group_paths(questions: list[Question] | tuple[Question, ...]) -> tuple[Question, ...]:
    """The same questions with each one's `group` set from the begin/end markers around it."""
    from dataclasses import replace

    stack: list[str] = []
    out: list[Question] = []
    for q in questions:
        if q.type in END_MARKERS:
            name = stack.pop() if stack else q.name
            out.append(replace(q, name=q.name or name, group=tuple(stack)))
            continue
        out.append(replace(q, group=tuple(stack)))
        if q.type in BEGIN_MARKERS:
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
    # Every setting of the settings sheet but form_id, version, default_language and the title
    # (instance_name, style, allow_choice_duplicates, public_key...), by its header: kept and
    # written back on export.
    settings: Mapping[str, str] = field(default_factory=dict)
    # The XForm's root element name (settings `name`, else the file's name); "" when not known.
    root_name: str = ""
    # How the file named each language ("French", "Français (fr)"), so that export writes the same.
    language_names: Mapping[str, str] = field(default_factory=dict)
    # Other XLSForm sheets (entities, external_choices, osm): header row and rows, as written.
    sheets: Mapping[str, tuple[tuple[str, ...], ...]] = field(default_factory=dict)

    # ---- lookups ------------------------------------------------------------------------------

    def question(self, name: str) -> Question:
        for q in self.questions:
            if q.name == name and not q.is_end:
                return q
        raise KeyError(name)

    def repeat_names(self) -> set[str]:
        return {q.name for q in self.questions if q.type == "begin_repeat"}

    def in_repeat(self, q: Question) -> str:
        """The innermost repeat `q` is in ("" when it is not in one)."""
        repeats = self.repeat_names()
        return next((g for g in reversed(q.group) if g in repeats), "")

    def answerable(self) -> list[Question]:
        """Questions that take an answer, in form order (outside repeats: a repeat's answers are a
        list of instances, see `repeat_questions`)."""
        repeats = self.repeat_names()
        return [
            q
            for q in self.questions
            if REGISTRY[q.type].takes_answer and not any(g in repeats for g in q.group)
        ]

    def asked(self) -> list[Question]:
        """The answerable questions the platform's web form asks (not the automatic metadata nor
        the types collected in another tool)."""
        return [q for q in self.answerable() if self.collects(q)]

    def collects(self, q: Question) -> bool:
        """Whether the web form can ask a question of `q`'s type: not metadata, not a type
        collected in another tool, and for a select from a choice file, the file's choices held
        (attached to the questionnaire)."""
        kind = REGISTRY[q.type]
        if not kind.takes_answer or kind.automatic:
            return False
        if q.type in ("select_one_from_file", "select_multiple_from_file"):
            return bool(self.choices.get(q.list_name))
        return kind.asked

    def asks(self, q: Question) -> bool:
        """Whether the platform's web form asks `q` (an answer the respondent types or picks)."""
        return self.collects(q) and not self.in_repeat(q)

    def shows(self, q: Question) -> bool:
        """Whether the web form shows the row: the questions it asks, and notes and group headings
        outside repeats."""
        return self.asks(q) or (q.type in ("note", "begin_group") and not self.in_repeat(q))

    def asks_repeat(self, q: Question) -> bool:
        """Whether the web form asks repeat group `q` (the respondent adds and removes instances):
        a repeat with a question the web form asks, directly or in a repeat nested in it. A repeat
        inside a repeat is asked in each instance of the outer one."""
        if q.type != "begin_repeat":
            return False
        rows = self.repeat_questions(q.name)
        return any(self.asks_in_repeat(inner) for inner in rows) or any(
            self.asks_repeat(inner) for inner in rows if inner.type == "begin_repeat"
        )

    def asks_in_repeat(self, q: Question) -> bool:
        """Whether the web form asks `q` in each instance of its (innermost) repeat."""
        return bool(self.in_repeat(q)) and self.collects(q)

    def web_repeats(self) -> list[Question]:
        """The repeat groups the web form asks, in form order, at every depth."""
        return [q for q in self.questions if self.asks_repeat(q)]

    def repeats_in(self, repeat: str) -> list[Question]:
        """The repeats directly inside repeat `repeat` ("": the repeats not in any repeat) that the
        web form asks."""
        return [q for q in self.web_repeats() if self.in_repeat(q) == repeat]

    def repeat_count(self, q: Question) -> str:
        """The repeat's `repeat_count` (also written `jr:count`): an expression for the number of
        instances, "" when the respondent chooses how many."""
        for key in ("repeat_count", "jr:count", "bind::jr:count"):
            if (q.extra or {}).get(key, "").strip():
                return q.extra[key].strip()
        return ""

    def not_asked(self) -> list[Question]:
        """Rows kept in the form but not asked by the web form: their answers come from imports."""
        return [
            q
            for q in self.questions
            if (REGISTRY[q.type].takes_answer and not self.collects(q))
            or (
                q.type != "begin_repeat"
                and bool(self.in_repeat(q))
                and REGISTRY[q.type].takes_answer
                and not self.asks_in_repeat(q)
            )
        ]

    def data_columns(self) -> list[Question]:
        """Questions whose values are stored: the answerable ones and the calculations."""
        repeats = self.repeat_names()
        return [
            q
            for q in self.questions
            if (REGISTRY[q.type].takes_answer or q.type == "calculate")
            and not any(g in repeats for g in q.group)
        ]

    def repeat_questions(self, repeat: str) -> list[Question]:
        """The rows directly in repeat `repeat` (and in its groups, not in repeats nested in it)."""
        out: list[Question] = []
        for q in self.questions:
            if repeat in q.group and self.in_repeat(q) == repeat:
                out.append(q)
        return out

    def choices_for(self, q: Question) -> tuple[Choice, ...]:
        """The question's choices; with `or_other`, the "other" choice XLSForm adds at the end."""
        listed = tuple(self.choices.get(q.list_name, ()))
        if q.or_other and not any(c.name == "other" for c in listed):
            other = Choice(
                "other", dict.fromkeys(self.languages or (self.default_language,), "Other"), origin="or_other"
            )
            listed += (other,)
        return listed

    def title_in(self, language: str) -> str:
        return self.title.get(language) or self.title.get(self.default_language) or self.id

    def pages(self) -> list[tuple[Question | None, list[Question]]]:
        """The form split into pages: one per top-level group (with its group marker), and one for
        each run of top-level questions outside any group."""
        pages: list[tuple[Question | None, list[Question]]] = []
        loose: list[Question] = []
        current: tuple[Question, list[Question]] | None = None
        for q in self.questions:
            if not q.group and q.type in BEGIN_MARKERS:
                if loose:
                    pages.append((None, loose))
                    loose = []
                current = (q, [])
                continue
            if q.is_end and not q.group:
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
        names = {q.name for q in self.questions if not q.is_end}
        if not self.id:
            out.append("the form has no id")
        for i, q in enumerate(self.questions, start=1):
            where = f"question {i} ({q.name or '?'})"
            if q.type not in REGISTRY:
                out.append(f"{where}: unknown type {q.type!r}")
                continue
            if q.type == "comment":
                continue
            if q.is_end:
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
            if q.type in BEGIN_MARKERS:
                depth.append(q.name)
            kind = REGISTRY[q.type]
            if kind.has_choices and not kind.external:
                if not q.list_name:
                    out.append(f"{where}: a select question needs a choice list")
                elif not self.choices.get(q.list_name):
                    out.append(f"{where}: choice list {q.list_name!r} is missing or empty")
            if q.type == "calculate" and not q.calculation:
                out.append(f"{where}: a calculation is missing")
            needs_label = (kind.takes_answer and kind.asked and not kind.automatic) or (
                q.type == "note" and q.origin != "note_name"
            )
            if needs_label and not any(q.label.values()):
                out.append(f"{where}: no label")
            for attr in ("relevant", "constraint", "calculation", "choice_filter", "required_if"):
                text = getattr(q, attr)
                if not text:
                    continue
                # An expression this platform cannot evaluate (pulldata(), a path, a function outside
                # the subset) is kept for the tools that can; its ${references} are still checked.
                try:
                    references(text)
                except ExpressionTooLarge as exc:
                    out.append(f"{where}: {attr}: {exc}")
                    continue
                except ExpressionError:
                    pass
                unknown = reference_names(text) - names
                if unknown:
                    out.append(f"{where}: {attr} refers to unknown question(s) {', '.join(sorted(unknown))}")
        if depth:
            out.append(f"group(s) not ended: {', '.join(depth)}")
        duplicates_allowed = self.settings.get("allow_choice_duplicates", "").strip().lower() in (
            "yes",
            "true",
        )
        for list_name, choices in self.choices.items():
            choice_names = [c.name for c in choices]
            if len(set(choice_names)) != len(choice_names) and not duplicates_allowed:
                out.append(f"choice list {list_name!r}: duplicate choice names")
        return out

    def unevaluated(self) -> list[tuple[str, str]]:
        """(question, column) of the expressions the platform keeps but cannot evaluate."""
        out: list[tuple[str, str]] = []
        for q in self.questions:
            for attr in ("relevant", "constraint", "calculation", "choice_filter", "required_if"):
                text = getattr(q, attr)
                if text:
                    try:
                        references(text)
                    except ExpressionError:
                        out.append((q.name, attr))
                        continue
                    if uses_clock(text):  # today() and now() are evaluated in defaults only
                        out.append((q.name, attr))
        return out

    def missing_labels(self) -> list[tuple[str, str, tuple[str, ...]]]:
        """(kind, name, languages) of each label missing in some language of the form: kind is
        "question" (name: the question's) or "choice" (name: `list/choice`)."""
        out: list[tuple[str, str, tuple[str, ...]]] = []
        for q in self.questions:
            kind = REGISTRY.get(q.type)
            if kind is None or not any(q.label.values()) or q.origin:
                continue
            missing = tuple(lang for lang in self.languages if not q.label.get(lang))
            if missing:
                out.append(("question", q.name, missing))
        for list_name, choices in self.choices.items():
            for c in choices:
                missing = tuple(lang for lang in self.languages if not c.label.get(lang))
                if missing and not c.origin:
                    out.append(("choice", f"{list_name}/{c.name}", missing))
        return out

    def missing_translations(self) -> list[str]:
        """Labels missing in some language of the form. Not a reason to refuse it (the web form
        shows the default language's label there, as ODK Collect and Enketo do), but said."""
        return [
            f"{kind} {name}: no label in {', '.join(langs)}" for kind, name, langs in self.missing_labels()
        ]

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
            **({"settings": dict(self.settings)} if self.settings else {}),
            **({"root_name": self.root_name} if self.root_name else {}),
            **({"language_names": dict(self.language_names)} if self.language_names else {}),
            **({"sheets": {k: [list(r) for r in v] for k, v in self.sheets.items()}} if self.sheets else {}),
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
            settings=dict(d.get("settings", {})),
            root_name=d.get("root_name", ""),
            language_names=dict(d.get("language_names", {})),
            sheets={k: tuple(tuple(r) for r in v) for k, v in d.get("sheets", {}).items()},
        )
