"""Background work of learning across regions (eager, in-process, when no broker is configured)."""

from __future__ import annotations

from celery import shared_task


@shared_task(name="learning.send_feedback_links")
def send_feedback_links_task(event_id: int, base_url: str) -> dict[str, int]:
    """E-mail each participant who attended the event its own feedback link. The page that queued it
    checked the user (mailing.feedback_links_check); a run delivered again sends nobody twice."""
    from dataclasses import asdict

    from interventures.apps.accounts.permissions import OPERATOR

    from .mailing import feedback_links_send
    from .models import Event

    event = Event.objects.get(pk=event_id)
    return asdict(feedback_links_send(user=OPERATOR, event=event, base_url=base_url))
