"""Background work of partner search (eager, in-process, when no broker is configured)."""

from __future__ import annotations

from celery import shared_task


@shared_task(name="matchmaking.refresh")
def suggestions_refresh_task(profile_ids: list[int]) -> int:
    from .services import suggestions_refresh

    return suggestions_refresh(profile_ids=profile_ids)
