"""Learning across regions: good practices (search and filters as on the pages), events (public fields;
participants only for the host region's partner and the coordinator; attendance counts with the
minimum cell), lessons learnt and fast-track initiatives. The same rules as the learning pages;
creates take an Idempotency-Key."""

import datetime as dt
import json
import zoneinfo
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.serializers.json import DjangoJSONEncoder
from django.core.validators import URLValidator
from django.http import Http404, HttpRequest
from django.urls import reverse
from ninja import Field, Header, Query, Router, Schema
from ninja.pagination import paginate

from interventures.apps.accounts.permissions import (
    Action,
    can,
    can_see_personal_data,
)
from interventures.apps.common import languages
from interventures.apps.common.translated import tr
from interventures.apps.learning import registration, selectors, services
from interventures.apps.learning.forms import FIGURE_ID
from interventures.apps.learning.models import (
    PRACTICE_TEXT,
    Event,
    EventFormat,
    EventKind,
    FastTrackInitiative,
    Gender,
    GoodPractice,
    InitiativeStatus,
    Lesson,
    Participant,
    StakeholderType,
)
from interventures.apps.partnership.selectors import (
    instrument_in_region,
    organisation_visible,
    partner_region_get,
)

from ..auth import caller, signed_in
from ..paging import LimitOffsetPagination, Mapped
from ..services import idempotent_create

router = Router(tags=["learning"])


def _lang(lang: str) -> str:
    return lang if lang in languages.codes() else "en"


# ---- good practices -----------------------------------------------------------------------------


class PracticeOut(Schema):
    slug: str
    language: dict[str, str] = Field(..., description="field → the language its text is in")
    title: str
    problem: str
    description: str
    resources: str
    timescale: str
    evidence: str
    difficulties: str
    transfer: str
    partner_region: str | None
    organisation: str | None
    country: str
    origin_region: str
    nuts: str
    interreg_project: str
    published_on: dt.date | None
    contact: str
    sources: list[str]
    dimensions: list[str]
    stages: list[str]
    barriers: list[str]
    services: list[str]
    status: str
    is_reference: bool
    is_demo: bool


def _practice(p: GoodPractice, lang: str) -> dict[str, Any]:
    stored = (p.translations or {}).get(lang) or {}
    texts = {f: tr(p, f, lang) for f in PRACTICE_TEXT}
    return {
        "slug": p.slug,
        "language": {f: (lang if stored.get(f) else "en") for f in PRACTICE_TEXT},
        **texts,
        "partner_region": p.region.code if p.region else None,
        "organisation": p.organisation.slug if p.organisation else None,
        "country": p.country,
        "origin_region": p.origin_region,
        "nuts": p.nuts,
        "interreg_project": p.interreg_project,
        "published_on": p.published_on,
        "contact": p.contact,
        "sources": list(p.sources or []),
        "dimensions": list(p.dimensions or []),
        "stages": list(p.stages or []),
        "barriers": list(p.barriers or []),
        "services": list(p.services or []),
        "status": p.status,
        "is_reference": p.is_reference,
        "is_demo": p.is_demo,
    }


class PracticeFilter(Schema):
    q: str = Field("", max_length=200, description="words, in any language of the records")
    region: str = Field("", max_length=20)
    dimension: str = Field("", max_length=40)
    stage: str = Field("", max_length=40)
    barrier: str = Field("", max_length=40)
    service: str = Field("", max_length=40)
    status: str = Field("", max_length=12)
    lang: str = Field(
        "en", max_length=8, description="the language of the texts (English where untranslated)"
    )


@router.get("/practices", response=list[PracticeOut], operation_id="learning_practices_list")
@paginate(LimitOffsetPagination)
def practices(request: HttpRequest, filters: Query[PracticeFilter]) -> Any:
    """The good practices the caller may see (validated ones for everybody)."""
    lang = _lang(filters.lang)
    found = selectors.practice_list(
        caller(request).user,
        selectors.PracticeFilters(**filters.dict(exclude={"lang"})),
    )
    return Mapped(found, lambda p: _practice(p, lang))


