"""Indicator progress and the count of actions by their monitoring status."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from decimal import Decimal
from enum import StrEnum


class ActionStatus(StrEnum):
    NOT_STARTED = "not_started"
    ON_TRACK = "on_track"
    LATE = "late"
    DONE = "done"
    ABANDONED = "abandoned"


def indicator_progress(baseline: Decimal, target: Decimal, current: Decimal | None) -> Decimal | None:
    """The share of the way from baseline to target reached by the current value (0 at the
    baseline, 1 at the target; below 0 or above 1 when it went backwards or beyond). None when
    there is no current value or the target equals the baseline."""
    if current is None or target == baseline:
        return None
    return (current - baseline) / (target - baseline)


def status_counts(statuses: Iterable[str | None]) -> dict[ActionStatus, int]:
    """How many actions are in each status (an action never monitored is not started)."""
    counts = Counter(ActionStatus(s) if s else ActionStatus.NOT_STARTED for s in statuses)
    return {s: counts.get(s, 0) for s in ActionStatus}
