"""Issue #9: a campaign's details read clearly (no end date, whole personal links, which are answered)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.urls import reverse

from interventures.apps.accounts.models import Role
from interventures.apps.surveys import services

pytestmark = pytest.mark.django_db


def test_an_open_ended_campaign_says_no_end_date(client_as: Any, make_campaign: Any) -> None:
    campaign = make_campaign(opens_at=dt.datetime(2026, 3, 1, tzinfo=dt.UTC))
    client, _user = client_as(Role.COORDINATOR)
    page = client.get(
        reverse("surveys:campaign_detail", args=[campaign.pk]), HTTP_ACCEPT_LANGUAGE="en"
    ).content.decode()
    assert "from 1 March 2026, no end date" in page
    assert "2100" not in page


def test_personal_links_are_whole_addresses_and_answered_ones_are_marked(
    client_as: Any, campaign: Any
) -> None:
    services.invitations_create(campaign=campaign, n=2)
    first, second = campaign.invitations.order_by("pk")
    response = services.response_start(campaign=campaign, key="answered-one", invitation=first, language="en")
    assert response.invitation_id == first.pk
    client, _user = client_as(Role.COORDINATOR)
    page = client.get(reverse("surveys:campaign_detail", args=[campaign.pk])).content.decode()
    assert f"http://testserver/en/surveys/t/{first.token}/" in page
    assert page.count("✓") == 1