@router.get("/practices/{slug}", response=PracticeOut, operation_id="learning_practices_get")
def practice(request: HttpRequest, slug: str, lang: str = "en") -> dict[str, Any]:
    found = selectors.practice_get(caller(request).user, slug=slug)
    if found is None:
        raise Http404
    return _practice(found, _lang(lang))


class PracticeIn(Schema):
    title: str = Field(..., min_length=1, max_length=300)
    partner_region: str | None = Field(None, max_length=20, description="empty: a practice from elsewhere")
    organisation: str | None = Field(None, max_length=80, description="a directory slug")
    country: str = Field("", max_length=10)
    origin_region: str = Field("", max_length=200)
    problem: str = Field("", max_length=8000)
    description: str = Field("", max_length=8000)
    resources: str = Field("", max_length=8000)
    timescale: str = Field("", max_length=300)
    evidence: str = Field("", max_length=8000)
    difficulties: str = Field("", max_length=8000)
    transfer: str = Field("", max_length=8000)
    contact: str = Field("", max_length=300)
    sources: list[str] = Field([], max_length=20)
    dimensions: list[str] = Field([], max_length=20)
    stages: list[str] = Field([], max_length=10)
    barriers: list[str] = Field([], max_length=20)
    services: list[str] = Field([], max_length=20)


@router.post(
    "/practices",
    response={200: PracticeOut, 201: PracticeOut},
    auth=signed_in,
    operation_id="learning_practices_create",
)
def practice_create(
    request: HttpRequest,
    body: PracticeIn,
    idempotency_key: str = Header(..., alias="Idempotency-Key", max_length=200),
) -> tuple[int, dict[str, Any]]:
    """A draft practice (a regional partner for its region, or the coordinator)."""
    user = caller(request).user
    region = None
    if body.partner_region:
        region = partner_region_get(code=body.partner_region)
        if region is None:
            raise services.LearningError(f"no partner region {body.partner_region!r}")
    org = None
    if body.organisation:
        org = organisation_visible(user=user, slug=body.organisation)
        if org is None:
            raise services.LearningError(f"no organisation {body.organisation!r}")

    def create() -> tuple[int, dict[str, Any]]:
        data = body.dict(exclude={"partner_region", "organisation"})
        saved = services.practice_save(
            user=user, practice=GoodPractice(region=region, organisation=org, **data)
        )
        return 201, _practice(saved, "en") | {"published_on": None}

    return idempotent_create(
        user=user,
        operation="learning.practice_create",
        key=idempotency_key,
        payload=body.dict(),
        create=create,
    )


# ---- events -------------------------------------------------------------------------------------


class EventOut(Schema):
    uid: str
    kind: str
    title: str
    region: str
    starts_at: dt.datetime
    ends_at: dt.datetime
    timezone: str
    format: str
    location: str
    online_url: str
    description: str
    agenda: list[Any]
    rsg_round: int | None
    practices: list[str]
    attendees: int | None = Field(..., description="null when fewer than the minimum cell")
    registration: str = Field(..., description="open, not_open, closed or full")
    links: list[dict[str, str]] = Field(..., description="[{title, url}]")
    files: list[dict[str, Any]] = Field(
        ..., description="[{name, size, url}]: downloads for whoever sees the event"
    )
    is_demo: bool


def _event(e: Event, lang: str) -> dict[str, Any]:
    counts = selectors.attendance_breakdown(e)
    return {
        "registration": registration.registration_state(e),
        "links": [{"title": tr(link, "title", lang), "url": link.url} for link in e.links.all()],
        "files": [
            {
                "name": f.name,
                "size": f.size,
                "url": reverse("learning:material_download", args=[e.uid, f.token]),
            }
            for f in e.materials.all()
        ],
        "uid": e.uid,
        "kind": e.kind,
        "title": tr(e, "title", lang),
        "region": e.region.code,
        "starts_at": e.starts_at,
        "ends_at": e.ends_at,
        "timezone": e.timezone,
        "format": e.format,
        "location": e.location,
        "online_url": e.online_url,
        "description": tr(e, "description", lang),
        "agenda": list(e.agenda or []),
        "rsg_round": e.rsg_round,
        "practices": [p.slug for p in e.practices.all()],
        "attendees": counts["total"],
        "is_demo": e.is_demo,
    }


