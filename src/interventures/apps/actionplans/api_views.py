"""The read-only JSON API of the Action Plans: the plans the caller may see, and one plan as the
same document the CLI exports (`selectors.plan_document`), with each citation's current state."""

from __future__ import annotations

from django.http import Http404, HttpRequest, JsonResponse
from django.utils.translation import get_language
from django.views.decorators.http import require_GET

from . import selectors


@require_GET
def plan_list(request: HttpRequest) -> JsonResponse:
    plans = [
        {
            "id": p.pk,
            "region": p.region.code,
            "instrument": p.instrument.name,
            "status": p.status,
            "is_demo": p.is_demo,
        }
        for p in selectors.plan_list(user=request.user)
    ]
    return JsonResponse({"plans": plans})


@require_GET
def plan(request: HttpRequest, pk: int) -> JsonResponse:
    found = selectors.plan_get(user=request.user, pk=pk)
    if found is None:
        raise Http404
    doc = selectors.plan_document_cited(found, lang=get_language())
    return JsonResponse(doc | {"id": found.pk, "is_demo": found.is_demo})
