from __future__ import annotations

import datetime as dt
import zoneinfo
from collections.abc import Callable
from typing import Any

import pytest


@pytest.fixture
def reference(db: Any) -> None:
    from interventures.apps.learning.services import practices_reference_load
    from interventures.apps.partnership.services import partnership_reference_load

    partnership_reference_load()
    practices_reference_load()


@pytest.fixture
def make_event(db: Any) -> Callable[..., Any]:
    from interventures.apps.accounts.permissions import OPERATOR
    from interventures.apps.learning.models import Event, EventKind
    from interventures.apps.learning.services import event_save

    def make(
        region: Any, *, kind: str = EventKind.RSG, day: dt.date = dt.date(2020, 3, 2), **kwargs: Any
    ) -> Event:
        zone = zoneinfo.ZoneInfo("Europe/Budapest")
        event = Event(
            kind=kind,
            title=kwargs.pop("title", "Meeting"),
            region=region,
            starts_at=dt.datetime(day.year, day.month, day.day, 10, tzinfo=zone),
            ends_at=dt.datetime(day.year, day.month, day.day, 12, tzinfo=zone),
            timezone="Europe/Budapest",
            **kwargs,
        )
        return event_save(user=OPERATOR, event=event)

    return make
