"""A real headless Chromium draws the partnership's charts and the instrument page fits a phone."""

from __future__ import annotations

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def partnership_loaded(transactional_db):
    from interventures.apps.classifications.services import esif_load
    from interventures.apps.partnership.services import partnership_ccis, partnership_reference_load

    esif_load(ccis=partnership_ccis())
    partnership_reference_load()


def test_overview_chart_is_drawn_from_its_spec(live_server, page, partnership_loaded):
    page.goto(f"{live_server.url}/en/partnership/")
    page.wait_for_selector("#addressed-share-chart svg", timeout=15000)
    assert page.locator("#addressed-share-chart").get_attribute("data-chart-error") is None
    assert page.locator("#addressed-share-chart").get_attribute("aria-label")
    assert "16.38\xa0%" in page.locator("main table").first.inner_text()


def test_reference_pages_fit_a_phone(live_server, phone_page, partnership_loaded):
    for path in (
        "/hu/partnership/instruments/erdf-op-castilla-y-leon/",
        "/pl/partnership/",
        "/lt/partnership/regions/lt-klaipeda/",
        "/es/classifications/programmes/",
        "/it/classifications/programmes/2014IT16RFOP012/",
        "/hr/classifications/nuts/border-regions/",
    ):
        phone_page.goto(f"{live_server.url}{path}")
        if phone_page.locator(".chart").count():
            phone_page.wait_for_selector(".chart svg", timeout=15000)
        width = phone_page.evaluate("document.documentElement.scrollWidth")
        assert width <= 375, f"{path} is {width}px wide on a 375px screen"
