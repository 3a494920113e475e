"""Reads: the public sees published entries; filters; the need of tested SMEs meets the services."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from interventures.apps.common.models import Region
from interventures.apps.keyplayers import selectors
from interventures.apps.keyplayers.selectors import DirectoryFilters

pytestmark = pytest.mark.django_db


def test_the_public_sees_published_entries_and_the_partner_its_drafts(
    make_org: Callable[..., Any], make_user: Callable[..., Any], partner_region: Region
) -> None:
    make_org(name="Published")
    make_org(name="Draft", published=False)
    public = {
        o.name
        for o in selectors.organisation_list(user=None, filters=DirectoryFilters(region=partner_region))
    }
    partner = make_user("regional_partner", region=partner_region)
    staff = {
        o.name
        for o in selectors.organisation_list(user=partner, filters=DirectoryFilters(region=partner_region))
    }
    assert "Published" in public
    assert "Draft" not in public
    assert {"Published", "Draft"} <= staff
    # The real partner (Pannon EGTC) is an entry of the directory too.
    assert "Pannon European Grouping of Territorial Cooperation" in public


def test_filters_by_service_dimension_and_text(
    make_org: Callable[..., Any], make_service: Any, partner_region: Region
) -> None:
    finance = make_org(name="Guarantee fund", type="bank_fund")
    make_service(
        finance, service_type="loans", dimensions=["finance"], stages=["exploring"], cost="subsidised"
    )
    people = make_org(name="University centre", type="university")
    make_service(people, service_type="training", dimensions=["people"], stages=["occasional"])

    def names(**f: Any) -> set[str]:
        return {
            o.name
            for o in selectors.organisation_list(
                user=None, filters=DirectoryFilters(region=partner_region, **f)
            )
        }

    assert names(dimension="finance") == {"Guarantee fund"}
    assert names(service_type="training", stage="occasional") == {"University centre"}
    assert names(cost="subsidised") == {"Guarantee fund"}
    assert names(q="univers") == {"University centre"}
    assert names(type="bank_fund") == {"Guarantee fund"}


def test_the_tested_smes_gaps_meet_the_services(
    make_org: Callable[..., Any], make_service: Any, partner_region: Region, settings: Any
) -> None:
    """Twenty SMEs at one stage, fifteen with a gap in finance: a gap while no service addresses it
    (five without it pass the complement rule of the minimum cell)."""
    from interventures.apps.assessment.models import Assessment, Status

    settings.INTERVENTURES_MIN_CELL = 5
    for i in range(20):
        Assessment.objects.create(
            region=partner_region,
            size_class="small",
            sector="C",
            language="hu",
            model_version="1.0",
            status=Status.COMPLETED,
            stage="exploring",
            result={"gaps": [{"dimension": "finance" if i < 15 else "people", "score": 10, "shortfall": 90}]},
        )
    eco = selectors.region_ecosystem(user=None, region=partner_region)
    cell = next(c for c in eco.cells if (c.dimension, c.stage) == ("finance", "exploring"))
    assert (cell.n, cell.need, cell.services, cell.source) == (20, 0.75, 0, "tests")
    assert [(g.cell.dimension, g.cell.stage) for g in eco.gaps] == [("finance", "exploring")]
    people = next(c for c in eco.cells if (c.dimension, c.stage) == ("people", "exploring"))
    assert people.need == 0.25
    assert people not in [g.cell for g in eco.gaps]
    make_service(make_org(), dimensions=["finance"], stages=["exploring"])
    make_service(make_org(name="Second"), dimensions=["finance"], stages=["exploring"])
    assert selectors.region_ecosystem(user=None, region=partner_region).gaps == ()


def test_the_development_plan_points_to_the_services_for_its_gaps(
    make_org: Callable[..., Any], make_service: Any, partner_region: Region
) -> None:
    """An SME whose largest gaps are finance and people is pointed to the region's published
    services for them, the one for its stage and in its language first; none for other gaps."""
    from interventures.apps.assessment import selectors as assessment_selectors
    from interventures.apps.assessment.models import Assessment, Status

    org = make_org(name="Fund")
    hidden = make_org(name="Draft fund", published=False)
    make_service(hidden, name="Hidden loan", service_type="loans", dimensions=["finance"])
    make_service(
        org, name="Loan, other stage", service_type="loans", dimensions=["finance"], stages=["structured"]
    )
    make_service(
        org,
        name="Loan in English",
        service_type="loans",
        dimensions=["finance"],
        stages=["exploring"],
        languages=["en"],
    )
    make_service(
        org,
        name="Loan in Hungarian",
        service_type="loans",
        dimensions=["finance"],
        stages=["exploring"],
        languages=["hu"],
    )
    make_service(org, name="Fairs", service_type="fairs", dimensions=["market"])
    make_service(
        make_org(region=Region.objects.get(code="lombardia"), name="Elsewhere"), dimensions=["finance"]
    )
    sme = Assessment.objects.create(
        region=partner_region,
        size_class="small",
        sector="C",
        language="hu",
        model_version="1.0",
        status=Status.COMPLETED,
        stage="exploring",
    )
    names = [s.name for s in assessment_selectors.services_for(assessment=sme, gaps=["finance", "people"])]
    assert names == ["Loan in Hungarian", "Loan in English", "Loan, other stage"]
