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
            )
    except IntegrityError:
        # Two requests raced to create the same draft (same key or same invitation): use the winner.
        if invitation is not None:
            return _invitation_response(invitation) or Response.objects.get(invitation=invitation)
        return Response.objects.get(campaign=campaign, idempotency_key=key)


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
    form = response.campaign.version.form
    with transaction.atomic():
        locked = Response.objects.select_for_update().get(pk=response.pk)
        if locked.status == ResponseStatus.SUBMITTED:
            raise ResponseSubmitted
        merged = dict(locked.answers)
        for name, value in answers.items():
            if value in (None, "", []):
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
    page_errors = [e for e in [*errors, *region_errors] if e.question in answers and e.code != "required"]
    return SavedPage(error_messages(page_errors), flow.evaluated(form, values, [*errors, *region_errors]))


def _prune_skipped(form: Form, answers: dict[str, Any]) -> dict[str, Any]:
    """Drop answers to questions that no longer apply (the respondent changed an earlier answer);
    repeated because dropping one answer can make others irrelevant in turn."""
    answers = dict(answers)
    for _round in range(len(form.questions) + 1):
        _values, errors = clean_response(form, answers)
        skipped = {e.question for e in errors if e.code == "not_relevant"}
        if not skipped:
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
        form = locked.campaign.version.form
        answers = _prune_skipped(form, locked.answers) if prune else locked.answers
        values, errors = clean_response(form, answers, language=locked.language)
        errors += _nuts3_region_errors(locked.campaign, answers)
        if errors:
            raise ResponseInvalid(_("Some answers need attention."), error_messages(errors))
        locked.answers = dump_values(form, values)
        locked.status = ResponseStatus.SUBMITTED
        locked.submitted_at = timezone.now()
        locked.save(update_fields=["answers", "status", "submitted_at", "updated_at"])
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
