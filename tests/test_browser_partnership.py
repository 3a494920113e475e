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


CLIPPED = """() => [...document.querySelectorAll('main table')].map((table) => {
  const box = table.closest('.table-wrap');
  const wide = table.scrollWidth > (box ? box.clientWidth : document.documentElement.clientWidth) + 1;
  return {
    caption: (table.caption && table.caption.textContent.trim().slice(0, 40)) || table.rows[0].textContent.trim().slice(0, 40),
    wide,
    wrapped: !!box,
    cue: !!box && box.classList.contains('is-scrollable') && !!box.previousElementSibling
      && box.previousElementSibling.classList.contains('scroll-hint'),
    focusable: !!box && box.getAttribute('tabindex') === '0',
  };
})"""


def test_a_table_wider_than_a_phone_scrolls_and_says_so(live_server, phone_page, partnership_loaded):
    """Amount columns no longer clip with no cue: a wide table scrolls in its own box, which shows a
    line in the page's language and can be scrolled from the keyboard; a table that fits shows nothing."""
    phone_page.goto(f"{live_server.url}/hu/partnership/instruments/erdf-op-castilla-y-leon/")
    tables = phone_page.evaluate(CLIPPED)
    wide = [t for t in tables if t["wide"]]
    assert wide, "expected at least one table wider than 375 px on the instrument page"
    for table in wide:
        assert table["wrapped"], table
        assert table["cue"], table
        assert table["focusable"], table
    hint = phone_page.locator(".scroll-hint").first.inner_text()
    assert "görgessen" in hint
    assert all(not t["cue"] for t in tables if not t["wide"])
    # On a desktop the same tables fit, and no cue is shown.
    phone_page.set_viewport_size({"width": 1280, "height": 900})
    phone_page.wait_for_function("() => !document.querySelector('.scroll-hint')")


def test_forms_and_breadcrumbs_are_not_squeezed_on_a_phone(live_server, phone_page, partnership_loaded):
    """The programme finder stacks its fields on a phone ("Podka…", "Wszystk…" were cut off), and a
    breadcrumb reads as one wrapped line of links, not as three narrow columns."""
    phone_page.goto(f"{live_server.url}/pl/classifications/programmes/")
    for field in ("#q", "#country"):
        width = phone_page.locator(field).bounding_box()["width"]
        assert width >= 300, f"{field} is {width}px wide on a 375px screen"
    phone_page.goto(f"{live_server.url}/hu/partnership/instruments/rop-podkarpackie/")
    crumbs = phone_page.locator("nav.breadcrumb li")
    first, second = crumbs.nth(0).bounding_box(), crumbs.nth(1).bounding_box()
    line = 1.8 * float(
        phone_page.evaluate(
            "parseFloat(getComputedStyle(document.querySelector('nav.breadcrumb li')).fontSize)"
        )
    )
    assert first["height"] <= line, (first, second)
    assert second["height"] <= line, (first, second)
