"""JSON API of the preparedness test: the model in a language, a one-shot idempotent submission,
and a result by its token.

`submit` is CSRF-exempt on purpose: it is called by integrations without a session, it never acts
with the caller's cookies (the assessment it creates belongs to no account), and the token it returns
is the only key to the result. CSRF protects ambient credentials; this endpoint uses none.

The idempotency key is the caller's, not a global name (`services.assessment_submit`): it is looked up
in the caller's scope (its account, or the scope of anonymous callers, whose keys must be random) and
only with the submission it first came with. A retry with the same key and body gets the first result
(200); the same key with another body gets 409; nobody gets a result by naming someone else's key.

What the token of an API-created result grants: the same as the resume link of a test taken in the
pages, to whoever the integration hands it to (the SME): reading the result and its plan, consenting
(with the consent box) to share it with the region's partner, and keeping it in an SME account. It
is returned only to the caller that submitted the test.
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from typing import Any

from django.http import HttpRequest, JsonResponse
from django.urls import reverse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_POST

from interventures.apps.common.jsonbody import JsonBodyError, json_body
from interventures.apps.common.selectors import partner_region_codes
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
        data.update(selectors.result_view(assessment=assessment, lang=lang).as_dict())
    return data


MAX_ANSWERS = 500
MAX_VALUE_CHARS = 200


def _answers_problem(answers: Any) -> str:
    """What is wrong with the answers map, or "" (item ids and answer codes are short strings)."""
    if not isinstance(answers, Mapping):
        return "answers must be an object mapping item ids to answer codes"
    if len(answers) > MAX_ANSWERS:
        return f"answers holds {len(answers)} entries; at most {MAX_ANSWERS} are accepted"
    for item, value in answers.items():  # a value of the wrong type is named by the core's check
        if len(item) > MAX_VALUE_CHARS or (isinstance(value, str) and len(value) > MAX_VALUE_CHARS):
            return f"item ids and answers are at most {MAX_VALUE_CHARS} characters"
    return ""


@csrf_exempt
@require_POST
def submit(request: HttpRequest) -> JsonResponse:
    try:
        body = json_body(request)
    except JsonBodyError as exc:
        return _error(str(exc))
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
        region = selectors.partnership_region(code=code)
        if region is None:
            return _error(
                f"unknown region {code!r}; expected one of {', '.join(partner_region_codes())} "
                "or country + nuts3",
                field="region",
            )
    fields = {name: body.get(name, "") for name in ("size_class", "sector", "country", "nuts3")}
    bad = [name for name, value in fields.items() if not isinstance(value, str)]
    if bad:
        return _error(f"{bad[0]} must be a string", field=bad[0])
    answers = body.get("answers", {})
    problem = _answers_problem(answers)
    if problem:
        return _error(problem, field="answers")
    try:
        assessment, created = services.assessment_submit(
            caller=request.user, client_key=key, answers=answers, language=lang, region=region, **fields
        )
    except capacity.AnswerError as exc:
        return _error(exc.message, item=exc.item_id)
    except services.IdempotencyConflict as exc:
        return _error(str(exc), status=409, field="client_key")
    except services.IdempotencyKeyError as exc:
        return _error(str(exc), field="client_key")
    except services.AssessmentError as exc:
        return _error(str(exc))
    return JsonResponse(result_json(request, assessment, lang), status=201 if created else 200)


@require_GET
def result(request: HttpRequest, token: uuid.UUID) -> JsonResponse:
    assessment = selectors.assessment_for_token(user=request.user, token=token)
    lang = request.GET.get("lang", assessment.language)
    return JsonResponse(result_json(request, assessment, reports.lang_code(lang)))
