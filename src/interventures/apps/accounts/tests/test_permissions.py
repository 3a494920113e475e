"""Each role can do what it should with region-owned data, and nothing more; `can` (one object)
and `visible` (a queryset) always agree."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import AnonymousUser
from django.http import Http404

from interventures.apps.accounts.models import Company, Role
from interventures.apps.accounts.permissions import Action, access, can, visible

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(make_region, make_company, make_user):
    north, south = make_region("north"), make_region("south")
    mine, theirs = make_company(region=north, name="Mine"), make_company(region=south, name="Theirs")
    return {
        "north": north,
        "mine": mine,
        "theirs": theirs,
        "anonymous": AnonymousUser(),
        "admin": make_user(Role.ADMIN),
        "coordinator": make_user(Role.COORDINATOR),
        "partner": make_user(Role.REGIONAL_PARTNER, region=north),
        "stakeholder": make_user(Role.STAKEHOLDER, region=north),
        "sme": make_user(Role.SME, company=mine),
        "advisor": make_user(Role.ADVISOR),
    }


EXPECTED = {
    # role: {action: (may on "mine" in north, may on "theirs" in south)}
    "anonymous": {Action.VIEW: (False, False), Action.EDIT: (False, False), Action.COMMENT: (False, False)},
    "sme": {Action.VIEW: (True, False), Action.EDIT: (True, False), Action.COMMENT: (False, False)},
    "stakeholder": {Action.VIEW: (True, False), Action.EDIT: (False, False), Action.COMMENT: (True, False)},
    "partner": {Action.VIEW: (True, False), Action.EDIT: (True, False), Action.COMMENT: (True, False)},
    "coordinator": {Action.VIEW: (True, True), Action.EDIT: (True, True), Action.COMMENT: (True, True)},
    # a company is not `advised`: the advisory partner reads and comments on the Action Plans only
    "advisor": {Action.VIEW: (False, False), Action.EDIT: (False, False), Action.COMMENT: (False, False)},
    "admin": {Action.VIEW: (True, True), Action.EDIT: (True, True), Action.COMMENT: (True, True)},
}


@pytest.mark.parametrize("role", list(EXPECTED))
@pytest.mark.parametrize("action", [Action.VIEW, Action.EDIT, Action.COMMENT])
def test_role_matrix_on_region_owned_objects(world, role, action):
    user = world[role]
    expected_mine, expected_theirs = EXPECTED[role][action]
    assert can(user, action, world["mine"]) is expected_mine
    assert can(user, action, world["theirs"]) is expected_theirs
    names = set(visible(user, Company.objects.all(), action).values_list("name", flat=True))
    assert names == {n for n, ok in (("Mine", expected_mine), ("Theirs", expected_theirs)) if ok}


def test_access_hides_other_regions_objects_as_not_found(world):
    with pytest.raises(Http404):
        access(world["partner"], Company.objects.all(), pk=world["theirs"].pk)
    assert access(world["partner"], Company.objects.all(), pk=world["mine"].pk) == world["mine"]


def test_access_refuses_an_action_on_a_visible_object(world):
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        access(world["stakeholder"], Company.objects.all(), pk=world["mine"].pk, action=Action.EDIT)


def test_export_of_microdata_only_for_partner_of_region_and_coordinator(world):
    from interventures.apps.accounts.permissions import can_export_region

    north = world["north"].pk
    assert can_export_region(world["partner"], north)
    assert not can_export_region(world["partner"], world["theirs"].region_id)
    assert can_export_region(world["coordinator"], None)
    assert not can_export_region(world["stakeholder"], north)
    assert not can_export_region(world["sme"], north)
    assert not can_export_region(world["anonymous"], north)


def test_a_regions_directory_as_a_whole_is_its_partners_and_the_coordinators(world):
    from interventures.apps.accounts.permissions import can_edit_directory

    north = world["north"].pk
    assert can_edit_directory(world["partner"], north)
    assert not can_edit_directory(world["partner"], world["theirs"].region_id)
    assert can_edit_directory(world["coordinator"], north)
    assert not can_edit_directory(world["stakeholder"], north)  # stakeholders comment
    assert not can_edit_directory(world["sme"], north)
    assert not can_edit_directory(world["anonymous"], north)


def test_user_create_requires_the_binding_of_the_role(db):
    from django.core.exceptions import ValidationError

    from interventures.apps.accounts.services import user_create

    with pytest.raises(ValidationError, match="region"):
        user_create(username="p", password="x-Long-pass-1", role=Role.REGIONAL_PARTNER)
    with pytest.raises(ValidationError, match="company"):
        user_create(username="s", password="x-Long-pass-1", role=Role.SME)


def test_only_a_regional_partner_is_bound_to_one_region(world):
    from interventures.apps.accounts.permissions import bound_region_id

    assert bound_region_id(world["partner"]) == world["north"].pk
    for role in ("coordinator", "admin", "anonymous", "sme", "stakeholder"):
        assert bound_region_id(world[role]) is None


# The key players directory (partnership.Organisation and keyplayers.Service): the public sees the
# published entries, the region's partner edits its region's, stakeholders comment on their region's.
DIRECTORY = {
    # role: {action: (published entry of north, draft entry of north, published entry of south)}
    "anonymous": {
        Action.VIEW: (True, False, True),
        Action.EDIT: (False, False, False),
        Action.COMMENT: (False, False, False),
    },
    "sme": {
        Action.VIEW: (True, False, True),
        Action.EDIT: (False, False, False),
        Action.COMMENT: (False, False, False),
    },
    "stakeholder": {
        Action.VIEW: (True, True, True),
        Action.EDIT: (False, False, False),
        Action.COMMENT: (True, True, False),
    },
    "partner": {
        Action.VIEW: (True, True, True),
        Action.EDIT: (True, True, False),
        Action.COMMENT: (True, True, False),
    },
    "coordinator": {
        Action.VIEW: (True, True, True),
        Action.EDIT: (True, True, True),
        Action.COMMENT: (True, True, True),
    },
    "admin": {
        Action.VIEW: (True, True, True),
        Action.EDIT: (True, True, True),
        Action.COMMENT: (True, True, True),
    },
}


@pytest.mark.parametrize("role", list(DIRECTORY))
@pytest.mark.parametrize("action", [Action.VIEW, Action.EDIT, Action.COMMENT])
def test_role_matrix_on_the_key_players_directory(world, make_region, role, action):
    from interventures.apps.keyplayers.models import Service
    from interventures.apps.partnership.models import Organisation

    south = make_region("south")
    entries = [
        Organisation.objects.create(slug="north-pub", name="N", region=world["north"], published=True),
        Organisation.objects.create(slug="north-draft", name="D", region=world["north"], published=False),
        Organisation.objects.create(slug="south-pub", name="S", region=south, published=True),
    ]
    services = [Service.objects.create(organisation=o, name="x", service_type="training") for o in entries]
    user = world[role]
    expected = DIRECTORY[role][action]
    assert tuple(can(user, action, o) for o in entries) == expected
    assert tuple(can(user, action, s) for s in services) == expected
    seen = set(visible(user, Organisation.objects.filter(slug__in=[o.slug for o in entries]), action))
    assert tuple(o in seen for o in entries) == expected


def test_only_the_coordinator_and_the_administrator_validate_good_practices(world):
    from interventures.apps.accounts.permissions import can_validate_practice

    allowed = {
        role
        for role in ("anonymous", "sme", "stakeholder", "partner", "coordinator", "admin")
        if can_validate_practice(world[role])
    }
    assert allowed == {"coordinator", "admin"}


def test_personal_data_only_for_the_regions_partner_the_coordinator_and_the_administrator(world, make_region):
    from interventures.apps.accounts.permissions import can_see_personal_data

    south = make_region("south")
    roles = ("anonymous", "sme", "stakeholder", "partner", "coordinator", "admin")
    assert {r for r in roles if can_see_personal_data(world[r], world["north"].pk)} == {
        "partner",
        "coordinator",
        "admin",
    }
    assert {r for r in roles if can_see_personal_data(world[r], south.pk)} == {"coordinator", "admin"}


def test_partner_search_contact_only_for_the_owner_and_companies_that_agreed(world):
    from interventures.apps.accounts.permissions import can_see_contact

    mine, theirs = world["mine"].pk, world["theirs"].pk
    # the owner's own users
    assert can_see_contact(world["sme"], owner_company_id=mine, agreed_company_ids=set())
    # another company: only once both agreed to meet
    assert not can_see_contact(world["sme"], owner_company_id=theirs, agreed_company_ids=set())
    assert can_see_contact(world["sme"], owner_company_id=theirs, agreed_company_ids={mine})
    # roles without a company never, whatever was agreed (not even the coordinator or administrator)
    for role in ("anonymous", "stakeholder", "partner", "coordinator", "admin"):
        assert not can_see_contact(world[role], owner_company_id=theirs, agreed_company_ids={mine, theirs})


def test_partner_search_profile_private_until_published(world):
    from interventures.apps.accounts.permissions import can
    from interventures.apps.matchmaking.models import PartnerProfile

    profile = PartnerProfile.objects.create(company=world["theirs"], name="Theirs", country="HU")
    own = PartnerProfile.objects.create(company=world["mine"], name="Mine", country="HU")
    assert can(world["sme"], Action.EDIT, own)
    assert not can(world["sme"], Action.VIEW, profile)
    assert not can(world["partner"], Action.VIEW, profile)  # not even its region's partner
    profile.published = True
    assert can(world["sme"], Action.VIEW, profile)
    assert not can(world["sme"], Action.EDIT, profile)


def test_personal_objects_reach_only_their_owner_and_the_administrator(world):
    """API tokens are `personal`: no role reaches another user's, whatever its region or rank."""
    from interventures.apps.api.models import ApiToken

    token = ApiToken.objects.create(user=world["partner"], name="t", prefix="p1", digest="d1")
    for who in ("anonymous", "sme", "stakeholder", "coordinator"):
        for action in (Action.VIEW, Action.EDIT, Action.EXPORT):
            assert not can(world[who], action, token), (who, action)
        assert not visible(world[who], ApiToken.objects.all()).exists(), who
    for who in ("partner", "admin"):
        assert can(world[who], Action.VIEW, token)
        assert can(world[who], Action.EDIT, token)
        assert list(visible(world[who], ApiToken.objects.all())) == [token]
    assert not can(world["partner"], Action.EXPORT, token)


