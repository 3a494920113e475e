"""Partner pages of the surveys domain: campaigns, invitations, imports and exports, population figures, the questionnaire list."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from interventures.apps.accounts.permissions import Action, bound_region_id, can, is_staff_role
from interventures.apps.audit.services import export_record
from interventures.apps.common import languages
from interventures.apps.common.translated import tr
from interventures.core.survey import Form
from interventures.core.survey.choicefiles import MAX_FILE_BYTES as CHOICE_FILE_MAX_BYTES
from interventures.core.survey.choicefiles import referenced_files
from interventures.core.survey.media import MEDIA_QUESTION_TYPES
from interventures.core.survey.tabular import LimitError
from interventures.core.survey.types import REGISTRY

from .. import exports, selectors, services
from ..exports import rejected_csv
from ..forms import (
    CampaignForm,
    ImportUploadForm,
    InvitationForm,
    MappingForm,
    PopulationUploadForm,
    XLSFormUploadForm,
)
from ..models import ImportMode, ImportStatus
from ..services.messages import reason_lines

CONTENT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "sav": "application/x-spss-sav",
    "parquet": "application/vnd.apache.parquet",
}


def _staff(request: HttpRequest) -> None:
    if not is_staff_role(request.user):
        raise PermissionDenied


# ---- partner pages -----------------------------------------------------------------------------


@login_required
def campaign_list(request: HttpRequest) -> HttpResponse:
    _staff(request)
    campaigns = list(selectors.campaign_list(user=request.user))
    return render(request, "surveys/campaign_list.html", {"campaigns": campaigns})


@login_required
def campaign_detail(request: HttpRequest, pk: int) -> HttpResponse:
    _staff(request)
    campaign = selectors.campaign_get(user=request.user, pk=pk)
    may_export = selectors.campaign_microdata_allowed(user=request.user, campaign=campaign)
    if request.method == "POST":
        if not may_export:
            raise PermissionDenied
        form = InvitationForm(request.POST)
        if form.is_valid():
            services.invitations_create(campaign=campaign, n=form.cleaned_data["n"])
            messages.success(request, _("Personal links created."))
            return redirect("surveys:campaign_detail", pk=campaign.pk)
    else:
        form = InvitationForm()
    invitations = selectors.invitations_recent(campaign=campaign) if may_export else []
    return render(
        request,
        "surveys/campaign_detail.html",
        {
            "campaign": campaign,
            "form_def": campaign.version.form,
            "counts": selectors.campaign_counts(campaign=campaign),
            "sources": selectors.campaign_source_counts(campaign=campaign),
            "may_export": may_export,
            "public_url": request.build_absolute_uri(reverse("surveys:start", args=[campaign.slug])),
            # Personal links as whole addresses, ready to paste into an e-mail.
            "invitations": [
                (request.build_absolute_uri(reverse("surveys:invitation", args=[inv.token])), inv)
                for inv in invitations
            ],
            "invitation_form": form,
            "imports": selectors.import_job_list(user=request.user, campaign=campaign)[:20]
            if may_export
            else [],
            "formats": exports.FORMATS,
            "has_files": any(q.type in MEDIA_QUESTION_TYPES for q in campaign.version.form.questions),
        },
    )


@login_required
def campaign_export(request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
    campaign = selectors.campaign_get(user=request.user, pk=pk)
    if fmt not in exports.FORMATS:
        raise Http404
    if not selectors.campaign_microdata_allowed(user=request.user, campaign=campaign):
        raise PermissionDenied
    data = exports.export(campaign, fmt, language=get_language() or "en")
    export_record(
        user=request.user,
        what="surveys.Campaign",
        object_id=str(campaign.pk),
        object_label=campaign.name,
        region_id=campaign.region_id,
        details={"format": fmt},
    )
    # An export of a form with repeats is a zip of one file per repeat (CSV as ODK Central's), but .xlsx.
    zipped = exports.is_zip(campaign, fmt)
    response = HttpResponse(data, content_type="application/zip" if zipped else CONTENT_TYPES[fmt])
    extension = f"{fmt}.zip" if zipped else fmt
    response["Content-Disposition"] = f'attachment; filename="{campaign.slug}.{extension}"'
    return response


@login_required
def import_upload(request: HttpRequest, pk: int) -> HttpResponse:
    campaign = selectors.campaign_get(user=request.user, pk=pk)
    if not selectors.campaign_microdata_allowed(user=request.user, campaign=campaign):
        raise PermissionDenied
    form = ImportUploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        limits = services.import_limits()
        try:
            if upload.size > limits.max_bytes:  # refused before it is read into memory
                raise services.SurveyError(
                    services.limit_message(
                        LimitError("too_large", "", size=upload.size, limit=limits.max_bytes)
                    )
                )
            job = services.import_upload(
                campaign=campaign,
                data=upload.read(),
                filename=upload.name,
                fmt=form.cleaned_data["format"],
                mode=form.cleaned_data["mode"],
                encoding=form.cleaned_data["encoding"] or None,
                delimiter=form.cleaned_data["delimiter"] or None,
                user=request.user,
            )
        except services.SurveyError as exc:
            form.add_error("file", str(exc))
        else:
            return redirect("surveys:import_mapping", pk=job.pk)
    return render(
        request,
        "surveys/import_upload.html",
        {"campaign": campaign, "form": form, "limits": services.import_limits()},
    )


def _targets(form_def: Form, language: str) -> list[tuple[str, str]]:
    return [
        (q.name, f"{q.name} — {q.label_in(language, form_def.default_language)}")
        for q in form_def.answerable()
    ]


@login_required
def import_mapping(request: HttpRequest, pk: int) -> HttpResponse:
    job = selectors.import_job_get(user=request.user, pk=pk)
    if job.status != ImportStatus.UPLOADED:
        return redirect("surveys:import_result", pk=job.pk)
    form_def = job.campaign.version.form
    rows = selectors.import_mapping_rows(job=job)
    form = MappingForm(
        request.POST or None,
        columns=[r.column for r in rows],
        mapping=job.mapping,
        targets=_targets(form_def, get_language() or "en"),
    )
    problems: list[str] = []
    if request.method == "POST" and form.is_valid():
        mode = request.POST.get("mode") or None
        services.import_set_mapping(job=job, mapping=form.mapping(), mode=mode)
        try:
            job = services.import_start(job=job)
        except services.SurveyError as exc:
            problems = [str(exc), *exc.problems]
        else:
            return redirect("surveys:import_result", pk=job.pk)
    table: list[dict[str, Any]] = [
        {
            "row": row,
            "field": form[f"col_{i}"],
            # a tick only while the choice is still the automatic match
            "matched": bool(row.automatic) and form[f"col_{i}"].value() == row.automatic,
        }
        for i, row in enumerate(rows)
    ]
    unmatched = [t for t in table if not t["field"].value()]
    return render(
        request,
        "surveys/import_mapping.html",
        {
            "job": job,
            "form": form,
            "table": table,
            "n_matched": sum(1 for t in table if t["matched"]),
            "unmatched": unmatched,
            "problems": problems,
            "modes": ImportMode.choices,
        },
    )


@login_required
def import_result(request: HttpRequest, pk: int) -> HttpResponse:
    job = selectors.import_job_get(user=request.user, pk=pk)
    if job.status == ImportStatus.RUNNING and services.import_recover(campaign=job.campaign):
        job = selectors.import_job_get(user=request.user, pk=pk)  # its worker was lost
    if request.method == "POST" and job.status == ImportStatus.FAILED:
        try:
            job = services.import_retry(job=job)
        except services.SurveyError as exc:
            messages.error(request, str(exc))
        return redirect("surveys:import_result", pk=job.pk)
    rejected = [
        {"row_number": r.row_number, "reasons": reason_lines(r.reasons)}
        for r in job.rejected_rows.all()[:100]
    ]
    return render(
        request,
        "surveys/import_result.html",
        {
            "job": job,
            "rejected": rejected,
            "Status": ImportStatus,
            "worker_lost": job.options.get("failure") == services.IMPORT_WORKER_LOST,
        },
    )


@login_required
def import_rejected(request: HttpRequest, pk: int) -> HttpResponse:
    job = selectors.import_job_get(user=request.user, pk=pk)
    body = rejected_csv(job)
    export_record(
        user=request.user,
        what="surveys.ImportJob",
        object_id=str(job.pk),
        object_label=job.original_name,
        region_id=job.campaign.region_id,
        details={"format": "csv", "rows": "rejected"},
    )
    response = HttpResponse(body, content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="rejected-rows-{job.pk}.csv"'
    return response


@login_required
def population(request: HttpRequest) -> HttpResponse:
    _staff(request)

    form = PopulationUploadForm(request.POST or None, request.FILES or None)
    problems: list[str] = []
    if request.method == "POST" and form.is_valid():
        region_id = bound_region_id(request.user)
        try:
            n = services.population_upload(data=form.cleaned_data["file"].read(), region_id=region_id)
        except services.SurveyError as exc:
            problems = [str(exc), *exc.problems]
        else:
            messages.success(request, _("%(n)s population figures saved.") % {"n": n})
            return redirect("surveys:population")
    counts = selectors.population_list(user=request.user)
    return render(request, "surveys/population.html", {"form": form, "counts": counts, "problems": problems})


def _own_region_id(request: HttpRequest) -> int | None:
    """The region a partner works for (None for the coordinator and the administrator)."""
    return bound_region_id(request.user)


@login_required
def questionnaire_list(request: HttpRequest) -> HttpResponse:
    _staff(request)
    form = XLSFormUploadForm(request.POST or None, request.FILES or None)
    problems: list[str] = []
    if request.method == "POST" and form.is_valid():
        try:
            q = services.questionnaire_import_xlsform(
                data=form.cleaned_data["file"].read(),
                filename=form.cleaned_data["file"].name,
                name=form.cleaned_data["name"] or None,
                region_id=_own_region_id(request),
            )
        except services.SurveyError as exc:
            problems = [str(exc), *exc.problems]
        else:
            messages.success(request, _("Questionnaire imported."))
            return redirect("surveys:questionnaire_detail", pk=q.pk)
    questionnaires = selectors.questionnaire_list(user=request.user)
    return render(
        request,
        "surveys/questionnaire_list.html",
        {"questionnaires": questionnaires, "form": form, "problems": problems},
    )


@login_required
def questionnaire_detail(request: HttpRequest, pk: int) -> HttpResponse:
    _staff(request)
    questionnaire = selectors.questionnaire_get(user=request.user, pk=pk)
    may_edit = can(request.user, Action.EDIT, questionnaire)
    problems: list[str] = []
    upload = XLSFormUploadForm(request.POST or None, request.FILES or None) if may_edit else None
    if request.method == "POST":
        if request.POST.get("action") == "copy":
            copy = services.questionnaire_copy_adapted(
                source=questionnaire, region_id=_own_region_id(request)
            )
            messages.success(
                request, _("Copied: download it as XLSForm, adapt it and upload it as a new version.")
            )
            return redirect("surveys:questionnaire_detail", pk=copy.pk)
        if not may_edit:
            raise PermissionDenied
        if request.POST.get("action") == "choice_file":
            return _choice_file(request, questionnaire)
        if upload is not None and upload.is_valid():
            try:
                version = services.questionnaire_revise_xlsform(
                    questionnaire=questionnaire,
                    data=upload.cleaned_data["file"].read(),
                    filename=upload.cleaned_data["file"].name,
                )
            except services.SurveyError as exc:
                problems = [str(exc), *exc.problems]
            else:
                messages.success(request, _("Version %(n)s saved.") % {"n": version.number})
                return redirect("surveys:questionnaire_detail", pk=questionnaire.pk)
    language = get_language() or "en"
    form_def = questionnaire.current.web_form  # with its attached choice files
    attached = questionnaire.current.attachments or {}
    choice_files = [
        {"name": name, "n": len(attached.get(name) or [])}
        for name in referenced_files(questionnaire.current.form)
    ]
    rows = [
        {
            "name": q.name,
            "type": q.type,
            "label": q.label_in(language, form_def.default_language) if q.label else "",
            "depth": len(q.group),
            "relevant": q.relevant,
            "required": q.required,
        }
        for q in form_def.questions
        if q.type != "end_group"
    ]
    # What the form keeps but the web form does not do: said, in the reader's language.
    not_asked = [
        {
            "name": q.name,
            "type": q.type,
            "label": q.label_in(language, form_def.default_language) if q.label else "",
            "automatic": REGISTRY[q.type].automatic,
            "repeat": form_def.in_repeat(q),
        }
        for q in form_def.not_asked()
    ]

    def language_name(code: str) -> str:
        try:
            return languages.endonym(code)
        except KeyError:  # a language outside Django's list: named as the form names it
            return form_def.language_names.get(code) or code

    missing_labels = [
        {"kind": kind, "name": name, "languages": ", ".join(language_name(x) for x in langs)}
        for kind, name, langs in form_def.missing_labels()
    ]
    unevaluated = [{"name": name, "column": column} for name, column in form_def.unevaluated()]
    return render(
        request,
        "surveys/questionnaire_detail.html",
        {
            "questionnaire": questionnaire,
            "form_def": form_def,
            "rows": rows,
            "not_asked": not_asked,
            "missing_labels": missing_labels,
            "unevaluated": unevaluated,
            "versions": questionnaire.versions.all(),
            "may_edit": may_edit,
            "upload": upload,
            "problems": problems,
            "choice_files": choice_files,
            "choice_file_max": CHOICE_FILE_MAX_BYTES,
        },
    )


def _choice_file(request: HttpRequest, questionnaire: Any) -> HttpResponse:
    """The questionnaire page's "Attach" button: a choice file its select_*_from_file questions name."""
    upload = request.FILES.get("choice_file")
    if upload is None:
        messages.error(request, _("Choose the file to attach."))
    elif (upload.size or 0) > CHOICE_FILE_MAX_BYTES:
        messages.error(request, _("Choice files of up to 2 MB are read."))
    else:
        try:
            n = services.version_choice_file_attach(
                user=request.user,
                version=questionnaire.current,
                filename=upload.name or "",
                data=upload.read(),
            )
        except services.SurveyError as exc:
            messages.error(request, str(exc))
        else:
            messages.success(
                request, _("%(name)s attached; choices in the file: %(n)s.") % {"name": upload.name, "n": n}
            )
    return redirect("surveys:questionnaire_detail", pk=questionnaire.pk)


