"""A real headless Chromium opens a region's Situation Analysis Report (charts drawn from their specs,
usable on a phone) and the five-region comparison."""

from __future__ import annotations

import io

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def analysed_demo(transactional_db):
    from interventures.apps.analysis import demo as analysis_demo
    from interventures.apps.analysis.models import SituationReport
    from interventures.apps.common.models import Region
    from interventures.apps.surveys import demo as surveys_demo

    Region.objects.get_or_create(code="lt-klaipeda", defaults={"name": "Klaipėda"})
    surveys_demo.load(out=io.StringIO())
    analysis_demo.load(out=io.StringIO())
    SituationReport.objects.filter(region__code="lt-klaipeda").update(published=True)


def test_region_report_draws_its_charts_and_fits_a_phone(live_server, phone_page, analysed_demo):
    page = phone_page
    page.goto(f"{live_server.url}/en/analysis/regions/lt-klaipeda/")
    assert page.locator("h1").inner_text().startswith("Situation Analysis Report")
    page.wait_for_selector("#chart-capacity svg", timeout=15000)
    page.wait_for_selector("#chart-barriers svg", timeout=15000)
    assert page.locator("#chart-capacity").get_attribute("data-chart-error") is None
    assert page.get_by_text("SAR-lt-klaipeda-CAP-finance", exact=True).count() >= 1
    assert page.locator("h2", has_text="10. Conclusions").count() == 1
    assert page.evaluate("document.documentElement.scrollWidth") <= 375


def test_comparison_page_shows_the_regions_side_by_side(live_server, page, analysed_demo):
    page.goto(f"{live_server.url}/lt/analysis/")
    assert page.locator("h1").inner_text() == "Situacijos analizė: penkių regionų palyginimas"
    page.wait_for_selector("#chart-comparison-capacity svg", timeout=15000)
    table = page.locator("table").first
    # a region's and an indicator's code beside their names, not an identifier in every cell
    assert table.locator("thead code.ref", has_text="lt-klaipeda").count() == 1
    assert table.locator("tbody th code.ref", has_text="CAP-strategy").count() == 1
    assert table.locator("td", has_text="SAR-").count() == 0
    page.get_by_role("link", name="Klaipėda").click()
    page.wait_for_selector("h1")
    assert "Klaipėda" in page.locator("h1").inner_text()
