"""Partner search through /api/v1/matchmaking: the own profile, suggestions with their parts,
interest (idempotent), and no contact detail before both sides agree."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client

from interventures.apps.accounts.models import Role
from interventures.apps.matchmaking.models import Interest
from interventures.apps.matchmaking.tests.test_support import border  # noqa: F401  # a fixture

pytestmark = pytest.mark.django_db

BASE = "/api/v1/matchmaking"


def _put(client: Client, body: dict[str, Any]) -> Any:
    return client.put(f"{BASE}/profile", json.dumps(body), content_type="application/json")


def _post(client: Client, url: str, key: str) -> Any:
    return client.post(url, "{}", content_type="application/json", HTTP_IDEMPOTENCY_KEY=key)


@pytest.fixture
def two_smes(
    make_user: Callable[..., Any], make_company: Callable[..., Any], bearer: Callable[..., Client]
) -> tuple[Client, Client, Any, Any]:
    hu = make_company(name="Baranya Bútor Kft.", nuts3="HU231")
    hr = make_company(name="Osijek Drvo d.o.o.", nuts3="HR025")
    hr.country = "HR"
    hr.save(update_fields=["country"])
    a, b = bearer(make_user(Role.SME, company=hu)), bearer(make_user(Role.SME, company=hr))
    return a, b, hu, hr


def test_the_own_profile_is_read_and_updated_and_checked_like_the_page(two_smes: Any) -> None:
    a, _b, _hu, _hr = two_smes
    assert a.get(f"{BASE}/profile").status_code == 404  # none yet
    bad = _put(a, {"name": "X", "country": "HU", "nuts3": "HR025", "nace": ["99.99.9"]})
    assert bad.status_code == 400
    assert "nuts3" in bad.json()["detail"]
    assert "nace" in bad.json()["detail"]
    made = _put(a, {"name": "Baranya Bútor", "country": "HU", "nuts3": "HU231", "nace": ["31.01"],
                    "offers": "bútorgyártás", "contact_email": "info@example.org", "published": True})  # fmt: skip
    assert made.status_code == 200, made.content
    got = a.get(f"{BASE}/profile").json()
    assert got["nace"] == ["31.01"]
    assert got["published"] is True
    assert got["contact_email"] == "info@example.org"  # its own contact, to itself


def test_suggestions_with_their_parts_and_no_contact_before_both_agree(
    two_smes: Any, django_capture_on_commit_callbacks: Any
) -> None:
    a, b, _hu, _hr = two_smes
    with django_capture_on_commit_callbacks(execute=True):  # the refresh runs after the commit
        _put(a, {"name": "Baranya Bútor", "country": "HU", "nuts3": "HU231", "nace": ["31.01"],
                 "offers": "bútorgyártás", "seeks": "fűrészáru", "contact_email": "hu-secret@example.org",
                 "contact_phone": "+36 72 555 0101", "published": True})  # fmt: skip
        _put(b, {"name": "Osijek Drvo", "country": "HR", "nuts3": "HR025", "nace": ["16.10"],
                 "offers": "piljenje drva", "seeks": "proizvodnja namještaja",
                 "contact_email": "hr-secret@example.org", "published": True})  # fmt: skip
    rows = a.get(f"{BASE}/suggestions").json()
    assert [r["name"] for r in rows] == ["Osijek Drvo"]
    assert set(rows[0]["parts"]) == {"complementarity", "relatedness", "languages", "stages", "distance"}
    token = rows[0]["partner"]
    mine = b.get(f"{BASE}/suggestions").json()[0]["partner"]

    def leaks(client: Client, secret: str) -> bool:
        answers = [client.get(f"{BASE}/suggestions"), client.get(f"{BASE}/partners/{token}"),
                   client.get(f"{BASE}/partners/{mine}")]  # fmt: skip
        return any(secret in r.content.decode() for r in answers)

    assert a.get(f"{BASE}/partners/{token}").json()["contact"] is None
    assert not leaks(a, "hr-secret@example.org")
    # one side declares interest: still nothing; the key makes the request idempotent
    first = _post(a, f"{BASE}/partners/{token}/interest", "k-1")
    assert first.status_code == 201
    assert first.json()["sent"] is True
    again = _post(a, f"{BASE}/partners/{token}/interest", "k-1")
    assert again.status_code == 200
    assert again.json() == first.json()
    assert Interest.objects.count() == 1
    assert not leaks(a, "hr-secret@example.org")
    assert not leaks(b, "hu-secret@example.org")
    assert _post(a, f"{BASE}/partners/{token}/interest", "").status_code in (400, 422)  # a key is required
    # the other side accepts: each now sees the other's contact, through can_see_contact
    accepted = _post(b, f"{BASE}/partners/{mine}/interest", "k-2")
    assert accepted.json()["mutual"] is True
    assert a.get(f"{BASE}/partners/{token}").json()["contact"]["email"] == "hr-secret@example.org"
    assert b.get(f"{BASE}/partners/{mine}").json()["contact"]["phone"] == "+36 72 555 0101"
    # declining withdraws the agreement, and the contact with it
    assert _post(b, f"{BASE}/partners/{mine}/decline", "k-3").status_code == 201
    assert a.get(f"{BASE}/partners/{token}").json()["contact"] is None


def test_only_a_company_uses_partner_search(
    make_user: Callable[..., Any], bearer: Callable[..., Client]
) -> None:
    coordinator = bearer(make_user(Role.COORDINATOR))
    assert coordinator.get(f"{BASE}/suggestions").status_code == 403
    assert Client().get(f"{BASE}/suggestions").status_code == 401


@pytest.mark.usefixtures("border")
def test_the_partner_carries_the_support_offer_once_both_agree(
    two_smes: Any, django_capture_on_commit_callbacks: Any
) -> None:
    a, b, _hu, _hr = two_smes
    with django_capture_on_commit_callbacks(execute=True):
        _put(a, {"name": "Baranya Bútor", "country": "HU", "nuts3": "HU231", "offers": "bútorgyártás",
                 "seeks": "fűrészáru", "published": True})  # fmt: skip
        _put(b, {"name": "Osijek Drvo", "country": "HR", "nuts3": "HR025", "offers": "piljenje drva",
                 "seeks": "proizvodnja namještaja", "published": True})  # fmt: skip
    token = a.get(f"{BASE}/suggestions").json()[0]["partner"]
    mine = b.get(f"{BASE}/suggestions").json()[0]["partner"]
    assert a.get(f"{BASE}/partners/{token}").json()["support"] is None
    _post(a, f"{BASE}/partners/{token}/interest", "s-1")
    assert a.get(f"{BASE}/partners/{token}").json()["support"] is None  # one side only
    _post(b, f"{BASE}/partners/{mine}/interest", "s-2")
    support = a.get(f"{BASE}/partners/{token}", HTTP_ACCEPT_LANGUAGE="hu").json()["support"]
    assert support["region"] == "t-hu-hr"
    assert [s["name"] for s in support["services"]] == ["B2B találkozók a határon át"]
    assert support["services"][0]["service_type"] == "matchmaking"
    assert support["services"][0]["contact"] == "b2b@agency.example"
    assert [c["title"] for c in support["calls"]] == ["Kedvezményezett Light 2. felhívás"]
    assert (
        b.get(f"{BASE}/partners/{mine}").json()["support"]["calls"][0]["title"] == "Beneficiary Light call 2"
    )
