"""Pages of the preparedness test: the SME's way (start, a page per dimension, result, PDF, sharing)
and the regional partner's list of shared results. Views parse, call a service or selector, render."""

from __future__ import annotations

import uuid
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from interventures.apps.accounts.permissions import bound_region_id, can_export_region, is_staff_role
from interventures.apps.audit.services import export_record
from interventures.apps.common.charts import bar_chart
from interventures.apps.common.disclosure import min_cell
from interventures.core import capacity

from . import reports, selectors, services
from .forms import PageForm, RegionFilterForm, StartForm
from .models import Assessment

SESSION_KEY = "assessment_token"


def _lang() -> str:
    return reports.lang_code(get_language())


def _dimensions(assessment: Assessment) -> tuple[capacity.CapacityModel, tuple[capacity.Dimension, ...]]:
    model = capacity.load_model(assessment.model_version)
    return model, model.dimensions


def _own(request: HttpRequest, token: uuid.UUID) -> Assessment:
    """The assessment behind the link, for the SME itself (answering, sharing): 403 for an adviser."""
    assessment = selectors.assessment_for_token(user=request.user, token=token)
    if not selectors.may_edit(user=request.user, assessment=assessment):
        raise PermissionDenied
    return assessment


@require_http_methods(["GET", "POST"])
def start(request: HttpRequest) -> HttpResponse:
    lang = _lang()
    form = StartForm(
        request.POST or None,
        initial=selectors.start_initial(user=request.user),
        regions=selectors.region_choices(),
        sectors=selectors.sector_choices(lang),
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            assessment = services.assessment_start(
                region=form.region_object(),
                country=data.get("country", ""),
                nuts3=data.get("nuts3", ""),
                size_class=data["size_class"],
                sector=data["sector"],
                language=get_language() or "en",
                user=request.user,
            )
        except services.AssessmentError as exc:
            form.add_error(None, str(exc))
        else:
            # So that this browser finds its test again from the start page, even without the link.
            request.session[SESSION_KEY] = str(assessment.token)
            return redirect("assessment:step", token=assessment.token, number=1)
    mine = selectors.my_assessments(user=request.user, session_token=request.session.get(SESSION_KEY))
    return render(
        request,
        "assessment/start.html",
        {"form": form, "partner_view": is_staff_role(request.user), "mine": mine},
    )


def resume(request: HttpRequest, token: uuid.UUID) -> HttpResponse:
    """The resume link: continue at the first page with an unanswered item (or show the result)."""
    assessment = selectors.assessment_for_token(user=request.user, token=token)
    if assessment.is_completed:
        return redirect("assessment:result", token=token)
    model, dimensions = _dimensions(assessment)
    answered = set(selectors.answers_of(assessment=assessment))
    for number, dimension in enumerate(dimensions, start=1):
        if any(item.id not in answered for item in model.items_of(dimension.id)):
            return redirect("assessment:step", token=token, number=number)
    return redirect("assessment:step", token=token, number=len(dimensions))


@require_http_methods(["GET", "POST"])
def step(request: HttpRequest, token: uuid.UUID, number: int) -> HttpResponse:
    assessment = _own(request, token)
    if assessment.is_completed:
        messages.info(request, _("This test is completed; here is its result."))
        return redirect("assessment:result", token=token)
    model, dimensions = _dimensions(assessment)
    if not 1 <= number <= len(dimensions):
        return redirect("assessment:resume", token=token)
    lang = _lang()
    dimension = dimensions[number - 1]
    items = model.items_of(dimension.id)
    form_args: dict[str, Any] = {"items": items, "lang": lang, "dont_know_label": model.dont_know_label[lang]}
    if request.method == "POST":
        form = PageForm(request.POST, **form_args)
        if form.is_valid():
            try:
                services.answers_save(assessment=assessment, answers=form.answers())
                if request.POST.get("go") == "back" and number > 1:
                    return redirect("assessment:step", token=token, number=number - 1)
                if number < len(dimensions):
                    return redirect("assessment:step", token=token, number=number + 1)
                services.assessment_complete(assessment=assessment)
                return redirect("assessment:result", token=token)
            except capacity.AnswerError as exc:
                form.add_error(
                    exc.item_id if exc.item_id in form.fields else None,
                    _("This answer is not one of the options."),
                )
            except services.AssessmentError as exc:
                messages.error(request, str(exc))
                return redirect("assessment:result", token=token)
    else:
        form = PageForm(initial=selectors.answers_of(assessment=assessment), **form_args)
    return render(
        request,
        "assessment/step.html",
        {
            "assessment": assessment,
            "form": form,
            "dimension_name": dimension.name[lang],
            "dimension_description": dimension.description[lang],
            "number": number,
            "total": len(dimensions),
            "percent": round(100 * (number - 1) / len(dimensions)),
            "is_last": number == len(dimensions),
            "offers_dont_know": any(item.allow_dont_know for item in items),
            "resume_url": request.build_absolute_uri(reverse("assessment:resume", kwargs={"token": token})),
            "autosave_texts": {
                "saved": _("Saved"),
                "failed": _("Not saved yet: it will be saved when you continue."),
                "retrying": _("Not saved yet: trying again…"),
                "queued": _(
                    "The connection to the server is lost for a moment. Your latest answers are kept "
                    "on this page and sent again automatically; do not close it yet."
                ),
            },
        },
    )


@require_POST
def autosave(request: HttpRequest, token: uuid.UUID) -> JsonResponse:
    """One answer, as it is given (static/assessment/autosave.js posts every change here)."""
    assessment = _own(request, token)
    item_id, value = request.POST.get("item", ""), request.POST.get("value", "")
    try:
        services.answer_save(assessment=assessment, item_id=item_id, value=value)
    except capacity.AnswerError as exc:
        return JsonResponse({"saved": False, "item": exc.item_id, "error": exc.message}, status=400)
    except services.AssessmentError as exc:
        return JsonResponse({"saved": False, "item": item_id, "error": str(exc)}, status=409)
    return JsonResponse({"saved": True, "item": item_id})


def _completed(request: HttpRequest, token: uuid.UUID) -> Assessment | HttpResponse:
    assessment = selectors.assessment_for_token(user=request.user, token=token)
    if not assessment.is_completed:
        messages.info(request, _("Finish the test to see your result."))
        return redirect("assessment:resume", token=token)
    return assessment


def result(request: HttpRequest, token: uuid.UUID) -> HttpResponse:
    assessment = _completed(request, token)
    if isinstance(assessment, HttpResponse):
        return assessment
    report = reports.result_report(assessment=assessment, lang=_lang())
    return render(
        request,
        "assessment/result.html",
        {
            "report": report,
            "assessment": assessment,
            "chart": report.chart(),
            "is_owner": selectors.may_edit(user=request.user, assessment=assessment),
            "min_cell": min_cell(),
            "resume_url": request.build_absolute_uri(reverse("assessment:resume", kwargs={"token": token})),
        },
    )


def result_pdf(request: HttpRequest, token: uuid.UUID) -> HttpResponse:
    assessment = _completed(request, token)
    if isinstance(assessment, HttpResponse):
        return assessment
    from .pdf import result_pdf as render_pdf

    report = reports.result_report(assessment=assessment, lang=_lang())
    response = HttpResponse(render_pdf(report), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="preparedness-test-{str(token)[:8]}.pdf"'
    return response


@require_POST
def share(request: HttpRequest, token: uuid.UUID) -> HttpResponse:
    assessment = _own(request, token)
    if request.POST.get("share") == "1" and not request.POST.get("consent"):
        # The box is required in the page too; this holds for any client that skips it.
        messages.error(request, _("Tick the box to agree to sharing; your result was not shared."))
        return redirect("assessment:result", token=token)
    try:
        if request.POST.get("share") == "1":
            services.assessment_share(assessment=assessment)
            messages.success(request, _("Your result is now shared with your regional partner's advisers."))
        else:
            services.assessment_unshare(assessment=assessment)
            messages.success(request, _("Your result is no longer shared."))
    except services.AssessmentError as exc:
        messages.error(request, str(exc))
    return redirect("assessment:result", token=token)


@login_required
@require_POST
def claim(request: HttpRequest, token: uuid.UUID) -> HttpResponse:
    assessment = _own(request, token)
    try:
        services.assessment_claim(assessment=assessment, user=request.user)
        messages.success(request, _("The test is kept in your account."))
    except services.AssessmentError as exc:
        messages.error(request, str(exc))
    return redirect("assessment:resume", token=token)


# --- the regional partner -------------------------------------------------------------------------


def _partner_scope(request: HttpRequest) -> tuple[int | None, Any]:
    """(region id to list, the region) for partnership staff; a partner is bound to its own region."""
    if not is_staff_role(request.user):
        raise PermissionDenied
    regions = selectors.region_choices()
    own_region_id = bound_region_id(request.user)
    if own_region_id is not None:
        region = next((r for r in regions if r.pk == own_region_id), None)
        return own_region_id, region
    code = request.GET.get("region", "")
    region = next((r for r in regions if r.code == code), None)
    return (region.pk if region else None), region


def _filtered(request: HttpRequest, region_id: int | None, lang: str) -> tuple[RegionFilterForm, Any]:
    model = capacity.load_model()
    form = RegionFilterForm(
        request.GET or None,
        stages=[(s.id, s.name[lang]) for s in model.stages],
        sectors=selectors.sector_choices(lang),
    )
    filters = form.cleaned_data if form.is_valid() else {}
    queryset = selectors.shared_results(
        user=request.user,
        region_id=region_id,
        stage=filters.get("stage", ""),
        sector=filters.get("sector", ""),
        size_class=filters.get("size_class", ""),
    )
    return form, queryset


RESULTS_PER_PAGE = 50


@login_required
def region_results(request: HttpRequest) -> HttpResponse:
    region_id, region = _partner_scope(request)
    lang = _lang()
    model = capacity.load_model()
    form, queryset = _filtered(request, region_id, lang)
    page = Paginator(queryset, RESULTS_PER_PAGE).get_page(request.GET.get("page"))
    rows = list(page.object_list)
    filters = request.GET.copy()
    filters.pop("page", None)
    n, distribution = selectors.stage_distribution(queryset=queryset)
    averages = selectors.dimension_averages(queryset=queryset)
    stages = [{"name": s.name[lang], "count": (distribution or {}).get(s.id, 0)} for s in model.stages]
    dimensions = [
        {"name": d.name[lang], "average": averages.by_dimension.get(d.id)} for d in model.dimensions
    ]
    stage_names = {s.id: s.name[lang] for s in model.stages}
    sector_names = dict(selectors.sector_choices(lang))
    stage_chart = (
        bar_chart(
            stages, category="name", value="count", category_title=_("Stage"), value_title=_("Enterprises")
        )
        if distribution is not None
        else None
    )
    return render(
        request,
        "assessment/region_results.html",
        {
            "region": region,
            "regions": selectors.region_choices() if bound_region_id(request.user) is None else [],
            "form": form,
            "rows": [(a, stage_names.get(a.stage, a.stage), sector_names.get(a.sector, "")) for a in rows],
            "n": n,
            "stages": stages,
            "distribution_shown": distribution is not None,
            "stage_chart": stage_chart,
            "dimensions": dimensions,
            "averages_shown": not averages.suppressed,
            "min_cell": min_cell(),
            "query": filters.urlencode(),
            "page": page,
        },
    )


@login_required
def region_export(request: HttpRequest, fmt: str) -> HttpResponse:
    region_id, _region = _partner_scope(request)
    if not can_export_region(request.user, region_id):
        raise PermissionDenied
    lang = _lang()
    model = capacity.load_model()
    _form, queryset = _filtered(request, region_id, lang)
    header = reports.export_header(model, lang)
    rows = list(reports.export_rows(queryset.prefetch_related("dimension_scores"), model, lang))
    export_record(
        user=request.user,
        what="assessment.Assessment",
        object_label=_region.label if _region is not None else "",
        region_id=region_id,
        details={"format": fmt, "filters": request.GET.urlencode()[:300], "rows": len(rows)},
    )
    if fmt == "xlsx":
        response = HttpResponse(
            reports.to_xlsx(header, rows, title=_("Shared results")),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
    else:
        # With a byte-order mark, Excel opens the UTF-8 file with its accents intact.
        response = HttpResponse(
            reports.to_csv(header, rows).encode("utf-8-sig"), content_type="text/csv; charset=utf-8"
        )
    response["Content-Disposition"] = f'attachment; filename="preparedness-results.{fmt}"'
    return response
