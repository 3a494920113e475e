"""Action Plans: the plans the caller may see (the public: endorsed and signed plans; a region's
partnership roles, the advisory partner and the coordinator: drafts too), each citation with its
freshness, and the review's comments (read and written by those who may comment: the region's
partner and stakeholders, the advisory partner in every region, the coordinator). The same rules as
the pages."""

from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest
from django.utils.translation import get_language
from ninja import Field, Header, Query, Router, Schema
from ninja.errors import HttpError
from ninja.pagination import paginate

from interventures.apps.accounts.permissions import Action, can
from interventures.apps.actionplans import selectors, services
from interventures.apps.actionplans.models import ActionPlan, Comment

from ..auth import caller, signed_in
from ..paging import LimitOffsetPagination, Mapped
from ..services import idempotent_create

router = Router(tags=["actionplans"])


class PlanOut(Schema):
    id: int
    region: str
    instrument: str
    status: str
    is_demo: bool
    updated_at: Any


def _plan_row(p: ActionPlan) -> dict[str, Any]:
    return {
        "id": p.pk,
        "region": p.region.code,
        "instrument": p.instrument.name,
        "status": p.status,
        "is_demo": p.is_demo,
        "updated_at": p.updated_at,
    }


class PlanFilter(Schema):
    region: str = Field("", max_length=20)
    status: str = Field("", max_length=12, description="draft, in_review, endorsed or signed")


@router.get("/plans", response=list[PlanOut], operation_id="actionplans_list")
@paginate(LimitOffsetPagination)
def actionplans(request: HttpRequest, filters: Query[PlanFilter]) -> Any:
    qs = selectors.plan_list(user=caller(request).user)
    if filters.region:
        qs = qs.filter(region__code=filters.region)
    if filters.status:
        qs = qs.filter(status=filters.status)
    return Mapped(qs, _plan_row)


class EvidenceOut(Schema):
    kind: str
    id: str = Field(..., description="the target's identifier (a figure's is its identifier in the report)")
    label: str
    url: str
    note: str
    freshness: str = Field(..., description="current, changed (since it was cited) or gone")
    comment_on: str


class IndicatorOut(Schema):
    name: str
    unit: str
    baseline: str
    target: str
    source: str
    comment_on: str


class ActionOut(Schema):
    title: str
    background: str
    action: str
    players: list[str]
    timeframe: str
    costs: str | None
    funding: str
    indicators: list[IndicatorOut]
    evidence: list[EvidenceOut]
    comment_on: str


class MonitoringOut(Schema):
    action: str
    date: str
    status: str
    progress: str
    obstacles: str
    language: str = Field(..., description="the language progress and obstacles are written in")
    values: dict[str, str]
    files: list[str]
    translations: dict[str, dict[str, str]]


class PlanDocumentOut(Schema):
    id: int
    is_demo: bool
    region: str
    region_name: str
    instrument: str
    organisation: str
    other_organisations: list[str]
    contact: str
    improvement_type: str
    context: str
    status: str
    actions: list[ActionOut]
    monitoring: list[MonitoringOut]


def _visible_plan(request: HttpRequest, plan_id: int) -> ActionPlan:
    found = selectors.plan_get(user=caller(request).user, pk=plan_id)
    if found is None:
        raise Http404("no such Action Plan")
    return found


@router.get("/plans/{plan_id}", response=PlanDocumentOut, operation_id="actionplans_get")
def actionplan(request: HttpRequest, plan_id: int) -> dict[str, Any]:
    """The plan in the Interreg Europe structure (the CLI's JSON export), in the request's language
    where the plan is translated; each citation says whether its target changed since it was cited."""
    found = _visible_plan(request, plan_id)
    doc = selectors.plan_document_cited(found, lang=get_language())
    return {**doc, "id": found.pk, "is_demo": found.is_demo}


class CommentOut(Schema):
    id: int
    section: str = Field(
        ..., description="part1, part2, part3, improvements, action-<id>, indicator-<id> or evidence-<id>"
    )
    text: str
    language: str = Field(..., description="the language the text is written in")
    translations: dict[str, dict[str, str]] = Field(..., description='{"en": {"text": "…"}}')
    author: str
    author_role: str = Field(..., description="the author's role (advisor: the advisory partner)")
    created_at: Any


def _comment(c: Comment) -> dict[str, Any]:
    profile = getattr(c.author, "profile", None) if c.author is not None else None
    return {
        "id": c.pk,
        "section": c.section,
        "text": c.text,
        "language": c.language or "en",
        "translations": c.translations or {},
        "author": c.author.username if c.author is not None else "",
        "author_role": profile.role if profile is not None else "",
        "created_at": c.created_at,
    }


def _commentable(request: HttpRequest, plan_id: int) -> tuple[Any, ActionPlan]:
    user = caller(request).user
    found = _visible_plan(request, plan_id)
    if not can(user, Action.COMMENT, found):
        raise PermissionDenied(
            "comments are for the region's partner and stakeholders, the advisory partner and the coordinator"
        )
    return user, found


@router.get(
    "/plans/{plan_id}/comments",
    response=list[CommentOut],
    operation_id="actionplans_comments_list",
    auth=signed_in,
)
@paginate(LimitOffsetPagination)
def actionplan_comments(request: HttpRequest, plan_id: int) -> Any:
    user, found = _commentable(request, plan_id)
    return Mapped(selectors.comment_list(user=user, plan=found).order_by("created_at", "pk"), _comment)


class CommentIn(Schema):
    section: str = Field(..., max_length=40, description="what the comment is on (see CommentOut.section)")
    text: str = Field(..., max_length=services.COMMENT_MAX)
    language: str = Field(
        "", max_length=8, description="the language the text is written in (default: the request's)"
    )


@router.post(
    "/plans/{plan_id}/comments",
    response={200: CommentOut, 201: CommentOut},
    operation_id="actionplans_comments_create",
    auth=signed_in,
)
def actionplan_comment_create(
    request: HttpRequest,
    plan_id: int,
    body: CommentIn,
    idempotency_key: str = Header(..., alias="Idempotency-Key", max_length=200),
) -> tuple[int, dict[str, Any]]:
    """A comment on a part of the plan, an action, an indicator or an evidence link."""
    user, found = _commentable(request, plan_id)

    def create() -> tuple[int, dict[str, Any]]:
        try:
            made = services.comment_add(
                user=user,
                plan=found,
                section=body.section,
                text=body.text,
                language=body.language or get_language(),
            )
        except services.NotAllowed as exc:
            raise PermissionDenied(str(exc)) from exc
        except services.ActionPlanError as exc:
            raise HttpError(400, str(exc)) from exc
        return 201, {**_comment(made), "created_at": made.created_at.isoformat()}

    return idempotent_create(
        user=user,
        operation=f"actionplans.comment_create:{found.pk}",
        key=idempotency_key,
        payload=body.dict(),
        create=create,
    )
