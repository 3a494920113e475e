"""Issue #9: after login each role lands on a start page of its own ("my region's work")."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from interventures.apps.accounts.models import Role

pytestmark = pytest.mark.django_db


def test_a_login_lands_on_the_start_page(make_user: Any) -> None:
    user = make_user(Role.REGIONAL_PARTNER, password="pw-Secret-123")
    client = Client()
    response = client.post("/en/accounts/login/", {"username": user.username, "password": "pw-Secret-123"})
    assert response.status_code == 302
    assert response["Location"] == "/en/start/"


def test_a_partner_sees_its_regions_campaigns_and_imports_only(client_as: Any, make_region: Any) -> None:
    from interventures.apps.surveys import services
    from interventures.core.survey.tests.forms import small_form

    mine, other = make_region("mine-r", "Mine"), make_region("other-r", "Other")
    questionnaire = services.questionnaire_create(name="Q", form=small_form(), published=True)
    services.campaign_create(region_id=mine.pk, name="Our survey", version=questionnaire.current)
    services.campaign_create(region_id=other.pk, name="Their survey", version=questionnaire.current)
    client, _user = client_as(Role.REGIONAL_PARTNER, region=mine)
    page = client.get("/en/start/").content.decode()
    assert "Our survey" in page
    assert "Their survey" not in page
    assert "Recent imports" in page
    assert "Situation Analysis Reports" in page


def test_an_sme_sees_its_own_tests(client_as: Any, make_region: Any) -> None:
    from interventures.apps.assessment import services

    region = make_region()
    client, user = client_as(Role.SME, region=region)
    mine = services.assessment_start(region=region, size_class="small", sector="C", language="en", user=user)
    other = services.assessment_start(region=region, size_class="small", sector="C", language="en")
    page = client.get("/en/start/").content.decode()
    assert "Your preparedness tests" in page
    assert "Survey campaigns" not in page
    assert f"/en/test/{mine.token}/" in page
    assert str(other.token) not in page


def test_the_start_page_needs_a_login(client: Client) -> None:
    response = client.get("/hu/start/")
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]
