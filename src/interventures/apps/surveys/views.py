"""Views of the surveys domain: partner pages (campaigns, imports, exports, population figures) and the
public respondent form. Views parse, call a service or selector, and render."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Exists, OuterRef
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse, translate_url
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from interventures.apps.accounts.permissions import Action, bound_region_id, can, is_staff_role
from interventures.apps.common.translated import tr
from interventures.core.survey import Form, Question, relevant_names
from interventures.core.survey.tabular import LimitError
from interventures.core.survey.types import REGISTRY

from . import exports, selectors, services
from .forms import (
    CampaignForm,
    ImportUploadForm,
    InvitationForm,
    MappingForm,
    PopulationUploadForm,
    QuestionnaireLanguagesForm,
    XLSFormUploadForm,
)
from .imports import reason_lines, rejected_csv
from .models import Campaign, Invitation, Response, ResponseStatus

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
    invitations = (
        list(
            Invitation.objects.filter(campaign=campaign)
            .annotate(answered=Exists(Response.objects.filter(invitation=OuterRef("pk"))))
            .order_by("-pk")[:50]
        )
        if may_export
        else []
    )
    return render(
        request,
        "surveys/campaign_detail.html",
        {
            "campaign": campaign,
            "form_def": campaign.version.form,
            "counts": selectors.campaign_counts(campaign=campaign),
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
    response = HttpResponse(data, content_type=CONTENT_TYPES[fmt])
    response["Content-Disposition"] = f'attachment; filename="{campaign.slug}.{fmt}"'
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
    if job.status != "uploaded":
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
    table = [
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
        },
    )


@login_required
def import_result(request: HttpRequest, pk: int) -> HttpResponse:
    job = selectors.import_job_get(user=request.user, pk=pk)
    rejected = [
        {"row_number": r.row_number, "reasons": reason_lines(r.reasons)}
        for r in job.rejected_rows.all()[:100]
    ]
    return render(request, "surveys/import_result.html", {"job": job, "rejected": rejected})


@login_required
def import_rejected(request: HttpRequest, pk: int) -> HttpResponse:
    job = selectors.import_job_get(user=request.user, pk=pk)
    response = HttpResponse(rejected_csv(job), content_type="text/csv; charset=utf-8")
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
    form_def = questionnaire.current.form
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
    return render(
        request,
        "surveys/questionnaire_detail.html",
        {
            "questionnaire": questionnaire,
            "form_def": form_def,
            "rows": rows,
            "versions": questionnaire.versions.all(),
            "may_edit": may_edit,
            "upload": upload,
            "problems": problems,
        },
    )


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
    from interventures.apps.common.models import Region

    _staff(request)
    own_region = _own_region_id(request)
    questionnaires = [(str(q.pk), tr(q, "name")) for q in selectors.questionnaire_list(user=request.user)]
    regions = None if own_region else [(str(r.pk), r.label) for r in Region.objects.order_by("code")]
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


# ---- the respondent form -----------------------------------------------------------------------


def _language(request: HttpRequest, campaign: Campaign) -> str:
    current = get_language() or "en"
    langs = campaign.respondent_languages
    return current if current in langs else langs[0]


def _respondent_frame(request: HttpRequest, campaign: Campaign) -> dict[str, Any]:
    """What the respondent's focused frame needs: the languages its switch offers (the campaign's
    only) and the one the survey is shown in."""
    return {
        "campaign": campaign,
        "survey_languages": campaign.respondent_languages,
        "survey_language": _language(request, campaign),
    }


def _closed(request: HttpRequest, campaign: Campaign) -> HttpResponse:
    frame = _respondent_frame(request, campaign)
    title = campaign.version.form.title_in(frame["survey_language"])
    return render(request, "surveys/closed.html", {**frame, "title": title}, status=410)


def _done_page(
    request: HttpRequest, campaign: Campaign, *, notice: str = "", status: int = 200
) -> HttpResponse:
    """The thank-you page: it never shows the answers back."""
    return render(
        request,
        "surveys/done.html",
        {
            **_respondent_frame(request, campaign),
            "title": campaign.version.form.title_in(_language(request, campaign)),
            "notice": notice,
        },
        status=status,
    )


@never_cache
def start(request: HttpRequest, slug: str) -> HttpResponse:
    """The public link, the one place a public response is created: it resumes this browser's draft
    (its resume key is kept in the session) and starts a new one only when there is none."""
    campaign = selectors.campaign_get_public(slug=slug)
    if campaign is None or not campaign.public:
        raise Http404
    session_key = f"survey-{campaign.pk}"
    stored = request.session.get(session_key)
    response = selectors.response_for_respondent(
        campaign=campaign, key=stored if isinstance(stored, str) else ""
    )
    if response is not None and response.status == ResponseStatus.SUBMITTED:
        return redirect("surveys:done", slug=slug, key=response.resume_key)
    if not services.campaign_is_open(campaign):
        return _closed(request, campaign)
    if response is None:
        response = services.response_start(campaign=campaign, language=_language(request, campaign))
        request.session[session_key] = response.resume_key
    return redirect("surveys:respond", slug=slug, key=response.resume_key)


@never_cache
def start_invitation(request: HttpRequest, token: str) -> HttpResponse:
    """A personal link: it resumes the invitation's single response, through that response's random
    resume key (never an address made from the invitation's row)."""
    invitation = get_object_or_404(Invitation.objects.select_related("campaign__version"), token=token)
    campaign = invitation.campaign
    if not services.campaign_is_open(campaign):
        return _closed(request, campaign)
    response = services.response_start(
        campaign=campaign, invitation=invitation, language=_language(request, campaign)
    )
    if response.status == ResponseStatus.SUBMITTED or not response.resume_key:
        return _done_page(request, campaign)
    return redirect("surveys:respond", slug=campaign.slug, key=response.resume_key)


def _response_for(slug: str, key: str) -> tuple[Campaign, Response]:
    """The campaign and the response this resume key reaches; 404 for any other key (nothing is
    created for an unknown key)."""
    campaign = selectors.campaign_get_public(slug=slug)
    if campaign is None:
        raise Http404
    response = selectors.response_for_respondent(campaign=campaign, key=key)
    if response is None:
        raise Http404
    return campaign, response


def _page_values(request: HttpRequest, questions: list[Question]) -> dict[str, Any]:
    values: dict[str, Any] = {}
    for q in questions:
        if not REGISTRY[q.type].takes_answer:
            continue
        if q.type == "select_multiple":
            values[q.name] = " ".join(request.POST.getlist(q.name))
        else:
            values[q.name] = request.POST.get(q.name, "").strip()
    return values


def _relevant(form_def: Form, answers: dict[str, Any]) -> set[str]:
    from interventures.core.survey import clean_response

    values, _errors = clean_response(form_def, answers)
    return relevant_names(form_def, values)


def _visible_pages(form_def: Form, relevant: set[str]) -> list[int]:
    out = []
    for i, (group, questions) in enumerate(form_def.pages()):
        if group is not None and group.name not in relevant:
            continue
        if any(q.name in relevant and q.type != "calculate" for q in questions):
            out.append(i)
    return out


def _in_survey_language(request: HttpRequest, language: str) -> HttpResponse | None:
    """A redirect to the same page in the survey's language when the address is in another one (a
    Polish link to a Hungarian–Croatian survey), so that the frame and the questions agree."""
    if request.method != "GET" or (get_language() or "en") == language:
        return None
    target = translate_url(request.get_full_path(), language)
    return redirect(target) if target != request.get_full_path() else None


@never_cache
def respond(request: HttpRequest, slug: str, key: str) -> HttpResponse:
    campaign, response = _response_for(slug, key)
    language = _language(request, campaign)
    if (moved := _in_survey_language(request, language)) is not None:
        return moved
    if response.status == ResponseStatus.SUBMITTED:
        if request.method == "POST":
            return _done_page(request, campaign, notice=str(services.ResponseSubmitted()), status=409)
        return redirect("surveys:done", slug=slug, key=key)
    if not services.campaign_is_open(campaign):
        return _closed(request, campaign)
    form_def = campaign.version.form
    pages = form_def.pages()
    try:
        page = int(request.GET.get("p", request.POST.get("p", "0")))
    except ValueError:
        page = 0
    page = max(0, min(page, len(pages) - 1))
    errors: dict[str, str] = {}
    notice = ""
    if request.method == "POST":
        group, questions = pages[page]
        values = _page_values(request, questions)
        try:
            cell_errors = services.response_save_answers(response=response, answers=values, language=language)
        except services.ResponseSubmitted as exc:  # completed meanwhile, in another tab or request
            return _done_page(request, campaign, notice=str(exc), status=409)
        errors = {e.question: e.message for e in cell_errors}
        relevant = _relevant(form_def, response.answers)
        shown = set(request.POST.getlist("shown"))
        page_relevant = [q for q in questions if q.name in relevant and REGISTRY[q.type].takes_answer]
        from interventures.core.survey import clean_response

        _values, all_errors = clean_response(form_def, response.answers, language=language)
        for e in all_errors:
            if (
                e.question in {q.name for q in page_relevant}
                and e.question not in errors
                and e.code != "not_relevant"
            ):
                errors[e.question] = services.cell_message(e)
        newly = [q for q in page_relevant if q.name not in shown]
        going_back = "back" in request.POST
        if going_back:
            visible = _visible_pages(form_def, relevant)
            earlier = [i for i in visible if i < page]
            return redirect(
                f"{reverse('surveys:respond', args=[slug, key])}?p={earlier[-1] if earlier else 0}"
            )
        if newly and not errors:
            notice = _("More questions apply given your answers; please answer them too.")
        elif not errors:
            visible = _visible_pages(form_def, relevant)
            later = [i for i in visible if i > page]
            if later:
                return redirect(f"{reverse('surveys:respond', args=[slug, key])}?p={later[0]}")
            try:
                services.response_submit(response=response, prune=True)
            except services.ResponseInvalid as exc:
                errors = {e.question: e.message for e in exc.errors}
                first_bad = next(
                    (i for i, (_g, qs) in enumerate(pages) if any(q.name in errors for q in qs)), page
                )
                if first_bad != page:
                    return redirect(f"{reverse('surveys:respond', args=[slug, key])}?p={first_bad}")
            except services.CampaignClosed:
                return _closed(request, campaign)
            else:
                return redirect("surveys:done", slug=slug, key=key)
    relevant = _relevant(form_def, response.answers)
    visible = _visible_pages(form_def, relevant)
    if page not in visible and visible and request.method == "GET":
        later = [i for i in visible if i >= page] or visible
        return redirect(f"{reverse('surveys:respond', args=[slug, key])}?p={later[0]}")
    group, questions = pages[page]
    state = _page_state(form_def, questions, response.answers)
    nuts3_groups = (
        selectors.region_nuts3_options(region=campaign.region, language=language)
        if any(q.name == services.NUTS3_QUESTION and q.type == "text" for q in questions)
        else []
    )
    items = [
        _item(
            form_def,
            q,
            language,
            response.answers.get(q.name),
            errors.get(q.name),
            state["choices"].get(q.name),
            relevant=q.name in state["relevant"],
            nuts3_groups=nuts3_groups,
        )
        for q in questions
        if q.type not in ("calculate", "begin_group", "end_group")
    ]
    position = visible.index(page) + 1 if page in visible else 1
    return render(
        request,
        "surveys/respond.html",
        {
            **_respondent_frame(request, campaign),
            "title": form_def.title_in(language),
            "language": language,
            "group_label": group.label_in(language, form_def.default_language)
            if group and group.label
            else "",
            "items": items,
            "page": page,
            "position": position,
            "n_pages": len(visible),
            "is_last": not [i for i in visible if i > page],
            "is_first": position == 1,
            "errors": errors,
            "notice": notice,
            "autosave_url": reverse("surveys:autosave", args=[slug, key]),
        },
    )


def _page_state(form_def: Form, questions: list[Question], answers: dict[str, Any]) -> dict[str, Any]:
    """Which of a page's questions apply and which choices each select offers, given the answers:
    the server is the one evaluator of skip logic; the page's script only shows what it says."""
    from interventures.core.survey import clean_response
    from interventures.core.survey.validate import allowed_choices

    values, _errors = clean_response(form_def, answers)
    relevant = relevant_names(form_def, values)
    return {
        "relevant": sorted(q.name for q in questions if q.name in relevant),
        "choices": {
            q.name: sorted(allowed_choices(form_def, q, values))
            for q in questions
            if q.list_name and q.choice_filter
        },
    }


def _item(
    form_def: Form,
    q: Question,
    language: str,
    value: Any,
    error: str | None,
    allowed: list[str] | None,
    *,
    relevant: bool,
    nuts3_groups: list[dict[str, Any]] | None = None,
) -> dict[str, Any]:
    if q.name == services.NUTS3_QUESTION and q.type == "text" and nuts3_groups:
        # The region's NUTS 3 list instead of a text box for a code nobody knows by heart.
        item = _item(form_def, q, language, value, error, allowed, relevant=relevant)
        listed = {o["code"] for g in nuts3_groups for o in g["options"]}
        given = str(item["value"]).strip()
        return {
            **item,
            "type": "nuts3",
            "groups": nuts3_groups,
            "grouped": len(nuts3_groups) > 1,
            "unlisted": given if given and given not in listed else "",
        }
    choices = []
    selected = set(value if isinstance(value, list) else str(value or "").split())
    for c in form_def.choices_for(q):
        choices.append(
            {
                "name": c.name,
                "label": c.label.get(language) or c.label.get(form_def.default_language, c.name),
                "checked": c.name in selected,
                "allowed": allowed is None or c.name in allowed,
            }
        )
    return {
        "relevant": relevant,
        "name": q.name,
        "type": q.type,
        "required": q.required,
        "label": q.label_in(language, form_def.default_language),
        "hint": q.hint.get(language) or q.hint.get(form_def.default_language, "") if q.hint else "",
        "value": "" if value is None or isinstance(value, list) else value,
        "choices": choices,
        "error": error,
    }


@never_cache
@require_POST
def autosave(request: HttpRequest, slug: str, key: str) -> JsonResponse:
    """One answer at a time, as the respondent goes (small vanilla JS POST)."""
    campaign, response = _response_for(slug, key)
    if response.status == ResponseStatus.SUBMITTED:
        return JsonResponse({"saved": False, "error": str(services.ResponseSubmitted())}, status=409)
    if not services.campaign_is_open(campaign):
        return JsonResponse({"saved": False, "error": _("This survey is closed.")}, status=410)
    name = request.POST.get("name", "")
    try:
        q = campaign.version.form.question(name)
    except KeyError:
        return JsonResponse({"saved": False}, status=400)
    if not REGISTRY[q.type].takes_answer:
        return JsonResponse({"saved": False}, status=400)
    value: Any = (
        " ".join(request.POST.getlist("value"))
        if q.type == "select_multiple"
        else request.POST.get("value", "")
    )
    try:
        errors = services.response_save_answers(
            response=response, answers={name: value}, language=_language(request, campaign)
        )
    except services.ResponseSubmitted as exc:  # the final submit won the race
        return JsonResponse({"saved": False, "error": str(exc)}, status=409)
    payload: dict[str, Any] = {"saved": True, "errors": {e.question: e.message for e in errors}}
    pages = campaign.version.form.pages()
    page = request.POST.get("p", "")
    if page.isdigit() and int(page) < len(pages):
        payload.update(_page_state(campaign.version.form, pages[int(page)][1], response.answers))
    return JsonResponse(payload)


@never_cache
def done(request: HttpRequest, slug: str, key: str) -> HttpResponse:
    campaign, response = _response_for(slug, key)
    if response.status != ResponseStatus.SUBMITTED:
        return redirect("surveys:respond", slug=slug, key=key)
    if (moved := _in_survey_language(request, _language(request, campaign))) is not None:
        return moved
    return _done_page(request, campaign)


# ---- the questionnaire editor (copy and adapt) ---------------------------------------------------


def _problem_message(problem: Any) -> str:
    """A core edit Problem in the reader's language, naming the question (and choice) concerned."""
    from .forms import LANGUAGE_NAMES

    params = {
        "question": problem.question,
        "choice": problem.choice,
        "language": str(LANGUAGE_NAMES.get(problem.language, problem.language)),
        **{k: str(v) for k, v in problem.params.items()},
    }
    texts = {
        "unknown_type": _("Question “%(question)s”: unknown type %(type)s."),
        "group_not_begun": _("Question “%(question)s”: end of a group that was not begun."),
        "group_not_ended": _("Group “%(question)s” is not ended."),
        "invalid_name": _(
            "Question “%(question)s”: invalid name (a letter or _ first, then letters, digits, _ . -)."
        ),
        "duplicate_name": _("Question “%(question)s”: another question has this name."),
        "no_choices": _("Question “%(question)s”: a select question needs at least one choice."),
        "no_calculation": _("Question “%(question)s”: the calculation is missing."),
        "bad_expression": _("Question “%(question)s”: the expression does not parse: %(detail)s"),
        "unknown_reference": _("Question “%(question)s” refers to question(s) that do not exist: %(names)s."),
        "duplicate_choice": _("Question “%(question)s”: the choice name “%(choice)s” is used twice."),
        "invalid_choice_name": _("Question “%(question)s”: the choice name “%(choice)s” is not valid."),
        "no_such_question": _("There is no question “%(question)s”."),
        "no_such_choice": _("Question “%(question)s”: there is no choice “%(choice)s”."),
        "not_a_group": _("“%(question)s” is not a group."),
        "list_exists": _("Question “%(question)s”: a choice list with this name exists already."),
        "other": _("%(detail)s"),
    }
    if problem.code == "no_label":
        if problem.choice:
            text = _("Question “%(question)s”, choice “%(choice)s”: no label in %(language)s.")
        else:
            text = _("Question “%(question)s”: no label in %(language)s.")
    else:
        text = texts.get(problem.code, _("%(detail)s"))
        params.setdefault("detail", problem.code)
    if not problem.question and problem.code != "other":
        text = _("The form: %(detail)s") % {"detail": problem.text}
        return text
    return text % params


def _questionnaire_editable(request: HttpRequest, pk: int) -> Any:
    _staff(request)
    return selectors.questionnaire_get_for_edit(user=request.user, pk=pk)


@login_required
def questionnaire_copy(request: HttpRequest, pk: int) -> HttpResponse:
    """Copy and adapt: the copy belongs to the partner's region (the coordinator chooses)."""
    from .forms import PARTNERSHIP_WIDE, QuestionnaireCopyForm

    _staff(request)
    source = selectors.questionnaire_get(user=request.user, pk=pk)
    own_region = _own_region_id(request)
    source_languages = list(source.current.form.languages)
    proposed = services.questionnaire_adapted_name(source)
    shown = tr(proposed, "name")  # the proposed name in the reader's language
    form = QuestionnaireCopyForm(
        request.POST or None,
        regions=None if own_region else selectors.region_choices(),
        languages=source_languages,
        initial={
            "name": shown,
            "languages": selectors.copy_languages(region_id=own_region, available=source_languages),
        },
    )
    if request.method == "POST" and form.is_valid():
        if own_region:
            region_id: int | None = own_region
        else:
            chosen = form.cleaned_data["region"]
            region_id = None if chosen == PARTNERSHIP_WIDE else int(chosen)
        try:
            name = form.cleaned_data["name"]
            # the proposed name kept: it is in every language; a name the partner typed is as typed
            copy = services.questionnaire_copy(
                source=source,
                name=proposed.name if name == shown else name,
                region_id=region_id,
                languages=form.cleaned_data["languages"],
                translations=proposed.translations if name == shown else None,
            )
        except services.SurveyError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("Copied. Adapt the copy below; the original stays as it is."))
            return redirect("surveys:questionnaire_edit", pk=copy.pk)
    return render(request, "surveys/questionnaire_copy.html", {"source": source, "form": form})


