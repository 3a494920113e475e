"""The public respondent form: start, one page at a time with skip logic from core/survey/flow.py, autosave, resume, done."""

from __future__ import annotations

from typing import Any

from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse, translate_url
from django.utils.http import urlencode
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from interventures.core.survey import Form, Question, flow, media
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


_MANY = ("select_multiple", "select_multiple_from_file", "rank")
"""Types whose answer is posted as several values (a rank: the choice at each place, in order)."""
_AS_SELECT = {"select_one_from_file": "select_one", "select_multiple_from_file": "select_multiple"}
"""A select from a choice file is shown as the select it is (its choices come from the file)."""


def _posted(request: HttpRequest, name: str, q: Question) -> str:
    if q.type in _MANY:
        return " ".join(request.POST.getlist(name))
    return request.POST.get(name, "").strip()


def _page_values(request: HttpRequest, form_def: Form, questions: list[Question]) -> dict[str, Any]:
    """The page's answers as posted: its questions by name, and those of each repeat instance the
    page showed (`instance` fields: `site[2]`, `partner[1]/contact[2]`) by instance key
    (`site[2]/town`, `partner[1]/contact[2]/contact_name`)."""
    values: dict[str, Any] = {}
    for q in questions:
        if not form_def.asks(q) or q.type in media.MEDIA_QUESTION_TYPES:  # files: `_uploads`
            continue
        values[q.name] = _posted(request, q.name, q)
    on_page = {r.name for r in flow.repeats_on(form_def, questions)}
    for shown in request.POST.getlist("instance")[:MAX_POSTED_INSTANCES]:
        path = flow.parse_path(form_def, shown)
        if path is None or path[0][0] not in on_page:
            continue
        for q in form_def.repeat_questions(path[-1][0]):
            key = f"{shown}/{q.name}"
            if (
                form_def.asks_in_repeat(q)
                and q.type not in media.MEDIA_QUESTION_TYPES
                and flow.parse_instance_key(form_def, key) is not None
            ):
                values[key] = _posted(request, key, q)
    return values


MAX_POSTED_INSTANCES = 500
"""Instances one page post may carry (Django's DATA_UPLOAD_MAX_NUMBER_FIELDS bounds the fields)."""


