"""Exports of learning across regions: events as iCalendar (RFC 5545, written by the `icalendar`
library, one event or a feed) and as JSON; practices as JSON and CSV (through core.cells)."""

from __future__ import annotations

import datetime as dt
import io
import zoneinfo
from collections.abc import Iterable
from typing import Any

import icalendar

from interventures.apps.common.translated import tr
from interventures.core.cells import csv_writer

from .models import Event, GoodPractice, ParticipantImport

PRODID = "-//INTER VENTURES//learning across regions//EN"


def _local(moment: dt.datetime, zone: str) -> dt.datetime:
    try:
        return moment.astimezone(zoneinfo.ZoneInfo(zone))
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        return moment.astimezone(dt.UTC)


def events_ics(events: Iterable[Event], *, lang: str, url_of: Any = None, name: str = "") -> bytes:
    """A VCALENDAR with one VEVENT per event, times in the event's own time zone (VTIMEZONE added)."""
    cal = icalendar.Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    if name:
        cal.add("x-wr-calname", name)
    stamp = dt.datetime.now(dt.UTC).replace(microsecond=0)
    for event in events:
        item = icalendar.Event()
        item.add("uid", f"{event.uid}@interventures")
        item.add("dtstamp", stamp)
        item.add("dtstart", _local(event.starts_at, event.timezone))
        item.add("dtend", _local(event.ends_at, event.timezone))
        item.add("summary", tr(event, "title", lang))
        description = tr(event, "description", lang)
        if description:
            item.add("description", description)
        place = ", ".join(p for p in (event.location, event.online_url) if p)
        if place:
            item.add("location", place)
        if url_of is not None:
            item.add("url", url_of(event))
        item.add("categories", [event.kind])
        cal.add_component(item)
    cal.add_missing_timezones()
    return bytes(cal.to_ical())


def event_document(event: Event, *, lang: str) -> dict[str, Any]:
    return {
        "uid": event.uid,
        "kind": event.kind,
        "title": tr(event, "title", lang),
        "region": event.region.code,
        "starts_at": event.starts_at.isoformat(),
        "ends_at": event.ends_at.isoformat(),
        "timezone": event.timezone,
        "format": event.format,
        "location": event.location,
        "online_url": event.online_url,
        "agenda": list(event.agenda or []),
        "rsg_round": event.rsg_round,
        "practices": [p.slug for p in event.practices.all()],
        "synthetic_demo": event.is_demo,
    }


PRACTICE_FIELDS = (
    "slug",
    "title",
    "status",
    "partner_region",
    "organisation",
    "country",
    "origin_region",
    "nuts",
    "problem",
    "description",
    "resources",
    "timescale",
    "evidence",
    "difficulties",
    "transfer",
    "contact",
    "sources",
    "interreg_project",
    "published_on",
    "dimensions",
    "stages",
    "barriers",
    "services",
)


def practice_document(p: GoodPractice, *, lang: str) -> dict[str, Any]:
    return {
        "slug": p.slug,
        "title": tr(p, "title", lang),
        "status": p.status,
        "partner_region": p.region.code if p.region is not None else None,
        "organisation": p.organisation.slug if p.organisation is not None else None,
        "country": p.country,
        "origin_region": p.origin_region,
        "nuts": p.nuts,
        **{
            f: tr(p, f, lang)
            for f in (
                "problem",
                "description",
                "resources",
                "timescale",
                "evidence",
                "difficulties",
                "transfer",
            )
        },
        "contact": p.contact,
        "sources": list(p.sources),
        "interreg_project": p.interreg_project,
        "published_on": p.published_on.isoformat() if p.published_on else None,
        "dimensions": list(p.dimensions),
        "stages": list(p.stages),
        "barriers": list(p.barriers),
        "services": list(p.services),
        "reference": p.is_reference,
    }


def practices_csv(practices: Iterable[GoodPractice], *, lang: str) -> str:
    buffer = io.StringIO()
    writer = csv_writer(buffer)
    writer.writerow(PRACTICE_FIELDS)
    for p in practices:
        doc = practice_document(p, lang=lang)
        writer.writerow(
            [
                " | ".join(v) if isinstance(v, list) else ("" if v is None else v)
                for v in (doc[f] for f in PRACTICE_FIELDS)
            ]
        )
    return buffer.getvalue()


def rejected_csv(record: ParticipantImport) -> bytes:
    """The refused rows of a participants import, as uploaded, each with its reasons in the reader's
    language first: to correct and upload again (the reasons columns are ignored then)."""
    from .labels import import_reason

    buf = io.StringIO()
    writer = csv_writer(buf)
    columns = list(record.columns)
    writer.writerow(["row", "reasons", *columns])
    for r in record.rejected:
        reasons = "; ".join(
            f"{x.get('column') or '-'}: {import_reason(x['code'], x.get('params'))}" for x in r["reasons"]
        )
        writer.writerow([r["row"], reasons, *(r["raw"].get(c, "") for c in columns)])
    return buf.getvalue().encode("utf-8-sig")