def _editor_tree(form_def: Form, language: str) -> list[dict[str, Any]]:
    """The questions in order, each group holding its own questions (for the section headings)."""
    root: list[dict[str, Any]] = []
    stack: list[list[dict[str, Any]]] = [root]
    for q in form_def.questions:
        if q.type == "end_group":
            if len(stack) > 1:
                stack.pop()
            continue
        item = {
            "name": q.name,
            "type": q.type,
            "label": q.label_in(language, form_def.default_language) if q.label else "",
            "required": q.required,
            "relevant": q.relevant,
            "is_group": q.type == "begin_group",
            "first": False,
            "last": False,
            "n_choices": len(form_def.choices_for(q)) if q.list_name else 0,
            "children": [],
        }
        stack[-1].append(item)
        if q.type == "begin_group":
            stack.append(item["children"])
    if root:  # only the form's very first and very last blocks cannot move further
        root[0]["first"] = True
        root[-1]["last"] = True
    return root


def _editor_context(request: HttpRequest, questionnaire: Any) -> dict[str, Any]:
    from .forms import LANGUAGE_NAMES

    version = questionnaire.current
    return {
        "questionnaire": questionnaire,
        "version": version,
        "form_def": version.form,
        "language_names": [str(LANGUAGE_NAMES.get(code, code)) for code in version.form.languages],
        "campaigns": list(selectors.questionnaire_campaigns(version=version)),
    }


