"""Who sees a result. An anonymous test is opened by its resume link alone (the token is the SME's
key); once a test belongs to an account, the platform's access rules decide: its owner, and its
region's partner only while the SME shares it."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from interventures.apps.assessment import services

pytestmark = pytest.mark.django_db


def result_url(result: Any) -> str:
    return reverse("assessment:result", kwargs={"token": result.token})


@pytest.fixture
def owned(make_result: Any, make_user: Any, regions: dict[str, Any]) -> tuple[Any, Any]:
    """A completed result of the Hungary–Croatia region that belongs to an SME's account."""
    owner = make_user("sme", region=regions["hu-hr"])
    result = services.assessment_claim(assessment=make_result("hu-hr"), user=owner)
    return result, owner


def status_for(client: Client, result: Any) -> int:
    return client.get(result_url(result)).status_code


def test_an_anonymous_test_opens_with_its_link(client: Client, make_result: Any) -> None:
    assert status_for(client, make_result("hu-hr")) == 200


def test_an_owned_result_is_hidden_from_the_anonymous_public(client: Client, owned: Any) -> None:
    assert status_for(client, owned[0]) == 404


def test_the_owner_sees_its_result(client: Client, owned: Any) -> None:
    client.force_login(owned[1])
    assert status_for(client, owned[0]) == 200


def test_another_sme_does_not(client_as: Any, owned: Any) -> None:
    client, _ = client_as("sme")
    assert status_for(client, owned[0]) == 404


def test_a_colleague_of_the_same_company_does(client: Client, make_user: Any, owned: Any) -> None:
    colleague = make_user("sme", company=owned[1].profile.company)
    client.force_login(colleague)
    assert status_for(client, owned[0]) == 200


@pytest.mark.parametrize(("shared", "expected"), [(False, 404), (True, 200)])
def test_the_own_regions_partner_sees_it_only_when_shared(
    client_as: Any, owned: Any, regions: dict[str, Any], shared: bool, expected: int
) -> None:
    result = owned[0]
    if shared:
        services.assessment_share(assessment=result)
    client, _ = client_as("regional_partner", region=regions["hu-hr"])
    assert status_for(client, result) == expected


def test_another_regions_partner_never_sees_it(client_as: Any, owned: Any, regions: dict[str, Any]) -> None:
    services.assessment_share(assessment=owned[0])
    client, _ = client_as("regional_partner", region=regions["lombardia"])
    assert status_for(client, owned[0]) == 404


@pytest.mark.parametrize(("shared", "expected"), [(False, 404), (True, 200)])
def test_the_coordinator_sees_shared_results_only(
    client_as: Any, owned: Any, shared: bool, expected: int
) -> None:
    if shared:
        services.assessment_share(assessment=owned[0])
    client, _ = client_as("coordinator")
    assert status_for(client, owned[0]) == expected


def test_a_partner_reading_a_shared_result_cannot_act_for_the_sme(
    client_as: Any, owned: Any, regions: dict[str, Any]
) -> None:
    result = owned[0]
    services.assessment_share(assessment=result)
    client, _ = client_as("regional_partner", region=regions["hu-hr"])
    html = client.get(result_url(result)).content.decode()
    assert "Stop sharing" not in html
    response = client.post(reverse("assessment:share", kwargs={"token": result.token}), {"share": "0"})
    assert response.status_code == 403
    result.refresh_from_db()
    assert result.shared_with_region


def test_the_pdf_follows_the_same_rules(client: Client, owned: Any) -> None:
    assert client.get(reverse("assessment:result_pdf", kwargs={"token": owned[0].token})).status_code == 404
