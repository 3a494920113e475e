"""Pages of the key players directory: the directory with its filters, an organisation (services,
ties, comments), the edit forms of the region's partner, and a region's analysis (coverage, gaps,
network, improvements). Views parse, call a service or selector, and render."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from interventures.apps.accounts.permissions import Action, access, can, can_edit_directory, visible
from interventures.apps.common.languages import current
from interventures.apps.common.models import Region
from interventures.apps.common.translated import tr
from interventures.apps.partnership.models import Organisation

from . import exports, imports, presenters, selectors, services
from .charts import network_spec
from .forms import (
    CommentForm,
    DecisionForm,
    DirectoryFilterForm,
    DirectoryImportForm,
    OrganisationForm,
    ServiceForm,
    TieForm,
)
from .models import DirectoryImport, ImportStatus, Improvement, Service, Tie


def _region(code: str) -> Region:
    region = Region.objects.filter(code=code, partner=True).first()
    if region is None:
        raise Http404
    return region


def _may_edit_region(user: Any, region: Region) -> bool:
    return can_edit_directory(user, region.pk)


def _heat(need: float | None) -> int:
    """The heat map's shade of a cell: 0 (no data or no need) to 4 (need of 80 % or more)."""
    return 0 if need is None else min(4, int(need * 5))


def directory(request: HttpRequest) -> HttpResponse:
    regions = list(Region.objects.filter(partner=True))
    form = DirectoryFilterForm(request.GET or None, regions=[(r.code, tr(r, "name")) for r in regions])
    filters = selectors.DirectoryFilters()
    if form.is_valid():
        data = form.cleaned_data
        filters = selectors.DirectoryFilters(
            region=next((r for r in regions if r.code == data["region"]), None),
            q=data["q"].strip(),
            type=data["type"],
            service_type=data["service_type"],
            dimension=data["dimension"],
            stage=data["stage"],
            cost=data["cost"],
            language=data["language"],
            cross_border=data["cross_border"],
            rsg=data["rsg"],
        )
    organisations = list(selectors.organisation_list(user=request.user, filters=filters))
    return render(
        request,
        "keyplayers/directory.html",
        {
            "form": form,
            "organisations": organisations,
            "regions": regions,
            "editable": [r for r in regions if _may_edit_region(request.user, r)],
            "downloads": _export_links(filters.region, request.user) if filters.region else None,
            "any_demo": any(o.is_demo for o in organisations),
        },
    )


def organisation(request: HttpRequest, slug: str) -> HttpResponse:
    org = selectors.organisation_get(user=request.user, slug=slug)
    may_comment = can(request.user, Action.COMMENT, org)
    form = CommentForm(request.POST or None) if may_comment else None
    if request.method == "POST":
        if form is None:
            raise PermissionDenied
        if form.is_valid():
            services.comment_add(user=request.user, organisation=org, text=form.cleaned_data["text"])
            messages.success(request, _("Your comment is saved."))
            return redirect("keyplayers:organisation", slug=org.slug)
    seen = set(visible(request.user, Organisation.objects.all()).values_list("pk", flat=True))
    lang = current()
    return render(
        request,
        "keyplayers/organisation.html",
        {
            "org": org,
            "services": [
                {
                    "service": s,
                    "dimensions": [presenters.dimension_name(d, lang) for d in s.dimensions or []],
                    "stages": [presenters.stage_name(x, lang) for x in s.stages or []],
                }
                for s in org.services.all()
            ],
            "ties_out": [t for t in org.ties_out.all() if t.target_id in seen],
            "ties_in": [t for t in org.ties_in.all() if t.source_id in seen],
            "removable": {
                t.pk
                for t in [*org.ties_out.all(), *org.ties_in.all()]
                if request.user.is_authenticated and can(request.user, Action.EDIT, t)
            },
            "may_edit": can(request.user, Action.EDIT, org),
            "comments": list(selectors.comment_list(user=request.user, organisation=org))
            if request.user.is_authenticated
            else [],
            "comment_form": form,
            "type_label": presenters.type_label(org.type),
        },
    )


def _values_or_errors(request: HttpRequest, form: Any, call: Any) -> Any:
    try:
        return call()
    except services.DirectoryError as exc:
        field, _sep, reason = str(exc).partition(": ")
        form.add_error(field if field in form.fields else None, reason or str(exc))
    except services.NotAllowed as exc:
        raise PermissionDenied from exc
    return None


@login_required
def organisation_add(request: HttpRequest, code: str) -> HttpResponse:
    region = _region(code)
    if not _may_edit_region(request.user, region):
        raise PermissionDenied
    form = OrganisationForm(request.POST or None, initial={"country": (region.countries or [""])[0]})
    if request.method == "POST" and form.is_valid():
        org = _values_or_errors(
            request,
            form,
            lambda: services.organisation_create(user=request.user, region=region, values=form.values()),
        )
        if org is not None:
            messages.success(request, _("The organisation is added to the directory."))
            return redirect("keyplayers:organisation", slug=org.slug)
    return render(
        request, "keyplayers/form.html", {"form": form, "title": _("Add an organisation"), "region": region}
    )


