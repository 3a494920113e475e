"""The key players directory: organisations (with the directory's filters), their services and
ties, a region's coverage, gaps, network and improvements, and the creates of the region's people
(a stakeholder's comment; a service or a tie by the region's partner). The same rules as the
directory's pages: the public sees published entries, figures under the minimum cell carry no
number."""

from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest
from ninja import Field, Header, Query, Router, Schema
from ninja.errors import HttpError
from ninja.pagination import paginate

from interventures.apps.accounts.permissions import Action
from interventures.apps.common.selectors import partner_regions
from interventures.apps.keyplayers import selectors, services
from interventures.apps.keyplayers.exports import ecosystem_data
from interventures.apps.keyplayers.models import Service, Tie
from interventures.apps.partnership.models import Organisation

from ..auth import caller, signed_in
from ..paging import LimitOffsetPagination, Mapped
from ..services import idempotent_create

router = Router(tags=["keyplayers"])


def _region(code: str) -> Any:
    if not code:
        return None
    found = partner_regions().filter(code=code).first()
    if found is None:
        raise Http404
    return found


class OrganisationOut(Schema):
    id: str = Field(..., description="the organisation's slug in the directory")
    name: str
    translations: dict[str, dict[str, str]]
    type: str
    region: str | None
    role: str | None
    description: str
    cross_border: bool
    cross_border_countries: list[str]
    languages: list[str]
    website: str
    contact: str
    rsg_member: bool
    published: bool
    demo: bool


def _organisation(o: Organisation) -> dict[str, Any]:
    return {
        "id": o.slug,
        "name": o.name,
        "translations": {
            lang: {k: str(v) for k, v in t.items() if k in ("name", "description") and v}
            for lang, t in (o.translations or {}).items()
            if isinstance(t, dict)
        },
        "type": o.type,
        "region": o.region.code if o.region else None,
        "role": o.role or None,
        "description": o.description,
        "cross_border": o.cross_border,
        "cross_border_countries": list(o.cross_border_countries or []),
        "languages": list(o.languages or []),
        "website": o.website,
        "contact": o.contact,
        "rsg_member": o.rsg_member,
        "published": o.published,
        "demo": o.is_demo,
    }


class OrganisationFilter(Schema):
    region: str = Field("", max_length=20)
    q: str = Field("", max_length=200)
    type: str = Field("", max_length=40)
    service_type: str = Field("", max_length=30)
    dimension: str = Field("", max_length=40)
    stage: str = Field("", max_length=40)
    cost: str = Field("", max_length=20)
    language: str = Field("", max_length=8)
    cross_border: bool = False
    rsg: bool = False


@router.get("/organisations", response=list[OrganisationOut], operation_id="players_organisations_list")
@paginate(LimitOffsetPagination)
def players_organisations(request: HttpRequest, filters: Query[OrganisationFilter]) -> Any:
    """The directory as the caller may see it, with the directory page's filters."""
    f = selectors.DirectoryFilters(
        region=_region(filters.region),
        q=filters.q.strip(),
        type=filters.type,
        service_type=filters.service_type,
        dimension=filters.dimension,
        stage=filters.stage,
        cost=filters.cost,
        language=filters.language,
        cross_border=filters.cross_border,
        rsg=filters.rsg,
    )
    return Mapped(selectors.organisation_list(user=caller(request).user, filters=f), _organisation)


class ServiceOut(Schema):
    id: int
    organisation: str
    name: str
    translations: dict[str, dict[str, str]]
    service_type: str
    description: str
    dimensions: list[str]
    stages: list[str]
    cost: str
    languages: list[str]
    instrument: str | None
    call: int | None
    needs_cross_border: bool
    website: str
    demo: bool


def _service(s: Service) -> dict[str, Any]:
    return {
        "id": s.pk,
        "organisation": s.organisation.slug,
        "name": s.name,
        "translations": {
            lang: {k: str(v) for k, v in t.items() if k in ("name", "description") and v}
            for lang, t in (s.translations or {}).items()
            if isinstance(t, dict)
        },
        "service_type": s.service_type,
        "description": s.description,
        "dimensions": list(s.dimensions or []),
        "stages": list(s.stages or []),
        "cost": s.cost,
        "languages": list(s.languages or []),
        "instrument": s.instrument.slug if s.instrument else None,
        "call": s.call_id,
        "needs_cross_border": s.needs_cross_border,
        "website": s.website,
        "demo": s.is_demo,
    }


class TieOut(Schema):
    id: int
    source: str
    target: str
    kind: str
    strength: int | None
    since: Any
    cross_border: bool
    demo: bool


def _tie(t: Tie) -> dict[str, Any]:
    return {
        "id": t.pk,
        "source": t.source.slug,
        "target": t.target.slug,
        "kind": t.kind,
        "strength": t.strength,
        "since": t.start_date,
        "cross_border": t.cross_border,
        "demo": t.is_demo,
    }


