"""The audit log: an entry for each kind of watched change (Action Plans, good practices, policy
instruments, directory entries, roles and permissions) and for each microdata export, naming who and
when; the coordinator's page, filtered and paged; the admin's read-only list."""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib.auth.models import Group, User
from django.urls import reverse

from interventures.apps.accounts.models import Profile, Role
from interventures.apps.accounts.permissions import OPERATOR
from interventures.apps.audit.models import Area, AuditEntry, Kind

pytestmark = pytest.mark.django_db


@pytest.fixture
def region(db: Any) -> Any:
    from interventures.apps.common.models import Region
    from interventures.apps.partnership.services import partnership_reference_load

    partnership_reference_load()
    return Region.objects.get(code="hu-hr")


def latest(**filters: Any) -> AuditEntry:
    entry = AuditEntry.objects.filter(**filters).order_by("-pk").first()
    assert entry is not None, f"no audit entry with {filters}"
    return entry


def test_a_directory_edit_on_its_page_names_the_partner_and_the_change(client_as: Any, region: Any) -> None:
    from interventures.apps.keyplayers import services

    org = services.organisation_create(
        user=OPERATOR, region=region, values={"name": "Chamber", "type": "chamber"}
    )
    created = latest(target="partnership.Organisation", object_id=str(org.pk), kind=Kind.CREATE)
    assert created.area == Area.DIRECTORY
    assert created.actor is None
    assert created.actor_label == ""
    assert created.region_id == region.pk

    client, partner = client_as(Role.REGIONAL_PARTNER, region=region)
    page = client.get(reverse("keyplayers:organisation_edit", kwargs={"slug": org.slug}))
    assert page.status_code == 200
    data = {k: v for k, v in page.context["form"].initial.items() if v is not None}
    data.update(name="Chamber of Commerce", type="chamber")
    response = client.post(reverse("keyplayers:organisation_edit", kwargs={"slug": org.slug}), data)
    assert response.status_code in (200, 302)
    changed = latest(target="partnership.Organisation", object_id=str(org.pk), kind=Kind.UPDATE)
    assert changed.actor == partner
    assert changed.actor_label == partner.username
    assert changed.changes["name"] == ["Chamber", "Chamber of Commerce"]


def test_services_and_ties_are_logged_with_their_deletion(region: Any) -> None:
    from interventures.apps.keyplayers import services

    a = services.organisation_create(user=OPERATOR, region=region, values={"name": "A", "type": "chamber"})
    b = services.organisation_create(user=OPERATOR, region=region, values={"name": "B", "type": "chamber"})
    service = services.service_create(
        user=OPERATOR, organisation=a, values={"name": "Export desk", "service_type": "training"}
    )
    tie = services.tie_create(user=OPERATOR, source=a, target=b, kind=_first_tie_kind())
    services.tie_delete(user=OPERATOR, tie=tie)
    assert latest(target="keyplayers.Service", object_id=str(service.pk)).kind == Kind.CREATE
    assert latest(target="keyplayers.Tie", kind=Kind.CREATE).area == Area.DIRECTORY
    deleted = latest(target="keyplayers.Tie", kind=Kind.DELETE)
    assert deleted.changes["source_id"] == a.pk


def _first_tie_kind() -> str:
    from interventures.apps.keyplayers.models import Tie

    return str(Tie._meta.get_field("kind").choices[0][0])  # type: ignore[index]


def test_action_plans_are_logged(region: Any) -> None:
    from interventures.apps.actionplans import services
    from interventures.apps.partnership.selectors import instrument_for_region

    instrument = instrument_for_region(region)
    plan = services.plan_create(user=OPERATOR, region=region, instrument=instrument)
    entry = latest(target="actionplans.ActionPlan", object_id=str(plan.pk))
    assert entry.area == Area.ACTION_PLANS
    assert entry.kind == Kind.CREATE
    assert entry.region_id == region.pk


def test_policy_instruments_are_logged(region: Any) -> None:
    from interventures.apps.partnership.selectors import instrument_for_region

    instrument = instrument_for_region(region)
    old = instrument.name
    instrument.name = old + " (2028 revision)"
    instrument.save()
    entry = latest(target="partnership.PolicyInstrument", object_id=str(instrument.pk), kind=Kind.UPDATE)
    assert entry.area == Area.INSTRUMENTS
    assert entry.changes["name"] == [old, old + " (2028 revision)"]


def test_good_practices_are_logged(region: Any) -> None:
    from interventures.apps.learning.models import GoodPractice

    practice = GoodPractice._default_manager.create(**_practice_fields(region))
    assert latest(target="learning.GoodPractice", object_id=str(practice.pk)).area == Area.GOOD_PRACTICES
    practice.delete()
    assert latest(target="learning.GoodPractice", kind=Kind.DELETE).object_label