class EventFilter(Schema):
    kind: str = Field("", max_length=16)
    region: str = Field("", max_length=20)
    lang: str = Field("en", max_length=8)


@router.get("/events", response=list[EventOut], operation_id="learning_events_list")
@paginate(LimitOffsetPagination)
def events(request: HttpRequest, filters: Query[EventFilter]) -> Any:
    """Published events (and those of the caller's region): public fields only."""
    lang = _lang(filters.lang)
    found = selectors.event_list(caller(request).user, kind=filters.kind, region=filters.region)
    return Mapped(found.prefetch_related("practices", "links", "materials"), lambda e: _event(e, lang))


def _event_get(request: HttpRequest, uid: str) -> Event:
    found = selectors.event_get(caller(request).user, uid=uid)
    if found is None:
        raise Http404
    return found


@router.get("/events/{uid}", response=EventOut, operation_id="learning_events_get")
def event(request: HttpRequest, uid: str, lang: str = "en") -> dict[str, Any]:
    return _event(_event_get(request, uid), _lang(lang))


class EventLinkIn(Schema):
    title: str = Field(..., min_length=1, max_length=200)
    url: str = Field(..., min_length=1, max_length=200)


class EventIn(Schema):
    kind: EventKind
    title: str = Field(..., min_length=1, max_length=300)
    region: str = Field(..., max_length=20, description="the host partner region's code")
    starts_at: dt.datetime = Field(..., description="with its UTC offset")
    ends_at: dt.datetime
    timezone: str = Field("Europe/Brussels", max_length=60, description="an IANA time zone")
    format: EventFormat = EventFormat.ON_SITE
    location: str = Field("", max_length=300)
    online_url: str = Field("", max_length=200)
    description: str = Field("", max_length=8000)
    agenda: list[str] = Field([], max_length=50)
    links: list[EventLinkIn] = Field([], max_length=50)
    practices: list[str] = Field([], max_length=30, description="good practice slugs")
    rsg_round: int | None = Field(None, ge=1, le=20)
    published: bool = True
    registration_open: bool = False
    registration_closes_at: dt.datetime | None = None
    capacity: int | None = Field(None, ge=1, le=100000)


def _checked_url(url: str) -> str:
    try:
        URLValidator(schemes=["http", "https"])(url)
    except ValidationError:
        raise services.LearningError(f"not a web address: {url!r}") from None
    return url


@router.post(
    "/events",
    response={200: EventOut, 201: EventOut},
    auth=signed_in,
    operation_id="learning_events_create",
)
def event_create(
    request: HttpRequest,
    body: EventIn,
    idempotency_key: str = Header(..., alias="Idempotency-Key", max_length=200),
) -> tuple[int, dict[str, Any]]:
    """An event (a regional partner for its region, or the coordinator), as its form makes one."""
    user = caller(request).user
    region = partner_region_get(code=body.region)
    if region is None:
        raise services.LearningError(f"no partner region {body.region!r}")
    if body.timezone not in zoneinfo.available_timezones():
        raise services.LearningError(f"no time zone {body.timezone!r}")
    found = {p.slug: p for p in selectors.practice_list(user).filter(slug__in=body.practices)}
    unknown = sorted(set(body.practices) - set(found))
    if unknown:
        raise services.LearningError(f"no good practice {', '.join(unknown)}")
    links = [(link.title, _checked_url(link.url)) for link in body.links]
    if body.online_url:
        _checked_url(body.online_url)

    def create() -> tuple[int, dict[str, Any]]:
        data = body.dict(exclude={"region", "links", "practices", "kind", "format"})
        saved = services.event_save(
            user=user,
            event=Event(region=region, kind=body.kind.value, format=body.format.value, **data),
            practices=[found[s] for s in body.practices],
            links=links,
        )
        # kept as the replay's answer: the times as ISO text
        return 201, json.loads(json.dumps(_event(saved, "en"), cls=DjangoJSONEncoder))

    return idempotent_create(
        user=user,
        operation="learning.event_create",
        key=idempotency_key,
        payload=body.model_dump(mode="json"),
        create=create,
    )