def _language_problems(details: list[Any]) -> list[tuple[str, str]]:
    """A language declared before its labels are written: one line per language, counting the
    questions without a label in it and naming the first few (not one line per question)."""
    from .forms import LANGUAGE_NAMES

    missing: dict[str, list[str]] = {}
    lines: list[tuple[str, str]] = []
    for p in details:
        if p.code == "no_label":
            names = missing.setdefault(p.language, [])
            if p.question not in names:
                names.append(p.question)
        else:
            lines.append((p.question, _problem_message(p)))
    for code, names in missing.items():
        text = _(
            "%(language)s cannot be a language of this questionnaire yet. Questions with no label "
            "in it (%(n)s): %(names)s. Write those labels first (under “Other languages”)."
        ) % {
            "language": LANGUAGE_NAMES.get(code, code),
            "n": len(names),
            "names": ", ".join(names[:5]),  # the first few: the count says how many there are
        }
        lines.append((names[0], text))
    return lines


def _saved_message(request: HttpRequest, before: int, version: Any) -> None:
    if version.number != before:
        messages.success(
            request,
            _("Saved as version %(n)s: the campaigns keep version %(old)s and their responses.")
            % {"n": version.number, "old": before},
        )
    else:
        messages.success(request, _("Saved."))


@login_required
def questionnaire_edit(request: HttpRequest, pk: int) -> HttpResponse:
    """The editor: questions in order by section; move up/down and remove (each a small POST)."""
    questionnaire = _questionnaire_editable(request, pk)
    errors: dict[str, list[str]] = {}
    summary: list[tuple[str, str]] = []
    if request.method == "POST":
        op = request.POST.get("op", "")
        name = request.POST.get("name", "")
        before = questionnaire.current.number
        try:
            if op in ("up", "down"):
                version = services.questionnaire_move_question(
                    questionnaire=questionnaire, name=name, direction=op
                )
            elif op == "remove":
                version = services.questionnaire_remove_question(questionnaire=questionnaire, name=name)
            elif op == "languages":
                languages_form = QuestionnaireLanguagesForm(request.POST)
                if not languages_form.is_valid():
                    raise services.SurveyError(_("Tick at least one language."))
                version = services.questionnaire_set_languages(
                    questionnaire=questionnaire, languages=languages_form.cleaned_data["languages"]
                )
            else:
                raise Http404
        except services.QuestionnaireInvalid as exc:
            if op == "languages":
                summary.extend(_language_problems(exc.details))
            else:
                for p in exc.details:
                    message = _problem_message(p)
                    summary.append((p.question or name, message))
                    errors.setdefault(p.question or name, []).append(message)
        except services.SurveyError as exc:
            summary.append(("", str(exc)))
        else:
            if version.number != before:
                _saved_message(request, before, version)
            elif op == "remove":
                messages.success(request, _("Question “%(name)s” removed.") % {"name": name})
            elif op == "languages":
                messages.success(request, _("Saved."))
            focus = f"{op}-{name}" if op in ("up", "down") else ""
            url = reverse("surveys:questionnaire_edit", args=[questionnaire.pk])
            # no #fragment with a focus: browsers skip `autofocus` when a fragment names a target
            return redirect(f"{url}?focus={focus}" if focus else url)
    context = _editor_context(request, questionnaire)
    language = get_language() or "en"
    context.update(
        {
            "tree": _editor_tree(context["form_def"], language),
            "errors": errors,
            "summary": summary,
            "focus": request.GET.get("focus", ""),
            "languages_form": QuestionnaireLanguagesForm(
                request.POST if request.POST.get("op") == "languages" else None,
                initial={"languages": list(context["form_def"].languages)},
            ),
        }
    )
    return render(request, "surveys/questionnaire_edit.html", context, status=400 if summary else 200)


