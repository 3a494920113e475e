"""Learning in a real Chromium on a phone: a practice read in Croatian (each field marked with its
language), and the partner's forms used from the keyboard, with their errors in the page's language
and no axe violation."""

from __future__ import annotations

import pytest
from test_browser_a11y import run_axe

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def learning(transactional_db):
    from interventures.apps.learning.services import practices_reference_load
    from interventures.apps.partnership.services import partnership_reference_load

    partnership_reference_load()
    practices_reference_load()


def test_a_practice_reads_in_croatian_on_a_phone(live_server, phone_page, learning):
    phone_page.goto(f"{live_server.url}/hr/learning/practices/b-light-hu-hr/")
    problem = phone_page.locator("dl dd").first
    assert problem.inner_text().startswith("MSP-ovi s dviju strana")
    assert problem.locator("[lang=en]").count() == 0  # Croatian text, not marked as English
    assert phone_page.locator("html").get_attribute("lang") == "hr"
    assert phone_page.evaluate("document.documentElement.scrollWidth") <= 375
    assert run_axe(phone_page) == []
    phone_page.screenshot(path="/tmp/learning-practice-hr.png", full_page=False)


def test_the_partner_registers_a_participant_from_the_keyboard(live_server, phone_page, learning):
    import datetime as dt
    import zoneinfo

    from interventures.apps.accounts.models import Role
    from interventures.apps.accounts.permissions import OPERATOR
    from interventures.apps.accounts.services import user_create
    from interventures.apps.common.models import Region
    from interventures.apps.learning.models import Event, Participant
    from interventures.apps.learning.services import event_save

    hu = Region.objects.get(code="hu-hr")
    zone = zoneinfo.ZoneInfo("Europe/Budapest")
    event = event_save(
        user=OPERATOR,
        event=Event(
            kind="rsg",
            title="RSG",
            region=hu,
            starts_at=dt.datetime(2020, 3, 2, 10, tzinfo=zone),
            ends_at=dt.datetime(2020, 3, 2, 12, tzinfo=zone),
            timezone="Europe/Budapest",
        ),
    )
    user_create(
        username="learning-partner", password="pw-Secret-123", role=Role.REGIONAL_PARTNER, region_id=hu.pk
    )
    page = phone_page
    page.goto(f"{live_server.url}/hu/accounts/login/")
    page.fill("#id_username", "learning-partner")
    page.fill("#id_password", "pw-Secret-123")
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(f"{live_server.url}/hu/start/")
    page.goto(f"{live_server.url}/hu/learning/events/{event.uid}/")
    page.get_by_role("link", name="Résztvevő regisztrálása").first.click()
    page.get_by_label("Név").focus()
    page.keyboard.type("Kovács Anna")
    page.keyboard.press("Tab")
    page.keyboard.type("nem-cim")  # not an e-mail address
    page.get_by_role("button", name="Regisztrálás", exact=True).focus()
    page.keyboard.press("Enter")
    page.wait_for_selector(".field-error")
    assert "e-mail" in page.locator(".field-error").first.inner_text().lower()
    assert "Kérjük, javítsa" in page.locator("[role=alert]").inner_text()
    wide = page.evaluate(
        "() => [...document.querySelectorAll('main *')].filter(e => e.getBoundingClientRect().right > 376)"
        ".map(e => e.tagName + '#' + e.id + '.' + e.className).slice(0, 8)"
    )
    assert page.evaluate("document.documentElement.scrollWidth") <= 375, wide
    assert run_axe(page) == []
    page.screenshot(path="/tmp/learning-participant-hu.png", full_page=True)
    page.get_by_label("E-mail").fill("anna@example.org")
    page.get_by_label("Érdekelt fél típusa").select_option("sme")
    page.get_by_role("button", name="Regisztrálás", exact=True).click()
    page.wait_for_url(f"{live_server.url}/hu/learning/events/{event.uid}/participants/")
    assert Participant.objects.get(event=event).name == "Kovács Anna"


