"""The key players pages in a real Chromium: the directory, an organisation, a region's coverage and
gaps matrix with its network drawing, the downloads, and the partner's upload page, each checked
with axe-core (WCAG 2.1 AA) and the frame's own checks (one h1, the page's language, named
controls, contrast), in the reader's language."""

from __future__ import annotations

import csv
import io

import pytest
from test_browser_a11y import CONTRAST, FRAME_CHECKS, MAIN_TEXT, assert_accessible, run_axe

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "pw-Secret-123"


@pytest.fixture
def players(transactional_db):
    from interventures.apps.accounts.models import Role
    from interventures.apps.accounts.services import user_create
    from interventures.apps.common.models import Region
    from interventures.apps.keyplayers import demo
    from interventures.apps.partnership.services import partnership_reference_load

    partnership_reference_load()
    demo.load(out=io.StringIO())
    hu = Region.objects.get(code="hu-hr")
    user_create(username="players-partner", password=PASSWORD, role=Role.REGIONAL_PARTNER, region_id=hu.pk)
    return hu


def _login(page, base: str, lang: str) -> None:
    page.goto(f"{base}/{lang}/accounts/login/")
    page.fill("#id_username", "players-partner")
    page.fill("#id_password", PASSWORD)
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(f"{base}/{lang}/start/")


def test_the_public_reads_the_directory_an_organisation_and_the_region_in_hungarian(
    live_server, page, players
):
    base = live_server.url
    page.goto(f"{base}/hu/players/")
    assert_accessible(page, "hu")
    # The filters from the keyboard: choose the region, submit; the downloads appear.
    page.locator("#id_region").select_option("hu-hr")
    page.locator("form.filters button[type=submit]").press("Enter")
    page.wait_for_url("**region=hu-hr**")
    assert page.locator("#downloads-heading").count() == 1
    assert_accessible(page, "hu")
    page.locator("main table tbody th a").first.click()
    page.wait_for_selector("h1")
    assert_accessible(page, "hu")
    page.goto(f"{base}/hu/players/regions/hu-hr/")
    page.wait_for_selector("#network-drawing svg", timeout=15000)
    assert page.locator("#network-drawing").get_attribute("data-chart-error") is None
    assert page.locator("table.heatmap tbody td").count() >= 9 * 5
    # Each shade of the heat map carries its own text colour at AA contrast.
    low = [
        c for c in page.evaluate(CONTRAST, ["table.heatmap td", "table.heatmap td small"]) if c["ratio"] < 4.5
    ]
    assert low == [], low
    assert page.locator("#language-source").inner_text()
    assert_accessible(page, "hu")
    page.screenshot(path="/tmp/keyplayers-region-hu.png", full_page=True)
    # A download button gives the file, formula-safe CSV of the published entries.
    with page.expect_download() as got:
        page.get_by_role("button", name="Szervezetek (CSV)").click()
    rows = list(csv.reader(io.StringIO(open(got.value.path(), encoding="utf-8-sig").read())))
    assert rows[0][:3] == ["id", "name", "type"]
    assert len(rows) > 5


def test_the_partner_decides_improvements_and_uploads_files_accessibly(live_server, phone_page, players):
    page = phone_page
    base = live_server.url
    _login(page, base, "hr")
    page.goto(f"{base}/hr/players/regions/hu-hr/")
    page.wait_for_selector("#network-drawing svg", timeout=15000)
    frame = page.evaluate(FRAME_CHECKS)
    assert frame["unlabelled"] == []
    assert frame["h1"] == 1
    assert frame["lang"] == "hr"
    # Every decision form has its own ids: each label names its own field.
    ids = page.evaluate("[...document.querySelectorAll('main [id]')].map(e => e.id)")
    assert len(ids) == len(set(ids)), "duplicate ids"
    assert page.locator("main details summary").count() >= 1
    low = [c for c in page.evaluate(CONTRAST, MAIN_TEXT) if c["ratio"] < 4.5]
    assert low == [], low
    assert run_axe(page) == []
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
    page.screenshot(path="/tmp/keyplayers-region-hr-phone.png", full_page=False)
    page.get_by_role("link", name="Uvoz iz datoteka CSV ili XLSX").click()
    page.wait_for_selector("input[type=file]")
    assert_accessible(page, "hr")
    orgs = "id,name,type,nuts,cross_border_country,languages,website,rsg_member\nx-bad,,nonsense,,,,,\n"
    services = "organisation_id,service_type,dimensions,stages,cost,languages,instrument\n"
    ties = "source_id,target_id,kind,strength,cross_border\n"
    for field, name, text in (
        ("organisations", "o.csv", orgs),
        ("services", "s.csv", services),
        ("ties", "t.csv", ties),
    ):
        page.set_input_files(
            f"input[name={field}]", files=[{"name": name, "mimeType": "text/csv", "buffer": text.encode()}]
        )
    page.locator("main form button[type=submit]").click()
    page.wait_for_url("**/players/imports/**")
    assert page.locator("main table").count() >= 1  # the refused rows, each with its reason
    assert_accessible(page, "hr")
