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