@login_required
def organisation_edit(request: HttpRequest, slug: str) -> HttpResponse:
    org = selectors.organisation_get(user=request.user, slug=slug, action=Action.EDIT)
    form = OrganisationForm(request.POST or None, initial=OrganisationForm.initial_for(org))
    if request.method == "POST" and form.is_valid():
        done = _values_or_errors(
            request,
            form,
            lambda: services.organisation_update(user=request.user, organisation=org, values=form.values()),
        )
        if done is not None:
            messages.success(request, _("The changes are saved."))
            return redirect("keyplayers:organisation", slug=org.slug)
    return render(
        request,
        "keyplayers/form.html",
        {"form": form, "title": _("Edit %(name)s") % {"name": tr(org, "name")}, "org": org},
    )


@login_required
def service_add(request: HttpRequest, slug: str) -> HttpResponse:
    org = selectors.organisation_get(user=request.user, slug=slug, action=Action.EDIT)
    form = ServiceForm(request.POST or None, region=org.region)
    if request.method == "POST" and form.is_valid():
        done = _values_or_errors(
            request,
            form,
            lambda: services.service_create(user=request.user, organisation=org, values=form.values()),
        )
        if done is not None:
            messages.success(request, _("The service is added."))
            return redirect("keyplayers:organisation", slug=org.slug)
    return render(request, "keyplayers/form.html", {"form": form, "title": _("Add a service"), "org": org})


@login_required
def service_edit(request: HttpRequest, pk: int) -> HttpResponse:
    service = access(
        request.user, Service.objects.select_related("organisation__region"), action=Action.EDIT, pk=pk
    )
    org = service.organisation
    if request.method == "POST" and request.POST.get("delete"):
        services.service_delete(user=request.user, service=service)
        messages.success(request, _("The service is removed."))
        return redirect("keyplayers:organisation", slug=org.slug)
    initial = {f: getattr(service, f) for f in ServiceForm.base_fields if f not in ("instrument", "call")}
    initial |= {
        "instrument": service.instrument_id,
        "call": service.call_id,
        "translations": service.translations or {},
    }
    form = ServiceForm(request.POST or None, region=org.region, initial=initial)
    if request.method == "POST" and form.is_valid():
        done = _values_or_errors(
            request,
            form,
            lambda: services.service_update(user=request.user, service=service, values=form.values()),
        )
        if done is not None:
            messages.success(request, _("The changes are saved."))
            return redirect("keyplayers:organisation", slug=org.slug)
    return render(
        request,
        "keyplayers/form.html",
        {
            "form": form,
            "title": _("Edit %(name)s") % {"name": tr(service, "name")},
            "org": org,
            "deletable": True,
        },
    )


@login_required
def tie_add(request: HttpRequest, slug: str) -> HttpResponse:
    org = selectors.organisation_get(user=request.user, slug=slug, action=Action.EDIT)
    targets = visible(request.user, Organisation.objects.exclude(pk=org.pk)).order_by("region__order", "name")
    form = TieForm(request.POST or None, targets=targets)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        done = _values_or_errors(
            request,
            form,
            lambda: services.tie_create(
                user=request.user,
                source=org,
                target=data["target"],
                kind=data["kind"],
                strength=data["strength"],
                start_date=data["start_date"],
            ),
        )
        if done is not None:
            messages.success(request, _("The tie is recorded."))
            return redirect("keyplayers:organisation", slug=org.slug)
    return render(request, "keyplayers/form.html", {"form": form, "title": _("Record a tie"), "org": org})


@login_required
def tie_delete(request: HttpRequest, pk: int) -> HttpResponse:
    """Remove a tie: a confirmation page (GET), then the removal (POST with the CSRF token)."""
    tie = access(
        request.user,
        Tie.objects.select_related("source__region", "target__region"),
        action=Action.EDIT,
        pk=pk,
    )
    back = request.GET.get("from") or request.POST.get("from") or ""
    after = (
        tie.target if back == tie.target.slug and can(request.user, Action.VIEW, tie.target) else tie.source
    )
    if request.method == "POST":
        try:
            services.tie_delete(user=request.user, tie=tie)
        except services.NotAllowed as exc:
            raise PermissionDenied from exc
        messages.success(request, _("The tie is removed."))
        return redirect("keyplayers:organisation", slug=after.slug)
    return render(request, "keyplayers/tie_delete.html", {"tie": tie, "org": after, "back": back})