def test_action_plans_are_written_by_their_regions_partner_and_reviewed_by_the_coordinator(
    world, make_region
):
    from interventures.apps.accounts.permissions import (
        can_edit_action_plan,
        can_monitor_action_plan,
        can_review_action_plan,
        can_submit_action_plan,
    )
    from interventures.apps.actionplans.models import ActionPlan

    draft = ActionPlan(region=world["north"], status="draft")
    in_review = ActionPlan(region=world["north"], status="in_review")
    endorsed = ActionPlan(region=world["north"], status="endorsed", public=True)
    elsewhere = ActionPlan(region=make_region("east"), status="draft")
    edits = {
        r
        for r in ("anonymous", "sme", "stakeholder", "partner", "coordinator", "admin")
        if can_edit_action_plan(world[r], draft)
    }
    assert edits == {"partner", "admin"}
    assert not can_edit_action_plan(world["partner"], elsewhere)
    assert not can_edit_action_plan(world["partner"], in_review)  # a plan in review is frozen
    assert can_submit_action_plan(world["partner"], draft)
    assert not can_submit_action_plan(world["coordinator"], draft)
    reviewers = {
        r
        for r in ("anonymous", "sme", "stakeholder", "partner", "coordinator", "admin")
        if can_review_action_plan(world[r], in_review)
    }
    assert reviewers == {"coordinator", "admin"}
    assert can_monitor_action_plan(world["partner"], endorsed)
    assert not can_monitor_action_plan(world["partner"], draft)
    # the public reads an endorsed plan, not a draft; stakeholders comment on their region's
    assert can(world["anonymous"], Action.VIEW, endorsed)
    assert not can(world["anonymous"], Action.VIEW, draft)
    assert can(world["stakeholder"], Action.COMMENT, draft)
    assert not can(world["stakeholder"], Action.COMMENT, elsewhere)
