"""A real headless Chromium opens the home page and switches the language with the keyboard."""

from __future__ import annotations

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_home_page_and_language_switcher(live_server, page):
    page.goto(f"{live_server.url}/en/")
    assert page.locator("h1").inner_text() == "Cross the border with your business"
    # Keyboard only: the skip link is the first stop.
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.className") == "skip-link"
    page.select_option("#language-select", "hu")
    page.get_by_role("button", name="Change language").click()
    page.wait_for_url(f"{live_server.url}/hu/")
    assert page.locator("html").get_attribute("lang") == "hu"
    assert page.locator("#language-select").input_value() == "hu"


def test_home_page_fits_a_phone(live_server, phone_page):
    phone_page.goto(f"{live_server.url}/en/")
    width = phone_page.evaluate("document.documentElement.scrollWidth")
    assert width <= 375, f"page is {width}px wide on a 375px screen"


def test_language_switch_from_a_shared_link_in_another_language(browser, live_server):
    """An English browser opens a Croatian link and picks English: it lands on the same page in English,
    and a second switch works too."""
    context = browser.new_context(locale="en-US", extra_http_headers={"Accept-Language": "en-US,en;q=0.9"})
    page = context.new_page()
    try:
        page.goto(f"{live_server.url}/hr/sources/")
        page.select_option("#language-select", "en")
        page.locator(".lang-switch button[type=submit]").click()
        page.wait_for_url(f"{live_server.url}/en/sources/")
        assert page.locator("html").get_attribute("lang") == "en"
        page.select_option("#language-select", "lt")
        page.locator(".lang-switch button[type=submit]").click()
        page.wait_for_url(f"{live_server.url}/lt/sources/")
        assert page.locator("html").get_attribute("lang") == "lt"
    finally:
        context.close()