def region(request: HttpRequest, code: str) -> HttpResponse:
    reg = _region(code)
    lang = current()
    eco = selectors.region_ecosystem(user=request.user, region=reg)
    stages = list(dict.fromkeys(c.stage for c in eco.cells))
    dims = list(dict.fromkeys(c.dimension for c in eco.cells))
    by = {(c.dimension, c.stage): c for c in eco.cells}
    gap_cells = {(g.cell.dimension, g.cell.stage): g.rank for g in eco.gaps}
    matrix = [
        {
            "dimension": presenters.dimension_name(d, lang),
            "cells": [
                {
                    "cell": by[d, s],
                    "need": presenters.need_text(by[d, s]),
                    "gap": gap_cells.get((d, s)),
                    "heat": _heat(by[d, s].need),
                }
                for s in stages
            ],
        }
        for d in dims
    ]
    nodes = {o.slug: o for o in eco.organisations}
    for t in eco.ties:
        nodes.setdefault(t.source.slug, t.source)
        nodes.setdefault(t.target.slug, t.target)
    network_rows = [
        {"org": nodes[n.id], "m": n}
        for n in sorted(eco.network.nodes, key=lambda n: (-n.betweenness, -n.degree))
    ]
    may_edit = _may_edit_region(request.user, reg)
    drawing = network_spec(
        eco.network,
        {slug: tr(o, "name") for slug, o in nodes.items()},
        [(t.source.slug, t.target.slug, t.cross_border) for t in eco.ties],
    )
    names = {f"organisation:{o.slug}": tr(o, "name") for o in nodes.values()}
    names |= {f"service:{s.pk}": tr(s, "name") for s in eco.services}
    stored = (
        {i.key: i for i in selectors.improvement_list(user=request.user, region=reg)}
        if request.user.is_authenticated
        else {}
    )
    improvements = [
        {
            "text": presenters.finding_text(f.kind, dict(f.evidence), lang, names),
            "finding": f,
            "item": stored.get(f.key),
            # one form per item, with its own ids: labels reach their own fields
            "form": DecisionForm(
                auto_id=f"id_i{stored[f.key].pk}_%s",
                initial={
                    "status": stored[f.key].status,
                    "note": stored[f.key].note,
                    "for_action_plan": stored[f.key].for_action_plan,
                },
            )
            if f.key in stored
            else None,
        }
        for f in eco.findings
    ]
    return render(
        request,
        "keyplayers/region.html",
        {
            "region": reg,
            "eco": eco,
            "stages": [presenters.stage_name(s, lang) for s in stages],
            "matrix": matrix,
            "gaps": [
                {
                    "gap": g,
                    "dimension": presenters.dimension_name(g.cell.dimension, lang),
                    "stage": presenters.stage_name(g.cell.stage, lang),
                    "need": presenters.need_text(g.cell),
                }
                for g in eco.gaps
            ],
            "network_rows": network_rows,
            "drawing": drawing if eco.network.nodes else None,
            "cross_share": presenters.percent(eco.network.cross_border_share),
            "improvements": improvements,
            "may_edit": may_edit,
            "downloads": _export_links(reg, request.user),
            "language_source": presenters.language_source_text(eco.language_source),
            # from Python: a template's {% translate %} would look the "%" up as "%%"
            "language_caption": _(
                "Languages the region's SMEs report working in (survey, weighted; 95 % interval, n)"
            ),
            "language_rows": [
                {
                    "name": presenters.language_label(code),
                    "code": code,
                    "share": presenters.language_share_text(share),
                }
                for code, share in eco.languages
            ],
            "unserved": presenters.share_text(eco.unserved) if eco.unserved is not None else "",
            "any_demo": any(o.is_demo for o in eco.organisations),
        },
    )


@require_POST
@login_required
def improvements_refresh(request: HttpRequest, code: str) -> HttpResponse:
    reg = _region(code)
    try:
        items = services.improvements_refresh(user=request.user, region=reg)
    except services.NotAllowed as exc:
        raise PermissionDenied from exc
    messages.success(
        request, _("The improvement list is up to date: %(count)s items.") % {"count": len(items)}
    )
    return redirect("keyplayers:region", code=reg.code)


@require_POST
@login_required
def improvement_decide(request: HttpRequest, pk: int) -> HttpResponse:
    item = access(request.user, Improvement.objects.select_related("region"), action=Action.EDIT, pk=pk)
    form = DecisionForm(request.POST)
    if form.is_valid():
        services.improvement_decide(
            user=request.user,
            improvement=item,
            status=form.cleaned_data["status"],
            note=form.cleaned_data["note"],
            for_action_plan=form.cleaned_data["for_action_plan"],
        )
        messages.success(request, _("The decision is saved."))
    else:
        messages.error(request, _("The decision is not valid."))
    return redirect("keyplayers:region", code=item.region.code)


