"""The event and fast-track initiative forms (views/organise.py) and their services."""

from __future__ import annotations

import datetime as dt
import zoneinfo

import pytest
from django.urls import reverse

from interventures.apps.accounts.models import Role
from interventures.apps.accounts.permissions import OPERATOR
from interventures.apps.common.models import Region
from interventures.apps.learning import services
from interventures.apps.learning.models import Event, FastTrackInitiative, GoodPractice, InitiativeStatus

pytestmark = pytest.mark.django_db


def _event_data(region: Region, **extra: str) -> dict[str, object]:
    return {
        "kind": "rsg",
        "title": "RSG meeting, round 2",
        "region": region.pk,
        "starts": "2020-10-26T09:30",  # the day after the clocks went back in Budapest
        "ends": "2020-10-26T12:00",
        "timezone": "Europe/Budapest",
        "format": "hybrid",
        "location": "Pécs",
        "agenda_text": "Welcome\n\nThe survey's first figures\n",
        "links_text": "Programme | https://example.org/programme.pdf\nhttps://example.org/stream",
        "published": "on",
        **extra,
    }


def test_the_regions_partner_creates_an_event_with_its_local_time_and_the_form_shows_it_back(
    reference, client_as
):
    hu = Region.objects.get(code="hu-hr")
    practice = GoodPractice.objects.get(slug="export-consortia-extremadura")
    client, _user = client_as(Role.REGIONAL_PARTNER, region=hu)
    response = client.post(reverse("learning:event_create"), _event_data(hu, practices=str(practice.pk)))
    assert response.status_code == 302, response.content.decode()[:2000]
    event = Event.objects.get()
    assert event.starts_at == dt.datetime(2020, 10, 26, 8, 30, tzinfo=dt.UTC)  # CET, UTC+1
    assert event.agenda == ["Welcome", "The survey's first figures"]
    assert [(link.title, link.url) for link in event.links.all()] == [
        ("Programme", "https://example.org/programme.pdf"),
        ("https://example.org/stream", "https://example.org/stream"),
    ]
    assert list(event.practices.all()) == [practice]
    form = client.get(reverse("learning:event_edit", args=[event.uid])).content.decode()
    assert 'value="2020-10-26T09:30"' in form
    assert "Programme | https://example.org/programme.pdf" in form


def test_a_partner_files_an_event_under_its_own_region_only_and_edits_no_other(reference, client_as):
    hu, lom = Region.objects.get(code="hu-hr"), Region.objects.get(code="lombardia")
    client, _user = client_as(Role.REGIONAL_PARTNER, region=hu)
    response = client.post(reverse("learning:event_create"), _event_data(lom))
    assert response.status_code == 200  # lombardia is not among the choices
    assert not Event.objects.exists()
    other = services.event_save(
        user=OPERATOR,
        event=Event(
            kind="rsg",
            title="Lombardia",
            region=lom,
            starts_at=dt.datetime(2020, 3, 2, 10, tzinfo=dt.UTC),
            ends_at=dt.datetime(2020, 3, 2, 12, tzinfo=dt.UTC),
        ),
    )
    assert client.get(reverse("learning:event_edit", args=[other.uid])).status_code == 403
    assert client.post(reverse("learning:event_edit", args=[other.uid]), _event_data(lom)).status_code == 403
    stake, _u = client_as(Role.STAKEHOLDER, region=hu)
    assert stake.get(reverse("learning:event_create")).status_code == 403


def test_a_new_event_starts_in_the_partners_region_and_its_time_zone(reference, client_as):
    lt = Region.objects.get(code="lt-klaipeda")
    client, _user = client_as(Role.REGIONAL_PARTNER, region=lt)
    form = client.get(reverse("learning:event_create")).context["form"]
    assert form["region"].value() == lt.pk
    assert form["timezone"].value() == "Europe/Vilnius"
    coordinator, _c = client_as(Role.COORDINATOR)
    form = coordinator.get(reverse("learning:event_create")).context["form"]
    assert form["region"].value() is None  # the coordinator chooses among the five


def test_an_event_ending_before_it_starts_is_refused_on_the_form(reference, client_as):
    hu = Region.objects.get(code="hu-hr")
    client, _user = client_as(Role.COORDINATOR)
    response = client.post(reverse("learning:event_create"), _event_data(hu, ends="2020-10-26T08:00"))
    assert response.status_code == 200
    assert "ends before it starts" in response.content.decode()
    assert not Event.objects.exists()


def _initiative(region: Region) -> FastTrackInitiative:
    return services.initiative_save(
        user=OPERATOR,
        initiative=FastTrackInitiative(region=region, title="Lighter calls", change="Shorter forms"),
    )


