"""Pages of the partnership: overview, a region, an instrument. Public reference data."""

from __future__ import annotations

from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from interventures.apps.classifications import selectors as classifications
from interventures.apps.common.charts import bar_chart
from interventures.apps.common.translated import tr

from . import selectors
from .models import PolicyInstrument


def _esif_axes(instrument: PolicyInstrument | None) -> tuple[list[Any], dict[str, Any] | None]:
    """The instrument's programme in the ESIF data: planned amounts by priority axis, and their chart."""
    if instrument is None or not instrument.cci:
        return [], None
    programme = classifications.esif_programme_get(cci=instrument.cci)
    if programme is None:
        return [], None
    axes = classifications.esif_axis_totals(programme)
    addressed = {a.esif_code for a in instrument.axes.all() if a.addressed}
    rows = [
        {
            "axis": a.priority,
            "amount": float(a.total),
            "kind": _("addressed by INTER VENTURES") if a.priority in addressed else _("other priority axes"),
        }
        for a in axes
    ]
    spec = bar_chart(
        rows,
        category="axis",
        value="amount",
        category_title=_("Priority axis"),
        value_title=_("Planned total (EUR)"),
        color="kind",
    )
    return [{"axis": a, "addressed": a.priority in addressed} for a in axes], {
        "spec": spec,
        "programme": programme,
    }


def overview(request: HttpRequest) -> HttpResponse:
    regions = list(selectors.region_list())
    lang = get_language()
    rows, unstated = [], []
    for region in regions:
        name = tr(region, "name", lang)
        shares = [
            axis
            for instrument in region.instruments.all()
            for axis in instrument.addressed_axes  # type: ignore[attr-defined]  # Prefetch(to_attr=) in selectors.region_list
            if axis.share is not None
        ]
        if not shares:
            unstated.append(name)
        for axis in shares:
            # A share the source contradicts keeps its flag in the chart too.
            label = (
                _("%(region)s (inconsistent in the source)") % {"region": name}
                if axis.inconsistency
                else name
            )
            rows.append({"region": label, "share": float(axis.share)})
    chart = (
        bar_chart(
            rows,
            category="region",
            value="share",
            category_title=_("Region"),
            value_title=_("Share of the programme (%)"),
            value_format=".0f",
            value_ticks=5,
        )
        if rows
        else None
    )
    return render(
        request,
        "partnership/overview.html",
        {
            "project": selectors.project_get(),
            "regions": regions,
            "organisations": selectors.organisation_list(),
            "activities": selectors.activity_list(),
            "chart": chart,
            "chart_unstated": unstated,
        },
    )


def region(request: HttpRequest, code: str) -> HttpResponse:
    obj = selectors.region_get(code=code)
    if obj is None:
        raise Http404(_("No such region."))
    instrument = selectors.instrument_for_region(obj)
    esif_axes, esif = _esif_axes(instrument)
    nuts_rows = []
    for version, codes in sorted((obj.nuts or {}).items()):
        names = classifications.nuts_names(codes, version=int(version))
        nuts_rows.append({"version": version, "regions": [(c, names.get(c, "")) for c in codes]})
    return render(
        request,
        "partnership/region.html",
        {
            "region": obj,
            "instrument": instrument,
            "esif_axes": esif_axes,
            "esif": esif,
            "nuts_rows": nuts_rows,
        },
    )


def instrument(request: HttpRequest, slug: str) -> HttpResponse:
    obj = selectors.instrument_get(slug=slug)
    if obj is None:
        raise Http404(_("No such policy instrument."))
    esif_axes, esif = _esif_axes(obj)
    return render(
        request,
        "partnership/instrument.html",
        {"instrument": obj, "region": obj.region, "esif_axes": esif_axes, "esif": esif},
    )
