"""The SME's way through partner search in a real headless Chromium: from its preparedness result
to "find partners across the border", a prefilled profile, suggestions with their reasons, "I am
interested"; and, once the other side accepts, each sees the other's contact (never before)."""

from __future__ import annotations

from typing import Any

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "pw-Secret-123"


def _sign_in(page: Any, url: str, username: str) -> None:
    page.context.clear_cookies()
    page.goto(f"{url}/en/accounts/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.locator("main form button[type=submit]").click()
    page.wait_for_load_state()


def test_from_the_result_to_a_partner_and_the_contact_once_both_agree(live_server: Any, page: Any) -> None:
    from interventures.apps.accounts.models import Company, Role
    from interventures.apps.accounts.permissions import OPERATOR
    from interventures.apps.accounts.services import user_create
    from interventures.apps.assessment import services as assessment
    from interventures.apps.classifications.services import nace_load
    from interventures.apps.common.models import Region
    from interventures.apps.matchmaking.services import ProfileData, profile_save
    from interventures.apps.partnership.services import partnership_reference_load
    from interventures.core import capacity

    partnership_reference_load()
    nace_load()
    region = Region.objects.get(code="hu-hr")
    hu = Company.objects.create(name="Baranya Bútor Kft.", country="HU", nuts3="HU231", region=region)
    hr = Company.objects.create(name="Osijek Drvo d.o.o.", country="HR", nuts3="HR025", region=region)
    sme = user_create(username="sme-hu", password=PASSWORD, role=Role.SME, company=hu)
    partner_user = user_create(username="sme-hr", password=PASSWORD, role=Role.SME, company=hr)
    model = capacity.load_model()
    test = assessment.assessment_start(region=region, size_class="small", sector="C", language="en", user=sme)
    assessment.answers_save(assessment=test, answers={i.id: i.options[1].id for i in model.items})
    test = assessment.assessment_complete(assessment=test)
    profile_save(
        user=OPERATOR,
        company=hr,
        data=ProfileData(
            name="Osijek Drvo",
            country="HR",
            nuts3="HR025",
            nace=["16.10"],
            languages=["hr", "en"],
            offers="Piljenje i blanjanje drva",
            seeks="Proizvodnja namještaja",
            contact_email="hr-contact@example.org",
            published=True,
        ),  # fmt: skip
    )

    _sign_in(page, live_server.url, sme.username)
    page.goto(f"{live_server.url}/en/test/{test.token}/result/")
    page.get_by_role("button", name="Find partners across the border").click()
    # the profile opens prefilled from what the SME already told
    assert page.locator("#id_name").input_value() == "Baranya Bútor Kft."
    assert page.locator("#id_nuts3").input_value() == "HU231"
    assert page.locator("#id_nace").input_value() == "C"
    page.fill("#id_nace", "31.01")
    page.fill("#id_offers", "Bútorgyártás")
    page.fill("#id_seeks", "Fűrészáru")
    page.fill("#id_contact_email", "hu-contact@example.org")
    page.locator("#id_published").check()
    page.get_by_role("button", name="Save and see suggestions").click()
    # suggestions, with the reasons part by part
    suggestion = page.locator("ol.suggestions li").first
    assert "Osijek Drvo" in suggestion.inner_text()
    assert "What you offer is what they look for" in suggestion.locator("table.score-parts").inner_text()
    assert "hr-contact@example.org" not in page.content()
    suggestion.get_by_role("link", name="Osijek Drvo").click()
    assert "hr-contact@example.org" not in page.content()
    page.get_by_role("button", name="I am interested").click()
    assert "hr-contact@example.org" not in page.content()  # one side only: no contact yet

    # the other side sees the request, accepts it, and now sees the contact; so does the first
    _sign_in(page, live_server.url, partner_user.username)
    page.goto(f"{live_server.url}/en/partners/")
    page.get_by_role("link", name="Baranya Bútor Kft.").first.click()
    assert "hu-contact@example.org" not in page.content()
    page.get_by_role("button", name="Accept: I want to meet").click()
    assert "hu-contact@example.org" in page.locator("main").inner_text()
    _sign_in(page, live_server.url, sme.username)
    page.goto(f"{live_server.url}/en/partners/")
    assert "You both want to meet" in page.locator("ol.suggestions").inner_text()
    page.locator("ol.suggestions").get_by_role("link", name="Osijek Drvo").click()
    assert "hr-contact@example.org" in page.locator("main").inner_text()
