"""/api/v1/learning/: practices searched and read in a language, events with public fields only and
attendance under the minimum cell, participants for the host partner and the coordinator, creates
with an Idempotency-Key."""

from __future__ import annotations

import datetime as dt
import json
import zoneinfo

import pytest
from django.test import Client

from interventures.apps.accounts.models import Role
from interventures.apps.accounts.permissions import OPERATOR

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(db):
    from interventures.apps.common.models import Region
    from interventures.apps.learning import services
    from interventures.apps.learning.models import Event
    from interventures.apps.partnership.services import partnership_reference_load

    partnership_reference_load()
    services.practices_reference_load()
    hu = Region.objects.get(code="hu-hr")
    zone = zoneinfo.ZoneInfo("Europe/Budapest")
    event = services.event_save(
        user=OPERATOR,
        event=Event(
            kind="rsg",
            title="RSG meeting",
            region=hu,
            starts_at=dt.datetime(2020, 3, 2, 10, tzinfo=zone),
            ends_at=dt.datetime(2020, 3, 2, 12, tzinfo=zone),
            timezone="Europe/Budapest",
        ),
    )
    for n in range(3):
        services.participant_register(
            user=OPERATOR,
            event=event,
            name=f"Person {n}",
            email=f"p{n}@example.org",
            stakeholder_type="sme",
            gender="woman",
            attended=True,
        )
    return {"hu": hu, "lombardia": Region.objects.get(code="lombardia"), "event": event}


def _post(client, url, body, key):
    return client.post(url, json.dumps(body), content_type="application/json", HTTP_IDEMPOTENCY_KEY=key)


def test_practices_are_searched_in_any_language_and_read_in_the_one_asked(world):
    client = Client()
    found = client.get("/api/v1/learning/practices", {"q": "határon", "lang": "hu"}).json()
    assert "b-light-hu-hr" in [p["slug"] for p in found["items"]]
    one = client.get("/api/v1/learning/practices/b-light-hu-hr", {"lang": "hr"}).json()
    assert one["problem"].startswith("MSP-ovi s dviju strana")
    assert one["language"]["problem"] == "hr"
    assert one["partner_region"] == "hu-hr"
    assert client.get("/api/v1/learning/practices", {"region": "hu-hr"}).json()["count"] == 1


def test_events_show_public_fields_and_no_count_under_the_minimum_cell(world, settings):
    settings.INTERVENTURES_MIN_CELL = 5
    event = Client().get(f"/api/v1/learning/events/{world['event'].uid}").json()
    assert event["attendees"] is None  # 3 attendees, fewer than 5
    assert "participants" not in event
    assert "Person 0" not in json.dumps(event)


def test_participants_are_for_the_host_partner_and_the_coordinator(world, make_user, bearer):
    url = f"/api/v1/learning/events/{world['event'].uid}/participants"
    assert Client().get(url).status_code == 401
    assert bearer(make_user(Role.REGIONAL_PARTNER, region=world["lombardia"])).get(url).status_code == 403
    assert bearer(make_user(Role.STAKEHOLDER, region=world["hu"])).get(url).status_code == 403
    listed = bearer(make_user(Role.COORDINATOR)).get(url).json()
    assert listed["count"] == 3
    assert listed["items"][0]["email"] == "p0@example.org"


def test_a_participant_create_is_idempotent(world, make_user, bearer):
    from interventures.apps.learning.models import Participant

    partner = bearer(make_user(Role.REGIONAL_PARTNER, region=world["hu"]))
    url = f"/api/v1/learning/events/{world['event'].uid}/participants"
    body = {"name": "Eva", "email": "eva@example.org", "stakeholder_type": "bso", "gender": "woman"}
    first = _post(partner, url, body, "participant-eva-0001")
    again = _post(partner, url, body, "participant-eva-0001")
    assert (first.status_code, again.status_code) == (201, 200)
    assert first.json() == again.json()
    assert Participant.objects.filter(event=world["event"], email="eva@example.org").count() == 1
    other = _post(partner, url, {**body, "name": "Eve"}, "participant-eva-0001")
    assert other.status_code == 409
    bad = _post(partner, url, {"name": "X", "stakeholder_type": "alien"}, "participant-x-0001")
    assert bad.status_code == 422