class ParticipantOut(Schema):
    id: int
    name: str
    email: str
    organisation: str | None
    organisation_name: str
    stakeholder_type: str
    gender: str
    attended: bool
    feedback_usefulness: int | None
    feedback_capacity_gain: bool | None


def _participant(p: Participant) -> dict[str, Any]:
    fb = getattr(p, "feedback", None)
    return {
        "id": p.pk,
        "name": p.name,
        "email": p.email,
        "organisation": p.organisation.slug if p.organisation else None,
        "organisation_name": p.organisation_name,
        "stakeholder_type": p.stakeholder_type,
        "gender": p.gender,
        "attended": p.attended,
        "feedback_usefulness": fb.usefulness if fb else None,
        "feedback_capacity_gain": fb.capacity_gain if fb else None,
    }


def _personal(request: HttpRequest, uid: str) -> tuple[Any, Event]:
    user = caller(request).user
    found = _event_get(request, uid)
    if not can_see_personal_data(user, found.region_id):
        raise PermissionDenied(
            "participants are personal data: the host region's partner and the coordinator"
        )
    return user, found


@router.get(
    "/events/{uid}/participants",
    response=list[ParticipantOut],
    auth=signed_in,
    operation_id="learning_participants_list",
)
@paginate(LimitOffsetPagination)
def participants(request: HttpRequest, uid: str) -> Any:
    """Personal data: for the host region's partner and the coordinator (others: 403)."""
    _user, found = _personal(request, uid)
    return Mapped(selectors.participant_list(found).order_by("pk"), _participant)


class ParticipantIn(Schema):
    name: str = Field(..., min_length=1, max_length=200)
    email: str = Field("", max_length=254)
    organisation: str | None = Field(None, max_length=80, description="a directory slug")
    organisation_name: str = Field("", max_length=300)
    stakeholder_type: StakeholderType
    gender: Gender = Gender.UNDISCLOSED
    attended: bool = False


@router.post(
    "/events/{uid}/participants",
    response={200: ParticipantOut, 201: ParticipantOut},
    auth=signed_in,
    operation_id="learning_participants_create",
)
def participant_create(
    request: HttpRequest,
    uid: str,
    body: ParticipantIn,
    idempotency_key: str = Header(..., alias="Idempotency-Key", max_length=200),
) -> tuple[int, dict[str, Any]]:
    user, found = _personal(request, uid)
    org = None
    if body.organisation:
        org = organisation_visible(user=user, slug=body.organisation)
        if org is None:
            raise services.LearningError(f"no organisation {body.organisation!r}")

    def create() -> tuple[int, dict[str, Any]]:
        p = services.participant_register(
            user=user,
            event=found,
            name=body.name,
            email=body.email,
            organisation=org,
            organisation_name=body.organisation_name,
            stakeholder_type=body.stakeholder_type.value,
            gender=body.gender.value,
            attended=body.attended,
        )
        return 201, _participant(p)

    return idempotent_create(
        user=user,
        operation=f"learning.participant_create:{found.pk}",
        key=idempotency_key,
        payload=body.dict(),
        create=create,
    )


class LessonOut(Schema):
    id: int
    event: str
    text: str
    decision: str
    practice: str | None
    organisation: str | None
    finding: str
    is_demo: bool


def _lesson(lesson: Lesson, lang: str) -> dict[str, Any]:
    return {
        "id": lesson.pk,
        "event": lesson.event.uid,
        "text": tr(lesson, "text", lang),
        "decision": lesson.decision,
        "practice": lesson.practice.slug if lesson.practice else None,
        "organisation": lesson.organisation.slug if lesson.organisation else None,
        "finding": lesson.finding,
        "is_demo": lesson.is_demo,
    }


