"""The preparedness test: its model, a one-shot submission, a result by its token, and the tests a
caller may see (an SME its own; a region's partner those shared with it; the coordinator those shared)."""

import uuid
from typing import Any

from django.http import HttpRequest
from django.urls import reverse
from ninja import Field, Header, Query, Router, Schema
from ninja.errors import HttpError
from ninja.pagination import paginate

from interventures.apps.accounts.permissions import visible
from interventures.apps.assessment import reports, selectors, services
from interventures.apps.assessment.models import Assessment
from interventures.apps.common.selectors import partner_region_codes
from interventures.core import capacity

from ..auth import caller, signed_in
from ..paging import LimitOffsetPagination, Mapped

router = Router(tags=["assessment"])

MAX_ANSWERS = 500
MAX_VALUE_CHARS = 200


@router.get("/model", response=dict[str, Any], operation_id="assessment_model")
def model(request: HttpRequest, lang: str = "en", version: str = "") -> dict[str, Any]:
    """The capacity model (dimensions, items, answer options, stages) in `lang`."""
    if lang not in capacity.LANGS:
        raise HttpError(400, f"unknown language {lang!r}; expected one of {', '.join(capacity.LANGS)}")
    try:
        loaded = capacity.load_model(version or None)
    except capacity.ModelError as exc:
        raise HttpError(400, str(exc)) from exc
    return dict(capacity.model_as_dict(loaded, lang))


class SubmissionIn(Schema):
    answers: dict[str, str | int | float | bool | None] = Field(
        ..., description="item id → answer code", max_length=MAX_ANSWERS
    )
    size_class: str = Field(..., max_length=10)
    sector: str = Field(..., max_length=1, description="NACE section letter")
    lang: str = Field("en", max_length=8)
    region: str = Field("", max_length=20, description="partnership region code")
    country: str = Field("", max_length=2)
    nuts3: str = Field("", max_length=5)


class ResultOut(Schema):
    token: str
    status: str
    model_version: str
    result_url: str
    result: dict[str, Any] | None = Field(None, description="once completed: scores, stage, plan")


def _result(request: HttpRequest, assessment: Assessment, lang: str) -> dict[str, Any]:
    data: dict[str, Any] = {
        "token": str(assessment.token),
        "status": assessment.status,
        "model_version": assessment.model_version,
        "result_url": request.build_absolute_uri(
            reverse("assessment:result", kwargs={"token": assessment.token})
        ),
        "result": None,
    }
    if assessment.is_completed:
        data["result"] = selectors.result_view(assessment=assessment, lang=lang).as_dict()
    return data


@router.post(
    "/submissions",
    response={200: ResultOut, 201: ResultOut},
    operation_id="assessment_submit",
)
def submit(
    request: HttpRequest,
    body: SubmissionIn,
    idempotency_key: str = Header(..., alias="Idempotency-Key", max_length=200),
) -> tuple[int, dict[str, Any]]:
    """Submit a whole test; the answer holds its result and the token that reaches it again.
    Anonymous callers may submit (their key must be random); the test then belongs to no account."""
    if body.lang not in capacity.LANGS:
        raise HttpError(400, f"unknown language {body.lang!r}")
    region = None
    if body.region:
        region = selectors.partnership_region(code=body.region)
        if region is None:
            raise HttpError(
                400,
                f"unknown region {body.region!r}; expected one of {', '.join(partner_region_codes())}",
            )
    for item, value in body.answers.items():
        if len(item) > MAX_VALUE_CHARS or (isinstance(value, str) and len(value) > MAX_VALUE_CHARS):
            raise HttpError(400, f"item ids and answers are at most {MAX_VALUE_CHARS} characters")
    try:
        assessment, created = services.assessment_submit(
            caller=caller(request).user,
            client_key=idempotency_key,
            answers=body.answers,
            language=body.lang,
            region=region,
            size_class=body.size_class,
            sector=body.sector,
            country=body.country,
            nuts3=body.nuts3,
        )
    except capacity.AnswerError as exc:
        raise HttpError(400, f"{exc.item_id}: {exc.message}" if exc.item_id else exc.message) from exc
    except services.IdempotencyConflict as exc:
        raise HttpError(409, str(exc)) from exc
    return (201 if created else 200), _result(request, assessment, body.lang)


@router.get("/results/{token}", response=ResultOut, operation_id="assessment_result")
def result(request: HttpRequest, token: uuid.UUID, lang: str = "") -> dict[str, Any]:
    """A result by its token: whoever holds the token of a test that belongs to no account; for a
    test in an account, the platform's rules (its owner; its region's partner once shared)."""
    assessment = selectors.assessment_for_token(user=caller(request).user, token=token)
    return _result(request, assessment, reports.lang_code(lang or assessment.language))


class AssessmentRow(Schema):
    token: str
    status: str
    region: str | None
    size_class: str
    sector: str
    stage: str
    overall: float | None
    completed_at: Any
    shared_with_region: bool


class AssessmentFilter(Schema):
    status: str = Field("", max_length=20)
    region: str = Field("", max_length=20)


@router.get("/assessments", response=list[AssessmentRow], auth=signed_in, operation_id="assessment_list")
@paginate(LimitOffsetPagination)
def assessments(request: HttpRequest, filters: Query[AssessmentFilter]) -> Any:
    """The tests the caller may see, newest first (the permissions module decides which)."""
    qs = visible(caller(request).user, Assessment.objects.select_related("region")).order_by("-pk")
    if filters.status:
        qs = qs.filter(status=filters.status)
    if filters.region:
        qs = qs.filter(region__code=filters.region)
    return Mapped(
        qs,
        lambda a: {
            "token": str(a.token),
            "status": a.status,
            "region": a.region.code if a.region_id else None,
            "size_class": a.size_class,
            "sector": a.sector,
            "stage": a.stage,
            "overall": a.overall,
            "completed_at": a.completed_at,
            "shared_with_region": a.shared_with_region,
        },
    )
