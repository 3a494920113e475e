"""Pages of the situation analysis: the five-region comparison, each region's report (page, PDF,
DOCX, CSV), the SWOT editor and the progress of background runs. Views parse, call and render."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from interventures.apps.common import languages
from interventures.apps.common.disclosure import min_cell
from interventures.apps.common.models import Region
from interventures.apps.common.translated import tr
from interventures.apps.partnership.selectors import region_by_code, region_languages, region_plain_list

from . import documents, selectors, services
from .comparison import build_comparison
from .forms import SituationReportForm
from .models import RunStatus, SituationReport
from .report import build_document


def _lang() -> str:
    return languages.current()


def _region(code: str) -> Region:
    region = region_by_code(code=code)
    if region is None:
        raise Http404
    return region


def _report_for(request: HttpRequest, region: Region) -> SituationReport:
    """The region's report as the user may see it: 404 when it is an unpublished draft they may not see."""
    report = selectors.situation_report_get(user=request.user, region=region)
    if report is not None:
        return report
    draft = selectors.situation_report_draft(region=region)
    if selectors.situation_report_exists(region=region) or not selectors.situation_report_can_view(
        user=request.user, report=draft
    ):
        raise Http404
    return draft


def _document_languages(region: Region) -> list[str]:
    return ["en", *[lang for lang in region_languages(region) if lang != "en" and lang in languages.codes()]]


def comparison(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "analysis/comparison.html",
        {
            "comparison": build_comparison(lang=_lang()),
            "region_links": [
                (r.code, tr(r, "name"))
                for r in selectors.region_report_links(user=request.user, regions=region_plain_list())
            ],
            "min_cell": min_cell(),
            "can_run": selectors.run_can_start(user=request.user, region=None),
            "pending": selectors.run_pending(region=None),
        },
    )


def comparison_csv(request: HttpRequest) -> HttpResponse:
    response = HttpResponse(
        documents.figures_csv(run=selectors.run_latest(region=None)), content_type="text/csv; charset=utf-8"
    )
    response["Content-Disposition"] = 'attachment; filename="situation-analysis-comparison.csv"'
    return response


def region_report(request: HttpRequest, code: str) -> HttpResponse:
    region = _region(code)
    report = _report_for(request, region)
    lang = _lang()
    return render(
        request,
        "analysis/region_report.html",
        {
            "region": region,
            "region_name": tr(region, "name"),
            "doc": build_document(region=region, lang=lang, report=report if report.pk else None),
            "download_languages": [
                (code_, languages.endonym(code_)) for code_ in _document_languages(region)
            ],
            "can_edit": selectors.situation_report_can_edit(user=request.user, report=report),
            "can_run": selectors.run_can_start(user=request.user, region=region),
            "pending": selectors.run_pending(region=region),
        },
    )


def download(request: HttpRequest, code: str, fmt: str) -> HttpResponse:
    region = _region(code)
    report = _report_for(request, region)
    lang = request.GET.get("lang", "en")
    if lang not in _document_languages(region):
        raise Http404
    doc = build_document(region=region, lang=lang, report=report if report.pk else None)
    name = f"situation-analysis-{region.code}-{lang}"
    if fmt == "pdf":
        response = HttpResponse(documents.report_pdf(doc), content_type="application/pdf")
    elif fmt == "docx":
        response = HttpResponse(
            documents.report_docx(doc),
            content_type="application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        )
    elif fmt == "csv":
        response = HttpResponse(documents.figures_csv(doc), content_type="text/csv; charset=utf-8")
        name = f"situation-analysis-{region.code}-figures"
    else:
        raise Http404
    response["Content-Disposition"] = f'attachment; filename="{name}.{fmt}"'
    return response


def edit(request: HttpRequest, code: str) -> HttpResponse:
    region = _region(code)
    report = _report_for(request, region)
    if not selectors.situation_report_can_edit(user=request.user, report=report):
        raise PermissionDenied
    editable = _document_languages(region)
    edit_lang = request.POST.get("lang") or request.GET.get("lang") or "en"
    if edit_lang not in editable:
        edit_lang = "en"
    if request.method == "POST":
        form = SituationReportForm(request.POST)
        if form.is_valid():
            swot = form.swot()
            try:
                services.situation_report_save(
                    region=region,
                    user=request.user,
                    conclusions=form.cleaned_data["conclusions"],
                    published=form.cleaned_data["published"],
                    lang=edit_lang,
                    **swot,
                )
            except services.AnalysisError as exc:
                form.add_error(None, str(exc))
            else:
                messages.success(request, _("The SWOT and conclusions are saved."))
                return redirect("analysis:region", code=region.code)
    else:
        form = SituationReportForm(
            initial=SituationReportForm.initial_from(
                report.swot_in(edit_lang), report.conclusions_in(edit_lang), report.published
            )
        )
    return render(
        request,
        "analysis/edit.html",
        {
            "region": region,
            "region_name": tr(region, "name"),
            "form": form,
            "edit_lang": edit_lang,
            "edit_languages": [(code_, languages.endonym(code_)) for code_ in editable],
        },
    )


@require_POST
def run_start(request: HttpRequest, code: str) -> HttpResponse:
    region = None if code == "ALL" else _region(code)
    try:
        run = services.analysis_run_create(user=request.user, region=region)
    except services.AnalysisError as exc:
        messages.error(request, str(exc))
        return redirect(
            "analysis:comparison" if region is None else "analysis:region",
            *([] if region is None else [code]),
        )
    return redirect("analysis:run", pk=run.pk)


def run_detail(request: HttpRequest, pk: int) -> HttpResponse:
    run = selectors.run_get(user=request.user, pk=pk)
    done_url = (
        reverse("analysis:comparison")
        if run.region is None
        else reverse("analysis:region", args=[run.region.code])
    )
    return render(
        request,
        "analysis/run.html",
        {
            "run": run,
            "scope_name": tr(run.region, "name") if run.region else _("the five regions pooled"),
            "done_url": done_url,
            "labels": {value: str(label) for value, label in RunStatus.choices},
            "Status": RunStatus,
        },
    )


def run_status(request: HttpRequest, pk: int) -> JsonResponse:
    return JsonResponse(selectors.run_status(selectors.run_get(user=request.user, pk=pk)))
