"""A small, safe evaluator for the XLSForm expression subset used in `relevant`, `constraint`,
`calculation` and `choice_filter` (no `eval`: a tokenizer, a recursive-descent parser, a tree walk).

Covered: `${name}` references, `.` (the current answer), bare names (a choice's columns in a
choice filter), numbers and 'string' literals, `= != < <= > >=`, `+ - * div mod`, `and or`, and the
functions selected, count-selected, if, not, string-length, regex, true, false, number, int,
concat, coalesce, once, and today and now where a clock is given (defaults). Semantics follow XPath 1.0 where it matters: an unanswered question is the empty
string, a failed number conversion is NaN, and NaN compares false.
"""

from __future__ import annotations

import datetime as dt
import logging
import math
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from functools import lru_cache
from typing import Any

_TOKEN = re.compile(
    r"""\s*(?:
      (?P<ref>\$\{[A-Za-z_][\w.\-]*\})
    | (?P<num>\d+(?:\.\d+)?|\.\d+)
    | (?P<str>'[^']*'|"[^"]*")
    | (?P<op><=|>=|!=|=|<|>|\+|-|\*|\(|\)|,)
    | (?P<dot>\.)
    | (?P<name>[A-Za-z_][\w\-:]*)
    )""",
    re.VERBOSE,
)


class ExpressionError(ValueError):
    """An expression that cannot be parsed (or calls an unknown function)."""


class ExpressionTooLarge(ExpressionError):
    """An expression over one of the limits below: refused wherever it comes from, since even the
    tools that evaluate more of XPath should not be handed it through this platform."""


MAX_LENGTH = 2000
"""Characters in one expression; real forms' longest are a few hundred."""
MAX_NESTING = 32
"""Parentheses, function calls and signs inside one another."""
MAX_TREE_DEPTH = 200
"""Operators chained one after another (a sum of 200 answers), so evaluating never recurses deeply."""
MAX_PATTERN = 500
"""Characters of a regex() pattern."""
MAX_SUBJECT = 10_000
"""Characters regex() looks at."""
REGEX_SECONDS = 0.1
"""Time one regex() check may take: a catastrophic pattern such as '^(a+)+$' stops here."""


@dataclass(frozen=True)
class Node:
    kind: str  # ref, dot, name, num, str, op, neg, call
    value: Any = None
    args: tuple[Node, ...] = ()


def _tokenize(text: str) -> list[tuple[str, str]]:
    tokens: list[tuple[str, str]] = []
    pos = 0
    text = text.strip()
    while pos < len(text):
        m = _TOKEN.match(text, pos)
        if m is None or m.end() == pos:
            raise ExpressionError(f"unexpected character {text[pos]!r} at position {pos + 1} in {text!r}")
        kind = m.lastgroup or ""
        tokens.append((kind, m.group(kind)))
        pos = m.end()
        while pos < len(text) and text[pos].isspace():
            pos += 1
    return tokens


