"""Reads for learning across regions, scoped through accounts.permissions."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Prefetch, Q, QuerySet

from interventures.apps.accounts.permissions import visible
from interventures.apps.common.disclosure import min_cell
from interventures.apps.common.models import Region
from interventures.core.learning import matching, plan
from interventures.core.learning.indicators import CapacityIndicator, increased_capacity, person_key
from interventures.core.learning.search import tag_needle, tokens
from interventures.core.learning.transferability import CRITERIA, Aggregate, aggregate

from .models import (
    Event,
    EventKind,
    FastTrackInitiative,
    Feedback,
    GoodPractice,
    Participant,
    PracticeStatus,
    Transferability,
)
from .phases import project_phases

TAG_KINDS = {"dimension": "dim", "stage": "stage", "barrier": "barrier", "service": "service"}


@dataclass(frozen=True)
class PracticeFilters:
    q: str = ""
    region: str = ""
    dimension: str = ""
    stage: str = ""
    barrier: str = ""
    service: str = ""
    status: str = ""


def practice_list(user: Any, filters: PracticeFilters | None = None) -> QuerySet[GoodPractice]:
    """The practices `user` may see, matching every word of the query (in any language of the record,
    accents and case ignored) and every filter given."""
    f = filters or PracticeFilters()
    qs = visible(user, GoodPractice.objects.select_related("region", "organisation"))
    for token in tokens(f.q):
        qs = qs.filter(search_text__contains=token)
    for field, kind in TAG_KINDS.items():
        value = getattr(f, field)
        if value:
            qs = qs.filter(tag_text__contains=tag_needle(kind, value))
    if f.region:
        qs = qs.filter(region__code=f.region)
    if f.status in PracticeStatus.values:
        qs = qs.filter(status=f.status)
    return qs.order_by("title")


def practice_get(user: Any, *, slug: str) -> GoodPractice | None:
    return (
        visible(user, GoodPractice.objects.select_related("region", "organisation"))
        .prefetch_related(
            Prefetch("events", queryset=visible(user, Event.objects.select_related("region"))),
            "lessons__event",
        )
        .filter(slug=slug)
        .first()
    )


@dataclass(frozen=True)
class SideBySide:
    regions: list[Region]
    rows: list[tuple[str, list[tuple[int | None, str]]]]
    """(criterion, [(score, note) per region])"""
    aggregate: Aggregate
    assessments: dict[int, Transferability]


def transferability_side_by_side(user: Any, practice: GoodPractice) -> SideBySide:
    regions = list(Region.objects.filter(partner=True).order_by("order", "code"))
    found = {
        a.region_id: a
        for a in visible(user, Transferability.objects.filter(practice=practice).select_related("region"))
    }
    rows = []
    for criterion in CRITERIA:
        cells = []
        for region in regions:
            a = found.get(region.pk)
            cells.append(
                (getattr(a, criterion.value), getattr(a, f"{criterion.value}_note")) if a else (None, "")
            )
        rows.append((criterion.value, cells))
    agg = aggregate(
        [(a.region.code, {c.value: getattr(a, c.value) for c in CRITERIA}) for a in found.values()]
    )
    return SideBySide(regions, rows, agg, found)


def figure_values(figures: Mapping[str, Any]) -> dict[str, matching.FigureValue]:
    """Published figures (analysis.Figure or anything with estimate/suppressed) for the matching core."""
    return {
        key: matching.FigureValue(getattr(f, "estimate", None), bool(getattr(f, "suppressed", False)))
        for key, f in figures.items()
    }


def practice_candidates(practices: list[GoodPractice]) -> list[matching.Candidate]:
    out = []
    for p in practices:
        tags = {("dim", d) for d in p.dimensions} | {("barrier", b) for b in p.barriers}
        tags |= {("stage", s) for s in p.stages} | {("service", s) for s in p.services}
        out.append(matching.Candidate(p.slug, frozenset(tags)))
    return out


def practices_matching(
    user: Any, *, region: Region, figures: Mapping[str, Any], limit: int | None = None
) -> list[tuple[GoodPractice, matching.Match]]:
    """The practices `user` may see, ranked by how well they address the region's measured gaps."""
    practices = list(visible(user, GoodPractice.objects.all()))
    gaps = matching.gaps_from_figures(region.code, figure_values(figures))
    by_slug = {p.slug: p for p in practices}
    return [(by_slug[m.key], m) for m in matching.rank(practice_candidates(practices), gaps, limit=limit)]


