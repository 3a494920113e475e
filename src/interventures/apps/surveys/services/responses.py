"""Writes for a respondent's answers: start, save as given, submit."""

from __future__ import annotations

import hashlib
import secrets
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from interventures.core.survey import Form, flow
from interventures.core.survey.defaults import defaults
from interventures.core.survey.validate import (
    CellError,
    clean_response,
    dump_values,
    is_nuts3_code,
)

from ..models import (
    Campaign,
    Invitation,
    Response,
    ResponseSource,
    ResponseStatus,
)
from .campaigns import campaign_is_open
from .errors import CampaignClosed, ResponseInvalid, ResponseSubmitted, SurveyError
from .imports import NUTS3_QUESTION, region_nuts_prefixes
from .messages import error_messages

# 32 random bytes: 256 bits, 43 characters of [A-Za-z0-9_-] (urls.py accepts 20 to 64 of those).
RESUME_KEY_BYTES = 32


def new_resume_key() -> str:
    """A respondent's address: random, made here, never derived from a row or chosen by a client."""
    return secrets.token_urlsafe(RESUME_KEY_BYTES)


def response_start(
    *, campaign: Campaign, language: str = "", invitation: Invitation | None = None, key: str = ""
) -> Response:
    """A new web draft with its own random resume key; for an invitation, the invitation's single
    response (created on the first call, and given a resume key if it lacks one while in progress).
    `key` is the idempotency key of a server-side caller that retries (the same key returns the same
    response); it is never an address and never taken from a request."""
    if invitation is not None and invitation.campaign_id != campaign.pk:
        raise SurveyError(_("This invitation belongs to another survey."))
    if invitation is not None:
        existing = _invitation_response(invitation)
        if existing is not None:
            return existing
        key = key or f"invitation-{invitation.pk}"
    elif key:
        existing = Response.objects.filter(campaign=campaign, idempotency_key=key).first()
        if existing is not None:
            return existing
    else:
        key = f"web-{secrets.token_urlsafe(24)}"
    try:
        with transaction.atomic():
            return Response.objects.create(
                campaign=campaign,
                idempotency_key=key,
                resume_key=new_resume_key(),
                language=language,
                invitation=invitation,
                source=ResponseSource.WEB,
                answers=web_defaults(campaign.version.web_form, campaign.version.web_form.asked()),
            )
    except IntegrityError:
        # Two requests raced to create the same draft (same key or same invitation): use the winner.
        if invitation is not None:
            return _invitation_response(invitation) or Response.objects.get(invitation=invitation)
        return Response.objects.get(campaign=campaign, idempotency_key=key)


def web_defaults(form: Form, questions: list[Any], scope: Mapping[str, Any] | None = None) -> dict[str, str]:
    """The `default` answers of `questions` as a new draft or repeat instance starts with them, the
    way ODK does: plain values as written, expressions (today(), ${other}, once(...)) evaluated now
    on `scope` (core/survey/defaults.py). The respondent sees them filled in and may change or
    clear them."""
    return defaults(form, questions, scope or {}, clock=timezone.localtime())


def new_instance(form: Form, repeat: str, scope: Mapping[str, Any]) -> dict[str, str]:
    """A new instance of `repeat`: the defaults of the questions the web form asks in it, seeing
    `scope` (the answers outside it and those of the instances it is in)."""
    return web_defaults(form, [q for q in form.repeat_questions(repeat) if form.asks_in_repeat(q)], scope)


def _invitation_response(invitation: Invitation) -> Response | None:
    """The invitation's response; a draft made before resume keys existed gets one now."""
    with transaction.atomic():
        response = Response.objects.select_for_update().filter(invitation=invitation).first()
        if response is not None and not response.resume_key and response.status == ResponseStatus.DRAFT:
            response.resume_key = new_resume_key()
            response.save(update_fields=["resume_key", "updated_at"])
    return response


@dataclass(frozen=True)
class SavedPage:
    errors: list[Any]
    """The cell errors of the saved questions (typed checks only), with messages."""
    evaluation: flow.Evaluation
    """The whole draft read once against the form, for the page that follows."""


def response_save_answers(
    *, response: Response, answers: Mapping[str, Any], language: str | None = None
) -> list[Any]:
    """Autosave: `response_save_page`, returning the saved questions' cell errors."""
    return response_save_page(response=response, answers=answers, language=language).errors