class _Parser:
    def __init__(self, text: str) -> None:
        if len(text) > MAX_LENGTH:
            raise ExpressionTooLarge(f"the expression is longer than {MAX_LENGTH} characters ({len(text)})")
        self.text = text
        self.tokens = _tokenize(text)
        self.i = 0
        self.depth = 0

    def nest(self) -> None:
        self.depth += 1
        if self.depth > MAX_NESTING:
            raise ExpressionTooLarge(
                f"the expression nests parentheses, functions or signs more than {MAX_NESTING} deep"
            )

    def peek(self) -> tuple[str, str] | None:
        return self.tokens[self.i] if self.i < len(self.tokens) else None

    def take(self) -> tuple[str, str]:
        tok = self.peek()
        if tok is None:
            raise ExpressionError(f"unexpected end of expression {self.text!r}")
        self.i += 1
        return tok

    def expect(self, value: str) -> None:
        tok = self.take()
        if tok[1] != value:
            raise ExpressionError(f"expected {value!r} but found {tok[1]!r} in {self.text!r}")

    def at_word(self, *words: str) -> str | None:
        tok = self.peek()
        if tok is not None and tok[0] in ("name", "op") and tok[1] in words:
            return tok[1]
        return None

    def parse(self) -> Node:
        node = self.or_()
        extra = self.peek()
        if extra is not None:
            raise ExpressionError(f"unexpected {extra[1]!r} in {self.text!r}")
        return node

    def binary(self, sub: Callable[[], Node], *ops: str) -> Node:
        left = sub()
        while (op := self.at_word(*ops)) is not None:
            self.take()
            left = Node("op", op, (left, sub()))
        return left

    def or_(self) -> Node:
        return self.binary(self.and_, "or")

    def and_(self) -> Node:
        return self.binary(self.equality, "and")

    def equality(self) -> Node:
        return self.binary(self.relational, "=", "!=")

    def relational(self) -> Node:
        return self.binary(self.additive, "<", "<=", ">", ">=")

    def additive(self) -> Node:
        return self.binary(self.multiplicative, "+", "-")

    def multiplicative(self) -> Node:
        return self.binary(self.unary, "*", "div", "mod")

    def unary(self) -> Node:
        if self.at_word("-"):
            self.take()
            self.nest()
            node = Node("neg", None, (self.unary(),))
            self.depth -= 1
            return node
        return self.primary()

    def primary(self) -> Node:
        kind, value = self.take()
        if kind == "ref":
            return Node("ref", value[2:-1])
        if kind == "num":
            return Node("num", Decimal(value))
        if kind == "str":
            return Node("str", value[1:-1])
        if kind == "dot":
            return Node("dot")
        if kind == "op" and value == "(":
            self.nest()
            node = self.or_()
            self.expect(")")
            self.depth -= 1
            return node
        if kind == "name":
            nxt = self.peek()
            if nxt is not None and nxt[1] == "(":
                self.take()
                if value not in FUNCTIONS and value not in ("if", *CLOCK_FUNCTIONS):
                    raise ExpressionError(f"unknown function {value}() in {self.text!r}")
                self.nest()
                args: list[Node] = []
                if (tok := self.peek()) is not None and tok[1] != ")":
                    args.append(self.or_())
                    while (tok := self.peek()) is not None and tok[1] == ",":
                        self.take()
                        args.append(self.or_())
                self.expect(")")
                self.depth -= 1
                if value == "regex" and len(args) == 2 and args[1].kind == "str":
                    _compile_pattern(args[1].value)  # a bad pattern is the form's error, not the SME's
                return Node("call", value, tuple(args))
            return Node("name", value)
        raise ExpressionError(f"unexpected {value!r} in {self.text!r}")


def _tree_depth(root: Node) -> int:
    deepest, stack = 0, [(root, 1)]
    while stack:
        node, depth = stack.pop()
        deepest = max(deepest, depth)
        stack.extend((child, depth + 1) for child in node.args)
    return deepest


@lru_cache(maxsize=4096)
def parse_expression(text: str) -> Node:
    """The expression's tree; ExpressionError names what is wrong, including every limit above."""
    node = _Parser(text).parse()
    if _tree_depth(node) > MAX_TREE_DEPTH:
        raise ExpressionTooLarge(f"the expression chains more than {MAX_TREE_DEPTH} operations")
    return node


def references(text: str) -> set[str]:
    """The question names an expression refers to with ${...}."""
    found: set[str] = set()

    def walk(node: Node) -> None:
        if node.kind == "ref":
            found.add(node.value)
        for arg in node.args:
            walk(arg)

    if text.strip():
        walk(parse_expression(text))
    return found


# ---- values -------------------------------------------------------------------------------------

NAN = float("nan")


def to_string(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (tuple, list)):
        return " ".join(str(v) for v in value)
    if isinstance(value, float):
        if math.isnan(value):
            return "NaN"
        return str(int(value)) if value.is_integer() else repr(value)
    if isinstance(value, Decimal):
        return format(value.normalize(), "f") if value == value.to_integral_value() else str(value)
    return str(value)


