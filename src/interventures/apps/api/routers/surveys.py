"""Surveys: campaigns (partnership staff), their responses (microdata: the region's partner and the
coordinator), and whole responses sent by an integration. The same rules as the survey pages."""

from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest
from ninja import Field, Header, Query, Router, Schema
from ninja.errors import HttpError
from ninja.pagination import paginate

from interventures.apps.accounts.permissions import is_staff_role
from interventures.apps.audit.services import export_record
from interventures.apps.surveys import selectors, services
from interventures.apps.surveys.models import Campaign, Response

from ..auth import caller, signed_in
from ..paging import LimitOffsetPagination, Mapped
from ..services import idempotent_create

router = Router(tags=["surveys"], auth=signed_in)


class CampaignOut(Schema):
    id: int
    name: str
    region: str
    questionnaire: str
    version: int
    languages: list[str]
    opens_at: Any
    closes_at: Any
    target_n: int
    public: bool
    is_open: bool
    submitted: int


def _campaign(c: Campaign, submitted: int | None = None) -> dict[str, Any]:
    return {
        "id": c.pk,
        "name": c.name,
        "region": c.region.code,
        "questionnaire": c.version.questionnaire.name,
        "version": c.version.number,
        "languages": list(c.languages or []),
        "opens_at": c.opens_at,
        "closes_at": c.closes_at,
        "target_n": c.target_n,
        "public": c.public,
        "is_open": services.campaign_is_open(c),
        "submitted": submitted
        if submitted is not None
        else selectors.campaign_counts(campaign=c)["submitted"],
    }


def _staff(request: HttpRequest) -> Any:
    user = caller(request).user
    if not is_staff_role(user):
        raise PermissionDenied("surveys are for the partnership's staff")
    return user


class CampaignFilter(Schema):
    region: str = Field("", max_length=20)


@router.get("/campaigns", response=list[CampaignOut], operation_id="campaigns_list")
@paginate(LimitOffsetPagination)
def campaigns(request: HttpRequest, filters: Query[CampaignFilter]) -> Any:
    qs = selectors.campaign_list(user=_staff(request))
    if filters.region:
        qs = qs.filter(region__code=filters.region)
    return Mapped(qs, lambda c: _campaign(c, c.n_submitted))


@router.get("/campaigns/{campaign_id}", response=CampaignOut, operation_id="campaigns_get")
def campaign(request: HttpRequest, campaign_id: int) -> dict[str, Any]:
    return _campaign(selectors.campaign_get(user=_staff(request), pk=campaign_id))


class ResponseOut(Schema):
    id: int
    status: str
    source: str
    language: str
    answers: dict[str, Any]
    started_at: Any
    submitted_at: Any


def _response(r: Response) -> dict[str, Any]:
    return {
        "id": r.pk,
        "status": r.status,
        "source": r.source,
        "language": r.language,
        "answers": dict(r.answers),
        "started_at": r.started_at,
        "submitted_at": r.submitted_at,
    }


class ResponseFilter(Schema):
    status: str = Field("submitted", max_length=10, description="submitted, draft or empty for both")
    submitted_since: Any = Field(None, description="ISO date-time")


@router.get("/campaigns/{campaign_id}/responses", response=list[ResponseOut], operation_id="responses_list")
@paginate(LimitOffsetPagination)
def responses(request: HttpRequest, campaign_id: int, filters: Query[ResponseFilter]) -> Any:
    """Microdata: for the campaign's region's partner and the coordinator (others: 403 or 404)."""
    user = caller(request).user
    found = selectors.campaign_get(user=user, pk=campaign_id)
    if not selectors.campaign_microdata_allowed(user=user, campaign=found):
        raise PermissionDenied("the responses are for the region's partner and the coordinator")
    qs = selectors.response_list(user=user, campaign=found).exclude(status="importing").order_by("pk")
    if filters.status:
        qs = qs.filter(status=filters.status)
    if filters.submitted_since:
        qs = qs.filter(submitted_at__gte=filters.submitted_since)
    export_record(
        user=user,
        what="surveys.Campaign",
        object_id=str(found.pk),
        object_label=found.name,
        region_id=found.region_id,
        details={"format": "api", "query": request.GET.urlencode()[:300]},
    )
    return Mapped(qs, _response)


class ResponseIn(Schema):
    answers: dict[str, Any] = Field(..., description="question name → value, as in the survey's XLSForm")
    language: str = Field("", max_length=8)


class ResponseCreated(Schema):
    id: int
    status: str
    submitted_at: Any


@router.post(
    "/campaigns/{campaign_id}/responses",
    response={200: ResponseCreated, 201: ResponseCreated},
    operation_id="responses_create",
)
def response_create(
    request: HttpRequest,
    campaign_id: int,
    body: ResponseIn,
    idempotency_key: str = Header(..., alias="Idempotency-Key", max_length=200),
) -> tuple[int, dict[str, Any]]:
    """A whole, checked response from an integration (the campaign's region's partner or the
    coordinator). Nothing is stored when an answer is wrong: the answer names each problem."""
    user = caller(request).user
    found = selectors.campaign_get(user=user, pk=campaign_id)
    if len(body.answers) > 1000:
        raise HttpError(400, "answers holds more than 1000 entries")
    if body.language and body.language not in (found.languages or []):
        raise HttpError(
            400, f"language {body.language!r} is not one of the survey's ({', '.join(found.languages)})"
        )

    def create() -> tuple[int, dict[str, Any]]:
        # A wrong answer raises ResponseInvalid: 400 with each problem named (api.py), nothing stored.
        response, _created = services.response_create_complete(
            user=user, campaign=found, answers=body.answers, language=body.language, key=idempotency_key
        )
        return 201, {
            "id": response.pk,
            "status": response.status,
            "submitted_at": response.submitted_at.isoformat() if response.submitted_at else None,
        }

    return idempotent_create(
        user=user,
        operation=f"surveys.response_create:{found.pk}",
        key=idempotency_key,
        payload=body.dict(),
        create=create,
    )
