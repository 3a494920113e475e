"""After both sides agree to meet: the regional partner's support offer and the calls that fund
cooperation across the border, on the partner page in the SME's language and in the v1 API."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import translation

from interventures.apps.accounts.models import Role
from interventures.apps.common.models import Region
from interventures.apps.keyplayers.models import Service, ServiceType
from interventures.apps.matchmaking import selectors, services
from interventures.apps.partnership.models import Call, Organisation, PolicyInstrument

pytestmark = pytest.mark.django_db


@pytest.fixture
def border() -> dict[str, Any]:
    """A Hungary–Croatia region with its Interreg programme and one call, an Italian region with
    another, and the key players of the Hungarian side (synthetic)."""
    hu_hr = Region.objects.create(
        code="t-hu-hr", name="Hungary–Croatia", partner=True, countries=["HU", "HR"],
        neighbouring_countries=["HU", "HR"], nuts={"2016": ["HU231", "HR025"]},
        translations={"hu": {"name": "Magyarország–Horvátország"}},
    )  # fmt: skip
    lombardy = Region.objects.create(code="t-it", name="Lombardy", partner=True, countries=["IT"])
    interreg = PolicyInstrument.objects.create(
        slug="t-interreg-hu-hr", region=hu_hr, name="Interreg V-A Hungary-Croatia. The programme.",
        translations={"hu": {"name": "Interreg V-A Magyarország-Horvátország. A program."}},
    )  # fmt: skip
    Call.objects.create(
        instrument=interreg, title="Beneficiary Light call 2", for_smes="Joint development of SMEs.",
        translations={"hu": {"title": "Kedvezményezett Light 2. felhívás", "for_smes": "KKV-k közös fejlesztése."}},
    )  # fmt: skip
    other = PolicyInstrument.objects.create(slug="t-por", region=lombardy, name="POR FESR Lombardia")
    Call.objects.create(instrument=other, title="Lombardy export call")
    agency = Organisation.objects.create(
        slug="t-agency", name="Baranya Enterprise Agency", region=hu_hr, published=True,
        contact="b2b@agency.example", translations={"hu": {"name": "Baranyai Vállalkozói Ügynökség"}},
    )  # fmt: skip
    Service.objects.create(
        organisation=agency, service_type=ServiceType.MATCHMAKING, name="B2B meetings across the border",
        translations={"hu": {"name": "B2B találkozók a határon át"}},
    )  # fmt: skip
    Service.objects.create(organisation=agency, service_type=ServiceType.LOANS, name="Microloans")
    hidden = Organisation.objects.create(slug="t-hidden", name="Unpublished", region=hu_hr)
    Service.objects.create(organisation=hidden, service_type=ServiceType.MATCHMAKING, name="Hidden B2B")
    return {"region": hu_hr}


@pytest.fixture
def agreed(
    border: Any,
    make_user: Callable[..., Any],
    make_profile: Callable[..., Any],
    django_capture_on_commit_callbacks: Any,
) -> tuple[Any, Any, Any, Any]:
    with django_capture_on_commit_callbacks(execute=True):
        a = make_profile(
            "HU", "HU231", offers="bútorgyártás", seeks="fűrészáru", contact_email="a@hu.example"
        )
        b = make_profile(
            "HR", "HR025", offers="piljenje drva", seeks="namještaj", contact_email="b@hr.example"
        )
    user_a, user_b = make_user(Role.SME, company=a.company), make_user(Role.SME, company=b.company)
    return a, b, user_a, user_b


def test_the_offer_comes_only_after_both_agree(agreed: Any) -> None:
    a, b, user_a, user_b = agreed
    assert selectors.support_offer(user=user_a, partner=b) is None
    services.interest_declare(user=user_a, target=b)
    assert selectors.support_offer(user=user_a, partner=b) is None  # one side only
    services.interest_declare(user=user_b, target=a)
    offer = selectors.support_offer(user=user_a, partner=b)
    assert offer is not None
    assert offer.region is not None
    assert offer.region.code == "t-hu-hr"  # from its NUTS 3 region
    # partner search first; a loan builds no gap of this SME; an unpublished entry never shows
    assert [s.name for s in offer.services] == ["B2B meetings across the border"]
    # the Interreg programme of this border pair, not another region's programme
    assert [c.title for c in offer.calls] == ["Beneficiary Light call 2"]
    assert selectors.support_offer(user=user_b, partner=a) is not None  # both sides get it
    assert selectors.support_offer(user=user_a, partner=a) is None  # not for its own profile
    services.interest_decline(user=user_b, source=a)
    assert selectors.support_offer(user=user_a, partner=b) is None  # a decline withdraws it


def test_the_partner_page_shows_it_in_the_smes_language(client: Client, agreed: Any) -> None:
    a, b, user_a, user_b = agreed
    with translation.override("hu"):
        url = reverse("matchmaking:partner", kwargs={"token": b.token})
    client.force_login(user_a)
    assert "B2B" not in client.get(url).content.decode()
    services.interest_declare(user=user_a, target=b)
    services.interest_declare(user=user_b, target=a)
    page = client.get(url).content.decode()
    assert 'lang="hu"' in page
    assert "B2B találkozók a határon át" in page
    assert "Baranyai Vállalkozói Ügynökség" in page
    assert "Kedvezményezett Light 2. felhívás" in page
    assert "KKV-k közös fejlesztése." in page
    assert "Lombardy export call" not in page
    assert "Microloans" not in page
