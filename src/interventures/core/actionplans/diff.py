"""The differences between two versions of a plan, each a nested document of dicts and lists."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

# The plan's own text, held in English (the source its translations are made from).
ENGLISH_FIELDS = frozenset(
    {
        "title",
        "background",
        "action",
        "timeframe",
        "funding",
        "name",
        "unit",
        "source",
        "context",
        "region_name",
    }
)
# What a user wrote, in the language its item records ("language": a monitoring entry's progress,
# an improvement's description, an evidence citation's note).
WRITTEN_FIELDS = frozenset({"progress", "obstacles", "description", "note"})
_CODE = re.compile(r"^[a-z]{2,3}(-[A-Za-z0-9]{1,8})*$")


@dataclass(frozen=True)
class Change:
    path: str
    before: str | None
    after: str | None
    before_lang: str | None = None
    """The language the before text is written in (None when unknown: a name, a code, a number)."""
    after_lang: str | None = None

    @property
    def kind(self) -> str:
        if self.before is None:
            return "added"
        if self.after is None:
            return "removed"
        return "changed"


def flatten(doc: object, prefix: str = "") -> dict[str, str]:
    """Paths ("actions.1.title") to the text of each leaf. List items are keyed by their "key"
    entry when they have one (so that reordering or deleting one action does not show every later
    action as changed), else by position."""
    out: dict[str, str] = {}
    if isinstance(doc, Mapping):
        for k, v in doc.items():
            if k == "key":
                continue
            out.update(flatten(v, f"{prefix}.{k}" if prefix else str(k)))
    elif isinstance(doc, list):
        for i, v in enumerate(doc):
            key = v.get("key", i) if isinstance(v, Mapping) else i
            out.update(flatten(v, f"{prefix}.{key}" if prefix else str(key)))
    else:
        out[prefix] = "" if doc is None else str(doc)
    return out


def _code(value: object) -> str | None:
    return value if isinstance(value, str) and _CODE.match(value) else None


def languages(doc: object, prefix: str = "", written: str | None = None) -> dict[str, str | None]:
    """Paths (as `flatten` names them) to the language of each leaf's text: a translation's
    language under "translations.<code>", an item's recorded "language" for what its author wrote,
    English for the plan's own text, and None where the document does not say (names, codes,
    numbers, or an item written before its language was recorded)."""
    out: dict[str, str | None] = {}
    if isinstance(doc, Mapping):
        own = _code(doc.get("language")) if "language" in doc else None
        for k, v in doc.items():
            if k == "key":
                continue
            path = f"{prefix}.{k}" if prefix else str(k)
            if k == "translations" and isinstance(v, Mapping):
                for code, fields in v.items():
                    for leaf in flatten(fields, f"{path}.{code}"):
                        out[leaf] = _code(code)
            elif isinstance(v, Mapping | list):
                out.update(languages(v, path))
            elif k in WRITTEN_FIELDS and "language" in doc:
                out[path] = own
            else:
                out[path] = "en" if k in ENGLISH_FIELDS else None
    elif isinstance(doc, list):
        for i, v in enumerate(doc):
            key = v.get("key", i) if isinstance(v, Mapping) else i
            path = f"{prefix}.{key}" if prefix else str(key)
            if isinstance(v, Mapping | list):
                out.update(languages(v, path))
            else:
                out[path] = None
    else:
        out[prefix] = None
    return out


def diff(before: object, after: object) -> list[Change]:
    """The changed leaves, each side with the language its text is written in."""
    a, b = flatten(before), flatten(after)
    la, lb = languages(before), languages(after)
    return [
        Change(p, a.get(p), b.get(p), la.get(p) if p in a else None, lb.get(p) if p in b else None)
        for p in sorted(a.keys() | b.keys())
        if a.get(p) != b.get(p)
    ]
