"""Writes of partner search: a company's profile, the suggestions the engine stores, interest in meeting."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.db import transaction

from interventures.apps.accounts.models import Company
from interventures.apps.accounts.permissions import OPERATOR, Action, Operator, require

from .engine import as_match_profile, index_of
from .models import Interest, PartnerProfile, Suggestion


class MatchmakingError(Exception):
    """A partner-search operation that cannot be done (the message says why)."""


@dataclass(frozen=True)
class ProfileData:
    name: str
    country: str
    nuts3: str = ""
    size_class: str = ""
    nace: list[str] = field(default_factory=list)
    year_founded: int | None = None
    languages: list[str] = field(default_factory=list)
    stage: str = ""
    offers: str = ""
    seeks: str = ""
    offer_kinds: list[str] = field(default_factory=list)
    seek_kinds: list[str] = field(default_factory=list)
    offer_nace: list[str] = field(default_factory=list)
    seek_nace: list[str] = field(default_factory=list)
    cooperation: list[str] = field(default_factory=list)
    target_countries: list[str] = field(default_factory=list)
    contact_name: str = ""
    contact_email: str = ""
    contact_phone: str = ""
    published: bool = False


def profile_save(
    *, user: Any | Operator, company: Company, data: ProfileData, is_demo: bool = False
) -> PartnerProfile:
    """Create or change the company's profile; its suggestions (and those it enters or leaves) follow."""
    if user is not OPERATOR:
        require(user, Action.EDIT, company)
    with transaction.atomic():
        profile, _ = PartnerProfile.objects.select_for_update().get_or_create(
            company=company, defaults={"name": data.name, "country": data.country}
        )
        for name, value in data.__dict__.items():
            setattr(profile, name, value)
        profile.is_demo = is_demo or profile.is_demo
        profile.save()
        pk = profile.pk
        transaction.on_commit(lambda: _refresh_later([pk]))
    return profile


def _refresh_later(profile_ids: list[int]) -> None:
    from .tasks import suggestions_refresh_task

    suggestions_refresh_task.delay(profile_ids)


def suggestions_refresh(*, profile_ids: Iterable[int]) -> int:
    """Bring stored suggestions up to date after these profiles changed (incrementally: the stored
    top-k of every other profile is kept unless the changed ones enter, leave or move in it).
    Returns the number of profiles whose suggestions were rewritten."""
    changed = set(profile_ids)
    with transaction.atomic():
        published = list(PartnerProfile.objects.filter(published=True).select_for_update())
        index = index_of(published)
        stored: dict[str, list[tuple[str, float]]] = {}
        for s in Suggestion.objects.filter(profile__published=True).order_by("profile_id", "rank"):
            stored.setdefault(str(s.profile_id), []).append((str(s.partner_id), s.score))
        stale = []
        for p in published:
            key = str(p.pk)
            rows = stored.get(key, [])
            index.set_suggestions(key, rows)
            if any(pid not in index.row for pid, _ in rows):
                stale.append(key)  # a partner withdrew
        index.refresh_rows(stale)
        before = {pid: [s.partner_id for s in index.suggestions(pid)] for pid in index.row}
        for p in published:
            if p.pk in changed:
                index.upsert(as_match_profile(p))
        Suggestion.objects.filter(profile_id__in=changed).exclude(profile__published=True).delete()
        rewritten = 0
        for pid in index.row:
            now = index.suggestions(pid)
            if int(pid) in changed or pid in stale or [s.partner_id for s in now] != before[pid]:
                _store(int(pid), now)
                rewritten += 1
            elif now:
                # same partners, same order: keep the rows, refresh the scores of changed partners
                for found in now:
                    if int(found.partner_id) in changed:
                        Suggestion.objects.filter(
                            profile_id=int(pid), partner_id=int(found.partner_id)
                        ).update(score=found.score, parts=found.parts)
    return rewritten


def suggestions_recompute_all() -> int:
    """Every published profile's suggestions from scratch (the demo load; a periodic check)."""
    with transaction.atomic():
        published = list(PartnerProfile.objects.filter(published=True))
        index = index_of(published)
        index.compute()
        Suggestion.objects.all().delete()
        for pid in index.row:
            _store(int(pid), index.suggestions(pid), replace=False)
    return len(published)


def _store(profile_id: int, suggestions: list[Any], *, replace: bool = True) -> None:
    """Write a profile's list: rows of partners still in it are updated in place, others removed."""
    existing = {s.partner_id: s for s in Suggestion.objects.filter(profile_id=profile_id)} if replace else {}
    keep = {int(s.partner_id) for s in suggestions}
    Suggestion.objects.filter(pk__in=[s.pk for pid, s in existing.items() if pid not in keep]).delete()
    new = []
    for rank, s in enumerate(suggestions, start=1):
        row = existing.get(int(s.partner_id))
        if row is None:
            new.append(
                Suggestion(
                    profile_id=profile_id,
                    partner_id=int(s.partner_id),
                    rank=rank,
                    score=s.score,
                    parts=s.parts,
                )
            )
        else:
            row.rank, row.score, row.parts = rank, s.score, s.parts
            row.save(update_fields=["rank", "score", "parts", "computed_at"])
    Suggestion.objects.bulk_create(new)


def _own_profile(user: Any) -> PartnerProfile:
    company_id = getattr(getattr(user, "profile", None), "company_id", None)
    profile = PartnerProfile.objects.filter(company_id=company_id).first() if company_id else None
    if profile is None:
        raise MatchmakingError("no_profile")
    if not profile.published:
        raise MatchmakingError("not_published")
    return profile


def interest_declare(*, user: Any, target: PartnerProfile) -> Interest:
    """The user's company asks to meet `target` (or accepts its request: interest both ways)."""
    source = _own_profile(user)
    if target.pk == source.pk or target.company_id == source.company_id:
        raise MatchmakingError("self")
    if not target.published:
        raise MatchmakingError("not_available")
    with transaction.atomic():
        interest, _ = Interest.objects.get_or_create(source=source, target=target)
        # asking again after declining withdraws the decline of the other side's request
        Interest.objects.filter(source=target, target=source, declined=True).update(declined=False)
    return interest


def interest_decline(*, user: Any, source: PartnerProfile) -> None:
    """The user's company declines `source`'s request to meet (and withdraws its own interest)."""
    target = _own_profile(user)
    with transaction.atomic():
        updated = Interest.objects.filter(source=source, target=target).update(declined=True)
        Interest.objects.filter(source=target, target=source).delete()
    if not updated:
        raise MatchmakingError("no_request")