def response_save_page(
    *, response: Response, answers: Mapping[str, Any], language: str | None = None
) -> SavedPage:
    """Merge answers into a draft (blank values clear an answer); the draft keeps raw text so nothing
    typed is lost. Raises ResponseSubmitted once the response is complete, checked on the locked row,
    so an autosave that raced the final submit never changes the submitted answers. The draft is
    checked once, and that reading is returned for the respondent's next page."""
    if response.status == ResponseStatus.SUBMITTED:
        raise ResponseSubmitted
    form = response.campaign.version.web_form
    with transaction.atomic():
        locked = Response.objects.select_for_update().get(pk=response.pk)
        if locked.status == ResponseStatus.SUBMITTED:
            raise ResponseSubmitted
        merged = dict(locked.answers)
        for name, value in answers.items():
            if (found := flow.parse_instance_key(form, name)) is not None:
                _merge_instance_answer(merged, found, value)
            elif value in (None, "", []):
                merged.pop(name, None)
            else:
                merged[name] = value
        locked.answers = merged
        fields = ["answers", "updated_at"]
        if language:
            locked.language = language
            fields.append("language")
        locked.save(update_fields=fields)
    response.answers = locked.answers
    values, errors = clean_response(form, merged, language=language or locked.language)
    region_errors = _nuts3_region_errors(response.campaign, answers)
    page_errors = [
        e for e in [*errors, *region_errors] if flow.error_key(e) in answers and e.code != "required"
    ]
    return SavedPage(error_messages(page_errors), flow.evaluated(form, values, [*errors, *region_errors]))


def _instance_list(holder: dict[str, Any], repeat: str) -> list[dict[str, Any]]:
    """The instances of `repeat` in `holder` (a draft's answers or an instance), made editable in
    place: copies of dicts, a missing or malformed value as no instance."""
    given = holder.get(repeat)
    instances = [dict(i) if isinstance(i, Mapping) else {} for i in given] if isinstance(given, list) else []
    holder[repeat] = instances
    return instances


def _instance_at(answers: dict[str, Any], path: flow.Path, *, make: bool) -> dict[str, Any] | None:
    """The instance at `path` in a draft's answers (edited in place); with `make`, the instances up
    to it are made (empty) where the draft has fewer, else None for one it does not have."""
    holder = answers
    for repeat, n in path:
        had = holder.get(repeat)
        instances = _instance_list(holder, repeat)
        if n > len(instances):
            if not make:
                if had is None:
                    holder.pop(repeat, None)
                return None
            instances += [{} for _ in range(n - len(instances))]
        holder = instances[n - 1]
    return holder


def _merge_instance_answer(merged: dict[str, Any], found: flow.Located, value: Any) -> None:
    """Put one answer into its instance of a repeat in a draft (a blank value clears it); the
    instances before it are made (empty) if the draft has fewer."""
    blank = value in (None, "", [])
    instance = _instance_at(merged, found.path, make=not blank)
    if instance is None:
        return
    if blank:
        instance.pop(found.question.name, None)
    else:
        instance[found.question.name] = value


def _scope_at(values: Mapping[str, Any], parent: flow.Path) -> dict[str, Any]:
    """The typed values a repeat at `parent` sees: those outside every repeat, then each enclosing
    instance's own, inner last (as `flow` evaluates them)."""
    scope = dict(values)
    holder: Any = values
    for repeat, n in parent:
        instances = holder.get(repeat) if isinstance(holder, Mapping) else None
        holder = instances[n - 1] if isinstance(instances, list) and n <= len(instances) else {}
        scope.update(holder if isinstance(holder, Mapping) else {})
    return scope


def response_repeat_add(*, response: Response, repeat: str) -> int:
    """Add an empty instance to a repeat of a draft (the web form's "Add"); returns its number.
    `repeat` is the repeat's address: its name (`site`), or for a repeat inside a repeat the outer
    instance's address and its name (`partner[2]/contact`). Refused for a repeat the web form does
    not ask there, one whose number the form sets (repeat_count), and past MAX_INSTANCES."""
    return _repeat_change(response=response, repeat=repeat, remove=0)


