"""Synthetic demo content for learning across regions (`interventures demo load`): the partnership's
event history over the plan page's span (phase 1 when a boundary is configured, else the whole
project: study visits, interregional meetings, RSG rounds, webinars, policy events) with synthetic
participants, lessons and feedback, transferability assessments, two fast-track initiatives per
region, and one webinar still to come, open for registration. Everything is flagged `is_demo` and labelled on screen. Idempotent: the
demo rows are replaced on each load. The good practices themselves are reference content."""

from __future__ import annotations

import datetime as dt
import zoneinfo
from decimal import Decimal
from typing import TextIO

import numpy as np
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from interventures.apps.accounts.permissions import OPERATOR
from interventures.apps.common import versions
from interventures.apps.common.models import Region
from interventures.apps.common.translated import in_every_language
from interventures.apps.partnership.models import Organisation, PolicyInstrument
from interventures.core.learning.plan import due_dates
from interventures.core.learning.transferability import CRITERIA

from . import services
from .models import (
    Event,
    EventFormat,
    EventKind,
    FastTrackInitiative,
    GoodPractice,
    InitiativeStatus,
    Lesson,
    Participant,
    StakeholderType,
    Transferability,
)
from .phases import project_phases

ZONES = {
    "hu-hr": "Europe/Budapest",
    "lombardia": "Europe/Rome",
    "podkarpackie": "Europe/Warsaw",
    "castilla-y-leon": "Europe/Madrid",
    "lt-klaipeda": "Europe/Vilnius",
}
PLACES = {
    "hu-hr": "Pécs",
    "lombardia": "Milano",
    "podkarpackie": "Rzeszów",
    "castilla-y-leon": "Burgos",
    "lt-klaipeda": "Klaipėda",
}
NAMES = {
    "hu-hr": [
        "Kovács Anna",
        "Horváth Péter",
        "Ana Kovačević",
        "Ivan Babić",
        "Szabó Eszter",
        "Marija Horvat",
        "Tóth Gábor",
        "Luka Novak",
    ],
    "lombardia": [
        "Giulia Rossi",
        "Marco Bianchi",
        "Francesca Colombo",
        "Luca Ferrari",
        "Chiara Romano",
        "Paolo Ricci",
        "Sara Galli",
        "Davide Conti",
    ],
    "podkarpackie": [
        "Anna Nowak",
        "Piotr Kowalski",
        "Katarzyna Wiśniewska",
        "Tomasz Wójcik",
        "Magdalena Kamińska",
        "Paweł Lewandowski",
        "Agnieszka Zielińska",
        "Marcin Szymański",
    ],
    "castilla-y-leon": [
        "Lucía García",
        "Javier Martín",
        "Marta López",
        "Carlos Sánchez",
        "Elena Pérez",
        "Sergio Gómez",
        "Laura Díaz",
        "Pablo Ruiz",
    ],
    "lt-klaipeda": [
        "Rūta Kazlauskienė",
        "Tomas Petrauskas",
        "Eglė Jankauskienė",
        "Mantas Stankevičius",
        "Ieva Vasiliauskaitė",
        "Darius Žukauskas",
        "Greta Butkutė",
        "Lukas Paulauskas",
    ],
}
# Hosts of the partnership's events, in order.
STUDY_VISIT_HOSTS = ("hu-hr", "castilla-y-leon")
MEETING_HOSTS = ("lombardia", "podkarpackie", "lt-klaipeda", "hu-hr")


def _at(day: dt.date, zone: str, hour: int = 10) -> dt.datetime:
    return dt.datetime(day.year, day.month, day.day, hour, 0, tzinfo=zoneinfo.ZoneInfo(zone))


def _titled(text: object) -> tuple[str, dict[str, dict[str, str]]]:
    return in_every_language("title", lambda: str(text() if callable(text) else text))