def to_number(value: Any) -> Decimal | float:
    if isinstance(value, bool):
        return Decimal(int(value))
    if isinstance(value, Decimal):
        return value
    if isinstance(value, int):
        return Decimal(value)
    if isinstance(value, float):
        return value
    try:
        number = Decimal(to_string(value).strip())
    except InvalidOperation:  # not a number
        return NAN
    # "nan", "inf" and exponents beyond a double's range are not answers a form can compute with.
    if not number.is_finite() or abs(number.adjusted()) > 300:
        return NAN
    return number


def to_bool(value: Any) -> bool:
    if isinstance(value, bool):
        return value
    if isinstance(value, (int, Decimal, float)):
        return not (isinstance(value, float) and math.isnan(value)) and value != 0
    if isinstance(value, (tuple, list)):
        return len(value) > 0
    return value is not None and to_string(value) != ""


def _is_nan(x: Decimal | float) -> bool:
    return isinstance(x, float) and math.isnan(x)


def _compare(op: str, a: Any, b: Any) -> bool:
    numeric = isinstance(a, (int, float, Decimal)) and not isinstance(a, bool)
    numeric = numeric or (isinstance(b, (int, float, Decimal)) and not isinstance(b, bool))
    if op in ("=", "!="):
        if isinstance(a, bool) or isinstance(b, bool):
            equal = to_bool(a) == to_bool(b)
        elif numeric:
            x, y = to_number(a), to_number(b)
            equal = not _is_nan(x) and not _is_nan(y) and x == y
        else:
            equal = to_string(a) == to_string(b)
        return equal if op == "=" else not equal
    x, y = to_number(a), to_number(b)
    if _is_nan(x) or _is_nan(y):
        return False
    return {"<": x < y, "<=": x <= y, ">": x > y, ">=": x >= y}[op]


def _arith(op: str, a: Any, b: Any) -> Decimal | float:
    x, y = to_number(a), to_number(b)
    if _is_nan(x) or _is_nan(y):
        return NAN
    if isinstance(x, float) or isinstance(y, float):  # an infinity from a division by zero, say
        x, y = float(x), float(y)
    if op == "+":
        return x + y  # type: ignore[operator]  # both Decimal or both float, by the conversion above
    if op == "-":
        return x - y  # type: ignore[operator]  # both Decimal or both float, by the conversion above
    if op == "*":
        return x * y  # type: ignore[operator]  # both Decimal or both float, by the conversion above
    if y == 0:
        return NAN if op == "mod" or x == 0 else (math.inf if x > 0 else -math.inf)
    if isinstance(x, Decimal) and isinstance(y, Decimal):
        return x / y if op == "div" else x % y
    fx, fy = float(x), float(y)
    return fx / fy if op == "div" else math.fmod(fx, fy)


def _split(value: Any) -> list[str]:
    if isinstance(value, (tuple, list)):
        return [str(v) for v in value]
    return to_string(value).split()


@lru_cache(maxsize=512)
def _compile_pattern(pattern: str) -> Any:
    import regex

    if len(pattern) > MAX_PATTERN:
        raise ExpressionTooLarge(f"the regular expression is longer than {MAX_PATTERN} characters")
    try:
        return regex.compile(pattern, regex.VERSION0)
    except regex.error as exc:
        raise ExpressionError(f"invalid regular expression {pattern!r}: {exc}") from exc


def _regex(value: Any, pattern: Any) -> bool:
    """XLSForm's regex(): the `regex` package with a time limit, so no pattern can hang a check."""
    compiled = _compile_pattern(to_string(pattern))
    subject = to_string(value)
    if len(subject) > MAX_SUBJECT:
        raise ExpressionError(f"regex() checks at most {MAX_SUBJECT} characters")
    try:
        return compiled.search(subject, timeout=REGEX_SECONDS) is not None
    except TimeoutError as exc:
        logging.getLogger(__name__).warning(
            "regex() timed out after %s s: pattern %r on %s characters",
            REGEX_SECONDS,
            compiled.pattern,
            len(subject),
        )
        raise ExpressionError(
            f"the regular expression {compiled.pattern!r} took longer than {REGEX_SECONDS} s on this answer"
        ) from exc


