from __future__ import annotations

import datetime as dt

import icalendar
import pytest
from django.urls import reverse

from interventures.apps.accounts.models import Role
from interventures.apps.accounts.permissions import OPERATOR
from interventures.apps.common.models import Region
from interventures.apps.learning import services
from interventures.apps.learning.models import GoodPractice, Transferability

pytestmark = pytest.mark.django_db


def test_practice_list_searches_and_the_detail_shows_the_side_by_side_table(reference, client):
    response = client.get(reverse("learning:practice_list"), {"q": "consorcios"})
    assert response.status_code == 200
    assert "Export Consortiums" in response.content.decode()
    practice = GoodPractice.objects.get(slug="export-consortia-extremadura")
    hu, lom = Region.objects.get(code="hu-hr"), Region.objects.get(code="lombardia")
    full = {"instrument_fit": 4, "resources": 4, "stakeholders": 4, "legal_fit": 4, "gap_effect": 4}
    services.transferability_save(
        user=OPERATOR,
        practice=practice,
        region=hu,
        scores=full,
        notes={"legal_fit": "fits the scheme"},
        final=True,
    )
    services.transferability_save(
        user=OPERATOR,
        practice=practice,
        region=lom,
        scores={**full, "resources": 0},
        notes={"resources": "draft note"},
        final=False,
    )
    page = client.get(reverse("learning:practice_detail", args=[practice.slug])).content.decode()
    assert "fits the scheme" in page
    assert "draft note" not in page  # Lombardia's draft is its own


def test_the_transferability_form_saves_for_the_partner(reference, client_as):
    practice = GoodPractice.objects.get(slug="pimex-extremadura")
    hu = Region.objects.get(code="hu-hr")
    client, _user = client_as(Role.REGIONAL_PARTNER, region=hu)
    url = reverse("learning:transferability_edit", args=[practice.slug, "hu-hr"])
    assert client.get(url).status_code == 200
    data = {
        "instrument_fit": "3",
        "resources": "2",
        "stakeholders": "",
        "legal_fit": "4",
        "gap_effect": "1",
        "final": "on",
    }
    response = client.post(url, data)
    assert response.status_code == 200
    assert "every criterion" in response.content.decode()
    data["stakeholders"] = "3"
    response = client.post(url, data)
    assert response.status_code == 302
    assert Transferability.objects.get(practice=practice, region=hu).stakeholders == 3
    assert (
        client.get(reverse("learning:transferability_edit", args=[practice.slug, "lombardia"])).status_code
        == 403
    )


def test_event_calendar_parses_back_with_its_time_zone(reference, make_event, client):
    hu = Region.objects.get(code="hu-hr")
    event = make_event(hu, title="RSG meeting, round 1", location="Pécs")
    response = client.get(reverse("learning:event_export", args=[event.uid]))
    assert response["Content-Type"].startswith("text/calendar")
    cal = icalendar.Calendar.from_ical(response.content)
    (vevent,) = cal.walk("VEVENT")
    assert str(vevent["uid"]) == f"{event.uid}@interventures"
    assert str(vevent["summary"]) == "RSG meeting, round 1"
    start = vevent.decoded("dtstart")
    assert start == event.starts_at
    assert start.utcoffset() == dt.timedelta(hours=1)
    assert [str(tz["tzid"]) for tz in cal.walk("VTIMEZONE")] == ["Europe/Budapest"]
    feed = icalendar.Calendar.from_ical(client.get(reverse("learning:events_export", args=["ics"])).content)
    assert len(feed.walk("VEVENT")) == 1


def test_participants_personal_data_only_for_the_regions_partner_and_the_coordinator(
    reference, make_event, client_as, settings
):
    settings.INTERVENTURES_MIN_CELL = 5
    hu = Region.objects.get(code="hu-hr")
    event = make_event(hu)
    for n in range(6):
        services.participant_register(
            user=OPERATOR,
            event=event,
            name=f"Person Secretname{n}",
            stakeholder_type="sme",
            gender="woman",
            attended=True,
        )
    detail = reverse("learning:event_detail", args=[event.uid])
    participants = reverse("learning:event_participants", args=[event.uid])
    for role, binding, status in (
        (Role.STAKEHOLDER, {"region": hu}, 403),
        (Role.REGIONAL_PARTNER, {"region": Region.objects.get(code="lombardia")}, 403),
        (Role.SME, {}, 403),
        (Role.REGIONAL_PARTNER, {"region": hu}, 200),
        (Role.COORDINATOR, {}, 200),
    ):
        client, _user = client_as(role, **binding)
        assert client.get(participants).status_code == status, role
        page = client.get(detail).content.decode()
        assert "Secretname" not in page  # the event page shows counts only
        assert "6" in page
    client.logout()
    assert client.get(participants).status_code == 302  # to the login page


def test_the_plan_page_and_the_initiatives_for_the_regions_stakeholders(reference, client_as):
    from interventures.apps.learning.models import FastTrackInitiative

    hu = Region.objects.get(code="hu-hr")
    initiative = FastTrackInitiative.objects.create(region=hu, title="Lighter calls", change="Shorter forms.")
    client, _user = client_as(Role.STAKEHOLDER, region=hu)
    assert client.get(reverse("learning:activity_plan")).status_code == 200
    url = reverse("learning:initiative_detail", args=[initiative.pk])
    assert client.get(url).status_code == 200
    assert client.post(url, {"text": "We support it."}).status_code == 302
    assert initiative.comments.get().text == "We support it."
    other, _u = client_as(Role.STAKEHOLDER, region=Region.objects.get(code="lombardia"))
    assert other.get(url).status_code == 404


def test_the_plans_project_dates_are_those_the_source_states_and_no_phase_split_is_invented(
    reference, client, settings
):
    from interventures.core.learning.plan import PROJECT_END, PROJECT_START
    from interventures.reference import files

    project = files.read_yaml("partnership.yaml")["project"]
    assert (project["start_date"], project["end_date"]) == (PROJECT_START, PROJECT_END)
    settings.INTERVENTURES_PHASE_1_END = ""
    page = client.get(reverse("learning:activity_plan")).content.decode()
    assert "states that the project runs from 1 August 2019 to 31 July 2022" in page
    assert "does not say where phase 1 ends, and no end is configured" in page
    assert "Assumption: phase 1" not in page
    settings.INTERVENTURES_PHASE_1_END = "2021-01-31"
    page = client.get(reverse("learning:activity_plan")).content.decode()
    assert "Assumption: phase 1 is taken to end on 31 January 2021" in page
    assert "INTERVENTURES_PHASE_1_END" in page  # the page names the setting it comes from


def test_a_phase_boundary_outside_the_project_is_a_configuration_error(reference, settings):
    from django.core.exceptions import ImproperlyConfigured

    from interventures.apps.learning.phases import project_phases

    settings.INTERVENTURES_PHASE_1_END = "2023-01-01"
    with pytest.raises(ImproperlyConfigured, match="INTERVENTURES_PHASE_1_END"):
        project_phases()
    settings.INTERVENTURES_PHASE_1_END = "2021-07-31"
    assert project_phases().phase_1_end == dt.date(2021, 7, 31)
