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


def test_the_partner_translates_an_entry_and_readers_get_their_language_or_the_marked_english(
    client_as: Callable[..., Any], make_org: Callable[..., Any], make_service: Any, partner_region: Region
) -> None:
    from django.utils import translation

    org = make_org(name="Border chamber", description="Export advice for SMEs.")
    service = make_service(org, name="Fair stand", description="A stand at trade fairs.")
    client, _partner = client_as("regional_partner", region=partner_region)
    form = client.get(reverse("keyplayers:organisation_edit", args=[org.slug])).content.decode()
    assert 'name="description_hu"' in form
    assert 'lang="hu"' in form
    data = {
        "name": "Border chamber",
        "type": "chamber",
        "description": "Export advice for SMEs.",
        "published": "on",
        "name_hu": "Határ menti kamara",
        "description_hu": "Exporttanácsadás kkv-knak.",
    }
    assert client.post(reverse("keyplayers:organisation_edit", args=[org.slug]), data).status_code == 302
    org.refresh_from_db()
    assert org.translations["hu"] == {
        "name": "Határ menti kamara",
        "description": "Exporttanácsadás kkv-knak.",
    }
    edit = client.get(reverse("keyplayers:service_edit", args=[service.pk])).content.decode()
    assert 'name="description_hr"' in edit
    sent = client.post(
        reverse("keyplayers:service_edit", args=[service.pk]),
        {
            "name": "Fair stand",
            "service_type": "training",
            "cost": "free",
            "description": "A stand at trade fairs.",
            "description_hr": "Štand na sajmovima.",
        },
    )
    assert sent.status_code == 302
    service.refresh_from_db()
    assert service.translations == {"hr": {"description": "Štand na sajmovima."}}
    with translation.override("hu"):
        url_hu = reverse("keyplayers:organisation", args=[org.slug])
    with translation.override("it"):
        url_it = reverse("keyplayers:organisation", args=[org.slug])
    with translation.override("hr"):
        url_hr = reverse("keyplayers:organisation", args=[org.slug])
    hu = client.get(url_hu).content.decode()
    assert "<h1>Határ menti kamara</h1>" in hu
    assert "Exporttanácsadás kkv-knak." in hu
    it = client.get(url_it).content.decode()
    assert '<span lang="en">Export advice for SMEs.</span>' in it  # no Italian: the English, marked
    assert "Štand na sajmovima." in client.get(url_hr).content.decode()
    # clearing a translation removes it, the others stay
    data["description_hu"] = ""
    client.post(reverse("keyplayers:organisation_edit", args=[org.slug]), data)
    org.refresh_from_db()
    assert org.translations == {"hu": {"name": "Határ menti kamara"}}


def test_the_directory_refuses_translations_of_unknown_languages_or_fields(
    make_org: Callable[..., Any],
) -> None:
    from interventures.apps.accounts.permissions import OPERATOR
    from interventures.apps.keyplayers import services

    org = make_org()
    for bad in ({"xx": {"name": "?"}}, {"hu": {"website": "?"}}, {"en": {"name": "?"}}):
        with pytest.raises(services.DirectoryError):
            services.organisation_update(user=OPERATOR, organisation=org, values={"translations": bad})
