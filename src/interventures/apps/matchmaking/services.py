"""Writes of partner search: a company's profile, the suggestions the engine stores, interest in meeting."""

from __future__ import annotations

import zlib
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from typing import Any

from celery import group
from django.db import connection, transaction
from django.db.models import Q

from interventures.apps.accounts.models import Company
from interventures.apps.accounts.permissions import OPERATOR, Action, Operator, require
from interventures.core.matching import MatchIndex, MatchProfile

from .engine import as_match_profile, borders, index_of
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


# -- suggestions, partitioned by border pair ---------------------------------------------------------
#
# A suggestion always joins two countries that target each other, so the suggestions of one pair of
# countries (X, Y) depend on the profiles of X and Y only. The stored rows of a profile are the top k
# of each pair it belongs to; the list shown is the best k of those (`selectors.suggestion_list`),
# which is the top k of the whole, since the whole is the union of the pairs. Each pair is one
# Celery task (`matchmaking.refresh_pair`, `matchmaking.recompute_pair`), so several workers share
# a recomputation; without a broker the tasks run in-process, one after the other.

Pair = tuple[str, str]
PAIR_LOCK_SPACE = 15  # the first key of the advisory locks of border pairs


def _pair(a: str, b: str) -> Pair:
    return (a, b) if a <= b else (b, a)


def _pairs_of(profile: PartnerProfile) -> set[Pair]:
    """The border pairs a published profile belongs to (its country with each country it targets)."""
    if not profile.published:
        return set()
    return {_pair(profile.country, t) for t in borders().targets(as_match_profile(profile))}


def _stored_pairs(profile_ids: Iterable[int]) -> set[Pair]:
    """The pairs of the stored rows a profile is in, as the profile or as the partner."""
    ids = list(profile_ids)
    rows = Suggestion.objects.filter(Q(profile_id__in=ids) | Q(partner_id__in=ids)).values_list(
        "profile__country", "partner__country"
    )
    return {_pair(a, b) for a, b in rows}


def border_pairs() -> list[Pair]:
    """Every pair that has published profiles or stored rows: the partition of a recomputation."""
    pairs: set[Pair] = set()
    for p in PartnerProfile.objects.filter(published=True):
        pairs |= _pairs_of(p)
    pairs |= {_pair(a, b) for a, b in Suggestion.objects.values_list("profile__country", "partner__country")}
    return sorted(pairs)


def _pair_index(pair: Pair) -> tuple[MatchIndex, dict[str, PartnerProfile]]:
    """An index of the published profiles of the pair that target its other country, each as
    targeting that country only (so that its lists hold partners of the pair alone)."""
    x, y = pair
    members: dict[str, PartnerProfile] = {}
    match: list[MatchProfile] = []
    for p in PartnerProfile.objects.filter(published=True, country__in={x, y}).order_by("pk"):
        mp = as_match_profile(p)
        other = y if p.country == x else x
        if other in borders().targets(mp):
            members[mp.id] = p
            match.append(replace(mp, target_countries=frozenset({other})))
    index = index_of([])
    index.add_all(match)
    return index, members


def _lock(pair: Pair) -> None:
    """Serialise the tasks of one pair (their reads of the stored lists and their writes), and only
    of that pair: (HU, HR) and (HU, AT) run side by side. PostgreSQL: a transaction-level advisory
    lock keyed by the pair; SQLite serialises every writing transaction anyway."""
    if connection.vendor != "postgresql":
        return
    key = zlib.crc32(f"matchmaking:{pair[0]}:{pair[1]}".encode())
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_advisory_xact_lock(%s, %s)", [PAIR_LOCK_SPACE, key - 2**31])


def _pair_rows(pair: Pair) -> Any:
    x, y = pair
    return Suggestion.objects.filter(
        Q(profile__country=x, partner__country=y) | Q(profile__country=y, partner__country=x)
    )


def suggestions_refresh(*, profile_ids: Iterable[int]) -> int:
    """Bring stored suggestions up to date after these profiles changed: one task per border pair
    they belong to now or belonged to before. Returns the number of pairs refreshed."""
    from .tasks import suggestions_refresh_pair_task

    changed = list(profile_ids)
    pairs = _stored_pairs(changed)
    for p in PartnerProfile.objects.filter(pk__in=changed):
        pairs |= _pairs_of(p)
    # one group: the pairs go to whichever workers are free, at once (in-process one after another)
    group(suggestions_refresh_pair_task.s(list(pair), changed) for pair in sorted(pairs)).apply_async()
    return len(pairs)


def suggestions_refresh_pair(*, pair: Pair, profile_ids: Iterable[int]) -> int:
    """The incremental refresh of one pair: its stored top-k are kept unless the changed profiles
    enter, leave or move in them. Returns the number of lists rewritten."""
    changed = {str(pk) for pk in profile_ids}
    with transaction.atomic():
        _lock(pair)
        index, members = _pair_index(pair)
        stored: dict[str, list[tuple[str, float]]] = {}
        for s in _pair_rows(pair).order_by("profile_id", "rank"):
            stored.setdefault(str(s.profile_id), []).append((str(s.partner_id), s.score))
        stale = []
        for key in members:
            rows = stored.get(key, [])
            index.set_suggestions(key, rows)
            if any(pid not in index.row for pid, _ in rows):
                stale.append(key)  # a partner withdrew
        index.refresh_rows(stale)
        before = {pid: [s.partner_id for s in index.suggestions(pid)] for pid in index.row}
        for key in changed & set(members):
            index.upsert(index.profiles[index.row[key]])
        gone = [int(k) for k in stored if k not in members]
        _pair_rows(pair).filter(profile_id__in=gone).delete()
        rewritten = 0
        for pid in index.row:
            now = index.suggestions(pid)
            if pid in changed or pid in stale or [s.partner_id for s in now] != before[pid]:
                _store(int(pid), now, pair=pair)
                rewritten += 1
            else:
                for found in now:  # same partners, same order: refresh the scores of changed partners
                    if found.partner_id in changed:
                        Suggestion.objects.filter(
                            profile_id=int(pid), partner_id=int(found.partner_id)
                        ).update(score=found.score, parts=found.parts)
    return rewritten


def suggestions_recompute_all() -> int:
    """Every published profile's suggestions from scratch (the demo load; a periodic check): one
    task per border pair. Rows of unpublished profiles go. Returns the number of pairs."""
    from .tasks import suggestions_recompute_pair_task

    Suggestion.objects.exclude(profile__published=True, partner__published=True).delete()
    pairs = border_pairs()
    group(suggestions_recompute_pair_task.s(list(pair)) for pair in pairs).apply_async()
    return len(pairs)


def suggestions_recompute_pair(*, pair: Pair) -> int:
    """One pair from scratch: its rows are replaced by the top k of each of its profiles."""
    with transaction.atomic():
        _lock(pair)
        index, members = _pair_index(pair)
        index.compute()
        _pair_rows(pair).delete()
        for pid in index.row:
            _store(int(pid), index.suggestions(pid), pair=pair, replace=False)
    return len(members)


def _store(profile_id: int, suggestions: list[Any], *, pair: Pair, replace: bool = True) -> None:
    """Write a profile's list of one pair: rows of partners still in it are updated in place, the
    pair's others removed (rows of its other pairs stay)."""
    rows = _pair_rows(pair).filter(profile_id=profile_id)
    existing = {s.partner_id: s for s in rows} if replace else {}
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
