"""The differences between two versions of a plan, each a nested document of dicts and lists."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass


@dataclass(frozen=True)
class Change:
    path: str
    before: str | None
    after: str | None

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


def diff(before: object, after: object) -> list[Change]:
    a, b = flatten(before), flatten(after)
    changes = [Change(p, a.get(p), b.get(p)) for p in sorted(a.keys() | b.keys()) if a.get(p) != b.get(p)]
    return changes