def _field_for(problem: Any, form: Any, *, question: str, choice_index: dict[str, int]) -> str | None:
    """The form field a problem concerns, when it is about this page's question."""
    if problem.question != question:
        return None
    if problem.field == "label" and f"label_{problem.language}" in form.fields:
        return f"label_{problem.language}"
    if problem.field == "choice_label" and problem.choice in choice_index:
        key = f"choice_{choice_index[problem.choice]}_{problem.language}"
        return key if key in form.fields else None
    if problem.field in ("relevant", "constraint", "name", "type") and problem.field in form.fields:
        return problem.field
    return None


@login_required
def questionnaire_question(request: HttpRequest, pk: int, name: str) -> HttpResponse:
    """Edit one question: labels and hints per language, required, skip logic, choice labels."""
    from .forms import QuestionEditForm

    questionnaire = _questionnaire_editable(request, pk)
    context = _editor_context(request, questionnaire)
    form_def = context["form_def"]
    try:
        question = form_def.question(name)
    except KeyError as exc:
        raise Http404 from exc
    choices = list(form_def.choices_for(question)) if question.list_name else []
    sharing = [q.name for q in form_def.questions if q.list_name and q.list_name == question.list_name]
    form = QuestionEditForm(
        request.POST or None, question=question, choices=choices, form_languages=list(form_def.languages)
    )
    if request.method == "POST" and form.is_valid():
        before = questionnaire.current.number
        try:
            version = services.questionnaire_update_question(
                questionnaire=questionnaire,
                name=name,
                label=form.texts("label"),
                hint=form.texts("hint"),
                required=bool(form.cleaned_data.get("required", False)),
                relevant=form.cleaned_data.get("relevant", ""),
                constraint=form.cleaned_data.get("constraint", ""),
                choice_labels=form.choice_labels() if choices else None,
            )
        except services.QuestionnaireInvalid as exc:
            index = {c.name: i for i, c in enumerate(choices)}
            for p in exc.details:
                form.add_error(_field_for(p, form, question=name, choice_index=index), _problem_message(p))
        else:
            _saved_message(request, before, version)
            url = reverse("surveys:questionnaire_edit", args=[questionnaire.pk])
            return redirect(f"{url}#q-{name}")
    context.update(
        {
            "question": question,
            "label": question.label_in(get_language() or "en", form_def.default_language),
            "form": form,
            "sharing": [n for n in sharing if n != name],
        }
    )
    return render(request, "surveys/questionnaire_question.html", context, status=400 if form.errors else 200)