@transaction.atomic
def load(*, out: TextIO) -> None:
    regions = {r.code: r for r in Region.objects.filter(partner=True)}
    if not regions:
        print("learning demo: no partner regions (run `interventures reference load` first)", file=out)
        return
    if not GoodPractice.objects.filter(is_reference=True).exists():
        services.practices_reference_load()
    Event.objects.filter(is_demo=True).delete()
    FastTrackInitiative.objects.filter(is_demo=True).delete()
    Transferability.objects.filter(is_demo=True).delete()
    rng = np.random.default_rng(13)
    practices = list(GoodPractice.objects.filter(is_reference=True).order_by("slug"))
    organisations = list(Organisation.objects.all())
    events: list[Event] = []

    def event(
        kind: str,
        code: str,
        day: dt.date,
        title: object,
        *,
        rsg_round: int | None = None,
        fmt: str = EventFormat.ON_SITE,
    ) -> Event:
        base, translations = _titled(title)
        zone = ZONES.get(code, "Europe/Brussels")
        e = Event(
            kind=kind,
            title=base,
            translations=translations,
            region=regions[code],
            starts_at=_at(day, zone, 10),
            ends_at=_at(day, zone, 16 if kind != EventKind.WEBINAR else 12),
            timezone=zone,
            format=fmt,
            location="" if fmt == EventFormat.ONLINE else PLACES.get(code, ""),
            online_url="https://meet.example.org/interventures" if fmt != EventFormat.ON_SITE else "",
            rsg_round=rsg_round,
            is_demo=True,
        )
        services.event_save(
            user=OPERATOR,
            event=e,
            practices=[practices[int(i)] for i in rng.choice(len(practices), size=2, replace=False)],
        )
        events.append(e)
        return e

    span = project_phases()  # the plan page's span: the demo's events fill its slots
    visits = due_dates(2, span.start, span.learning_end)
    for n, (code, due) in enumerate(zip(STUDY_VISIT_HOSTS, visits, strict=True), start=1):
        event(
            EventKind.STUDY_VISIT,
            code,
            due - dt.timedelta(days=40),
            lambda n=n: _("Thematic study visit %(n)s") % {"n": n},
        )
    for n, (code, due) in enumerate(
        zip(MEETING_HOSTS, due_dates(4, span.start, span.learning_end), strict=True), start=1
    ):
        fmt = (
            EventFormat.ONLINE if dt.date(2020, 3, 1) <= due <= dt.date(2021, 6, 30) else EventFormat.ON_SITE
        )
        event(
            EventKind.INTERREGIONAL,
            code,
            due - dt.timedelta(days=30),
            lambda n=n: _("Interregional meeting %(n)s") % {"n": n},
            fmt=fmt,
        )
    for i, code in enumerate(sorted(regions)):
        # Klaipėda's fifth round has not been held: it shows as late in the plan.
        rounds = 4 if code == "lt-klaipeda" else 5
        for n, due in enumerate(due_dates(5, span.start, span.learning_end)[:rounds], start=1):
            fmt = EventFormat.HYBRID if n % 2 == 0 else EventFormat.ON_SITE
            event(
                EventKind.RSG,
                code,
                due - dt.timedelta(days=20 + 3 * i),
                lambda n=n: _("Regional Stakeholder Group meeting, round %(n)s") % {"n": n},
                rsg_round=n,
                fmt=fmt,
            )
        event(
            EventKind.WEBINAR,
            code,
            dt.date(2020, 11, 10) + dt.timedelta(days=7 * i),
            lambda: _("Webinar: finding partners across the border"),
            fmt=EventFormat.ONLINE,
        )
        event(
            EventKind.POLICY,
            code,
            dt.date(2021, 5, 4) + dt.timedelta(days=5 * i),
            lambda: _("Fast-track policy event with the managing authority"),
        )

    # participants, attendance and feedback
    types = list(StakeholderType.values)
    for e in events:
        names = NAMES.get(e.region.code, NAMES["hu-hr"])
        count = int(rng.integers(6, len(names) + 1))
        for k, name in enumerate(names[:count]):
            p = services.participant_register(
                user=OPERATOR,
                event=e,
                name=name,
                email=f"{name.split()[0].lower()}.{k}.{e.region.code}@example.org".encode(
                    "ascii", "ignore"
                ).decode(),
                organisation=organisations[int(rng.integers(len(organisations)))]
                if k % 3 == 0 and organisations
                else None,
                organisation_name="",
                stakeholder_type=types[k % len(types)],
                gender="woman" if k % 2 == 0 else "man",
                attended=bool(rng.random() < 0.85),
                is_demo=True,
            )
            if p.attended and rng.random() < 0.8:
                services.feedback_submit(
                    user=OPERATOR,
                    participant=p,
                    usefulness=int(rng.integers(3, 6)),
                    capacity_gain=bool(rng.random() < 0.6),
                )

    # lessons learnt
    lessons = (
        lambda: _("A consortium of SMEs needs one partner that carries the administration of the grant."),
        lambda: _("SMEs apply more often when the call can be answered in the national language."),
        lambda: _("A small advance payment at contract signature removes the main pre-financing barrier."),
    )
    for n, e in enumerate(
        e for e in events if e.kind in (EventKind.STUDY_VISIT, EventKind.INTERREGIONAL, EventKind.RSG)
    ):
        base, translations = in_every_language("text", lessons[n % len(lessons)])
        shown = list(e.practices.all())
        Lesson.objects.create(
            event=e,
            text=base,
            translations=translations,
            practice=shown[0] if shown else None,
            finding=f"SAR-{e.region.code}-BAR-prefinancing" if n % 3 == 2 else "",
            is_demo=True,
        )

    # transferability: three practices assessed by every region
    for practice in practices[:3]:
        for region in regions.values():
            scores = {c.value: int(rng.integers(1, 5)) for c in CRITERIA}
            a = services.transferability_save(
                user=OPERATOR, practice=practice, region=region, scores=scores, notes={}, final=True
            )
            Transferability.objects.filter(pk=a.pk).update(is_demo=True)
            versions.changed()

    # two fast-track initiatives per region
    policy_events = {e.region.code: e for e in events if e.kind == EventKind.POLICY}
    b_light = next((p for p in practices if p.slug == "b-light-hu-hr"), None)
    for code, region in regions.items():
        instrument = PolicyInstrument.objects.filter(region=region).first()
        weakness = instrument.weaknesses.first() if instrument else None
        title, title_tr = in_every_language("title", lambda: _("Advance payment for SME projects"))
        change, change_tr = in_every_language(
            "change",
            lambda: _(
                "Pay part of the grant at contract signature so that SMEs need not pre-finance the whole project."
            ),
        )
        decision, decision_tr = in_every_language(
            "decision",
            lambda: _("The managing authority amended the next call to include an advance payment."),
        )
        effect, effect_tr = in_every_language(
            "effect", lambda: _("The amended call includes an advance payment.")
        )
        first = FastTrackInitiative.objects.create(
            region=region,
            instrument=instrument,
            weakness=weakness,
            title=title,
            change=change,
            evidence_figures=[f"SAR-{code}-BAR-prefinancing", f"SAR-{code}-CAP-finance"],
            event=policy_events.get(code),
            decision=decision,
            decided_on=dt.date(2021, 6, 15),
            status=InitiativeStatus.ADOPTED,
            effect=effect,
            funds_concerned=Decimal(int(rng.integers(5, 30)) * 100_000),
            is_demo=True,
            translations={
                lang: {
                    **title_tr.get(lang, {}),
                    **change_tr.get(lang, {}),
                    **decision_tr.get(lang, {}),
                    **effect_tr.get(lang, {}),
                }
                for lang in title_tr
            },
        )
        if b_light:
            first.practices.add(b_light)
        title, title_tr = in_every_language("title", lambda: _("Applications in the national language"))
        change, change_tr = in_every_language(
            "change",
            lambda: _(
                "Accept applications of SMEs in the national language and translate the call documents."
            ),
        )
        FastTrackInitiative.objects.create(
            region=region,
            instrument=instrument,
            title=title,
            change=change,
            evidence_figures=[f"SAR-{code}-BAR-programme_language"],
            status=InitiativeStatus.PROPOSED,
            is_demo=True,
            translations={lang: {**title_tr.get(lang, {}), **change_tr.get(lang, {})} for lang in title_tr},
        )
    # one event still to come, open for registration, so that the registration page has an event
    # (dated from the day the demo is loaded: the demo's history ends with the project)
    upcoming = timezone.localdate() + dt.timedelta(days=30)
    base, translations = _titled(lambda: _("Webinar: what the Action Plans changed"))
    events.append(
        services.event_save(
            user=OPERATOR,
            event=Event(
                kind=EventKind.WEBINAR,
                title=base,
                translations=translations,
                region=regions.get("hu-hr") or next(iter(regions.values())),
                starts_at=_at(upcoming, "Europe/Budapest", 10),
                ends_at=_at(upcoming, "Europe/Budapest", 12),
                timezone="Europe/Budapest",
                format=EventFormat.ONLINE,
                online_url="https://meet.example.org/interventures",
                registration_open=True,
                capacity=60,
                is_demo=True,
            ),
        )
    )
    print(
        f"learning demo: {len(events)} events, {Participant.objects.filter(is_demo=True).count()} participants, "
        f"{FastTrackInitiative.objects.filter(is_demo=True).count()} fast-track initiatives (synthetic)",
        file=out,
    )
