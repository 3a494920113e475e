"""Feedback links e-mailed after an event (mailing.py, tasks.py), with the locmem e-mail backend."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from interventures.apps.accounts.models import Role
from interventures.apps.accounts.permissions import OPERATOR
from interventures.apps.common.models import Region
from interventures.apps.learning import mailing, services
from interventures.apps.learning.models import Participant
from interventures.apps.learning.tasks import send_feedback_links_task

pytestmark = pytest.mark.django_db


@pytest.fixture
def held_event(reference, make_event):
    event = make_event(Region.objects.get(code="hu-hr"), day=dt.date(2021, 3, 2), title="RSG round 4")
    for name, email, attended, lang in (
        ("Ana", "ana@example.org", True, "hr"),
        ("Béla", "bela@example.org", True, "hu"),
        ("Carla", "", True, ""),
        ("Dora", "dora@example.org", False, ""),
    ):
        services.participant_register(
            user=OPERATOR,
            event=event,
            name=name,
            email=email,
            stakeholder_type="sme",
            gender="woman",
            attended=attended,
            language=lang,
        )
    return event


def test_each_attendee_gets_their_own_link_once_even_when_the_task_runs_again(held_event):
    first = send_feedback_links_task.delay(held_event.pk, "https://platform.example/").get()
    assert first == {"sent": 2, "already": 0, "without_address": 1, "failed": 0}
    by_address = {m.to[0]: m for m in mail.outbox}
    assert set(by_address) == {"ana@example.org", "bela@example.org"}  # not Dora, who did not attend
    ana = Participant.objects.get(name="Ana")
    assert (
        f"https://platform.example/hr/learning/feedback/{ana.feedback_token}/"
        in by_address["ana@example.org"].body
    )
    bela = Participant.objects.get(name="Béla")
    assert bela.feedback_token in by_address["bela@example.org"].body
    assert ana.feedback_token not in by_address["bela@example.org"].body
    assert by_address["bela@example.org"].subject.startswith("Visszajelzés")  # in Béla's language
    again = send_feedback_links_task.delay(held_event.pk, "https://platform.example/").get()
    assert again == {"sent": 0, "already": 2, "without_address": 1, "failed": 0}
    assert len(mail.outbox) == 2


def test_a_participant_who_gave_feedback_gets_no_link(held_event):
    ana = Participant.objects.get(name="Ana")
    services.feedback_submit(user=OPERATOR, participant=ana, usefulness=4, capacity_gain=True)
    mailing.feedback_links_send(user=OPERATOR, event=held_event, base_url="https://platform.example")
    assert [m.to for m in mail.outbox] == [["bela@example.org"]]


def test_a_failed_message_is_sent_by_the_next_run(held_event, monkeypatch):
    calls: list[str] = []

    def flaky(participant, link):
        calls.append(participant.name)
        if participant.name == "Ana" and calls.count("Ana") == 1:
            raise ConnectionRefusedError("mail server down")
        mail.send_mail("x", link, None, [participant.email])

    monkeypatch.setattr(mailing, "_send_feedback", flaky)
    first = mailing.feedback_links_send(user=OPERATOR, event=held_event, base_url="https://p.example")
    assert (first.sent, first.failed) == (1, 1)
    assert Participant.objects.get(name="Ana").feedback_sent_at is None
    second = mailing.feedback_links_send(user=OPERATOR, event=held_event, base_url="https://p.example")
    assert (second.sent, second.failed, second.already) == (1, 0, 1)
    assert sorted(m.to[0] for m in mail.outbox) == ["ana@example.org", "bela@example.org"]


def test_links_go_out_only_after_the_event_and_only_for_its_organisers(
    reference, make_event, held_event, client_as
):
    url = reverse("learning:feedback_links", args=[held_event.uid])
    other, _u = client_as(Role.REGIONAL_PARTNER, region=Region.objects.get(code="lombardia"))
    assert other.post(url).status_code == 403
    stake, _u = client_as(Role.STAKEHOLDER, region=held_event.region)
    assert stake.post(url).status_code == 403
    assert mail.outbox == []
    partner, _u = client_as(Role.REGIONAL_PARTNER, region=held_event.region)
    assert partner.post(url).status_code == 302
    assert len(mail.outbox) == 2
    coming = make_event(held_event.region, day=timezone.localdate() + dt.timedelta(days=3))
    services.participant_register(
        user=OPERATOR,
        event=coming,
        name="Eva",
        email="eva@example.org",
        stakeholder_type="sme",
        gender="woman",
        attended=True,
    )
    with pytest.raises(mailing.MailingError):
        mailing.feedback_links_send(user=OPERATOR, event=coming, base_url="https://p.example")
    assert len(mail.outbox) == 2
