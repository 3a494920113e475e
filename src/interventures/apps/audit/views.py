"""The audit log's page: the coordinator's, paged and filtered."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from . import selectors
from .forms import AuditFilterForm

PER_PAGE = 50


@login_required
def log(request: HttpRequest) -> HttpResponse:
    form = AuditFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    region = filters.get("region")
    entries = selectors.entry_list(
        user=request.user,
        area=filters.get("area", ""),
        kind=filters.get("kind", ""),
        actor=filters.get("actor", ""),
        region_id=region.pk if region is not None else None,
        since=filters.get("since"),
        until=filters.get("until"),
    )
    page = Paginator(entries, PER_PAGE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(request, "audit/log.html", {"form": form, "page": page, "query": query.urlencode()})
