"""Writes of the directory: who may make them, what input they refuse, what they keep."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from interventures.apps.accounts.permissions import OPERATOR
from interventures.apps.common.models import Region
from interventures.apps.keyplayers import services
from interventures.apps.keyplayers.models import Improvement, Tie
from interventures.apps.partnership.models import Organisation

pytestmark = pytest.mark.django_db


def test_a_partner_edits_only_its_own_region(
    make_org: Callable[..., Any], make_user: Callable[..., Any], partner_region: Region
) -> None:
    own = make_org()
    other = make_org(region=Region.objects.get(code="lombardia"), name="Elsewhere")
    partner = make_user("regional_partner", region=partner_region)
    services.organisation_update(user=partner, organisation=own, values={"name": "Renamed"})
    assert Organisation.objects.get(pk=own.pk).name == "Renamed"
    with pytest.raises(services.NotAllowed):
        services.organisation_update(user=partner, organisation=other, values={"name": "Taken over"})
    with pytest.raises(services.NotAllowed):
        services.organisation_create(user=partner, region=other.region, values={"name": "Planted"})
    assert Organisation.objects.get(pk=other.pk).name == "Elsewhere"


def test_stakeholders_comment_and_smes_do_not(
    make_org: Callable[..., Any], make_user: Callable[..., Any], partner_region: Region
) -> None:
    org = make_org()
    stakeholder = make_user("stakeholder", region=partner_region)
    comment = services.comment_add(
        user=stakeholder, organisation=org, text="  Works well with the chamber.  "
    )
    assert comment.text == "Works well with the chamber."
    assert comment.author == stakeholder
    with pytest.raises(services.NotAllowed):
        services.comment_add(user=make_user("sme"), organisation=org, text="Spam")
    with pytest.raises(services.NotAllowed):
        services.organisation_update(user=stakeholder, organisation=org, values={"name": "No"})


def test_bad_input_names_the_field_and_the_value(make_org: Callable[..., Any], make_service: Any) -> None:
    org = make_org()
    with pytest.raises(services.DirectoryError, match=r"dimensions: unknown value 'charm'"):
        make_service(org, dimensions=["charm"])
    with pytest.raises(services.DirectoryError, match=r"service_type"):
        make_service(org, service_type="magic")
    with pytest.raises(services.DirectoryError, match=r"cross_border_countries: .*HUN"):
        services.organisation_update(
            user=OPERATOR, organisation=org, values={"cross_border_countries": ["HUN"]}
        )


def test_a_tie_across_countries_is_marked_cross_border(make_org: Callable[..., Any]) -> None:
    hu = make_org(name="HU body", country="HU")
    hr = make_org(name="HR body", country="HR")
    hu2 = make_org(name="Other HU body", country="HU")
    assert services.tie_create(user=OPERATOR, source=hu, target=hr, kind="cooperates").cross_border
    assert not services.tie_create(user=OPERATOR, source=hu, target=hu2, kind="funds").cross_border
    with pytest.raises(services.DirectoryError, match="already recorded"):
        services.tie_create(user=OPERATOR, source=hu, target=hr, kind="cooperates")
    with pytest.raises(services.DirectoryError, match="itself"):
        services.tie_create(user=OPERATOR, source=hu, target=hu, kind="funds")
    assert Tie.objects.count() == 2


def test_a_refreshed_list_keeps_the_partners_decisions(
    make_org: Callable[..., Any], make_service: Any, make_user: Callable[..., Any], partner_region: Region
) -> None:
    org = make_org()
    english_only = make_service(org, languages=["en"])
    partner = make_user("regional_partner", region=partner_region)
    services.improvements_refresh(user=partner, region=partner_region)
    item = Improvement.objects.get(region=partner_region, key=f"language:{english_only.pk}")
    assert item.evidence["sme_languages"] == ["hr", "hu"]
    services.improvement_decide(
        user=partner, improvement=item, status="accepted", note="Add Croatian", for_action_plan=True
    )
    # The service gets a Croatian version: the finding goes, the decision stays (marked not current).
    services.service_update(
        user=partner,
        service=english_only,
        values={"name": "A service", "service_type": "training", "languages": ["en", "hr"]},
    )
    services.improvements_refresh(user=partner, region=partner_region)
    item.refresh_from_db()
    assert (item.status, item.note, item.for_action_plan, item.current) == (
        "accepted",
        "Add Croatian",
        True,
        False,
    )
    other = make_user("regional_partner", region=Region.objects.get(code="lombardia"))
    with pytest.raises(services.NotAllowed):
        services.improvement_decide(user=other, improvement=item, status="dismissed")
