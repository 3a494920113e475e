"""Whether a cited piece of evidence still says what it said when it was cited.

A citation keeps a snapshot of its target (for a survey figure: the analysis run and the estimate).
When the current target differs (a newer run published a figure under the same identifier with
another value, or a practice's assessment was revised), the link is flagged so the author rereads
the action's argument; when the target is gone, it is flagged as such."""

from __future__ import annotations

import math
from dataclasses import dataclass
from enum import StrEnum


class Freshness(StrEnum):
    CURRENT = "current"
    CHANGED = "changed"
    GONE = "gone"


@dataclass(frozen=True)
class Cited:
    version: str
    """What identifies the state cited: a figure's run id, a record's last-modified stamp."""
    value: float | str | None = None


def _same(a: float | str | None, b: float | str | None) -> bool:
    if isinstance(a, float) and isinstance(b, float):
        return math.isclose(a, b, rel_tol=0, abs_tol=1e-9)
    return a == b


def freshness(cited: Cited, current: Cited | None) -> Freshness:
    """CURRENT when the target is in the state cited; CHANGED when it is in a newer state (another
    version, even with the same value: the newer analysis is what a reader of the plan will find);
    GONE when it no longer exists."""
    if current is None:
        return Freshness.GONE
    if cited.version != current.version or not _same(cited.value, current.value):
        return Freshness.CHANGED
    return Freshness.CURRENT