class OrganisationDetail(OrganisationOut):
    nuts: list[str]
    services: list[ServiceOut]
    ties: list[TieOut]


@router.get("/organisations/{slug}", response=OrganisationDetail, operation_id="players_organisations_get")
def players_organisation(request: HttpRequest, slug: str) -> dict[str, Any]:
    user = caller(request).user
    org = selectors.organisation_get(user=user, slug=slug)
    return {
        **_organisation(org),
        "nuts": [n.code for n in org.nuts_regions.all()],
        "services": [_service(s) for s in selectors.service_list(user=user, organisation=org)],
        "ties": [_tie(t) for t in selectors.tie_list(user=user, organisation=org)],
    }


class ServiceFilter(Schema):
    region: str = Field("", max_length=20)
    organisation: str = Field("", max_length=60, description="an organisation's id (slug)")
    service_type: str = Field("", max_length=30)
    cost: str = Field("", max_length=20)


@router.get("/services", response=list[ServiceOut], operation_id="players_services_list")
@paginate(LimitOffsetPagination)
def players_services(request: HttpRequest, filters: Query[ServiceFilter]) -> Any:
    user = caller(request).user
    org = selectors.organisation_get(user=user, slug=filters.organisation) if filters.organisation else None
    qs = selectors.service_list(
        user=user,
        region=_region(filters.region),
        organisation=org,
        service_type=filters.service_type,
        cost=filters.cost,
    )
    return Mapped(qs, _service)


class TieFilter(Schema):
    region: str = Field("", max_length=20)
    organisation: str = Field("", max_length=60, description="ties from or to this organisation (slug)")
    kind: str = Field("", max_length=20)
    cross_border: bool | None = None


@router.get("/ties", response=list[TieOut], operation_id="players_ties_list")
@paginate(LimitOffsetPagination)
def players_ties(request: HttpRequest, filters: Query[TieFilter]) -> Any:
    user = caller(request).user
    org = selectors.organisation_get(user=user, slug=filters.organisation) if filters.organisation else None
    qs = selectors.tie_list(
        user=user,
        region=_region(filters.region),
        organisation=org,
        kind=filters.kind,
        cross_border=filters.cross_border,
    )
    return Mapped(qs, _tie)


class CoverageOut(Schema):
    dimension: str
    stage: str
    services: int
    need: float | None = Field(..., description="the cell's need (source below); None: not enough data")
    low: float | None
    high: float | None
    n: int | None = Field(..., description="SMEs behind the need; None when the need is withheld")
    source: str = Field(..., description="survey (weighted), tests, or empty")
    survey_need: float | None
    survey_n: int | None
    tests_need: float | None
    tests_n: int | None


class PlayersRegionOut(Schema):
    region: str
    min_cell: int
    organisations: list[dict[str, Any]]
    coverage: list[CoverageOut]
    gaps: list[dict[str, Any]]
    improvements: list[dict[str, Any]]


def _published_cell(row: dict[str, Any]) -> dict[str, Any]:
    """A coverage row as it may be published: a withheld share shows no n either."""
    out = dict(row)
    if out["need"] is None:
        out["n"] = None
    for source in ("survey", "tests"):
        if out[f"{source}_need"] is None:
            out[f"{source}_n"] = None
    return out


@router.get("/regions/{code}", response=PlayersRegionOut, operation_id="players_regions_get")
def players_region(request: HttpRequest, code: str) -> dict[str, Any]:
    """A region's analysis: organisations with their network measures, coverage (dimension × stage:
    services and need), ranked gaps and improvements, from the entries the caller may see."""
    from interventures.apps.common.disclosure import min_cell

    region = _region(code)
    if region is None:
        raise Http404
    data = ecosystem_data(user=caller(request).user, region=region)
    return {
        "region": region.code,
        "min_cell": min_cell(),
        **data,
        "coverage": [_published_cell(r) for r in data["coverage"]],
    }


# ---- creates --------------------------------------------------------------------------------------


def _refused(exc: Exception) -> HttpError:
    return HttpError(400, str(exc))


class PlayersCommentIn(Schema):
    text: str = Field(..., max_length=4000)


class CommentCreated(Schema):
    id: int
    organisation: str
    text: str
    created_at: Any


