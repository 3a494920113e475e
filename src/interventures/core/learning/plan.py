"""The method's plan against what was done: how many of each activity the method prescribes, when
each is due, and which are done, due or late on a given day.

The method prescribes 2 thematic study visits and 4 interregional meetings for the partnership, and
5 rounds of Regional Stakeholder Group meetings in each region, in phase 1; phase 2 monitors the
Action Plans. The project summary states only the project's dates, "from 1 Aug 2019 to 31 Jul 2022"
(36 months; reference/data/partnership.yaml, checked by a test); it does not say where phase 1 ends.
PHASE_1_END takes phase 1 as the first 24 months and phase 2 as the last 12: an assumption, stated
on the page, to confirm with the application form. The summary gives no date for each activity, so
the k-th of n is due at the end of the k-th n-th part of phase 1 (evenly spread): a planning
assumption, stated wherever the status is shown.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum

PHASE_1_START = date(2019, 8, 1)
PHASE_1_END = date(2021, 7, 31)
PHASE_2_END = date(2022, 7, 31)


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


def due_dates(count: int, start: date = PHASE_1_START, end: date = PHASE_1_END) -> list[date]:
    span = (end - start).days
    return [start + timedelta(days=round(span * k / count)) for k in range(1, count + 1)]


def slots(
    held: Mapping[tuple[str, str | None], Iterable[date]],
    *,
    regions: Sequence[str],
    today: date,
    prescribed: Sequence[Prescribed] = PRESCRIBED,
) -> list[Slot]:
    """`held`: the dates of the events held (or scheduled) per (kind, region; None for partnership
    events). The k-th event in date order fills the k-th slot; it is done once its date has passed."""
    out: list[Slot] = []
    for p in prescribed:
        for region in regions if p.per_region else [None]:
            dates = sorted(held.get((p.kind, region), ()))
            for number, due in enumerate(due_dates(p.count), start=1):
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


def phase_of(day: date) -> int | None:
    if PHASE_1_START <= day <= PHASE_1_END:
        return 1
    if PHASE_1_END < day <= PHASE_2_END:
        return 2
    return None
