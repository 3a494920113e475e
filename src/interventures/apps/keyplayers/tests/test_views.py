"""The directory's pages: list with filters, an organisation, the partner's forms, a comment."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.urls import reverse

from interventures.apps.common.models import Region
from interventures.apps.keyplayers.models import Comment, Service

pytestmark = pytest.mark.django_db


def test_the_directory_lists_and_filters(
    client: Any, make_org: Callable[..., Any], make_service: Any, django_assert_max_num_queries: Any
) -> None:
    fund = make_org(name="Guarantee fund", type="bank_fund")
    make_service(fund, service_type="loans", dimensions=["finance"])
    make_org(name="Quiet cluster", type="cluster")
    with django_assert_max_num_queries(20):
        page = client.get(reverse("keyplayers:directory"), {"service_type": "loans"})
    text = page.content.decode()
    assert page.status_code == 200
    assert "Guarantee fund" in text
    assert "Quiet cluster" not in text


def test_the_organisation_page_shows_services_and_ties(
    client: Any, make_org: Callable[..., Any], make_service: Any
) -> None:
    from interventures.apps.accounts.permissions import OPERATOR
    from interventures.apps.keyplayers import services

    org = make_org(name="Border chamber", country="HU")
    make_service(
        org, name="Export coaching", service_type="coaching", dimensions=["strategy"], stages=["exploring"]
    )
    services.tie_create(
        user=OPERATOR, source=org, target=make_org(name="Croatian chamber", country="HR"), kind="cooperates"
    )
    text = client.get(reverse("keyplayers:organisation", args=[org.slug])).content.decode()
    assert "Export coaching" in text
    assert "Croatian chamber" in text
    assert "cross-border" in text
    assert "International strategy" in text or "strategy" in text.lower()


def test_the_partner_adds_a_service_and_a_stakeholder_comments(
    client_as: Callable[..., Any], make_org: Callable[..., Any], partner_region: Region
) -> None:
    org = make_org()
    client, _partner = client_as("regional_partner", region=partner_region)
    response = client.post(
        reverse("keyplayers:service_add", args=[org.slug]),
        {
            "name": "Fair stand",
            "service_type": "fairs",
            "cost": "subsidised",
            "dimensions": ["market"],
            "stages": ["exploring"],
        },
    )
    assert response.status_code == 302
    assert Service.objects.get(organisation=org).dimensions == ["market"]
    bad = client.post(
        reverse("keyplayers:service_add", args=[org.slug]), {"name": "", "service_type": "fairs", "cost": "x"}
    )
    assert bad.status_code == 200
    assert Service.objects.filter(organisation=org).count() == 1
    client.logout()
    client, _stakeholder = client_as("stakeholder", region=partner_region)
    client.post(reverse("keyplayers:organisation", args=[org.slug]), {"text": "Very helpful at fairs."})
    assert Comment.objects.get(organisation=org).text == "Very helpful at fairs."


def test_the_region_page_shows_coverage_network_and_improvements(
    client: Any, make_org: Callable[..., Any], make_service: Any, partner_region: Region
) -> None:
    make_service(make_org(name="English-only desk"), languages=["en"], name="Export desk")
    text = client.get(reverse("keyplayers:region", args=[partner_region.code])).content.decode()
    assert "Coverage and need" in text
    assert "not measured" in text
    assert "“Export desk”" in text  # the language finding
    assert 'data-chart-for="network-drawing"' in text  # the drawing's spec, drawn by vega-embed


def test_the_partner_removes_a_tie_after_confirming_and_others_may_not(
    client_as: Callable[..., Any], make_org: Callable[..., Any], partner_region: Region
) -> None:
    from interventures.apps.accounts.permissions import OPERATOR
    from interventures.apps.keyplayers import services
    from interventures.apps.keyplayers.models import Tie

    org = make_org(name="Border chamber")
    tie = services.tie_create(user=OPERATOR, source=org, target=make_org(name="Fund"), kind="funds")
    other = Region.objects.exclude(pk=partner_region.pk).filter(partner=True).first()
    outsider, _u = client_as("regional_partner", region=other)
    assert outsider.post(reverse("keyplayers:tie_delete", args=[tie.pk])).status_code == 403
    client, _partner = client_as("regional_partner", region=partner_region)
    page = client.get(reverse("keyplayers:organisation", args=[org.slug])).content.decode()
    link = reverse("keyplayers:tie_delete", args=[tie.pk])
    assert link in page
    confirm = client.get(link)
    assert confirm.status_code == 200
    assert "csrfmiddlewaretoken" in confirm.content.decode()
    assert Tie.objects.filter(pk=tie.pk).exists()  # asking is not removing
    done = client.post(link, {"from": org.slug})
    assert done.status_code == 302
    assert done["Location"] == reverse("keyplayers:organisation", args=[org.slug])
    assert not Tie.objects.filter(pk=tie.pk).exists()