@login_required
def campaign_files(request: HttpRequest, pk: int) -> HttpResponse:
    """The files respondents gave on the web form (image, audio, video, file questions), for those
    who may see the campaign's microdata."""
    _staff(request)
    campaign = selectors.campaign_get(user=request.user, pk=pk)
    if not selectors.campaign_microdata_allowed(user=request.user, campaign=campaign):
        raise PermissionDenied
    return render(
        request,
        "surveys/campaign_files.html",
        {"campaign": campaign, "files": selectors.response_file_list(campaign=campaign)},
    )


@login_required
def campaign_file(request: HttpRequest, pk: int, token: str) -> HttpResponseBase:
    """One file, as a download (never shown inline: its content is the respondent's)."""
    from django.http import FileResponse

    _staff(request)
    campaign = selectors.campaign_get(user=request.user, pk=pk)
    if not selectors.campaign_microdata_allowed(user=request.user, campaign=campaign):
        raise PermissionDenied
    record = selectors.response_file_get(campaign=campaign, token=token)
    if record is None:
        raise Http404
    response = FileResponse(
        record.file.open("rb"), as_attachment=True, filename=record.name, content_type=record.content_type
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response


@login_required
def questionnaire_xlsform(request: HttpRequest, pk: int) -> HttpResponse:
    from interventures.core.survey.xlsform import xlsform_bytes

    _staff(request)
    questionnaire = selectors.questionnaire_get(user=request.user, pk=pk)
    response = HttpResponse(xlsform_bytes(questionnaire.current.form), content_type=CONTENT_TYPES["xlsx"])
    response["Content-Disposition"] = f'attachment; filename="questionnaire-{questionnaire.pk}.xlsx"'
    return response


@login_required
def standard_xlsform(request: HttpRequest) -> HttpResponse:
    """The standard questionnaire's XLSForm file as shipped, to field it in KoboToolbox or ODK."""
    from interventures.core.survey.standard import standard_xlsform as shipped

    _staff(request)
    filename, data = shipped()
    response = HttpResponse(data, content_type=CONTENT_TYPES["xlsx"])
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@login_required
def campaign_create(request: HttpRequest) -> HttpResponse:
    _staff(request)
    own_region = _own_region_id(request)
    questionnaires = [(str(q.pk), tr(q, "name")) for q in selectors.questionnaire_list(user=request.user)]
    regions = None if own_region else selectors.region_choices()
    form = CampaignForm(request.POST or None, questionnaires=questionnaires, regions=regions)
    if request.method == "POST" and form.is_valid():
        questionnaire = selectors.questionnaire_get(
            user=request.user, pk=int(form.cleaned_data["questionnaire"])
        )
        region_id = own_region or int(form.cleaned_data["region"])
        try:
            campaign = services.campaign_create(
                region_id=region_id,
                name=form.cleaned_data["name"],
                version=questionnaire.current,
                languages=form.cleaned_data["languages"],
                opens_at=form.cleaned_data["opens_at"],
                closes_at=form.cleaned_data["closes_at"],
                target_n=form.cleaned_data["target_n"],
                public=form.cleaned_data["public"],
            )
        except services.SurveyError as exc:
            form.add_error(None, str(exc))
        else:
            return redirect("surveys:campaign_detail", pk=campaign.pk)
    return render(request, "surveys/campaign_form.html", {"form": form})