@login_required
def questionnaire_question_add(request: HttpRequest, pk: int) -> HttpResponse:
    """Add a question: type from the registry, name, place, labels, and choices for a select."""
    from .forms import QuestionAddForm

    questionnaire = _questionnaire_editable(request, pk)
    context = _editor_context(request, questionnaire)
    form_def = context["form_def"]
    language = get_language() or "en"
    from .forms import TYPE_LABELS

    types = [(t, f"{TYPE_LABELS.get(t, t)} ({t})") for t in REGISTRY if t not in ("end_group", "calculate")]
    positions = [("", _("at the start"))]
    for q in form_def.questions:
        if q.type == "end_group":
            continue
        label = q.label_in(language, form_def.default_language) if q.label else q.name
        if q.type == "begin_group":
            positions.append((f"in:{q.name}", _("first in the group “%(label)s”") % {"label": label}))
        positions.append(
            (f"after:{q.name}", _("after “%(label)s” (%(name)s)") % {"label": label, "name": q.name})
        )
    lists = [
        (name, f"{name}: " + ", ".join(c.label.get(language) or c.name for c in cs[:4]))
        for name, cs in form_def.choices.items()
    ]
    initial = {"position": request.GET.get("position", positions[-1][0])}
    form = QuestionAddForm(
        request.POST or None,
        initial=initial,
        types=types,
        positions=positions,
        lists=lists,
        form_languages=list(form_def.languages),
    )
    if request.method == "POST" and form.is_valid():
        new_choices = form.new_choices()
        qtype = form.cleaned_data["type"]
        name = form.cleaned_data["name"].strip()
        if not form.errors:
            before = questionnaire.current.number
            try:
                version = services.questionnaire_add_question(
                    questionnaire=questionnaire,
                    type=qtype,
                    name=name,
                    label=form.texts("label"),
                    hint=form.texts("hint"),
                    required=form.cleaned_data["required"],
                    position=form.cleaned_data["position"],
                    list_name=form.cleaned_data["list_name"],
                    choices=new_choices,
                )
            except services.QuestionnaireInvalid as exc:
                for p in exc.details:
                    field: str | None = None
                    if p.question == name:
                        if p.field == "label" and f"label_{p.language}" in form.fields:
                            field = f"label_{p.language}"
                        elif p.field == "choice_label" and f"choices_{p.language}" in form.fields:
                            field = f"choices_{p.language}"
                        elif p.field == "choices":
                            field = "list_name"
                        elif p.field == "name":
                            field = "name"
                    form.add_error(field, _problem_message(p))
            else:
                _saved_message(request, before, version)
                url = reverse("surveys:questionnaire_edit", args=[questionnaire.pk])
                return redirect(f"{url}#q-{name}")
    context.update({"form": form})
    return render(request, "surveys/questionnaire_add.html", context, status=400 if form.errors else 200)