@router.get("/events/{uid}/lessons", response=list[LessonOut], operation_id="learning_lessons_list")
def lessons(request: HttpRequest, uid: str, lang: str = "en") -> list[dict[str, Any]]:
    found = _event_get(request, uid)
    return [_lesson(lesson, _lang(lang)) for lesson in found.lessons.all()]


class LessonIn(Schema):
    text: str = Field(..., min_length=1, max_length=4000)
    decision: str = Field("", max_length=4000)
    practice: str | None = Field(None, max_length=80, description="a good practice's slug")
    organisation: str | None = Field(None, max_length=80, description="a directory slug")
    finding: str = Field("", max_length=120, pattern=r"^([A-Za-z0-9][A-Za-z0-9_.:-]*)?$")


@router.post(
    "/events/{uid}/lessons",
    response={200: LessonOut, 201: LessonOut},
    auth=signed_in,
    operation_id="learning_lessons_create",
)
def lesson_create(
    request: HttpRequest,
    uid: str,
    body: LessonIn,
    idempotency_key: str = Header(..., alias="Idempotency-Key", max_length=200),
) -> tuple[int, dict[str, Any]]:
    """A lesson learnt at the event (its host region's partner or the coordinator)."""
    user = caller(request).user
    found = _event_get(request, uid)
    if not can(user, Action.EDIT, found):
        raise PermissionDenied("lessons are added by the event's host region's partner and the coordinator")
    practice_obj = org = None
    if body.practice:
        practice_obj = selectors.practice_get(user, slug=body.practice)
        if practice_obj is None:
            raise services.LearningError(f"no good practice {body.practice!r}")
    if body.organisation:
        org = organisation_visible(user=user, slug=body.organisation)
        if org is None:
            raise services.LearningError(f"no organisation {body.organisation!r}")

    def create() -> tuple[int, dict[str, Any]]:
        lesson = services.lesson_add(
            user=user,
            event=found,
            text=body.text,
            decision=body.decision,
            practice=practice_obj,
            organisation=org,
            finding=body.finding,
        )
        return 201, _lesson(lesson, "en")

    return idempotent_create(
        user=user,
        operation=f"learning.lesson_create:{found.pk}",
        key=idempotency_key,
        payload=body.dict(),
        create=create,
    )


# ---- fast-track initiatives ---------------------------------------------------------------------


class InitiativeOut(Schema):
    id: int
    region: str
    title: str
    instrument: str | None
    weakness: int | None
    change: str
    evidence_figures: list[str]
    practices: list[str]
    event: str | None
    decision: str
    decided_on: dt.date | None
    status: str
    effect: str
    funds_concerned: str | None = Field(..., description="EUR, exact decimal as text")
    is_demo: bool


def _initiative(i: FastTrackInitiative, lang: str) -> dict[str, Any]:
    return {
        "id": i.pk,
        "region": i.region.code,
        "title": tr(i, "title", lang),
        "instrument": i.instrument.slug if i.instrument else None,
        "weakness": i.weakness_id,
        "change": tr(i, "change", lang),
        "evidence_figures": [str(f) for f in i.evidence_figures or []],
        "practices": [p.slug for p in i.practices.all()],
        "event": i.event.uid if i.event else None,
        "decision": tr(i, "decision", lang),
        "decided_on": i.decided_on,
        "status": i.status,
        "effect": tr(i, "effect", lang),
        "funds_concerned": None if i.funds_concerned is None else str(i.funds_concerned),
        "is_demo": i.is_demo,
    }


class InitiativeFilter(Schema):
    region: str = Field("", max_length=20)
    lang: str = Field("en", max_length=8)


