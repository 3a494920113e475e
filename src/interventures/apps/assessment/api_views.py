"""JSON API of the preparedness test: the model in a language, a one-shot idempotent submission,
and a result by its token.

`submit` is CSRF-exempt on purpose: it is called by integrations without a session, it never acts
with the caller's cookies (the assessment it creates belongs to no account), and the token it returns
is the only key to the result. CSRF protects ambient credentials; this endpoint uses none.
"""

from __future__ import annotations

import json
import uuid
from typing import Any

from django.http import HttpRequest, JsonResponse
from django.urls import reverse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_POST

from interventures.apps.partnership.models import Region
from interventures.core import capacity

from . import reports, selectors, services
from .models import Assessment


def _error(message: str, status: int = 400, **extra: Any) -> JsonResponse:
    return JsonResponse({"error": message, **extra}, status=status)


@require_GET
def model(request: HttpRequest) -> JsonResponse:
    lang = request.GET.get("lang", "en")
    if lang not in capacity.LANGS:
        return _error(f"unknown language {lang!r}; expected one of {', '.join(capacity.LANGS)}")
    version = request.GET.get("version") or None
    try:
        loaded = capacity.load_model(version)
    except capacity.ModelError as exc:
        return _error(str(exc))
    return JsonResponse(capacity.model_as_dict(loaded, lang))


def result_json(request: HttpRequest, assessment: Assessment, lang: str) -> dict[str, Any]:
    """The assessment's state and, once completed, its result with the plan in `lang` (the same shape
    as `interventures assess --format json`)."""
    data: dict[str, Any] = {
        "token": str(assessment.token),
        "status": assessment.status,
        "model_version": assessment.model_version,
        "result_url": request.build_absolute_uri(
            reverse("assessment:result", kwargs={"token": assessment.token})
        ),
    }
    if assessment.is_completed:
        result = capacity.result_from_dict(assessment.result or {})
        model = capacity.load_model(result.model_version)
        progress = selectors.stage_progress_of(assessment=assessment)
        data.update(capacity.result_as_dict(model, result, lang, progress=progress))
    return data


@csrf_exempt
@require_POST
def submit(request: HttpRequest) -> JsonResponse:
    try:
        body = json.loads(request.body or b"{}")
    except (ValueError, UnicodeDecodeError):
        return _error("the body is not valid JSON")
    if not isinstance(body, dict):
        return _error("the body must be a JSON object")
    key = request.headers.get("Idempotency-Key") or body.get("client_key") or ""
    if not isinstance(key, str) or not key:
        return _error("an Idempotency-Key header (or client_key field) is required", field="client_key")
    lang = body.get("lang", "en")
    if lang not in capacity.LANGS:
        return _error(f"unknown language {lang!r}", field="lang")
    region = None
    code = body.get("region")
    if code:
        if not isinstance(code, str):
            return _error("region must be a region code string", field="region")
        region = Region.objects.filter(code=code, code__in=selectors.PARTNERSHIP_REGIONS).first()
        if region is None:
            return _error(
                f"unknown region {code!r}; expected one of {', '.join(selectors.PARTNERSHIP_REGIONS)} "
                "or country + nuts3",
                field="region",
            )
    fields = {name: body.get(name, "") for name in ("size_class", "sector", "country", "nuts3")}
    bad = [name for name, value in fields.items() if not isinstance(value, str)]
    if bad:
        return _error(f"{bad[0]} must be a string", field=bad[0])
    try:
        assessment, created = services.assessment_submit(
            client_key=key, answers=body.get("answers", {}), language=lang, region=region, **fields
        )
    except capacity.AnswerError as exc:
        return _error(exc.message, item=exc.item_id)
    except services.AssessmentError as exc:
        return _error(str(exc))
    return JsonResponse(result_json(request, assessment, lang), status=201 if created else 200)


@require_GET
def result(request: HttpRequest, token: uuid.UUID) -> JsonResponse:
    assessment = selectors.assessment_for_token(user=request.user, token=token)
    lang = request.GET.get("lang", assessment.language)
    return JsonResponse(result_json(request, assessment, reports.lang_code(lang)))