def response_repeat_remove(*, response: Response, repeat: str, n: int) -> int:
    """Remove instance `n` (from 1) of a repeat of a draft (its address as `response_repeat_add`
    takes it), with its answers and the instances inside it; the later instances move up. Returns
    the number of instances left. Refused as `response_repeat_add` is, and for the last instance
    of a required repeat."""
    return _repeat_change(response=response, repeat=repeat, remove=n)


def _repeat_change(*, response: Response, repeat: str, remove: int) -> int:
    form = response.campaign.version.web_form
    found = flow.parse_repeat_address(form, repeat)
    if found is None:
        raise SurveyError(_("This group cannot be added or removed here."))
    parent, q = found
    with transaction.atomic():
        locked = Response.objects.select_for_update().get(pk=response.pk)
        if locked.status == ResponseStatus.SUBMITTED:
            raise ResponseSubmitted
        answers = dict(locked.answers)
        values, _errors = clean_response(form, answers, language=locked.language)
        holder = _instance_at(answers, parent, make=True) or answers  # made, so never None
        instances = _instance_list(holder, q.name)
        count, fixed = flow.instance_count(form, q, _scope_at(values, parent), len(instances))
        if fixed:
            raise SurveyError(_("The number of these is set by an earlier answer."))
        if remove:
            if not 1 <= remove <= len(instances) or (q.required and len(instances) <= 1):
                raise SurveyError(_("This group cannot be added or removed here."))
            del instances[remove - 1]
        else:
            if count >= flow.MAX_INSTANCES:
                raise SurveyError(_("At most %(max)s can be added.") % {"max": flow.MAX_INSTANCES})
            scope = {**_scope_at(values, parent), **holder}
            instances += [new_instance(form, q.name, scope) for _ in range(count + 1 - len(instances))]
        if not instances:
            holder.pop(q.name, None)
        locked.answers = answers
        locked.save(update_fields=["answers", "updated_at"])
    response.answers = locked.answers
    return len(instances)


def _web_metadata(form: Form, response: Response) -> dict[str, str]:
    """The metadata a collecting app fills itself, filled by the web form at submission: `start`
    (when the draft was begun), `end` (now) and `today` (the date), as ODK and Kobo write them."""
    now = timezone.now()
    filled = {
        "start": response.started_at.isoformat(),
        "end": now.isoformat(),
        "today": now.date().isoformat(),
    }
    return {q.name: filled[q.type] for q in form.answerable() if q.type in filled}


def _shape_instances(
    form: Form,
    holder: dict[str, Any],
    values: Mapping[str, Any],
    scope: Mapping[str, Any],
    repeats: list[Any],
) -> None:
    """Give each asked repeat in `holder` (answers or an instance; `values` its typed reading) the
    instances the web form shows (as many as its repeat_count says, one at least if required), and
    the same inside each instance."""
    for repeat in repeats:
        given = holder.get(repeat.name)
        items = [dict(i) for i in given if isinstance(i, Mapping)] if isinstance(given, list) else []
        got = values.get(repeat.name)
        typed: list[Any] = got if isinstance(got, list) else []
        count, _fixed = flow.instance_count(form, repeat, scope, len(items))
        items = (items + [{} for _ in range(count)])[:count]
        inner = form.repeats_in(repeat.name)
        for n, item in enumerate(items):
            own = typed[n] if n < len(typed) and isinstance(typed[n], Mapping) else {}
            if inner:
                _shape_instances(form, item, own, {**scope, **own}, inner)
        if items != given and (items or repeat.name in holder):
            holder[repeat.name] = items


def _prune_skipped(form: Form, answers: dict[str, Any]) -> dict[str, Any]:
    """Drop answers to questions that no longer apply (the respondent changed an earlier answer);
    repeated because dropping one answer can make others irrelevant in turn. A repeat the web form
    asks gets the instances it shows (as many as its repeat_count says, one at least if required),
    at every depth, and a question skipped in an instance loses its answer there."""
    answers = dict(answers)
    for _round in range(len(form.questions) + 1):
        values, errors = clean_response(form, answers)
        _shape_instances(form, answers, values, values, form.repeats_in(""))
        skipped = {e.question for e in errors if e.code == "not_relevant" and "repeat" not in e.params}
        inner = [e for e in errors if e.code == "not_relevant" and "repeat" in e.params]
        changed = False
        for e in inner:
            path = flow.parse_path(form, str(e.params.get("path", "")))
            instance = _instance_at(answers, path, make=False) if path else None
            if instance is not None and e.question in instance:
                instance.pop(e.question)
                changed = True
        if not skipped and not changed:
            break
        for name in skipped:
            answers.pop(name, None)
    return answers