def _practice_fields(region: Any) -> dict[str, Any]:
    from django.db import models

    from interventures.apps.learning.models import GoodPractice

    fields: dict[str, Any] = {}
    for f in GoodPractice._meta.concrete_fields:
        if f.primary_key or f.null or f.has_default() or f.blank:
            continue
        if isinstance(f, models.ForeignKey):
            fields[f.name] = region
        elif isinstance(f, models.SlugField):
            fields[f.name] = "audit-practice"
        elif isinstance(f, models.CharField | models.TextField):
            fields[f.name] = f.choices[0][0] if f.choices else "A practice"
    return fields


def test_roles_staff_flags_and_groups_are_logged(make_user: Any, region: Any) -> None:
    user = make_user(Role.STAKEHOLDER, region=region)
    profile = Profile.objects.get(user=user)
    profile.role = Role.REGIONAL_PARTNER
    profile.save()
    role = latest(target="accounts.Profile", object_id=str(profile.pk), kind=Kind.UPDATE)
    assert role.area == Area.PERMISSIONS
    assert role.changes == {"role": ["stakeholder", "regional_partner"]}

    user.is_staff = True
    user.save()
    assert latest(target="auth.User", object_id=str(user.pk), kind=Kind.UPDATE).changes == {
        "is_staff": [False, True]
    }

    before = AuditEntry.objects.count()
    user.last_login = user.date_joined
    user.save()  # a log-in is no change of permission
    assert AuditEntry.objects.count() == before

    group = Group.objects.create(name="reviewers")
    user.groups.add(group)
    entry = latest(target="auth.User", object_id=str(user.pk))
    assert entry.changes == {"user_groups": {"added": ["reviewers"]}}


def test_microdata_exports_are_logged(client_as: Any, region: Any) -> None:
    client, partner = client_as(Role.REGIONAL_PARTNER, region=region)
    response = client.get(reverse("assessment:region_export_csv"))
    assert response.status_code == 200
    entry = latest(area=Area.MICRODATA)
    assert entry.kind == Kind.EXPORT
    assert entry.actor == partner
    assert entry.target == "assessment.Assessment"
    assert entry.region_id == region.pk
    assert entry.changes["format"] == "csv"


def test_the_coordinator_reads_the_log_filtered_and_paged(client_as: Any, region: Any) -> None:
    from interventures.apps.audit import views

    for n in range(views.PER_PAGE + 3):
        AuditEntry.objects.create(area=Area.MICRODATA, kind=Kind.EXPORT, target="x", actor_label=f"user{n}")
    client, _ = client_as(Role.COORDINATOR)
    page = client.get(reverse("audit:log"), {"area": "microdata"})
    assert page.status_code == 200
    assert page.context["page"].paginator.count == views.PER_PAGE + 3
    assert len(page.context["page"].object_list) == views.PER_PAGE
    second = client.get(reverse("audit:log"), {"area": "microdata", "page": 2})
    assert len(second.context["page"].object_list) == 3
    only = client.get(reverse("audit:log"), {"actor": "user7"})
    assert {e.actor_label for e in only.context["page"].object_list} == {"user7"}
    directory = client.get(reverse("audit:log"), {"area": "directory"})
    assert all(e.area == "directory" for e in directory.context["page"].object_list)


@pytest.mark.parametrize("role", [Role.REGIONAL_PARTNER, Role.STAKEHOLDER, Role.SME])
def test_only_the_coordinator_and_the_administrator_read_it(client_as: Any, region: Any, role: Role) -> None:
    client, _ = client_as(role, region=region) if role != Role.SME else client_as(role)
    assert client.get(reverse("audit:log")).status_code == 403


def test_the_admin_shows_the_log_read_only(client: Any, region: Any) -> None:
    admin = User.objects.create_superuser("root", "root@example.test", "pw-Secret-123")
    client.force_login(admin)
    entry = AuditEntry.objects.create(area=Area.MICRODATA, kind=Kind.EXPORT, target="x")
    assert client.get(reverse("admin:audit_auditentry_changelist")).status_code == 200
    assert client.get(reverse("admin:audit_auditentry_change", args=[entry.pk])).status_code == 200
    assert client.get(reverse("admin:audit_auditentry_add")).status_code == 403
    assert (
        client.post(reverse("admin:audit_auditentry_delete", args=[entry.pk]), {"post": "yes"}).status_code
        == 403
    )
    assert AuditEntry.objects.filter(pk=entry.pk).exists()


def test_the_log_shows_a_change_as_before_and_after(client_as: Any, region: Any) -> None:
    AuditEntry.objects.create(
        area=Area.DIRECTORY,
        kind=Kind.UPDATE,
        target="partnership.Organisation",
        changes={"name": ["Chamber", "Chamber of Commerce"], "website": [None, "https://example.org"]},
    )
    AuditEntry.objects.create(area=Area.MICRODATA, kind=Kind.EXPORT, target="x", changes={"rows": 12})
    client, _ = client_as(Role.COORDINATOR)
    html = client.get(reverse("audit:log")).content.decode()
    assert "Chamber → Chamber of Commerce" in html
    assert "— → https://example.org" in html
    assert "[None" not in html
    assert "None" not in html.split("<main", 1)[-1]
    assert '<code translate="no">rows</code>: <span translate="no">12</span>' in html