FUNCTIONS: dict[str, Callable[..., Any]] = {
    "selected": lambda v, x: to_string(x) in _split(v),
    "count-selected": lambda v: len(_split(v)),
    "not": lambda v: not to_bool(v),
    "string-length": lambda v: len(to_string(v)),
    "regex": _regex,
    "true": lambda: True,
    "false": lambda: False,
    "number": to_number,
    "int": lambda v: (lambda n: n if _is_nan(n) or not math.isfinite(n) else Decimal(int(n)))(to_number(v)),
    "concat": lambda *vs: "".join(to_string(v) for v in vs),
    "coalesce": lambda a, b: a if to_string(a) != "" else b,
}


# once(x): x, where the question has no value yet (its value once it has one is kept by the caller).
FUNCTIONS["once"] = lambda v: v

CLOCK_FUNCTIONS = ("today", "now")
"""Functions of the time of filling: evaluated only where the caller gives a clock (a default
filled when a draft or an instance starts); elsewhere they are left to the collecting tool."""


@dataclass(frozen=True)
class Context:
    answers: Mapping[str, Any]
    current: Any = None
    names: Mapping[str, Any] | None = None  # a choice's columns, for choice filters
    clock: dt.datetime | None = None  # the time of filling, for today() and now()


def uses_clock(text: str) -> bool:
    """Whether an expression calls today() or now() (so that it is evaluated only with a clock)."""
    try:
        stack = [parse_expression(text)]
    except ExpressionError:
        return False
    while stack:
        node = stack.pop()
        if node.kind == "call" and node.value in CLOCK_FUNCTIONS:
            return True
        stack.extend(node.args)
    return False


def _eval(node: Node, ctx: Context) -> Any:
    kind = node.kind
    if kind == "num" or kind == "str":
        return node.value
    if kind == "ref":
        return ctx.answers.get(node.value, "")
    if kind == "dot":
        return "" if ctx.current is None else ctx.current
    if kind == "name":
        if ctx.names is not None and node.value in ctx.names:
            return ctx.names[node.value]
        raise ExpressionError(f"unknown name {node.value!r}")
    if kind == "neg":
        n = to_number(_eval(node.args[0], ctx))
        return -n
    if kind == "call":
        if node.value in CLOCK_FUNCTIONS:
            if node.args:
                raise ExpressionError(f"{node.value}() takes no argument")
            if ctx.clock is None:
                raise ExpressionError(f"{node.value}() is evaluated only when a draft or instance starts")
            # As ODK writes them: today() a date, now() a date and time with its offset.
            return ctx.clock.date().isoformat() if node.value == "today" else ctx.clock.isoformat()
        if node.value == "if":
            if len(node.args) != 3:
                raise ExpressionError("if() takes three arguments")
            cond = to_bool(_eval(node.args[0], ctx))
            return _eval(node.args[1] if cond else node.args[2], ctx)
        try:
            return FUNCTIONS[node.value](*(_eval(a, ctx) for a in node.args))
        except TypeError as exc:
            raise ExpressionError(f"wrong number of arguments to {node.value}()") from exc
    op = node.value
    if op == "and":
        return to_bool(_eval(node.args[0], ctx)) and to_bool(_eval(node.args[1], ctx))
    if op == "or":
        return to_bool(_eval(node.args[0], ctx)) or to_bool(_eval(node.args[1], ctx))
    a, b = _eval(node.args[0], ctx), _eval(node.args[1], ctx)
    if op in ("=", "!=", "<", "<=", ">", ">="):
        return _compare(op, a, b)
    return _arith(op, a, b)


def evaluate(
    text: str,
    answers: Mapping[str, Any],
    *,
    current: Any = None,
    names: Mapping[str, Any] | None = None,
    clock: dt.datetime | None = None,
) -> Any:
    """The value of an expression; raises ExpressionError for an unparsable one (and for today()
    or now() without a `clock`)."""
    return _eval(parse_expression(text), Context(answers=answers, current=current, names=names, clock=clock))


def holds(text: str, answers: Mapping[str, Any], **kw: Any) -> bool:
    """An empty condition holds; otherwise the expression's truth value."""
    if not text or not text.strip():
        return True
    return to_bool(evaluate(text, answers, **kw))
