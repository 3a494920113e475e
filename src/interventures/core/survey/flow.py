"""The respondent's way through a form, one page at a time: which questions apply given the answers so far,
which pages are left to show, and which choices a filtered select offers. The server is the one
evaluator of skip logic; the page's script only shows what these say."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from .expr import ExpressionError, holds, to_string
from .expr import evaluate as evaluate_expression
from .form import Form, Question
from .validate import CellError, allowed_choices, clean_response, relevant_names

MAX_INSTANCES = 50
"""Instances of one repeat group the web form lets a respondent add (a regional survey's sites,
products or partners number a handful; the bound keeps a draft small)."""

_STEP = re.compile(r"^(?P<repeat>[^\[\]/]+)\[(?P<n>[1-9][0-9]{0,2})\]$")
MAX_DEPTH = 4
"""Repeats inside one another the web form asks (real forms nest two, rarely three)."""

Path = tuple[tuple[str, int], ...]
"""Where an instance is: (repeat, n) from the outermost, `(("partner", 2), ("contact", 1))`."""


def path_text(path: Path) -> str:
    """ "partner[2]/contact[1]": the address of an instance, the prefix of its questions' keys."""
    return "/".join(f"{repeat}[{n}]" for repeat, n in path)


def instance_key(repeat: str, n: int, name: str, parent: str = "") -> str:
    """The web form's name of question `name` in instance `n` (from 1) of `repeat`: `site[2]/town`;
    in an instance of a repeat inside a repeat, after its parent's address (`parent`):
    `partner[2]/contact[1]/contact_name`."""
    own = f"{repeat}[{n}]/{name}"
    return f"{parent}/{own}" if parent else own


def anchor(text: str) -> str:
    """An id for an instance or a repeat from its address: `partner[2]/contact` -> `partner-2-contact`."""
    return re.sub(r"[\[\]/]+", "-", text).strip("-")


def parse_path(form: Form, text: str) -> Path | None:
    """The path of an instance address the web form asks (`partner[2]/contact[1]`): each repeat
    asked and directly in the one before it, no number past MAX_INSTANCES, at most MAX_DEPTH deep."""
    steps = text.split("/") if text else []
    if not steps or len(steps) > MAX_DEPTH:
        return None
    path: list[tuple[str, int]] = []
    outer = ""
    for step in steps:
        m = _STEP.match(step)
        if m is None or int(m["n"]) > MAX_INSTANCES:
            return None
        try:
            repeat = form.question(m["repeat"])
        except KeyError:
            return None
        if not form.asks_repeat(repeat) or form.in_repeat(repeat) != outer:
            return None
        path.append((repeat.name, int(m["n"])))
        outer = repeat.name
    return tuple(path)


@dataclass(frozen=True)
class Located:
    """A question of one instance: its instance's path and the question."""

    path: Path
    question: Question

    @property
    def repeat(self) -> str:
        return self.path[-1][0]


def parse_instance_key(form: Form, key: str) -> Located | None:
    """The instance and question of a key the web form asks (see `instance_key`), or None for any
    other name, an instance past MAX_INSTANCES, or a question not asked in that repeat."""
    prefix, _sep, name = key.rpartition("/")
    path = parse_path(form, prefix)
    if path is None:
        return None
    try:
        q = form.question(name)
    except KeyError:
        return None
    if not form.asks_in_repeat(q) or form.in_repeat(q) != path[-1][0]:
        return None
    return Located(path, q)


def parse_repeat_address(form: Form, text: str) -> tuple[Path, Question] | None:
    """(parent path, repeat) of the address of a repeat in an instance (`partner[2]/contact`), or
    of a repeat not in any (`site`); None when the web form does not ask it there."""
    prefix, _sep, name = text.rpartition("/")
    parent: Path = ()
    if prefix:
        found = parse_path(form, prefix)
        if found is None or len(found) >= MAX_DEPTH:
            return None
        parent = found
    try:
        repeat = form.question(name)
    except KeyError:
        return None
    if not form.asks_repeat(repeat) or form.in_repeat(repeat) != (parent[-1][0] if parent else ""):
        return None
    return parent, repeat


def error_key(error: CellError) -> str:
    """Where the web form shows an error: the question's name, or its instance key in a repeat."""
    path, repeat, n = error.params.get("path"), error.params.get("repeat"), error.params.get("instance")
    if path:
        return f"{path}/{error.question}"
    if repeat and n:
        return instance_key(str(repeat), int(n), error.question)
    return error.question


def instance_count(form: Form, repeat: Question, values: Mapping[str, Any], stored: int) -> tuple[int, bool]:
    """How many instances of `repeat` the web form shows, and whether the form fixes that number:
    `repeat_count` evaluated on the answers (bounded by MAX_INSTANCES), else the instances the
    respondent added (at least one for a required repeat). A count not answered yet (or not a
    number) is none; one the platform cannot evaluate leaves the number to the respondent. In a
    repeat inside a repeat, `values` are the outer instance's answers with those outside it."""
    expression = form.repeat_count(repeat)
    if expression:
        try:
            text = to_string(evaluate_expression(expression, values)).strip()
        except ExpressionError:
            text = None  # an expression kept for the tools that evaluate it
        if text is not None:
            try:
                n = int(float(text)) if text else 0  # the count not answered yet: no instance
            except (ValueError, OverflowError):
                n = 0
            return max(0, min(n, MAX_INSTANCES)), True
    return max(stored, 1 if repeat.required else 0), False


