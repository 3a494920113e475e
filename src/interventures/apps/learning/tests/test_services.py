from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied

from interventures.apps.accounts.models import Role
from interventures.apps.accounts.permissions import OPERATOR
from interventures.apps.common.models import Region
from interventures.apps.learning import services
from interventures.apps.learning.models import GoodPractice, PracticeStatus, Transferability
from interventures.apps.learning.selectors import capacity_indicator

pytestmark = pytest.mark.django_db


def test_the_reference_load_brings_the_16_practices_with_sources_once(reference):
    assert GoodPractice.objects.filter(is_reference=True).count() == 16
    assert all(p.sources for p in GoodPractice.objects.all())
    b_light = GoodPractice.objects.get(slug="b-light-hu-hr")
    assert b_light.region.code == "hu-hr"
    assert b_light.organisation.slug == "pannon-egtc"
    assert b_light.validated
    assert b_light.status == PracticeStatus.VALIDATED
    assert " prefinancing" in b_light.tag_text or "barrier:prefinancing" in b_light.tag_text
    again = services.practices_reference_load()
    assert (again.created, again.updated, again.unchanged) == (0, 0, 16)


def test_a_partner_edits_its_regions_draft_and_only_the_coordinator_validates(reference, make_user):
    hu = Region.objects.get(code="hu-hr")
    lom = Region.objects.get(code="lombardia")
    partner = make_user(Role.REGIONAL_PARTNER, region=hu)
    other = make_user(Role.REGIONAL_PARTNER, region=lom)
    coordinator = make_user(Role.COORDINATOR)
    practice = services.practice_save(
        user=partner,
        practice=GoodPractice(title="Border SME desk", region=hu, status=PracticeStatus.VALIDATED),
    )
    assert practice.status == PracticeStatus.DRAFT
    assert not practice.validated
    with pytest.raises(PermissionDenied):
        services.practice_save(user=other, practice=practice)
    with pytest.raises(PermissionDenied):
        services.practice_validate(user=partner, practice=practice)
    services.practice_validate(user=coordinator, practice=practice)
    practice.refresh_from_db()
    assert practice.validated
    assert practice.validated_by == coordinator


def test_transferability_is_saved_by_the_receiving_regions_partner(reference, make_user):
    practice = GoodPractice.objects.get(slug="export-consortia-extremadura")
    hu = Region.objects.get(code="hu-hr")
    partner = make_user(Role.REGIONAL_PARTNER, region=hu)
    other = make_user(Role.REGIONAL_PARTNER, region=Region.objects.get(code="lombardia"))
    scores = {"instrument_fit": 3, "resources": 2, "stakeholders": 4, "legal_fit": 3, "gap_effect": 1}
    a = services.transferability_save(
        user=partner, practice=practice, region=hu, scores=scores, notes={"resources": " tight "}, final=True
    )
    assert (a.resources, a.resources_note, a.final) == (2, "tight", True)
    with pytest.raises(PermissionDenied):
        services.transferability_save(
            user=other, practice=practice, region=hu, scores=scores, notes={}, final=False
        )
    with pytest.raises(services.LearningError, match="every criterion"):
        services.transferability_save(
            user=partner, practice=practice, region=hu, scores={"resources": 2}, notes={}, final=True
        )
    with pytest.raises(services.LearningError):
        services.transferability_save(
            user=partner, practice=practice, region=hu, scores={"resources": 9}, notes={}, final=False
        )
    assert Transferability.objects.get().resources == 2


def test_feedback_feeds_the_indicator_once_per_person(reference, make_event):
    hu = Region.objects.get(code="hu-hr")
    first, second = make_event(hu), make_event(hu)
    for event in (first, second):
        p = services.participant_register(
            user=OPERATOR,
            event=event,
            name="Ana Kovač",
            email="Ana@Example.org",
            stakeholder_type="sme",
            gender="woman",
            attended=True,
        )
        services.feedback_submit(user=OPERATOR, participant=p, usefulness=4, capacity_gain=True)
    q = services.participant_register(
        user=OPERATOR, event=first, name="Ivan Horvat", stakeholder_type="bso", gender="man", attended=True
    )
    services.feedback_submit(user=OPERATOR, participant=q, usefulness=2, capacity_gain=False)
    absent = services.participant_register(
        user=OPERATOR, event=second, name="Nobody", stakeholder_type="other", gender="other"
    )
    with pytest.raises(services.LearningError, match="attended"):
        services.feedback_submit(user=OPERATOR, participant=absent, usefulness=3, capacity_gain=True)
    with pytest.raises(services.LearningError, match="already registered"):
        services.participant_register(
            user=OPERATOR,
            event=first,
            name="Ana",
            email="ana@example.org",
            stakeholder_type="sme",
            gender="woman",
        )
    indicator = capacity_indicator()
    assert (indicator.people, indicator.answers, indicator.respondents) == (1, 2, 2)


def test_an_event_needs_aware_times_in_order(reference, make_event):
    import datetime as dt

    hu = Region.objects.get(code="hu-hr")
    event = make_event(hu)
    event.ends_at = event.starts_at - dt.timedelta(hours=1)
    with pytest.raises(services.LearningError, match="ends before"):
        services.event_save(user=OPERATOR, event=event)
