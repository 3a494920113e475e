"""An SME's personal data: consent recorded at sign-up with its text and version; the whole of it
downloaded from the account page; the account deleted with its password, after which no row of any
model still names or points at the user or its company, and the published figures are unchanged."""

from __future__ import annotations

import io
import json
import zipfile
from typing import Any

import pytest
from django.apps import apps
from django.contrib.auth.models import User
from django.db import models
from django.urls import reverse

from interventures.apps.accounts.consent import CONSENT_VERSION
from interventures.apps.accounts.models import Company, ConsentRecord, Role
from interventures.apps.accounts.personal_data import owner_links
from interventures.apps.assessment import selectors as assessment_selectors
from interventures.apps.assessment.models import Answer, Assessment, DimensionScore, Status
from interventures.apps.common.disclosure import min_cell

pytestmark = pytest.mark.django_db

PASSWORD = "pw-Secret-123"
# Strings only this SME's data holds: none may be left anywhere after the deletion.
NAME, EMAIL, COMPANY = "zsofia-gdpr", "zsofia.kovacs@example.test", "Kovács Precíziós Kft"
CONTACT, PHONE = "Zsófia Kovács", "+36 30 555 0199"


def _completed(region: Any, *, user: Any = None, company: Any = None, stage: str = "exploring") -> Assessment:
    a = Assessment.objects.create(
        region=region,
        user=user,
        company=company,
        size_class="small",
        sector="C",
        language="en",
        model_version="1",
        status=Status.COMPLETED,
        stage=stage,
        overall=40.0,
        result={"overall": 40.0},
        shared_with_region=True,
    )
    Answer.objects.create(assessment=a, item_id="ex_1", value="2")
    DimensionScore.objects.create(assessment=a, dimension="export", score=40.0 + a.pk % 7)
    return a


@pytest.fixture
def world(make_region: Any, make_user: Any, make_company: Any) -> dict[str, Any]:
    from interventures.apps.keyplayers.models import Comment
    from interventures.apps.learning.models import Event, Participant
    from interventures.apps.matchmaking.models import Interest, PartnerProfile, Suggestion
    from interventures.apps.partnership.models import Organisation

    region = make_region("hu-hr", "Hungary–Croatia")
    company = make_company(region=region, name=COMPANY)
    sme = make_user(Role.SME, company=company)
    created_as = sme.username  # the audit log wrote it down at creation
    User.objects.filter(pk=sme.pk).update(username=NAME, email=EMAIL, first_name="Zsófia", last_name="Kovács")
    sme.refresh_from_db()
    ConsentRecord.objects.create(user=sme, version=CONSENT_VERSION, text="I agree.", language="hu")
    from interventures.apps.audit.models import Area, Kind
    from interventures.apps.audit.services import entry_record

    entry_record(area=Area.PERMISSIONS, kind=Kind.UPDATE, obj=sme.profile, user=sme)  # the SME as actor
    own = [_completed(region, user=sme, company=company) for _ in range(2)]
    in_progress = Assessment.objects.create(
        region=region,
        user=sme,
        company=company,
        size_class="small",
        sector="C",
        language="en",
        model_version="1",
    )
    Answer.objects.create(assessment=in_progress, item_id="ex_1", value="1")
    others = [
        _completed(region, company=make_company(region=region), stage="ready") for _ in range(min_cell())
    ]
    profile = PartnerProfile.objects.create(
        company=company,
        name=COMPANY,
        country="HU",
        contact_name=CONTACT,
        contact_email=EMAIL,
        contact_phone=PHONE,
        offers="precision parts",
        published=True,
    )
    other_profile = PartnerProfile.objects.create(
        company=make_company(region=region), name="Other Kft", country="HR"
    )
    Interest.objects.create(source=profile, target=other_profile)
    Interest.objects.create(source=other_profile, target=profile)
    Suggestion.objects.create(profile=other_profile, partner=profile, rank=1, score=0.5)  # the other's
    organisation = Organisation.objects.create(name="Chamber", region=region)
    Comment.objects.create(organisation=organisation, author=sme, text="Helpful export desk.")
    event = Event.objects.create(**_event_fields(region))
    Participant.objects.create(
        event=event,
        name=CONTACT,
        email=EMAIL.upper(),
        stakeholder_type="sme",
        organisation_name=COMPANY,
        listed=True,
    )
    return {
        "created_as": created_as,
        "region": region,
        "company": company,
        "sme": sme,
        "own": own,
        "others": others,
        "in_progress": in_progress,
        "profile": profile,
        "event": event,
    }


def _event_fields(region: Any) -> dict[str, Any]:
    from interventures.apps.learning.models import Event

    fields: dict[str, Any] = {"region": region}
    for f in Event._meta.concrete_fields:
        if (
            f.name in fields
            or f.primary_key
            or f.null
            or f.has_default()
            or getattr(f, "auto_now_add", False)
        ):
            continue
        if isinstance(f, models.DateField):
            import datetime as dt

            fields[f.name] = dt.date(2026, 5, 1)
        elif isinstance(f, models.CharField | models.TextField):
            fields[f.name] = f.choices[0][0] if f.choices else "Test event"
    return fields


def test_signup_records_the_consent_with_its_text_version_and_language(client: Any) -> None:
    from django.core import mail

    response = client.post(
        reverse("accounts:signup"),
        {
            "username": "new-sme",
            "email": "new@example.test",
            "company": "New Kft",
            "country": "HU",
            "password1": "Long-enough-9",
            "password2": "Long-enough-9",
            "consent": "on",
        },
    )
    assert response.status_code == 200, response.content.decode()[:1000]
    assert len(mail.outbox) == 1
    record = ConsentRecord.objects.get(user__username="new-sme")
    assert record.version == CONSENT_VERSION
    assert "download all my data" in record.text
    assert record.language == "en"


