"""The method's plan against what was done: how many of each activity the method prescribes, when
each is due, and which are done, due or late on a given day.

The method prescribes 2 thematic study visits and 4 interregional meetings for the partnership, and
5 rounds of Regional Stakeholder Group meetings in each region. The project summary states only the
project's dates, "from 1 Aug 2019 to 31 Jul 2022" (reference/data/partnership.yaml, checked by a
test); it says neither where a learning phase ends nor when each activity is due. So the end of
phase 1 is not a constant here: it is a `Phases` value the caller passes (the platform reads it from
its configuration, apps/learning/phases.py), or None, when the activities are spread over the whole
project. The k-th of n is due at the end of the k-th n-th part of that span (evenly spread): a
planning assumption, stated wherever the status is shown.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum

PROJECT_START = date(2019, 8, 1)
PROJECT_END = date(2022, 7, 31)


@dataclass(frozen=True)
class Phases:
    """The project's span and, when one is configured, the last day of phase 1 (learning and action
    planning); phase 2 (monitoring) runs from the next day to the project's end."""

    start: date = PROJECT_START
    end: date = PROJECT_END
    phase_1_end: date | None = None

    def __post_init__(self) -> None:
        if self.end < self.start:
            raise ValueError("the project ends before it starts")
        if self.phase_1_end is not None and not self.start <= self.phase_1_end < self.end:
            raise ValueError("phase 1 must end within the project, before its last day")

    @property
    def learning_end(self) -> date:
        """The end of the span the prescribed activities are spread over."""
        return self.phase_1_end or self.end

    def phase_of(self, day: date) -> int | None:
        """1 or 2 once a boundary is configured; None outside the project or without a boundary."""
        if self.phase_1_end is None or not self.start <= day <= self.end:
            return None
        return 1 if day <= self.phase_1_end else 2


class Status(StrEnum):
    DONE = "done"
    DUE = "due"
    LATE = "late"


@dataclass(frozen=True)
class Prescribed:
    kind: str
    count: int
    per_region: bool


PRESCRIBED: tuple[Prescribed, ...] = (
    Prescribed("study_visit", 2, per_region=False),
    Prescribed("interregional", 4, per_region=False),
    Prescribed("rsg", 5, per_region=True),
)


@dataclass(frozen=True)
class Slot:
    kind: str
    region: str | None
    number: int
    due: date
    status: Status
    held_on: date | None


@dataclass(frozen=True)
class Summary:
    kind: str
    region: str | None
    prescribed: int
    done: int
    due: int
    late: int
    extra: int
    """Events held beyond the prescribed number (counted, never a slot)."""


def due_dates(count: int, start: date, end: date) -> list[date]:
    span = (end - start).days
    return [start + timedelta(days=round(span * k / count)) for k in range(1, count + 1)]


def slots(
    held: Mapping[tuple[str, str | None], Iterable[date]],
    *,
    regions: Sequence[str],
    today: date,
    phases: Phases | None = None,
    prescribed: Sequence[Prescribed] = PRESCRIBED,
) -> list[Slot]:
    """`held`: the dates of the events held (or scheduled) per (kind, region; None for partnership
    events). The k-th event in date order fills the k-th slot; it is done once its date has passed.
    Due dates are spread over phase 1 when `phases` has a boundary, else over the whole project."""
    span = phases or Phases()
    out: list[Slot] = []
    for p in prescribed:
        for region in regions if p.per_region else [None]:
            dates = sorted(held.get((p.kind, region), ()))
            for number, due in enumerate(due_dates(p.count, span.start, span.learning_end), start=1):
                when = dates[number - 1] if number <= len(dates) else None
                if when is not None and when <= today:
                    status = Status.DONE
                elif due < today:
                    status = Status.LATE
                else:
                    status = Status.DUE
                out.append(Slot(p.kind, region, number, due, status, when if status == Status.DONE else None))
    return out


def summarise(
    all_slots: Sequence[Slot],
    held: Mapping[tuple[str, str | None], Iterable[date]],
    *,
    today: date,
) -> list[Summary]:
    groups: dict[tuple[str, str | None], list[Slot]] = {}
    for s in all_slots:
        groups.setdefault((s.kind, s.region), []).append(s)
    out = []
    for (kind, region), group in groups.items():
        past = [d for d in held.get((kind, region), ()) if d <= today]
        out.append(
            Summary(
                kind,
                region,
                prescribed=len(group),
                done=sum(s.status == Status.DONE for s in group),
                due=sum(s.status == Status.DUE for s in group),
                late=sum(s.status == Status.LATE for s in group),
                extra=max(0, len(past) - len(group)),
            )
        )
    return out