def test_a_lesson_and_a_practice_are_created_by_those_who_may(world, make_user, bearer):
    from interventures.apps.learning.models import GoodPractice

    partner = bearer(make_user(Role.REGIONAL_PARTNER, region=world["hu"]))
    lesson = _post(
        partner,
        f"/api/v1/learning/events/{world['event'].uid}/lessons",
        {"text": "Consortia need a lead firm.", "practice": "export-consortia-extremadura"},
        "lesson-0000000001",
    )
    assert lesson.status_code == 201
    assert lesson.json()["practice"] == "export-consortia-extremadura"
    lessons = Client().get(f"/api/v1/learning/events/{world['event'].uid}/lessons").json()
    assert [x["text"] for x in lessons] == ["Consortia need a lead firm."]
    elsewhere = _post(
        partner,
        "/api/v1/learning/practices",
        {"title": "Not mine", "partner_region": "lombardia"},
        "p-0000000001",
    )
    assert elsewhere.status_code == 403
    assert not GoodPractice.objects.filter(title="Not mine").exists()
    mine = _post(
        partner, "/api/v1/learning/practices", {"title": "Mine", "partner_region": "hu-hr"}, "p-0000000002"
    )
    assert mine.status_code == 201
    assert mine.json()["status"] == "draft"
    assert Client().get(f"/api/v1/learning/practices/{mine.json()['slug']}").status_code == 404  # a draft


def test_an_event_is_created_once_per_key_in_its_region_only_with_its_links(world, make_user, bearer):
    from interventures.apps.learning.models import Event

    partner = bearer(make_user(Role.REGIONAL_PARTNER, region=world["hu"]))
    body = {
        "kind": "webinar",
        "title": "Webinar on pre-financing",
        "region": "hu-hr",
        "starts_at": "2021-03-29T10:00:00+02:00",
        "ends_at": "2021-03-29T11:30:00+02:00",
        "timezone": "Europe/Budapest",
        "format": "online",
        "links": [{"title": "Stream", "url": "https://example.org/stream"}],
        "practices": ["export-consortia-extremadura"],
        "registration_open": True,
        "capacity": 40,
    }
    first = _post(partner, "/api/v1/learning/events", body, "event-webinar-0001")
    again = _post(partner, "/api/v1/learning/events", body, "event-webinar-0001")
    assert (first.status_code, again.status_code) == (201, 200)
    assert Event.objects.filter(title="Webinar on pre-financing").count() == 1
    made = first.json()
    assert made["links"] == [{"title": "Stream", "url": "https://example.org/stream"}]
    assert made["practices"] == ["export-consortia-extremadura"]
    assert made["registration"] == "closed"  # 2021 is past
    elsewhere = _post(partner, "/api/v1/learning/events", {**body, "region": "lombardia"}, "event-lom-0001")
    assert elsewhere.status_code == 403
    bad_zone = _post(partner, "/api/v1/learning/events", {**body, "timezone": "Mars/Olympus"}, "event-z-0001")
    assert bad_zone.status_code == 400
    stake = bearer(make_user(Role.STAKEHOLDER, region=world["hu"]))
    assert _post(stake, "/api/v1/learning/events", body, "event-s-0001").status_code == 403


def test_an_initiative_is_proposed_and_followed_up_through_the_api(world, make_user, bearer):
    from interventures.apps.learning.models import FastTrackInitiative

    partner = bearer(make_user(Role.REGIONAL_PARTNER, region=world["hu"]))
    made = _post(
        partner,
        "/api/v1/learning/initiatives",
        {
            "region": "hu-hr",
            "title": "Advance payments",
            "change": "30% in advance",
            "evidence_figures": ["SAR-x"],
        },
        "initiative-0000000001",
    )
    assert made.status_code == 201
    assert made.json()["status"] == "proposed"
    pk = made.json()["id"]
    url = f"/api/v1/learning/initiatives/{pk}/status"
    refused = partner.post(url, json.dumps({"status": "taken_up"}), content_type="application/json")
    assert refused.status_code == 400  # no event where policymakers took it up
    FastTrackInitiative.objects.filter(pk=pk).update(event=world["event"])
    for _ in range(2):  # asked again: the same answer, nothing else changes
        moved = partner.post(url, json.dumps({"status": "taken_up"}), content_type="application/json")
        assert moved.status_code == 200
        assert moved.json()["status"] == "taken_up"
    stake = bearer(make_user(Role.STAKEHOLDER, region=world["hu"]))
    assert (
        stake.post(url, json.dumps({"status": "dropped"}), content_type="application/json").status_code == 403
    )
    assert FastTrackInitiative.objects.get(pk=pk).status == "taken_up"
