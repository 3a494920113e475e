"""Public pages: the ESIF programme finder and the NUTS 3 border regions."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from interventures.apps.common.charts import bar_chart

from . import selectors
from .models import BorderType


def programmes(request: HttpRequest) -> HttpResponse:
    query = request.GET.get("q", "").strip()[:100]
    country = request.GET.get("country", "").strip()[:2]
    page = Paginator(selectors.esif_programmes(query, country=country), 25).get_page(request.GET.get("page"))
    return render(
        request,
        "classifications/programmes.html",
        {
            "page": page,
            "query": query,
            "country": country,
            "member_states": selectors.esif_member_states(),
        },
    )


def programme(request: HttpRequest, cci: str) -> HttpResponse:
    obj = selectors.esif_programme_get(cci=cci)
    if obj is None:
        raise Http404(_("No such programme."))
    axes = selectors.esif_axis_totals(obj)
    spec = bar_chart(
        [{"axis": a.priority, "amount": float(a.total)} for a in axes],
        category="axis",
        value="amount",
        category_title=_("Priority axis"),
        value_title=_("Planned total (EUR)"),
    )
    return render(
        request,
        "classifications/programme.html",
        {"programme": obj, "axes": axes, "totals": selectors.esif_programme_totals(obj), "spec": spec},
    )


def border_regions(request: HttpRequest) -> HttpResponse:
    country = request.GET.get("country", "").strip()[:2]
    border = request.GET.get("border", "")
    if border not in BorderType.values:
        border = ""
    regions = selectors.nuts3_border_regions(country or None, border=border or None)
    return render(
        request,
        "classifications/border_regions.html",
        {
            "regions": regions,
            "country": country,
            "border": border,
            "countries": selectors.nuts_countries(),
            "border_types": [c for c in BorderType.choices if c[0] != BorderType.NON_BORDER],
        },
    )