def repeats_on(form: Form, questions: Sequence[Question]) -> list[Question]:
    """The repeat groups not in any repeat that the web form asks among a page's rows (or whose
    rows the page is); the repeats inside them are asked in their instances."""
    names = {q.name for q in questions} | {form.in_repeat(q) for q in questions}
    return [q for q in form.repeats_in("") if q.name in names]


@dataclass(frozen=True)
class Instance:
    """One instance of a repeat as the web form shows it: its number (from 1), its address
    (`partner[2]`), typed values, the questions that apply in it, the choices its filtered selects
    offer, and the instances of the repeats inside it that apply."""

    n: int
    values: Mapping[str, Any]
    relevant: frozenset[str]
    choices: Mapping[str, list[str]]
    path: str = ""
    nested: Mapping[str, list[Instance]] = field(default_factory=dict)

    def walk(self) -> list[Instance]:
        """This instance and every instance inside it, outer first."""
        out = [self]
        for instances in self.nested.values():
            for inst in instances:
                out += inst.walk()
        return out


def instances_of(
    form: Form, repeat: Question, given: Any, scope: Mapping[str, Any], parent: str = ""
) -> list[Instance]:
    """The instances the web form shows of `repeat` (see `instance_count`), given its stored list
    and the values it sees (`scope`); an instance not yet answered has no values."""
    items = [i if isinstance(i, Mapping) else {} for i in given] if isinstance(given, list) else []
    count, _fixed = instance_count(form, repeat, scope, len(items))
    items = (items + [{}] * count)[:count]
    return [_instance(form, repeat.name, n, own, scope, parent) for n, own in enumerate(items, start=1)]


def _instance(
    form: Form, repeat: str, n: int, own: Mapping[str, Any], outer: Mapping[str, Any], parent: str = ""
) -> Instance:
    scope = {**outer, **own}
    path = f"{parent}/{repeat}[{n}]" if parent else f"{repeat}[{n}]"
    relevant: set[str] = set()
    choices: dict[str, list[str]] = {}
    nested: dict[str, list[Instance]] = {}
    for q in form.repeat_questions(repeat):
        if q.is_end or q.type == "comment":
            continue
        inner = q.group[q.group.index(repeat) + 1 :]
        if any(g not in relevant for g in inner):
            continue
        try:
            applies = holds(q.relevant, scope)
        except ExpressionError:
            applies = True
        if applies:
            relevant.add(q.name)
        if q.list_name and q.choice_filter:
            choices[q.name] = sorted(allowed_choices(form, q, scope))
        if q.type == "begin_repeat" and form.asks_repeat(q) and path.count("/") + 1 < MAX_DEPTH:
            # a repeat that does not apply has no instance (the page shows it hidden, to follow)
            nested[q.name] = instances_of(form, q, own.get(q.name), scope, path) if applies else []
    return Instance(n, own, frozenset(relevant), choices, path, nested)


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
        server is the one evaluator of skip logic; the page's script only shows what it says. A
        repeat's questions are named per instance (`site[2]/town`), each evaluated in its instance."""
        relevant = [q.name for q in questions if q.name in self.relevant]
        choices = {
            q.name: sorted(allowed_choices(self.form, q, self.values))
            for q in questions
            if q.list_name and q.choice_filter and not self.form.in_repeat(q)
        }
        for inst in self.all_instances(questions):
            relevant += [f"{inst.path}/{name}" for name in inst.relevant]
            choices.update({f"{inst.path}/{k}": v for k, v in inst.choices.items()})
        return {"relevant": sorted(relevant), "choices": choices}

    def all_instances(self, questions: Sequence[Question]) -> list[Instance]:
        """Every instance the page shows, those inside instances too, outer first."""
        return [
            each
            for repeat in self.repeats_on(questions)
            for inst in self.instances(repeat)
            for each in inst.walk()
        ]

    def repeats_on(self, questions: Sequence[Question]) -> list[Question]:
        return repeats_on(self.form, questions)

    def instances(self, repeat: Question) -> list[Instance]:
        """The instances the web form shows for `repeat` (none when it does not apply): see
        `instance_count`; an instance not yet answered has no values."""
        if repeat.name not in self.relevant:
            return []
        return instances_of(self.form, repeat, list(self.values.get(repeat.name) or []), self.values)

    def errors_on(self, questions: Sequence[Question]) -> list[CellError]:
        """The errors of a page's questions that apply (a skipped question's answer is not an error
        the respondent can fix there), and those of its repeats' instances."""
        names = {q.name for q in questions if q.name in self.relevant and self.form.asks(q)}
        applying = {f"{inst.path}/{name}" for inst in self.all_instances(questions) for name in inst.relevant}
        return [
            e
            for e in self.errors
            if e.code != "not_relevant"
            and ((e.question in names and "repeat" not in e.params) or error_key(e) in applying)
        ]

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
        if group is not None and form_def.asks_repeat(group):
            out.append(i)  # a repeat's page: shown while the repeat applies, its instances or none
            continue
        if any(q.name in relevant and q.type != "calculate" for q in questions):
            out.append(i)
    return out


def page_state(form_def: Form, questions: list[Question], answers: dict[str, Any]) -> dict[str, Any]:
    """`Evaluation.page` for raw answers."""
    return evaluate(form_def, answers).page(questions)
