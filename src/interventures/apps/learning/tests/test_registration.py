"""People registering themselves (registration.py, views/register.py)."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from interventures.apps.accounts.models import Role
from interventures.apps.common.models import Region
from interventures.apps.learning import registration
from interventures.apps.learning.models import Participant

pytestmark = pytest.mark.django_db


@pytest.fixture
def open_event(reference, make_event):
    soon = timezone.localdate() + dt.timedelta(days=10)
    return make_event(Region.objects.get(code="hu-hr"), day=soon, registration_open=True, title="RSG round 3")


def _form(client, event, *, from_page: bool = False) -> dict[str, str]:
    """A filled registration form; its one-time key from the page (or made as the page makes it)."""
    key = registration.form_key()
    if from_page:
        page = client.get(reverse("learning:register", args=[event.uid])).content.decode()
        found = re.search(r'name="submission" value="([^"]+)"', page)
        assert found, page[:3000]
        key = found.group(1)
    return {
        "submission": key,
        "name": "Ana Kovač",
        "email": "Ana@Example.org",
        "organisation_name": "Kovač d.o.o.",
        "stakeholder_type": "sme",
        "gender": "undisclosed",
        "listed": "on",
        "privacy": "on",
    }


def test_a_visitor_registers_gets_her_own_link_by_mail_and_a_retried_post_makes_no_second(open_event, client):
    url = reverse("learning:register", args=[open_event.uid])
    data = _form(client, open_event, from_page=True)
    first = client.post(url, data)
    assert first.status_code == 302
    participant = Participant.objects.get()
    assert first["Location"].endswith(reverse("learning:registration", args=[participant.registration_token]))
    assert (participant.email, participant.gender, participant.listed, participant.self_registered) == (
        "ana@example.org",
        "undisclosed",
        True,
        True,
    )
    assert participant.registration_token != participant.feedback_token
    (message,) = mail.outbox
    assert message.to == ["ana@example.org"]
    assert participant.registration_token in message.body
    again = client.post(url, data)  # the same form sent again
    assert again.status_code == 302
    assert again["Location"] == first["Location"]
    assert Participant.objects.count() == 1
    assert len(mail.outbox) == 1
    # the same key with another address cannot reach her registration
    copied = client.post(url, {**data, "email": "eve@example.org"})
    assert copied.status_code == 200
    assert participant.registration_token not in copied.content.decode()
    assert Participant.objects.count() == 1


def test_the_registrations_page_is_reached_by_its_key_only_and_cancelling_deletes_it(open_event, client):
    client.post(reverse("learning:register", args=[open_event.uid]), _form(client, open_event))
    participant = Participant.objects.get()
    page = client.get(reverse("learning:registration", args=[participant.registration_token]))
    assert "Ana Kovač" in page.content.decode()
    assert client.get(reverse("learning:registration", args=[participant.feedback_token])).status_code == 404
    assert client.get(reverse("learning:registration", args=["x" * 32])).status_code == 404
    cancelled = client.post(reverse("learning:registration_cancel", args=[participant.registration_token]))
    assert cancelled.status_code == 302
    assert not Participant.objects.exists()
    assert (
        client.get(reverse("learning:registration", args=[participant.registration_token])).status_code == 404
    )


def test_registration_is_refused_when_full_closed_or_not_open(open_event, client):
    open_event.capacity = 1
    open_event.save()
    url = reverse("learning:register", args=[open_event.uid])
    assert client.post(url, _form(client, open_event)).status_code == 302
    second = client.post(url, {**_form(client, open_event), "email": "bo@example.org"})
    assert "The event is full." in second.content.decode()
    assert Participant.objects.count() == 1
    open_event.capacity = None
    open_event.registration_closes_at = timezone.now() - dt.timedelta(minutes=1)
    open_event.save()
    assert registration.registration_state(open_event) == registration.State.CLOSED
    late = client.post(url, {**_form(client, open_event), "email": "cy@example.org"})
    assert "closed" in late.content.decode()
    open_event.registration_closes_at = None
    open_event.registration_open = False
    open_event.save()
    assert "not open for registration" in client.get(url).content.decode()
    assert Participant.objects.count() == 1


def test_an_address_registered_already_gets_its_link_again_and_no_second_registration(open_event, client):
    url = reverse("learning:register", args=[open_event.uid])
    client.post(url, _form(client, open_event))
    response = client.post(url, {**_form(client, open_event), "name": "Ana K."})
    assert response.status_code == 302
    assert Participant.objects.count() == 1
    assert len(mail.outbox) == 2
    assert Participant.objects.get().registration_token in mail.outbox[1].body


def test_a_forged_form_key_is_refused(open_event, client):
    data = {**_form(client, open_event), "submission": "my-own-key"}
    response = client.post(reverse("learning:register", args=[open_event.uid]), data)
    assert response.status_code == 200
    assert "expired" in response.content.decode()
    assert not Participant.objects.exists()


def test_listed_participants_show_on_the_event_page_and_the_others_do_not(open_event, client, client_as):
    url = reverse("learning:register", args=[open_event.uid])
    client.post(url, _form(client, open_event))
    client.post(
        url, {**_form(client, open_event), "name": "Hidden Person", "email": "h@example.org", "listed": ""}
    )
    page = client.get(reverse("learning:event_detail", args=[open_event.uid])).content.decode()
    assert "Ana Kovač" in page
    assert "Hidden Person" not in page
    partner, _user = client_as(Role.REGIONAL_PARTNER, region=open_event.region)
    listing = partner.get(reverse("learning:event_participants", args=[open_event.uid])).content.decode()
    assert "Hidden Person" in listing


def test_an_unpublished_event_takes_no_registration(open_event, client):
    open_event.published = False
    open_event.save()
    assert client.get(reverse("learning:register", args=[open_event.uid])).status_code == 404
