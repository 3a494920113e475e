"""Profiles, stored suggestions kept up to date incrementally, and the request/accept flow."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied

from interventures.apps.accounts.models import Role
from interventures.apps.matchmaking import selectors, services
from interventures.apps.matchmaking.engine import TOP_K
from interventures.apps.matchmaking.models import Interest, Suggestion
from interventures.apps.matchmaking.services import ProfileData

pytestmark = pytest.mark.django_db(transaction=False)


def _partners(profile: Any) -> list[int]:
    """The list shown: the best k of the stored rows (the top k of each border pair)."""
    return list(
        Suggestion.objects.filter(profile=profile)
        .order_by("-score", "partner_id")
        .values_list("partner_id", flat=True)[:TOP_K]
    )


@pytest.fixture
def on_commit(django_capture_on_commit_callbacks: Any) -> Any:
    return django_capture_on_commit_callbacks


def test_suggestions_follow_the_hard_rules_and_refresh(
    make_profile: Callable[..., Any], on_commit: Any
) -> None:
    with on_commit(execute=True):
        wine = make_profile(
            "HU", "HU231", offers="Szőlőbor termelése", seeks="italok nagykereskedelme", nace=["11.02"]
        )
        trader = make_profile(
            "HR", "HR025", offers="Trgovina na veliko pićima", seeks="proizvodnja vina", nace=["46.34"]
        )
        austrian = make_profile("AT", "AT221", offers="Weinhandel", nace=["46.34"])
        private = make_profile("HR", "HR021", offers="vino", published=False)
    assert _partners(wine) == [trader.pk]  # Baranya looks to Croatia; never Austria, never unpublished
    assert _partners(trader) == [wine.pk]
    assert austrian.pk not in _partners(wine)
    assert private.pk not in _partners(trader)
    s = Suggestion.objects.get(profile=wine)
    assert set(s.parts) == {"complementarity", "relatedness", "languages", "stages", "distance"}
    assert s.parts["complementarity"] > 0.2

    # a new Croatian company enters the lists; withdrawing it takes it out again
    with on_commit(execute=True):
        second = make_profile("HR", "HR026", offers="Proizvodnja vina", seeks="boce", nace=["11.02"])
    assert second.pk in _partners(wine)
    with on_commit(execute=True):
        services.profile_save(
            user=services.OPERATOR,
            company=second.company,
            data=ProfileData(name=second.name, country="HR", nuts3="HR026", published=False),
        )
    assert second.pk not in _partners(wine)
    assert not Suggestion.objects.filter(profile=second).exists()


def test_incremental_refresh_equals_recomputing_everything(
    make_profile: Callable[..., Any], on_commit: Any
) -> None:
    texts = [
        "bútorgyártás",
        "proizvodnja namještaja",
        "fűrészáru",
        "piljenje drva",
        "szoftver",
        "računalno programiranje",
    ]
    with on_commit(execute=True):
        made = [
            make_profile("HU" if i % 2 == 0 else "HR", offers=texts[i], seeks=texts[(i + 3) % 6])
            for i in range(6)
        ]
        services.profile_save(
            user=services.OPERATOR,
            company=made[0].company,
            data=ProfileData(name="x", country="HU", offers="računalno programiranje", published=True),
        )
    incremental = {p.pk: _partners(p) for p in made}
    services.suggestions_recompute_all()
    assert {p.pk: _partners(p) for p in made} == incremental


def test_a_refresh_partitioned_by_border_pair_gives_the_suggestions_of_the_whole(
    make_profile: Callable[..., Any], on_commit: Any
) -> None:
    from interventures.apps.matchmaking.engine import index_of
    from interventures.apps.matchmaking.models import PartnerProfile

    texts = ["bútorgyártás", "proizvodnja namještaja", "Möbelherstellung", "szoftver", "vino", "Weinbau"]
    where = [("HU", ""), ("HR", "HR041"), ("AT", "AT111"), ("SI", ""), ("HU", "HU231"), ("SK", "")]
    with on_commit(execute=True):
        made = [
            make_profile(where[i % 6][0], where[i % 6][1], offers=texts[i % 6], seeks=texts[(i * 5 + 1) % 6])
            for i in range(18)
        ]
    assert len(services.border_pairs()) > 3  # Hungary without a region meets several neighbours
    services.suggestions_recompute_all()  # one task per border pair (in-process here)
    whole = index_of(PartnerProfile.objects.filter(published=True).order_by("pk"))
    whole.compute(exact=True)
    for p in made:
        want = whole.suggestions(str(p.pk))
        got = Suggestion.objects.filter(profile=p).order_by("-score", "partner_id")[:TOP_K]
        assert [g.partner_id for g in got] == [int(s.partner_id) for s in want], p.pk
        assert [round(g.score, 6) for g in got] == [round(s.score, 6) for s in want]
    # and the incremental refresh after a change, pair by pair, still equals the whole
    with on_commit(execute=True):
        services.profile_save(
            user=services.OPERATOR,
            company=made[3].company,
            data=ProfileData(name="x", country="HU", offers="Weinbau", seeks="vino", published=True),
        )
    whole = index_of(PartnerProfile.objects.filter(published=True).order_by("pk"))
    whole.compute(exact=True)
    for p in made:
        assert _partners(p) == [int(s.partner_id) for s in whole.suggestions(str(p.pk))], p.pk


def test_only_the_companys_users_edit_its_profile(
    make_company: Callable[..., Any], make_user: Callable[..., Any]
) -> None:
    company = make_company()
    other = make_user(Role.SME)
    with pytest.raises(PermissionDenied):
        services.profile_save(user=other, company=company, data=ProfileData(name="x", country="HU"))
    owner = make_user(Role.SME, company=company)
    assert (
        services.profile_save(user=owner, company=company, data=ProfileData(name="x", country="HU")).company
        == company
    )


def test_contact_only_after_both_agree(
    make_profile: Callable[..., Any], make_user: Callable[..., Any]
) -> None:
    a = make_profile("HU", contact_email="a@example.org")
    b = make_profile("HR", contact_email="b@example.org")
    user_a = make_user(Role.SME, company=a.company)
    user_b = make_user(Role.SME, company=b.company)
    assert selectors.contact_of(user=user_a, partner=b) is None
    services.interest_declare(user=user_a, target=b)
    assert selectors.contact_of(user=user_a, partner=b) is None  # a request is not an agreement
    assert selectors.contact_of(user=user_b, partner=a) is None
    assert [p.pk for p in selectors.requests_received(profile=b)] == [a.pk]
    services.interest_declare(user=user_b, target=a)  # accepted
    contact = selectors.contact_of(user=user_a, partner=b)
    assert contact is not None
    assert contact.email == "b@example.org"
    assert selectors.contact_of(user=user_b, partner=a).email == "a@example.org"  # type: ignore[union-attr]
    # a third company never sees them
    third = make_user(Role.SME, company=make_profile("HR").company)
    assert selectors.contact_of(user=third, partner=a) is None
    # declining withdraws the agreement
    services.interest_decline(user=user_b, source=a)
    assert selectors.contact_of(user=user_a, partner=b) is None
    assert Interest.objects.get(source=a, target=b).declined


def test_interest_needs_a_published_own_profile(
    make_profile: Callable[..., Any], make_user: Callable[..., Any]
) -> None:
    a = make_profile("HU", published=False)
    b = make_profile("HR")
    user_a = make_user(Role.SME, company=a.company)
    with pytest.raises(services.MatchmakingError, match="not_published"):
        services.interest_declare(user=user_a, target=b)
    user_b = make_user(Role.SME, company=b.company)
    with pytest.raises(services.MatchmakingError, match="self"):
        services.interest_declare(user=user_b, target=b)


def test_the_pairs_of_a_refresh_go_out_as_one_group(
    make_profile: Callable[..., Any], on_commit: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    with on_commit(execute=True):
        hu = make_profile("HU", target_countries=["HR", "AT"])
        make_profile("HR")
        make_profile("AT")
    sent: list[list[Any]] = []

    class Group:
        def __init__(self, tasks: Any) -> None:
            self.tasks = list(tasks)

        def apply_async(self) -> None:
            sent.append(self.tasks)

    monkeypatch.setattr(services, "group", Group)
    assert services.suggestions_refresh(profile_ids=[hu.pk]) == 2
    [tasks] = sent  # one group, so that free workers take its pairs at once
    assert sorted(t.args[0] for t in tasks) == [["AT", "HU"], ["HR", "HU"]]
    assert {t.task for t in tasks} == {"matchmaking.refresh_pair"}
    sent.clear()
    assert services.suggestions_recompute_all() == len(sent[0])
    assert {t.task for t in sent[0]} == {"matchmaking.recompute_pair"}
