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
