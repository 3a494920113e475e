"""Background work of partner search, one task per border pair so that several workers share a
recomputation (eager, in-process, when no broker is configured)."""

from __future__ import annotations

from celery import shared_task


@shared_task(name="matchmaking.refresh")
def suggestions_refresh_task(profile_ids: list[int]) -> int:
    from .services import suggestions_refresh

    return suggestions_refresh(profile_ids=profile_ids)


@shared_task(name="matchmaking.refresh_pair")
def suggestions_refresh_pair_task(pair: list[str], profile_ids: list[int]) -> int:
    from .services import suggestions_refresh_pair

    return suggestions_refresh_pair(pair=(pair[0], pair[1]), profile_ids=profile_ids)


@shared_task(name="matchmaking.recompute_pair")
def suggestions_recompute_pair_task(pair: list[str]) -> int:
    from .services import suggestions_recompute_pair

    return suggestions_recompute_pair(pair=(pair[0], pair[1]))