def _repeat_change(request: HttpRequest, response: Response, here: str, page: int) -> HttpResponse | None:
    """The page's "Add" and "Remove" buttons (after its answers are saved): the instance is added or
    removed and the page shown again at an address whose fragment takes the focus (no script): the
    new instance (focusable for that page), or the repeat's "Add" button after a removal. A button
    names its repeat by address: `site`, or `partner[2]/contact` inside an instance."""
    if "repeat_add" in request.POST:
        repeat = request.POST["repeat_add"]
        n = services.response_repeat_add(response=response, repeat=repeat)
        query = urlencode({"p": str(page), "repeat": repeat, "added": str(n)})
        return redirect(f"{here}?{query}#i-{flow.anchor(f'{repeat}[{n}]')}")
    if "repeat_remove" in request.POST:
        repeat, _sep, rest = request.POST["repeat_remove"].rpartition("[")
        n = int(rest.rstrip("]")) if rest.rstrip("]").isdigit() else 0
        services.response_repeat_remove(response=response, repeat=repeat, n=n)
        query = urlencode({"p": str(page), "repeat": repeat, "removed": str(n)})
        return redirect(f"{here}?{query}#r-{flow.anchor(repeat)}-add")
    return None


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
    form_def = campaign.version.web_form
    pages = form_def.pages()
    here = reverse("surveys:respond", args=[slug, key])
    if request.method == "POST" and int(request.META.get("CONTENT_LENGTH") or 0) > MAX_POST_BYTES:
        # refused before the body is read (its files would be written to disk first)
        return redirect(f"{here}?{urlencode({'p': request.GET.get('p', '0'), 'too_large': '1'})}")
    try:
        page = int(request.GET.get("p", request.POST.get("p", "0")))
    except ValueError:
        page = 0
    page = max(0, min(page, len(pages) - 1))
    errors: dict[str, str] = {}
    notice = ""
    if request.method == "POST":
        group, questions = pages[page]
        try:
            files, file_errors = _uploads(request, response, form_def, questions)
            saved = services.response_save_page(
                response=response,
                answers={**_page_values(request, form_def, questions), **files},
                language=language,
            )
        except services.ResponseSubmitted as exc:  # completed meanwhile, in another tab or request
            return _done_page(request, campaign, notice=str(exc), status=409)
        try:
            changed = _repeat_change(request, response, here, page)
        except services.SurveyError as exc:
            notice = str(exc)
        else:
            if changed is not None:
                return changed
        evaluation = saved.evaluation
        errors = {**file_errors, **{flow.error_key(e): e.message for e in saved.errors}}
        for e in services.error_messages(evaluation.errors_on(questions)):
            errors.setdefault(flow.error_key(e), e.message)
        shown = set(request.POST.getlist("shown"))
        newly = [
            q for q in questions if q.name in evaluation.relevant and form_def.asks(q) and q.name not in shown
        ]
        newly_in_instances = [
            key
            for key in evaluation.page(questions)["relevant"]
            if key not in shown and flow.parse_instance_key(form_def, key) is not None
        ]
        if notice:
            pass  # an add or remove refused: the page again, saying why
        elif "back" in request.POST:
            return redirect(f"{here}?p={evaluation.before(page) or 0}")
        elif (newly or newly_in_instances) and not errors:
            notice = _("More questions apply given your answers; please answer them too.")
        elif not errors:
            later = evaluation.after(page)
            if later is not None:
                return redirect(f"{here}?p={later}")
            try:
                services.response_submit(response=response, prune=True)
            except services.ResponseInvalid as exc:
                errors = {flow.error_key(e): e.message for e in exc.errors}
                bad = {e.question for e in exc.errors}
                first_bad = next(
                    (i for i, (_g, qs) in enumerate(pages) if any(q.name in bad for q in qs)), page
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
    focus = _focus(request) if request.method == "GET" else None
    if focus is not None and not notice:
        notice = _repeat_notice(form_def, language, *focus)
    if request.method == "GET" and "too_large" in request.GET:
        notice = _(
            "The page was not saved: its files were larger than %(mb)s MB together. Send them one at a time."
        ) % {"mb": MAX_POST_BYTES // (1024 * 1024)}
    items = []
    repeats = {r.name: r for r in evaluation.repeats_on(questions)}
    shown_repeat = _RepeatPage(form_def, evaluation, language, errors, state, focus)
    if group is not None and group.name in repeats:  # the page is a repeat's: its instances first
        items.append(shown_repeat.item(group, response.answers, evaluation.values, level=2))
    for q in questions:
        if q.name in repeats:
            level = 3 if group is not None and group.label else 2
            items.append(shown_repeat.item(q, response.answers, evaluation.values, level=level))
        elif form_def.shows(q) and q.type != "begin_group":
            items.append(
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
            )
    error_list = [(item["name"], item["label"], item["error"]) for item in _flat(items) if item.get("error")]
    position = evaluation.position(page)
    return render(
        request,
        "surveys/respond.html",
        {
            **_respondent_frame(request, campaign),
            "title": form_def.title_in(language),
            "language": language,
            "group_label": group.label_in(language, form_def.default_language)
            if group and group.label and group.name not in repeats
            else "",
            "error_list": error_list,
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


def _flat(items: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """A page's questions in order, those of its repeats' instances (at every depth) too."""
    out: list[dict[str, Any]] = []
    for item in items:
        if item["type"] == "repeat":
            for inst in item["instances"]:
                out += _flat(inst["items"])
        else:
            out.append(item)
    return out


def _focus(request: HttpRequest) -> tuple[str, str, int] | None:
    """("added" or "removed", repeat's address, n) after an Add or Remove button, from the address."""
    repeat = request.GET.get("repeat", "")
    for what in ("added", "removed"):
        n = request.GET.get(what, "")
        if repeat and n.isdigit():
            return what, repeat, int(n)
    return None


def _repeat_notice(form_def: Form, language: str, what: str, repeat: str, n: int) -> str:
    try:
        q = form_def.question(repeat.rpartition("/")[2])
    except KeyError:
        return ""
    params = {"label": q.label_in(language, form_def.default_language), "n": n}
    if what == "added":
        return _("%(label)s %(n)s added.") % params
    return _("%(label)s %(n)s removed.") % params


class _RepeatPage:
    """A page's repeat groups as it shows them, repeats inside instances as sections of their
    instance (one heading level down)."""

    def __init__(
        self,
        form_def: Form,
        evaluation: flow.Evaluation,
        language: str,
        errors: dict[str, str],
        state: dict[str, Any],
        focus: tuple[str, str, int] | None,
    ) -> None:
        self.form, self.evaluation, self.language = form_def, evaluation, language
        self.errors, self.state, self.focus = errors, state, focus

    def item(
        self,
        repeat: Question,
        holder: Any,
        scope: dict[str, Any],
        *,
        level: int,
        parent: str = "",
        instances: list[flow.Instance] | None = None,
        relevant: bool | None = None,
        context: str = "",
    ) -> dict[str, Any]:
        """A repeat group as the page shows it: its instances (each a fieldset named by the
        repeat's label and its number, with its questions named per instance), Add and Remove
        buttons where the respondent chooses how many, and where the focus goes after one of them.
        `holder` is the stored answers (or instance) the repeat is in; `scope` the typed values it
        sees; `parent` the address of the instance it is in."""
        form_def, language, focus = self.form, self.language, self.focus
        address = f"{parent}/{repeat.name}" if parent else repeat.name
        label = repeat.label_in(language, form_def.default_language)
        given = holder.get(repeat.name) if isinstance(holder, dict) else None
        stored = [i if isinstance(i, dict) else {} for i in given] if isinstance(given, list) else []
        count, fixed = flow.instance_count(form_def, repeat, scope, len(stored))
        if instances is None:
            instances = self.evaluation.instances(repeat)
        shown = []
        for inst in instances:
            # An instance the form shows but the draft has not stored yet (a repeat_count's): its
            # defaults are shown filled in and saved with the page.
            raw = (
                stored[inst.n - 1]
                if inst.n <= len(stored)
                else services.new_instance(
                    form_def, repeat.name, {**scope, **(holder if isinstance(holder, dict) else {})}
                )
            )
            legend = _("%(label)s %(n)s") % {"label": label, "n": inst.n}
            if context:
                legend = _("%(outer)s, %(inner)s") % {"outer": context, "inner": legend}
            items: list[dict[str, Any]] = []
            own_scope = {**scope, **inst.values}
            for q in form_def.repeat_questions(repeat.name):
                if q.type == "begin_repeat" and q.name in inst.nested:
                    items.append(
                        self.item(
                            q,
                            raw,
                            own_scope,
                            level=min(level + 1, 6),
                            parent=inst.path,
                            instances=inst.nested[q.name],
                            relevant=q.name in inst.relevant,
                            context=legend,
                        )
                    )
                    continue
                if (
                    not (form_def.asks_in_repeat(q) or q.type == "note")
                    or form_def.in_repeat(q) != repeat.name
                ):
                    continue
                key = f"{inst.path}/{q.name}"
                item = _item(
                    form_def,
                    q,
                    language,
                    raw.get(q.name),
                    self.errors.get(key),
                    self.state["choices"].get(key),
                    relevant=key in self.state["relevant"],
                )
                items.append({**item, "name": key, "context": legend})
            shown.append(
                {
                    "n": inst.n,
                    "key": inst.path,
                    "anchor": f"i-{flow.anchor(inst.path)}",
                    "legend": legend,
                    "items": items,
                    "remove_label": _("Remove %(label)s %(n)s") % {"label": legend, "n": inst.n}
                    if context
                    else _("Remove %(label)s %(n)s") % {"label": label, "n": inst.n},
                    "focus": focus is not None and focus[:2] == ("added", address) and focus[2] == inst.n,
                }
            )
        can_change = not fixed
        add_label = label if not context else _("%(outer)s, %(inner)s") % {"outer": context, "inner": label}
        return {
            "type": "repeat",
            "name": address,
            "anchor": f"r-{flow.anchor(address)}",
            "label": label,
            "level": level,
            "hint": repeat.hint.get(language) or repeat.hint.get(form_def.default_language, "")
            if repeat.hint
            else "",
            "relevant": repeat.name in self.evaluation.relevant if relevant is None else relevant,
            "instances": shown,
            "fixed": fixed,
            "can_add": can_change and count < flow.MAX_INSTANCES,
            "at_most": flow.MAX_INSTANCES if can_change and count >= flow.MAX_INSTANCES else None,
            "can_remove": can_change and not (repeat.required and count <= 1),
            "add_label": _("Add “%(label)s”") % {"label": add_label},
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
    appearance = set(q.appearance.lower().split())
    shown_type = _AS_SELECT.get(q.type, q.type)
    order = [str(v) for v in value] if isinstance(value, list) else str(value or "").split()
    return {
        # a rank: one drop-down list per place, the choice the respondent put there selected
        "places": [
            {"n": n, "chosen": order[n - 1] if n <= len(order) else ""} for n in range(1, len(choices) + 1)
        ]
        if q.type == "rank"
        else [],
        "relevant": relevant,
        "name": q.name,
        "type": shown_type,
        # XLSForm's common appearances: `minimal` a select_one as a drop-down list; `horizontal`,
        # `horizontal-compact` and `likert` the choices in a row (wrapping on a phone)
        "minimal": shown_type == "select_one" and "minimal" in appearance,
        "in_a_row": bool(appearance & {"horizontal", "horizontal-compact", "likert"}),
        "required": q.required,
        "label": q.label_in(language, form_def.default_language),
        "hint": q.hint.get(language) or q.hint.get(form_def.default_language, "") if q.hint else "",
        "value": "" if value is None or isinstance(value, list) else value,
        "choices": choices,
        "error": error,
        # a range's slider bounds (its number box is the answer; the slider moves with it)
        # an upload (image, audio, video, file): what the browser offers to pick, and the limit
        "file": {"accept": _accept(q), "mb": media.MAX_FILE_BYTES // (1024 * 1024)}
        if q.type in media.MEDIA_QUESTION_TYPES
        else None,
        "range": dict(zip(("start", "end", "step"), map(str, Range.bounds(q.parameters)), strict=True))
        if q.type == "range"
        else None,
    }


def _accept(q: Question) -> str:
    """What the file picker offers: the question's kind, or a file question's `body::accept`."""
    given = (q.extra or {}).get("body::accept", "").strip()
    return {"image": "image/*", "audio": "audio/*", "video": "video/*"}.get(q.type, given)


MAX_FILES_PER_POST = 10
MAX_POST_BYTES = media.MAX_FILE_BYTES * 3 + 1024 * 1024
"""A page post with its files (a page asks a few): a larger one is refused before it is read."""


def _uploads(
    request: HttpRequest, response: Response, form_def: Form, questions: list[Question]
) -> tuple[dict[str, str], dict[str, str]]:
    """The page's files, stored (services.response_file_attach): (answers, errors) by question
    key. A file for a question not on this page is ignored; "Remove this file" clears one."""
    on_page = {q.name for q in questions if form_def.asks(q)}
    repeats = {r.name for r in flow.repeats_on(form_def, questions)}

    def here(key: str) -> bool:
        found = flow.parse_instance_key(form_def, key)
        return key in on_page if found is None else found.path[0][0] in repeats

    answers: dict[str, str] = {}
    errors: dict[str, str] = {}
    for key in request.POST.getlist("remove_file")[:MAX_FILES_PER_POST]:
        if here(key):
            answers[key] = ""
    for key in list(request.FILES)[:MAX_FILES_PER_POST]:
        upload = request.FILES.get(key)
        if not here(key) or upload is None:
            continue
        try:
            answers[key] = services.response_file_attach(response=response, key=key, upload=upload)
        except services.FileRefused as exc:
            errors[key] = str(exc)
    return answers, errors


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
    form_def = campaign.version.web_form
    found = flow.parse_instance_key(form_def, name)  # a question of a repeat's instance: `site[2]/town`
    try:
        q = found.question if found is not None else form_def.question(name)
    except KeyError:
        return JsonResponse({"saved": False}, status=400)
    if (found is None and not form_def.asks(q)) or q.type in media.MEDIA_QUESTION_TYPES:
        return JsonResponse({"saved": False}, status=400)  # a file is sent with its page
    value: Any = " ".join(request.POST.getlist("value")) if q.type in _MANY else request.POST.get("value", "")
    try:
        errors = services.response_save_answers(
            response=response, answers={name: value}, language=_language(request, campaign)
        )
    except services.ResponseSubmitted as exc:  # the final submit won the race
        return JsonResponse({"saved": False, "error": str(exc)}, status=409)
    payload: dict[str, Any] = {"saved": True, "errors": {flow.error_key(e): e.message for e in errors}}
    pages = campaign.version.web_form.pages()
    page = request.POST.get("p", "")
    if page.isdigit() and int(page) < len(pages):
        payload.update(flow.page_state(campaign.version.web_form, pages[int(page)][1], response.answers))
    return JsonResponse(payload)


@never_cache
def done(request: HttpRequest, slug: str, key: str) -> HttpResponse:
    campaign, response = _response_for(slug, key)
    if response.status != ResponseStatus.SUBMITTED:
        return redirect("surveys:respond", slug=slug, key=key)
    if (moved := _in_survey_language(request, _language(request, campaign))) is not None:
        return moved
    return _done_page(request, campaign)