def response_submit(*, response: Response, prune: bool = False) -> Response:
    """Check the whole response and mark it submitted. Idempotent: submitting a submitted response
    returns it unchanged (a retried request never makes a second response). With `prune` (the web
    form), answers to questions skipped after all are dropped first, as ODK clients do."""
    with transaction.atomic():
        locked = Response.objects.select_for_update().select_related("campaign__version").get(pk=response.pk)
        if locked.status == ResponseStatus.SUBMITTED:
            return locked
        if not campaign_is_open(locked.campaign):
            raise CampaignClosed(_("This survey is closed."))
        form = locked.campaign.version.web_form
        answers = _prune_skipped(form, locked.answers) if prune else locked.answers
        if prune:
            answers = {**_web_metadata(form, locked), **answers}
        values, errors = clean_response(form, answers, language=locked.language)
        errors += _nuts3_region_errors(locked.campaign, answers)
        if errors:
            raise ResponseInvalid(_("Some answers need attention."), error_messages(errors))
        locked.answers = dump_values(form, values)
        locked.status = ResponseStatus.SUBMITTED
        locked.submitted_at = timezone.now()
        locked.save(update_fields=["answers", "status", "submitted_at", "updated_at"])
        if prune:  # the files of answers changed or removed on the way go with them
            from .files import answered_names, response_files_prune

            response_files_prune(response=locked, names=answered_names(form, locked.answers))
    return locked


def response_create_complete(
    *, user: Any, campaign: Campaign, answers: Mapping[str, Any], language: str = "", key: str
) -> tuple[Response, bool]:
    """A whole response sent by an integration (an interview tool, a partner's own form):
    (response, created). Only those who may edit the campaign (its region's partner, the
    coordinator) send them; `language` is one of the campaign's (the caller checks). Checked as the
    web form checks a submission; nothing is stored when an answer is wrong. `key` is the
    integration's idempotency key: the same key returns the response it first made."""
    from interventures.apps.accounts.permissions import Action, require

    require(user, Action.EDIT, campaign)
    # The key is the caller's: another caller's same key is another response.
    stored_key = "api-" + hashlib.sha256(f"{user.pk}:{key}".encode()).hexdigest()[:40]
    existing = Response.objects.filter(campaign=campaign, idempotency_key=stored_key).first()
    if existing is not None:
        return existing, False
    with transaction.atomic():
        response = Response.objects.create(
            campaign=campaign,
            idempotency_key=stored_key,
            language=language,
            answers={k: v for k, v in answers.items() if v not in (None, "", [])},
            source=ResponseSource.API,  # one whole response sent by an integration (key "api-…")
        )
        response = response_submit(response=response)
    return response, True


def _nuts3_region_errors(campaign: Campaign, answers: Mapping[str, Any]) -> list[CellError]:
    """A web answer to the NUTS 3 question must be a NUTS 3 region of the campaign's region (the
    form offers that list; a posted code from elsewhere is refused, naming the code)."""
    from interventures.apps.classifications.models import NutsRegion

    code = str(answers.get(NUTS3_QUESTION) or "").strip().upper()
    prefixes = region_nuts_prefixes(campaign.region)
    if not code or not prefixes or not is_nuts3_code(code):
        return []  # empty, or the form's own constraint already names a malformed code
    inside = any(code.startswith(prefix) for prefix in prefixes)
    if inside and (NutsRegion.objects.filter(level=3, code=code).exists() or not NutsRegion.objects.exists()):
        return []
    message = _("%(value)s is not a NUTS 3 region of %(region)s.") % {
        "value": code,
        "region": campaign.region.label,
    }
    return [
        CellError(
            question=NUTS3_QUESTION,
            code="nuts3_other_region",
            message=message,
            params={"value": code, "region": campaign.region.label},
        )
    ]