@login_required
def directory_import(request: HttpRequest, code: str) -> HttpResponse:
    """The region's partner uploads the three files; they are checked and shown before import."""
    reg = _region(code)
    if not _may_edit_region(request.user, reg):
        raise PermissionDenied
    form = DirectoryImportForm(request.POST or None, request.FILES or None)
    limit = imports.import_limits().max_bytes
    if request.method == "POST" and form.is_valid():
        uploads = {
            "ORGS": form.cleaned_data["organisations"],
            "SERVICES": form.cleaned_data["services"],
            "TIES": form.cleaned_data["ties"],
        }
        too_large = [
            name
            for name, f in zip(("organisations", "services", "ties"), uploads.values(), strict=True)
            if f.size > limit
        ]
        for name in too_large:  # refused before it is read into memory
            form.add_error(name, _("The file is larger than %(size)s MB.") % {"size": limit // (1024 * 1024)})
        if not too_large:
            try:
                staged = imports.directory_import_stage(
                    user=request.user,
                    region=reg,
                    files={k: (str(f.name), f.read()) for k, f in uploads.items()},
                    replace=form.cleaned_data["replace"],
                )
            except imports.NotAllowed as exc:
                raise PermissionDenied from exc
            except imports.ImportRejected as exc:
                form.add_error(None, str(exc))
            else:
                return redirect("keyplayers:directory_import_review", token=staged.token)
    return render(
        request,
        "keyplayers/import.html",
        {"region": reg, "form": form, "limit_mb": limit // (1024 * 1024)},
    )


def _staged(request: HttpRequest, token: str) -> DirectoryImport:
    """A staged import, for those who edit its region's directory (404 for everyone else: the token
    is theirs)."""
    staged = DirectoryImport.objects.select_related("region").filter(token=token).first()
    if staged is None or not _may_edit_region(request.user, staged.region):
        raise Http404
    return staged


@login_required
def directory_import_review(request: HttpRequest, token: str) -> HttpResponse:
    staged = _staged(request, token)
    if request.method == "POST":
        if staged.status == ImportStatus.CHECKED:
            try:
                staged = imports.directory_import_commit(user=request.user, staged=staged)
            except imports.NotAllowed as exc:
                raise PermissionDenied from exc
            except imports.ImportRejected as exc:
                messages.error(request, str(exc))
            if staged.status == ImportStatus.IMPORTED:
                result = staged.summary.get("result", {})
                messages.success(
                    request,
                    _(
                        "Imported: %(created)s organisations created, %(updated)s updated, "
                        "%(services)s services, %(ties)s ties."
                    )
                    % {
                        "created": result.get("organisations_created", 0),
                        "updated": result.get("organisations_updated", 0),
                        "services": result.get("services", 0),
                        "ties": result.get("ties", 0),
                    },
                )
                return redirect("keyplayers:region", code=staged.region.code)
        return redirect("keyplayers:directory_import_review", token=staged.token)
    return render(
        request,
        "keyplayers/import_review.html",
        {
            "staged": staged,
            "region": staged.region,
            "Status": ImportStatus,
            "problems": staged.problems[:200],
            "more": max(0, len(staged.problems) - 200),
        },
    )


@login_required
def directory_import_problems(request: HttpRequest, token: str) -> HttpResponse:
    staged = _staged(request, token)
    response = HttpResponse(imports.refused_rows_csv(staged), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="refused-rows-{staged.region.code}.csv"'
    return response


_CONTENT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def directory_export(request: HttpRequest, code: str, table: str, fmt: str) -> HttpResponse:
    """One table of the region's directory in the import's columns, as CSV or XLSX: its published
    entries for everyone, its drafts too for those who edit it (selectors.directory_entries)."""
    reg = _region(code)
    if table not in exports.DIRECTORY_TABLES or fmt not in exports.FORMATS:
        raise Http404
    tables = exports.directory_tables(user=request.user, region=reg)
    response = HttpResponse(
        exports.table_file(tables[table], fmt, title=table), content_type=_CONTENT_TYPES[fmt]
    )
    response["Content-Disposition"] = f'attachment; filename="{reg.code}-{table}.{fmt}"'
    response["Cache-Control"] = "private, no-store"
    return response


def _export_links(region: Region, user: Any) -> dict[str, Any]:
    """The download links of a region's directory, and whether they hold its drafts."""
    return {
        "region": region,
        "drafts": can_edit_directory(user, region.pk),
        "tables": [
            {
                "label": label,
                "links": [
                    (fmt.upper(), reverse("keyplayers:directory_export", args=[region.code, table, fmt]))
                    for fmt in exports.FORMATS
                ],
            }
            for table, label in (
                ("organisations", _("Organisations")),
                ("services", _("Services")),
                ("ties", _("Ties")),
            )
        ],
    }