# ---- events -------------------------------------------------------------------------------------


def event_list(user: Any, *, kind: str = "", region: str = "") -> QuerySet[Event]:
    qs = visible(user, Event.objects.select_related("region")).annotate(
        registered=Count("participants", distinct=True),
        attended_count=Count("participants", filter=Q(participants__attended=True), distinct=True),
    )
    if kind in EventKind.values:
        qs = qs.filter(kind=kind)
    if region:
        qs = qs.filter(region__code=region)
    return qs.order_by("starts_at")


def event_get(user: Any, *, uid: str) -> Event | None:
    return (
        visible(user, Event.objects.select_related("region"))
        .prefetch_related(
            "links", "materials", "practices", "lessons__practice", "lessons__organisation", "initiatives"
        )
        .filter(uid=uid)
        .first()
    )


def participant_list(event: Event) -> QuerySet[Participant]:
    """Personal data: the caller has checked permissions.can_see_personal_data."""
    return Participant.objects.filter(event=event).select_related("organisation", "feedback")


@dataclass(frozen=True)
class Breakdown:
    label: str
    count: int | None
    """None: fewer than the minimum cell (suppressed)."""


def attendance_breakdown(event: Event) -> dict[str, Any]:
    """Counts of attendees by stakeholder type and gender, each below the minimum cell suppressed;
    the total likewise."""
    from .models import Gender, StakeholderType

    attended = Participant.objects.filter(event=event, attended=True)
    total = attended.count()
    minimum = min_cell()

    def cells(field: str, choices: Any) -> list[Breakdown]:
        counts = dict(attended.values_list(field).annotate(n=Count("pk")))
        shown = [Breakdown(label, counts.get(value, 0)) for value, label in choices.choices]
        small = [b for b in shown if 0 < (b.count or 0) < minimum]
        # one small cell could be worked out from the total and the others: suppress every nonzero
        # cell of the breakdown when any is small (a simple, safe rule)
        if small:
            return [Breakdown(b.label, None if b.count else 0) for b in shown]
        return shown

    return {
        "total": total if total >= minimum else None,
        "minimum": minimum,
        "types": cells("stakeholder_type", StakeholderType) if total >= minimum else [],
        "genders": cells("gender", Gender) if total >= minimum else [],
    }


def capacity_indicator(*, region: Region | None = None) -> CapacityIndicator:
    """Interreg indicator: distinct people who reported increased professional capacity."""
    qs = Feedback.objects.select_related("participant")
    if region is not None:
        qs = qs.filter(participant__event__region=region)
    return increased_capacity(
        (person_key(email=f.participant.email, name=f.participant.name), f.capacity_gain) for f in qs
    )


def activity_status(*, today: dt.date) -> dict[str, Any]:
    """The method's plan against the events held (core.learning.plan). RSG rounds count the regions'
    RSG meetings; webinars and policy events are not prescribed slots and are counted beside."""
    regions = list(Region.objects.filter(partner=True).order_by("order", "code"))
    held: dict[tuple[str, str | None], list[dt.date]] = {}
    for kind, code, starts in Event.objects.filter(
        kind__in=[EventKind.STUDY_VISIT, EventKind.INTERREGIONAL, EventKind.RSG]
    ).values_list("kind", "region__code", "starts_at"):
        key = (kind, code if kind == EventKind.RSG else None)
        held.setdefault(key, []).append(starts.date())
    phases = project_phases()
    slots = plan.slots(held, regions=[r.code for r in regions], today=today, phases=phases)
    summaries = plan.summarise(slots, held, today=today)
    return {"regions": regions, "slots": slots, "summaries": summaries, "today": today, "phases": phases}


# ---- fast-track initiatives ---------------------------------------------------------------------


def initiative_list(user: Any, *, region: str = "") -> QuerySet[FastTrackInitiative]:
    qs = visible(
        user, FastTrackInitiative.objects.select_related("region", "instrument", "event", "weakness")
    )
    if region:
        qs = qs.filter(region__code=region)
    return qs.prefetch_related("practices")


def initiative_get(user: Any, *, pk: int) -> FastTrackInitiative | None:
    return initiative_list(user).prefetch_related("comments__author").filter(pk=pk).first()