def test_the_initiative_form_creates_a_proposal_and_the_status_follows_the_follow_up(
    reference, make_event, client_as
):
    hu = Region.objects.get(code="hu-hr")
    client, _user = client_as(Role.REGIONAL_PARTNER, region=hu)
    instrument = hu.instruments.first()
    response = client.post(
        reverse("learning:initiative_create"),
        {
            "region": hu.pk,
            "title": "Pre-financing for light beneficiaries",
            "change": "Advance 30% of the grant.",
            "instrument": instrument.pk if instrument else "",
            "figures_text": "SAR-hu-hr-BAR-prefinancing\n",
            "status": "implemented",  # not a field of the form: a new initiative is proposed
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    initiative = FastTrackInitiative.objects.get()
    assert initiative.status == InitiativeStatus.PROPOSED
    assert initiative.evidence_figures == ["SAR-hu-hr-BAR-prefinancing"]
    status_url = reverse("learning:initiative_status", args=[initiative.pk])
    client.post(status_url, {"status": "taken_up"})
    initiative.refresh_from_db()
    assert initiative.status == InitiativeStatus.PROPOSED  # no event named yet: refused
    event = make_event(hu, kind="policy")
    initiative.event = event
    initiative.save()
    client.post(status_url, {"status": "taken_up"})
    client.post(status_url, {"status": "implemented"})  # skips adoption: refused
    initiative.refresh_from_db()
    assert initiative.status == InitiativeStatus.TAKEN_UP
    client.post(status_url, {"status": "adopted"})
    initiative.refresh_from_db()
    assert initiative.status == InitiativeStatus.TAKEN_UP  # no decision recorded yet
    initiative.decision, initiative.decided_on = "Call amended", dt.date(2021, 5, 3)
    initiative.save()
    client.post(status_url, {"status": "adopted"})
    initiative.refresh_from_db()
    assert initiative.status == InitiativeStatus.ADOPTED


def test_stakeholders_see_and_comment_but_do_not_edit_an_initiative(reference, client_as):
    hu = Region.objects.get(code="hu-hr")
    initiative = _initiative(hu)
    client, _user = client_as(Role.STAKEHOLDER, region=hu)
    assert client.get(reverse("learning:initiative_detail", args=[initiative.pk])).status_code == 200
    assert client.get(reverse("learning:initiative_edit", args=[initiative.pk])).status_code == 403
    assert (
        client.post(
            reverse("learning:initiative_status", args=[initiative.pk]), {"status": "dropped"}
        ).status_code
        == 403
    )
    initiative.refresh_from_db()
    assert initiative.status == InitiativeStatus.PROPOSED
    partner, _u = client_as(Role.REGIONAL_PARTNER, region=Region.objects.get(code="lombardia"))
    assert partner.get(reverse("learning:initiative_edit", args=[initiative.pk])).status_code == 404


def test_an_initiatives_event_must_be_its_regions(reference, make_event):
    hu, lom = Region.objects.get(code="hu-hr"), Region.objects.get(code="lombardia")
    initiative = _initiative(hu)
    initiative.event = make_event(lom)
    with pytest.raises(services.LearningError, match="another region"):
        services.initiative_save(user=OPERATOR, initiative=initiative)


def test_attendance_is_ticked_on_the_participants_page(reference, make_event, client_as):
    hu = Region.objects.get(code="hu-hr")
    event = make_event(hu)
    a, b = (
        services.participant_register(
            user=OPERATOR,
            event=event,
            name=name,
            stakeholder_type="sme",
            gender="woman",
            attended=name == "A",
        )
        for name in ("A", "B")
    )
    client, _user = client_as(Role.REGIONAL_PARTNER, region=hu)
    response = client.post(reverse("learning:attendance", args=[event.uid]), {"attended": [str(b.pk)]})
    assert response.status_code == 302
    a.refresh_from_db()
    b.refresh_from_db()
    assert (a.attended, b.attended) == (False, True)
    other, _u = client_as(Role.REGIONAL_PARTNER, region=Region.objects.get(code="lombardia"))
    assert (
        other.post(reverse("learning:attendance", args=[event.uid]), {"attended": [str(a.pk)]}).status_code
        == 403
    )
    a.refresh_from_db()
    assert a.attended is False


def test_registration_cannot_close_after_the_event_ends(reference):
    zone = zoneinfo.ZoneInfo("Europe/Vilnius")
    hu = Region.objects.get(code="hu-hr")
    with pytest.raises(services.LearningError, match="Registration closes"):
        services.event_save(
            user=OPERATOR,
            event=Event(
                kind="webinar",
                title="Webinar",
                region=hu,
                starts_at=dt.datetime(2021, 6, 1, 10, tzinfo=zone),
                ends_at=dt.datetime(2021, 6, 1, 11, tzinfo=zone),
                timezone="Europe/Vilnius",
                registration_closes_at=dt.datetime(2021, 6, 2, tzinfo=zone),
            ),
        )
