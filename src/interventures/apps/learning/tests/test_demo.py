"""The learning demo: a history of the project's events and one still to come, open for registration,
all of it labelled as demo content."""

from __future__ import annotations

import io

import pytest
from django.urls import reverse
from django.utils import timezone

from interventures.apps.learning import demo, registration
from interventures.apps.learning.models import Event

pytestmark = pytest.mark.django_db


def test_the_demo_has_an_upcoming_event_open_for_registration(reference, client):
    demo.load(out=io.StringIO())
    assert Event.objects.filter(is_demo=False).count() == 0
    upcoming = [e for e in Event.objects.all() if e.starts_at > timezone.now()]
    assert len(upcoming) == 1
    (event,) = upcoming
    assert registration.registration_state(event) == registration.State.OPEN
    page = client.get(reverse("learning:register", args=[event.uid]))
    assert page.status_code == 200
    assert 'name="submission"' in page.content.decode()
    demo.load(out=io.StringIO())  # loaded again: replaced, not doubled
    assert sum(e.starts_at > timezone.now() for e in Event.objects.all()) == 1
