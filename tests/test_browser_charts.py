"""Figures stay readable on a 375 px phone: category labels wrap instead of taking the plot's width,
so bars keep room to be compared, and wide tables scroll inside the page without widening it."""

from __future__ import annotations

from typing import Any

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PLOT_AREA = """(id) => {
  const svg = document.querySelector('#' + id + ' svg');
  const axis = svg.querySelector("[aria-roledescription='axis'][aria-label^='X-axis']");
  const labels = Array.from(svg.querySelectorAll("[aria-roledescription='axis'][aria-label^='Y-axis'] text"));
  return {svg: svg.getBoundingClientRect().width, axis: axis.getBoundingClientRect().width,
          wrapped: labels.filter(t => t.querySelectorAll('tspan').length > 1).length};
}"""


@pytest.mark.parametrize("lang", ["en", "hu"])
def test_the_result_chart_keeps_room_for_its_bars_on_a_phone(
    live_server: Any, phone_page: Any, completed: Any, lang: str
) -> None:
    page = phone_page
    page.goto(f"{live_server.url}/{lang}/test/{completed.token}/result/")
    page.wait_for_selector("#score-chart svg")
    area = page.evaluate(PLOT_AREA, "score-chart")
    assert area["axis"] >= 0.45 * area["svg"], area  # the scale, not the labels, takes most of the width
    assert area["wrapped"] >= 3, area  # long dimension names are wrapped onto several lines
    assert page.evaluate("document.documentElement.scrollWidth") <= 375


def test_a_wide_table_scrolls_inside_the_page_on_a_phone(
    live_server: Any, phone_page: Any, completed: Any
) -> None:
    from interventures.apps.accounts.models import Role
    from interventures.apps.accounts.services import user_create
    from interventures.apps.assessment import services

    services.assessment_share(assessment=completed)
    partner = user_create(
        username="partner-phone",
        password="pw-Secret-123",
        role=Role.REGIONAL_PARTNER,
        region_id=completed.region_id,
    )
    page = phone_page
    page.goto(f"{live_server.url}/en/accounts/login/")
    page.fill("#id_username", partner.username)
    page.fill("#id_password", "pw-Secret-123")
    page.locator("main form button[type=submit]").click()
    page.goto(f"{live_server.url}/en/test/region/")
    assert page.locator(".table-wrap table").count() == 1
    # The results table is wider than the phone; it scrolls in its box, the page itself does not.
    assert page.evaluate("document.documentElement.scrollWidth") <= 375


@pytest.mark.parametrize(("lang", "separator"), [("it", "."), ("pl", "\u00a0"), ("en", ",")])
def test_axis_numbers_in_the_page_follow_its_language(
    live_server: Any, page: Any, lang: str, separator: str
) -> None:
    """An Italian or Polish page drew "40,000,000" on its axes while its tables read "40.000.000"."""
    from interventures.apps.classifications.services import esif_load
    from interventures.apps.partnership.services import partnership_ccis

    esif_load(ccis=partnership_ccis())
    page.goto(f"{live_server.url}/{lang}/classifications/programmes/2014IT16RFOP012/")
    page.wait_for_selector("#programme-axes-chart svg", timeout=15000)
    ticks = page.eval_on_selector_all(
        "#programme-axes-chart [aria-roledescription='axis'] text", "els => els.map(e => e.textContent)"
    )
    grouped = [t for t in ticks if len(t.replace(separator, "")) >= 7 and t.replace(separator, "").isdigit()]
    assert grouped, ticks