def test_signup_without_the_consent_box_creates_nothing(client: Any) -> None:
    client.post(
        reverse("accounts:signup"),
        {
            "username": "new-sme",
            "email": "new@example.test",
            "company": "New Kft",
            "country": "HU",
            "password1": "Long-enough-9",
            "password2": "Long-enough-9",
        },
    )
    assert not User.objects.filter(username="new-sme").exists()


def test_a_new_version_of_the_text_is_accepted_on_the_account_page(
    client: Any, world: dict[str, Any]
) -> None:
    ConsentRecord.objects.filter(user=world["sme"]).update(version="2020-01-01")
    client.force_login(world["sme"])
    page = client.get(reverse("accounts:account"))
    assert b"Record my consent" in page.content
    client.post(reverse("accounts:consent"), {"agree": "on"})
    assert ConsentRecord.objects.filter(user=world["sme"]).first().version == CONSENT_VERSION  # type: ignore[union-attr]
    assert b"Record my consent" not in client.get(reverse("accounts:account")).content


def test_the_download_holds_everything_tied_to_the_account(client: Any, world: dict[str, Any]) -> None:
    client.force_login(world["sme"])
    response = client.get(reverse("accounts:data_download"))
    assert response["Content-Type"] == "application/zip"
    data = json.loads(zipfile.ZipFile(io.BytesIO(response.content)).read("data.json"))
    assert data["account"]["username"] == NAME
    assert data["account"]["email"] == EMAIL
    assert "password" not in data["account"]
    assert data["company"]["name"] == COMPANY
    records = data["records"]
    tests = {r["token"] for r in records["assessment.Assessment"]}
    assert {str(a.token) for a in [*world["own"], world["in_progress"]]} <= tests
    assert all("assessment.Answer" in r["_children"] for r in records["assessment.Assessment"])
    profile = records["matchmaking.PartnerProfile"][0]
    assert profile["contact_phone"] == PHONE
    interests = profile["_children"]["matchmaking.Interest"]
    assert sorted(i["_linked_by"] for i in interests) == ["source", "target"]  # sent and received
    assert "matchmaking.Suggestion" not in profile["_children"]  # another's suggestion list
    assert records["keyplayers.Comment"][0]["text"] == "Helpful export desk."
    assert records["accounts.ConsentRecord"][0]["version"] == CONSENT_VERSION
    assert records["learning.Participant"][0]["name"] == CONTACT


def _figures(region: Any) -> tuple[Any, ...]:
    everyone = Assessment.objects.filter(region=region)
    averages = assessment_selectors.dimension_averages(queryset=everyone)
    return (
        averages,
        assessment_selectors.stage_distribution(queryset=everyone.filter(status=Status.COMPLETED)),
    )


def _text_values(obj: models.Model) -> list[str]:
    out = []
    for field in obj._meta.concrete_fields:
        value = getattr(obj, field.attname)
        if isinstance(value, str):
            out.append(value)
        elif isinstance(field, models.JSONField) and value:
            out.append(json.dumps(value, ensure_ascii=False))
    return out


def test_deleting_the_account_leaves_no_personal_field_and_the_figures_unchanged(
    client: Any, world: dict[str, Any]
) -> None:
    region, sme, company = world["region"], world["sme"], world["company"]
    before = _figures(region)
    assert not before[0].suppressed
    user_id, company_id = sme.pk, company.pk
    client.force_login(sme)

    refused = client.post(reverse("accounts:delete"), {"password": "wrong"})
    assert refused.status_code == 400
    assert User.objects.filter(pk=user_id).exists()

    done = client.post(reverse("accounts:delete"), {"password": PASSWORD})
    assert done.status_code == 302
    assert not User.objects.filter(pk=user_id).exists()
    assert not Company.objects.filter(pk=company_id).exists()
    assert "_auth_user_id" not in client.session

    # The published figures are the same: the completed tests stay, anonymous.
    assert _figures(region) == before
    kept = Assessment.objects.filter(pk__in=[a.pk for a in world["own"]])
    assert kept.count() == 2
    assert all(a.user_id is None and a.company_id is None for a in kept)
    assert not {a.token for a in kept} & {a.token for a in world["own"]}  # old links reach nothing
    assert not Assessment.objects.filter(pk=world["in_progress"].pk).exists()

    # Walk every model: no key points at the user or the company, no text holds what named them.
    for model, field, target in owner_links():
        gone = user_id if target is User else company_id
        assert not model._default_manager.filter(**{field.attname: gone}).exists(), (
            f"{model._meta.label}.{field.name}"
        )
    needles = [NAME, world["created_as"], EMAIL.casefold(), COMPANY.casefold(), CONTACT.casefold(), PHONE]
    for model in apps.get_models():
        for obj in model._default_manager.all():
            for text in _text_values(obj):
                for needle in needles:
                    assert needle.casefold() not in text.casefold(), (
                        f"{model._meta.label} #{obj.pk} keeps {needle!r}"
                    )
    # Comments stay, without their author.
    from interventures.apps.keyplayers.models import Comment

    assert Comment.objects.get().author_id is None


def test_only_an_sme_deletes_its_own_account(client_as: Any) -> None:
    client, _ = client_as(Role.REGIONAL_PARTNER)
    assert client.get(reverse("accounts:delete")).status_code == 403
