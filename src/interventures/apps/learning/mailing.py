"""E-mail to an event's participants, through Django's e-mail backend (EMAIL_BACKEND), each in the
participant's language: their registration link, and after the event their own feedback link.

Feedback links go out as a Celery task (tasks.py; in-process without a broker). Each participant is
claimed before its message is sent (`feedback_sent_at` set by a conditional UPDATE), so a task run
again, or two runs at once, never send twice to the same participant; a message the backend fails
to send gives the claim back, so the next run sends it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.core.mail import send_mail
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from interventures.apps.accounts.permissions import Action, Operator, can, can_see_personal_data
from interventures.apps.common.translated import tr

from .models import Event, Participant


class MailingError(Exception):
    """A mailing refused as asked (the event has not ended), with a message saying why."""


def _language(participant: Participant) -> str:
    codes = {code for code, _name in settings.LANGUAGES}
    return participant.language if participant.language in codes else settings.LANGUAGE_CODE


def registration_link_send(*, participant: Participant, link: str) -> None:
    with translation.override(_language(participant)):
        title = tr(participant.event, "title")
        send_mail(
            _("Your registration: %(event)s") % {"event": title},
            _(
                "You are registered for %(event)s.\n\n"
                "Your registration, which you may cancel before the event starts, is at:\n%(link)s\n\n"
                "Keep this link to yourself: whoever holds it sees your registration."
            )
            % {"event": title, "link": link},
            None,
            [participant.email],
        )


def feedback_link(participant: Participant, base_url: str) -> str:
    with translation.override(_language(participant)):
        return base_url.rstrip("/") + reverse("learning:feedback", args=[participant.feedback_token])


@dataclass(frozen=True)
class Mailing:
    sent: int
    already: int
    """Participants whose link went out before (not sent again)."""
    without_address: int
    failed: int


def recipients(event: Event) -> list[Participant]:
    """Who gets a feedback link: participants who attended, with an address, without feedback yet."""
    return list(
        Participant.objects.filter(event=event, attended=True, feedback__isnull=True)
        .exclude(email="")
        .order_by("pk")
    )


def feedback_links_check(*, user: Any, event: Event) -> None:
    """Whether `user` may send the event's feedback links now (its editors who see personal data,
    once the event has ended)."""
    if not isinstance(user, Operator) and not (
        can(user, Action.EDIT, event) and can_see_personal_data(user, event.region_id)
    ):
        raise PermissionDenied
    if timezone.now() < event.ends_at:
        raise MailingError(_("Feedback links are sent once the event has ended."))


def feedback_links_send(*, user: Any, event: Event, base_url: str) -> Mailing:
    """Send each participant who attended its own feedback link, once (see the module's note)."""
    feedback_links_check(user=user, event=event)
    attended = Participant.objects.filter(event=event, attended=True, feedback__isnull=True)
    without = attended.filter(email="").count()
    already = attended.exclude(email="").filter(feedback_sent_at__isnull=False).count()
    sent = failed = 0
    for participant in recipients(event):
        claimed = Participant.objects.filter(pk=participant.pk, feedback_sent_at__isnull=True).update(
            feedback_sent_at=timezone.now()
        )
        if not claimed:
            continue  # sent before, or by a run going on at the same time
        try:
            _send_feedback(participant, feedback_link(participant, base_url))
        except OSError:  # smtplib.SMTPException and connection errors
            Participant.objects.filter(pk=participant.pk).update(feedback_sent_at=None)
            failed += 1
        else:
            sent += 1
    return Mailing(sent=sent, already=already, without_address=without, failed=failed)


def _send_feedback(participant: Participant, link: str) -> None:
    with translation.override(_language(participant)):
        title = tr(participant.event, "title")
        send_mail(
            _("Your feedback on %(event)s") % {"event": title},
            _(
                "Thank you for taking part in %(event)s.\n\n"
                "Three short questions on what it brought you take a minute, at your own link:\n%(link)s\n\n"
                "Your answers count once per person towards the Interreg indicator of people with "
                "increased professional capacity."
            )
            % {"event": title, "link": link},
            None,
            [participant.email],
        )