@router.post(
    "/organisations/{slug}/comments",
    response={200: CommentCreated, 201: CommentCreated},
    auth=signed_in,
    operation_id="players_comments_create",
)
def players_comment_create(
    request: HttpRequest,
    slug: str,
    body: PlayersCommentIn,
    idempotency_key: str = Header(..., alias="Idempotency-Key", max_length=200),
) -> tuple[int, dict[str, Any]]:
    """A stakeholder's (or the region's partner's) comment on an entry of the region."""
    user = caller(request).user
    org = selectors.organisation_get(user=user, slug=slug)
    if not selectors.may(user, Action.COMMENT, org):
        raise PermissionDenied("comments are for the region's stakeholders and partner")

    def create() -> tuple[int, dict[str, Any]]:
        try:
            comment = services.comment_add(user=user, organisation=org, text=body.text)
        except services.NotAllowed as exc:
            raise PermissionDenied(str(exc)) from exc
        except services.DirectoryError as exc:
            raise _refused(exc) from exc
        return 201, {
            "id": comment.pk,
            "organisation": org.slug,
            "text": comment.text,
            "created_at": comment.created_at.isoformat(),
        }

    return idempotent_create(
        user=user,
        operation=f"keyplayers.comment_create:{org.pk}",
        key=idempotency_key,
        payload=body.dict(),
        create=create,
    )


class ServiceIn(Schema):
    name: str = Field(..., max_length=200)
    service_type: str = Field(..., max_length=30)
    description: str = Field("", max_length=4000)
    dimensions: list[str] = Field(default_factory=list, max_length=20)
    stages: list[str] = Field(default_factory=list, max_length=10)
    cost: str = Field("free", max_length=20)
    languages: list[str] = Field(default_factory=list, max_length=20)
    instrument: str = Field("", max_length=100, description="a policy instrument of the region (slug)")
    needs_cross_border: bool = False
    website: str = Field("", max_length=200)


@router.post(
    "/organisations/{slug}/services",
    response={200: ServiceOut, 201: ServiceOut},
    auth=signed_in,
    operation_id="players_services_create",
)
def players_service_create(
    request: HttpRequest,
    slug: str,
    body: ServiceIn,
    idempotency_key: str = Header(..., alias="Idempotency-Key", max_length=200),
) -> tuple[int, dict[str, Any]]:
    """A service of an organisation, by the region's partner (or the coordinator)."""
    from interventures.apps.partnership.selectors import instrument_in_region

    user = caller(request).user
    org = selectors.organisation_get(user=user, slug=slug, action=Action.EDIT)
    values = body.dict()
    instrument = None
    if values.pop("instrument"):
        instrument = instrument_in_region(region=org.region, slug=body.instrument)
        if instrument is None:
            raise HttpError(400, f"instrument: no policy instrument {body.instrument!r} in the region")
    values["instrument"] = instrument

    def create() -> tuple[int, dict[str, Any]]:
        try:
            service = services.service_create(user=user, organisation=org, values=values)
        except services.NotAllowed as exc:
            raise PermissionDenied(str(exc)) from exc
        except services.DirectoryError as exc:
            raise _refused(exc) from exc
        return 201, _service(service)

    return idempotent_create(
        user=user,
        operation=f"keyplayers.service_create:{org.pk}",
        key=idempotency_key,
        payload=body.dict(),
        create=create,
    )


class TieIn(Schema):
    target: str = Field(..., max_length=60, description="the other organisation's id (slug)")
    kind: str = Field(..., max_length=20)
    strength: int | None = Field(None, ge=1, le=3)
    since: Any = Field(None, description="ISO date")
    cross_border: bool | None = Field(None, description="default: the two countries differ")


@router.post(
    "/organisations/{slug}/ties",
    response={200: TieOut, 201: TieOut},
    auth=signed_in,
    operation_id="players_ties_create",
)
def players_tie_create(
    request: HttpRequest,
    slug: str,
    body: TieIn,
    idempotency_key: str = Header(..., alias="Idempotency-Key", max_length=200),
) -> tuple[int, dict[str, Any]]:
    """A tie from an organisation of the region to another the caller may see, by the region's partner."""
    import datetime as dt

    user = caller(request).user
    source = selectors.organisation_get(user=user, slug=slug, action=Action.EDIT)
    try:
        target = selectors.organisation_get(user=user, slug=body.target)
    except Http404 as exc:
        raise HttpError(400, f"target: no organisation {body.target!r} in the directory") from exc
    since = None
    if body.since:
        try:
            since = dt.date.fromisoformat(str(body.since))
        except ValueError as exc:
            raise HttpError(400, "since: expected an ISO date (YYYY-MM-DD)") from exc

    def create() -> tuple[int, dict[str, Any]]:
        try:
            tie = services.tie_create(
                user=user,
                source=source,
                target=target,
                kind=body.kind,
                strength=body.strength,
                start_date=since,
                cross_border=body.cross_border,
            )
        except services.NotAllowed as exc:
            raise PermissionDenied(str(exc)) from exc
        except services.DirectoryError as exc:
            raise _refused(exc) from exc
        return 201, {**_tie(tie), "since": tie.start_date.isoformat() if tie.start_date else None}

    return idempotent_create(
        user=user,
        operation=f"keyplayers.tie_create:{source.pk}",
        key=idempotency_key,
        payload=body.dict(),
        create=create,
    )
