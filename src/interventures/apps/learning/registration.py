"""People registering themselves for an event that is open for registration, and their own page to
see or cancel the registration, reached by the random key of its link (Participant.registration_token).

A registration form carries a signed, one-time key (`form_key`); a POST sent again with it (a
double click, a retry after a lost answer) finds the registration it made instead of making a second
one, as long as it carries the same e-mail address (another address with the same key is refused,
so a copied form cannot reach somebody else's registration).
"""

from __future__ import annotations

import logging
import secrets
from dataclasses import dataclass
from typing import Any

from django.core import signing
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from interventures.apps.accounts.permissions import Action, can, can_manage_registration
from interventures.apps.partnership.models import Organisation

from . import mailing
from .models import Event, Participant
from .services import LearningError

log = logging.getLogger(__name__)

SALT = "learning.registration-form"
FORM_MAX_AGE = 2 * 24 * 3600


class State:
    OPEN = "open"
    NOT_OPEN = "not_open"
    CLOSED = "closed"
    FULL = "full"


def closes_at(event: Event) -> Any:
    return event.registration_closes_at or event.starts_at


def registration_state(event: Event, *, now: Any = None) -> str:
    """Whether people may register now: open, not open (the organisers have not opened it), closed
    (past its deadline, by default the start), or full (as many registered as there are places)."""
    now = now or timezone.now()
    if not event.registration_open or not event.published:
        return State.NOT_OPEN
    if now >= closes_at(event):
        return State.CLOSED
    if event.capacity is not None and Participant.objects.filter(event=event).count() >= event.capacity:
        return State.FULL
    return State.OPEN


def places_left(event: Event) -> int | None:
    if event.capacity is None:
        return None
    return max(0, event.capacity - Participant.objects.filter(event=event).count())


def form_key() -> str:
    """A fresh one-time key for a registration form, signed so that only the server issues them."""
    return signing.dumps(secrets.token_urlsafe(18), salt=SALT)


def submitted_key(signed: str) -> str:
    """The one-time key a form sent back, checked to be one the server issued (and not too old)."""
    try:
        return str(signing.loads(signed, salt=SALT, max_age=FORM_MAX_AGE))
    except signing.BadSignature as exc:
        raise LearningError(_("This form has expired: reload the page and send it again.")) from exc


class AlreadyRegistered(LearningError):
    """The address is registered for the event already; its link was sent to it again."""


@dataclass(frozen=True)
class Registered:
    participant: Participant
    created: bool


def self_register(
    *,
    user: Any,
    event: Event,
    submission: str,
    name: str,
    email: str,
    organisation: Organisation | None,
    organisation_name: str,
    stakeholder_type: str,
    gender: str,
    listed: bool,
    language: str,
    link_of: Any = None,
) -> Registered:
    """Register oneself for an event open for registration (anybody who may see the event, signed in
    or not). `link_of(participant)` gives the absolute address of the registration's own page, which
    is e-mailed to the participant."""
    if not can(user, Action.VIEW, event):
        raise PermissionDenied
    key = submitted_key(submission)
    email = email.strip().lower()
    if not name.strip() or not email:
        raise LearningError(_("Give your name and e-mail address."))
    with transaction.atomic():
        locked = Event.objects.select_for_update().get(pk=event.pk)  # one place, one registration
        earlier = Participant.objects.filter(event=locked, submission_key=key).first()
        if earlier is not None:
            if earlier.email != email:
                raise LearningError(
                    _("This form was sent already: reload the page to register someone else.")
                )
            return Registered(earlier, False)
        same = Participant.objects.filter(event=locked, email=email).first()
        if same is not None:
            _send_link(same, link_of)
            raise AlreadyRegistered(
                _(
                    "This address is registered for the event already: its registration link was sent to it again."
                )
            )
        state = registration_state(locked)
        if state == State.FULL:
            raise LearningError(_("The event is full."))
        if state != State.OPEN:
            raise LearningError(_("Registration for this event is closed."))
        participant = Participant(
            event=locked,
            name=" ".join(name.split())[:200],
            email=email,
            organisation=organisation,
            organisation_name="" if organisation else organisation_name.strip()[:300],
            stakeholder_type=stakeholder_type,
            gender=gender,
            listed=listed,
            language=language,
            self_registered=True,
            submission_key=key,
        )
        participant.full_clean(exclude=["event", "organisation"])
        try:
            with transaction.atomic():
                participant.save()
        except IntegrityError:  # the same form sent twice at once: the other request made it
            earlier = Participant.objects.filter(event=locked, submission_key=key, email=email).first()
            if earlier is None:
                raise
            return Registered(earlier, False)
    _send_link(participant, link_of)
    return Registered(participant, True)


def _send_link(participant: Participant, link_of: Any) -> None:
    if link_of is None or not participant.email:
        return
    try:
        mailing.registration_link_send(participant=participant, link=link_of(participant))
    except Exception:  # the page shows the link too; a mail server's failure loses no registration
        log.exception("registration link not sent for participant %s", participant.pk)


def registration_get(*, token: str) -> Participant | None:
    """The registration whose link holds `token` (None for a key that is no registration's)."""
    if not token:
        return None
    found = (
        Participant.objects.select_related("event__region", "organisation")
        .filter(registration_token=token)
        .first()
    )
    if found is None or not can_manage_registration(found, token=token):
        return None
    return found


def may_cancel(participant: Participant, *, now: Any = None) -> bool:
    return (now or timezone.now()) < participant.event.starts_at


@transaction.atomic
def registration_cancel(*, participant: Participant, token: str) -> Event:
    """Cancel one's registration, before the event starts: the record and its personal data go."""
    if not can_manage_registration(participant, token=token):
        raise PermissionDenied
    if not may_cancel(participant):
        raise LearningError(_("The event has started: ask its organisers to change your registration."))
    event = participant.event
    participant.delete()
    return event