@router.get(
    "/initiatives",
    response=list[InitiativeOut],
    auth=signed_in,
    operation_id="learning_initiatives_list",
)
@paginate(LimitOffsetPagination)
def initiatives(request: HttpRequest, filters: Query[InitiativeFilter]) -> Any:
    """The fast-track initiatives of the caller's region (every region's for the coordinator)."""
    lang = _lang(filters.lang)
    return Mapped(
        selectors.initiative_list(caller(request).user, region=filters.region), lambda i: _initiative(i, lang)
    )


class InitiativeIn(Schema):
    region: str = Field(..., max_length=20)
    title: str = Field(..., min_length=1, max_length=300)
    change: str = Field(..., min_length=1, max_length=8000)
    instrument: str | None = Field(None, max_length=80, description="the region's policy instrument slug")
    evidence_figures: list[str] = Field([], max_length=30)
    practices: list[str] = Field([], max_length=30, description="good practice slugs")


@router.post(
    "/initiatives",
    response={200: InitiativeOut, 201: InitiativeOut},
    auth=signed_in,
    operation_id="learning_initiatives_create",
)
def initiative_create(
    request: HttpRequest,
    body: InitiativeIn,
    idempotency_key: str = Header(..., alias="Idempotency-Key", max_length=200),
) -> tuple[int, dict[str, Any]]:
    """A proposed fast-track initiative (a regional partner for its region, or the coordinator)."""
    user = caller(request).user
    region = partner_region_get(code=body.region)
    if region is None:
        raise services.LearningError(f"no partner region {body.region!r}")
    instrument = None
    if body.instrument:
        instrument = instrument_in_region(region=region, slug=body.instrument)
        if instrument is None:
            raise services.LearningError(f"no policy instrument {body.instrument!r} in {body.region}")
    bad = [f for f in body.evidence_figures if len(f) > 120 or not FIGURE_ID.match(f)]
    if bad:
        raise services.LearningError(f"not figure identifiers: {', '.join(bad)}")
    found = {p.slug: p for p in selectors.practice_list(user).filter(slug__in=body.practices)}
    unknown = sorted(set(body.practices) - set(found))
    if unknown:
        raise services.LearningError(f"no good practice {', '.join(unknown)}")

    def create() -> tuple[int, dict[str, Any]]:
        saved = services.initiative_save(
            user=user,
            initiative=FastTrackInitiative(
                region=region,
                instrument=instrument,
                title=body.title,
                change=body.change,
                evidence_figures=list(body.evidence_figures),
            ),
            practices=[found[s] for s in body.practices],
        )
        return 201, json.loads(json.dumps(_initiative(saved, "en"), cls=DjangoJSONEncoder))

    return idempotent_create(
        user=user,
        operation="learning.initiative_create",
        key=idempotency_key,
        payload=body.dict(),
        create=create,
    )


class StatusIn(Schema):
    status: InitiativeStatus


@router.post(
    "/initiatives/{initiative_id}/status",
    response=InitiativeOut,
    auth=signed_in,
    operation_id="learning_initiatives_status",
)
def initiative_status_set(request: HttpRequest, initiative_id: int, body: StatusIn) -> dict[str, Any]:
    """Move an initiative along its follow-up (proposed → taken up → adopted → implemented, or
    dropped). Asking for the status it has already is answered with the initiative unchanged, so a
    retried request does no harm."""
    user = caller(request).user
    found = selectors.initiative_get(user, pk=initiative_id)
    if found is None:
        raise Http404
    if not can(user, Action.EDIT, found):
        raise PermissionDenied("the region's partner and the coordinator follow an initiative up")
    if found.status != body.status.value:
        services.initiative_status_set(user=user, initiative=found, status=body.status.value)
    return _initiative(found, "en")


@router.get(
    "/initiatives/{initiative_id}",
    response=InitiativeOut,
    auth=signed_in,
    operation_id="learning_initiatives_get",
)
def initiative(request: HttpRequest, initiative_id: int, lang: str = "en") -> dict[str, Any]:
    found = selectors.initiative_get(caller(request).user, pk=initiative_id)
    if found is None:
        raise Http404
    return _initiative(found, _lang(lang))