def test_a_visitor_registers_attends_and_gives_feedback_by_the_mailed_link(live_server, phone_page, learning):
    """Registration → attendance → feedback: a visitor registers on her phone in Croatian (the form
    from the keyboard, no axe violation), the partner ticks her attendance after the event and
    e-mails the feedback links, and she answers at the link her message holds."""
    import datetime as dt
    import re

    from django.core import mail
    from django.utils import timezone

    from interventures.apps.accounts.models import Role
    from interventures.apps.accounts.permissions import OPERATOR
    from interventures.apps.accounts.services import user_create
    from interventures.apps.common.models import Region
    from interventures.apps.learning.models import Event, Feedback, Participant
    from interventures.apps.learning.services import event_save

    hu = Region.objects.get(code="hu-hr")
    start = timezone.now() + dt.timedelta(days=7)
    event = event_save(
        user=OPERATOR,
        event=Event(
            kind="rsg",
            title="RSG",
            region=hu,
            starts_at=start,
            ends_at=start + dt.timedelta(hours=2),
            timezone="Europe/Zagreb",
            registration_open=True,
            capacity=30,
        ),
    )
    page = phone_page
    page.goto(f"{live_server.url}/hr/learning/events/{event.uid}/")
    page.locator(f"a[href$='/events/{event.uid}/register/']").click()
    page.locator("#id_name").focus()
    page.keyboard.type("Ana Horvat")
    page.keyboard.press("Tab")
    page.keyboard.type("ana.horvat@example.org")
    page.locator("#id_organisation_name").fill("Horvat obrt")
    page.locator("#id_stakeholder_type").select_option("sme")
    assert page.locator("#id_gender").input_value() == "undisclosed"
    page.locator("#id_privacy").focus()
    page.keyboard.press("Space")
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
    assert run_axe(page) == []
    page.locator("main form button[type=submit]").press("Enter")
    page.wait_for_url(re.compile(r".*/hr/learning/registration/[\w-]+/$"))
    participant = Participant.objects.get(event=event)
    assert participant.language == "hr"
    assert participant.registration_token in page.url
    assert run_axe(page) == []
    (confirmation,) = mail.outbox
    assert participant.registration_token in confirmation.body

    # the event is held; the partner records who came and sends the feedback links
    Event.objects.filter(pk=event.pk).update(
        starts_at=timezone.now() - dt.timedelta(hours=3), ends_at=timezone.now() - dt.timedelta(hours=1)
    )
    user_create(
        username="events-partner", password="pw-Secret-123", role=Role.REGIONAL_PARTNER, region_id=hu.pk
    )
    partner = page.context.browser.new_page(viewport={"width": 1280, "height": 900})
    partner.goto(f"{live_server.url}/hu/accounts/login/")
    partner.fill("#id_username", "events-partner")
    partner.fill("#id_password", "pw-Secret-123")
    partner.locator("main form button[type=submit]").click()
    partner.wait_for_url(f"{live_server.url}/hu/start/")
    partner.goto(f"{live_server.url}/hu/learning/events/{event.uid}/participants/")
    partner.locator(f"#attended-{participant.pk}").check()
    partner.get_by_role("button", name="Jelenlét mentése").click()
    partner.wait_for_load_state()
    partner.get_by_role("button", name="Visszajelzési hivatkozások elküldése e-mailben").click()
    partner.wait_for_load_state()
    assert "Elküldött visszajelzési hivatkozások: 1" in partner.locator("main").inner_text()
    partner.close()
    feedback_mail = mail.outbox[1]
    assert feedback_mail.to == ["ana.horvat@example.org"]
    link = re.search(r"https?://\S+/feedback/\S+/", feedback_mail.body)
    assert link, feedback_mail.body
    assert "/hr/" in link.group(0)  # in the language she registered in

    page.goto(link.group(0))
    page.locator("input[name=usefulness][value='5']").check()
    page.locator("input[name=capacity_gain][value='yes']").check()
    assert run_axe(page) == []
    page.locator("main form button[type=submit]").click()
    page.wait_for_load_state()
    feedback = Feedback.objects.get(participant=participant)
    assert (feedback.usefulness, feedback.capacity_gain) == (5, True)
