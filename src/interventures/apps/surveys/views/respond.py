"""The public respondent form: start, one page at a time with skip logic from core/survey/flow.py, autosave, resume, done."""

from __future__ import annotations

from typing import Any

from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse, translate_url
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from interventures.core.survey import Form, Question, flow
from interventures.core.survey.types import Range

from .. import selectors, services
from ..models import Campaign, Response, ResponseStatus

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
    invitation = selectors.invitation_by_token(token=token)
    if invitation is None:
        raise Http404
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


def _page_values(request: HttpRequest, form_def: Form, questions: list[Question]) -> dict[str, Any]:
    values: dict[str, Any] = {}
    for q in questions:
        if not form_def.asks(q):  # metadata, media, repeats...: collected in another tool
            continue
        if q.type == "select_multiple":
            values[q.name] = " ".join(request.POST.getlist(q.name))
        else:
            values[q.name] = request.POST.get(q.name, "").strip()
    return values


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
    here = reverse("surveys:respond", args=[slug, key])
    if request.method == "POST":
        group, questions = pages[page]
        try:
            saved = services.response_save_page(
                response=response, answers=_page_values(request, form_def, questions), language=language
            )
        except services.ResponseSubmitted as exc:  # completed meanwhile, in another tab or request
            return _done_page(request, campaign, notice=str(exc), status=409)
        evaluation = saved.evaluation
        errors = {e.question: e.message for e in saved.errors}
        for e in services.error_messages(evaluation.errors_on(questions)):
            errors.setdefault(e.question, e.message)
        shown = set(request.POST.getlist("shown"))
        newly = [
            q for q in questions if q.name in evaluation.relevant and form_def.asks(q) and q.name not in shown
        ]
        if "back" in request.POST:
            return redirect(f"{here}?p={evaluation.before(page) or 0}")
        if newly and not errors:
            notice = _("More questions apply given your answers; please answer them too.")
        elif not errors:
            later = evaluation.after(page)
            if later is not None:
                return redirect(f"{here}?p={later}")
            try:
                services.response_submit(response=response, prune=True)
            except services.ResponseInvalid as exc:
                errors = {e.question: e.message for e in exc.errors}
                first_bad = next(
                    (i for i, (_g, qs) in enumerate(pages) if any(q.name in errors for q in qs)), page
                )
                if first_bad != page:
                    return redirect(f"{here}?p={first_bad}")
            except services.CampaignClosed:
                return _closed(request, campaign)
            else:
                return redirect("surveys:done", slug=slug, key=key)
    else:
        evaluation = flow.evaluate(form_def, response.answers, language=language)
        if page not in evaluation.visible and evaluation.visible:
            ahead = [i for i in evaluation.visible if i >= page] or evaluation.visible
            return redirect(f"{here}?p={ahead[0]}")
    visible = evaluation.visible
    group, questions = pages[page]
    state = evaluation.page(questions)
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
        if form_def.shows(q) and q.type != "begin_group"
    ]
    position = evaluation.position(page)
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
            "is_last": evaluation.after(page) is None,
            "is_first": position == 1,
            "errors": errors,
            "notice": notice,
            "autosave_url": reverse("surveys:autosave", args=[slug, key]),
        },
    )


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
        # a range's slider bounds (its number box is the answer; the slider moves with it)
        "range": dict(zip(("start", "end", "step"), map(str, Range.bounds(q.parameters)), strict=True))
        if q.type == "range"
        else None,
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
    if not campaign.version.form.asks(q):
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
        payload.update(flow.page_state(campaign.version.form, pages[int(page)][1], response.answers))
    return JsonResponse(payload)


@never_cache
def done(request: HttpRequest, slug: str, key: str) -> HttpResponse:
    campaign, response = _response_for(slug, key)
    if response.status != ResponseStatus.SUBMITTED:
        return redirect("surveys:respond", slug=slug, key=key)
    if (moved := _in_survey_language(request, _language(request, campaign))) is not None:
        return moved
    return _done_page(request, campaign)
