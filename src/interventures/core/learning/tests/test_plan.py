from datetime import date

import pytest

from interventures.core.learning.plan import (
    PROJECT_END,
    PROJECT_START,
    Phases,
    Status,
    due_dates,
    slots,
    summarise,
)

TWO_YEARS = Phases(phase_1_end=date(2021, 7, 31))
"""A configured boundary, as a deployment may set one (the source states none)."""


def test_due_dates_spread_evenly_over_the_span() -> None:
    dates = due_dates(2, PROJECT_START, date(2021, 7, 31))
    assert dates[-1] == date(2021, 7, 31)
    assert date(2020, 7, 1) < dates[0] < date(2020, 8, 31)


def test_without_a_boundary_the_activities_spread_over_the_whole_project() -> None:
    unsplit = slots({}, regions=[], today=date(2019, 9, 1))
    visits = [s for s in unsplit if s.kind == "study_visit"]
    assert visits[-1].due == PROJECT_END
    split = slots({}, regions=[], today=date(2019, 9, 1), phases=TWO_YEARS)
    assert [s for s in split if s.kind == "study_visit"][-1].due == date(2021, 7, 31)


def test_done_due_and_late_on_a_given_day() -> None:
    held = {
        ("study_visit", None): [date(2020, 2, 10)],
        ("rsg", "hu-hr"): [
            date(2019, 11, 5),
            date(2020, 3, 1),
            date(2020, 9, 1),
            date(2021, 1, 1),
            date(2021, 5, 1),
            date(2021, 6, 1),
        ],
        ("rsg", "lombardia"): [date(2019, 12, 1), date(2021, 3, 15)],  # the second is scheduled, not held
    }
    today = date(2021, 1, 10)
    all_slots = slots(held, regions=["hu-hr", "lombardia"], today=today, phases=TWO_YEARS)
    summary = {(s.kind, s.region): s for s in summarise(all_slots, held, today=today)}
    visits = summary[("study_visit", None)]
    assert (visits.prescribed, visits.done, visits.due, visits.late) == (2, 1, 1, 0)
    meetings = summary[("interregional", None)]
    assert (meetings.done, meetings.late, meetings.due) == (0, 2, 2)  # due 2020-01-29 and 2020-07-30 passed
    hu = summary[("rsg", "hu-hr")]
    assert (hu.done, hu.due, hu.late, hu.extra) == (4, 1, 0, 0)
    lom = summary[("rsg", "lombardia")]
    assert (lom.done, lom.late, lom.due) == (1, 2, 2)
    second = next(s for s in all_slots if s.region == "lombardia" and s.number == 2)
    assert second.status == Status.LATE
    assert second.held_on is None


def test_extra_events_are_counted_beside_the_slots() -> None:
    held: dict[tuple[str, str | None], list[date]] = {
        ("study_visit", None): [date(2019, 9, 1), date(2019, 10, 1), date(2019, 11, 1)]
    }
    today = date(2022, 1, 1)
    s = summarise(slots(held, regions=[], today=today), held, today=today)
    assert s[0].extra == 1
    assert s[0].done == 2


def test_phases() -> None:
    assert TWO_YEARS.phase_of(date(2019, 8, 1)) == 1
    assert TWO_YEARS.phase_of(date(2021, 8, 1)) == 2
    assert TWO_YEARS.phase_of(date(2023, 1, 1)) is None
    assert Phases().phase_of(date(2020, 1, 1)) is None  # no boundary: no phase is claimed


def test_a_boundary_outside_the_project_is_refused() -> None:
    with pytest.raises(ValueError, match="phase 1 must end"):
        Phases(phase_1_end=date(2023, 1, 1))
    with pytest.raises(ValueError, match="phase 1 must end"):
        Phases(phase_1_end=PROJECT_END)
