"""An Action Plan through its life in a real headless Chromium: the region's partner takes the guided
steps (context → actions → evidence → players and money → indicators → review) and submits it; the
advisory partner (AEBR's role) comments on a part and an indicator; the coordinator records the
managing authority's endorsement; the partner adds a monitoring entry with an evidence file, which
the plan then offers for download. The plan page passes axe."""

from __future__ import annotations

from typing import Any

import pytest
from test_browser_a11y import run_axe

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "pw-Secret-123"
PDF = b"%PDF-1.4\n% minutes of the monitoring committee\n"


def _sign_in(page: Any, url: str, username: str) -> None:
    page.context.clear_cookies()
    page.goto(f"{url}/en/accounts/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.locator("main form button[type=submit]").click()
    page.wait_for_load_state()


def _step(page: Any, name: str) -> None:
    page.get_by_role("navigation", name="Steps").get_by_role("link", name=name).click()


def test_the_partners_steps_the_advisors_comments_and_a_monitoring_entry_with_a_file(
    live_server: Any, page: Any, tmp_path: Any
) -> None:
    from interventures.apps.accounts.models import Role
    from interventures.apps.accounts.services import user_create
    from interventures.apps.actionplans.models import ActionPlan, Comment, MonitoringFile
    from interventures.apps.actionplans.tests.test_actionplans import _run
    from interventures.apps.common.models import Region
    from interventures.apps.partnership.services import partnership_reference_load

    partnership_reference_load()
    region = Region.objects.get(code="hu-hr")
    _run(region, 41.0)  # the analysis whose figure SAR-hu-hr-CAP-finance the action cites
    partner = user_create(
        username="partner", password=PASSWORD, role=Role.REGIONAL_PARTNER, region_id=region.pk
    )
    advisor = user_create(username="aebr", password=PASSWORD, role=Role.ADVISOR)
    user_create(username="coordinator", password=PASSWORD, role=Role.COORDINATOR)
    url = live_server.url

    # ---- the partner's guided steps ---------------------------------------------------------------
    _sign_in(page, url, partner.username)
    page.goto(f"{url}/en/actionplans/")
    page.locator("form button", has_text="Start the Action Plan for").first.click()
    assert page.locator("[aria-current=step]").inner_text() == "Context"
    page.locator("#id_organisation").select_option(index=1)
    page.fill("#id_contact", "Kovács Anna")
    page.locator("#id_improvement_type").select_option("management")
    page.fill("#id_context", "The Beneficiary Light scheme of the programme")
    page.get_by_role("button", name="Save the draft").click()
    assert "Draft saved." in page.inner_text(".messages")
    plan = ActionPlan.objects.get()
    assert plan.contact == "Kovács Anna"

    _step(page, "Actions")
    page.fill("#id_title", "Amend the Beneficiary Light scheme")
    page.fill("#id_background", "The preparedness test of the partners")
    page.fill("#id_description", "A development plan and pre-financing for light beneficiaries")
    page.get_by_role("button", name="Add", exact=True).click()
    action = plan.actions.get()

    _step(page, "Evidence")
    page.locator(f"#kind-{action.pk}").select_option("figure")
    page.fill(f"#key-{action.pk}", "SAR-hu-hr-CAP-finance")
    page.get_by_role("button", name="Cite").click()
    assert action.evidence.get().target_key == "SAR-hu-hr-CAP-finance"

    _step(page, "Players and money")
    page.locator(f"#id_m{action.pk}-players").select_option(index=0)
    page.fill(f"#id_m{action.pk}-timeframe", "2021–2022")
    page.fill(f"#id_m{action.pk}-costs", "12000.50")
    page.fill(f"#id_m{action.pk}-funding", "Technical assistance")
    page.get_by_role("button", name="Save the draft").click()

    _step(page, "Indicators")
    for name, value in (("name", "SMEs applying"), ("unit", "SMEs"), ("baseline", "40"), ("target", "80"),
                        ("source", "Joint Secretariat")):  # fmt: skip
        page.fill(f"#{name}-{action.pk}", value)
    page.get_by_role("button", name="Add", exact=True).click()
    indicator = action.indicators.get()

    _step(page, "Review")
    assert "Nothing is missing" in page.inner_text("main")
    page.get_by_role("button", name="Submit for review").click()
    plan.refresh_from_db()
    assert plan.status == "in_review"

    # ---- the advisory partner comments on Part III and on the indicator ---------------------------
    _sign_in(page, url, advisor.username)
    page.goto(f"{url}/en/actionplans/{plan.pk}/")
    assert page.get_by_role("link", name="Edit the draft").count() == 0
    part3 = page.locator("#part3 > details.comments")
    part3.locator("> summary").click()
    page.fill("#comment-part3", "Tie the indicator to the programme's output indicator.")
    part3.get_by_role("button", name="Comment").click()
    assert "The comment is saved." in page.inner_text(".messages")
    on_indicator = page.locator("details.comments", has=page.locator(f"#comment-indicator-{indicator.pk}"))
    on_indicator.locator("> summary").click()
    page.fill(f"#comment-indicator-{indicator.pk}", "Which year is the baseline from?")
    on_indicator.get_by_role("button", name="Comment").click()
    assert Comment.objects.filter(author=advisor).count() == 2
    page.locator("#part3 > details.comments > summary").click()
    shown = page.locator("#part3 > details.comments").inner_text()
    assert "Tie the indicator to the programme's output indicator." in shown
    assert "advisory partner" in shown
    assert "AEBR" in shown

    # ---- endorsed, then monitored with an evidence file ----------------------------------------
    _sign_in(page, url, "coordinator")
    page.goto(f"{url}/en/actionplans/{plan.pk}/")
    page.get_by_role("button", name="Record the managing authority's endorsement").click()
    plan.refresh_from_db()
    assert plan.status == "endorsed"

    _sign_in(page, url, partner.username)
    page.goto(f"{url}/en/actionplans/{plan.pk}/")
    page.get_by_text("Add a monitoring entry").click()
    page.fill(f"#id_mon{action.pk}-date", "2021-06-01")
    page.locator(f"#id_mon{action.pk}-status").select_option("on_track")
    page.fill(f"#id_mon{action.pk}-progress", "The amended call is drafted")
    minutes = tmp_path / "minutes.pdf"
    minutes.write_bytes(PDF)
    page.set_input_files(f"#mon{action.pk}-files", str(minutes))
    page.fill(f"#value-{indicator.pk}", "52")
    page.locator(f"#action-{action.pk} form[enctype]").get_by_role("button", name="Save").click()
    assert "The monitoring entry is saved." in page.inner_text(".messages")
    stored = MonitoringFile.objects.get()
    link = page.get_by_role("link", name="minutes.pdf")
    assert link.count() == 1
    with page.expect_download() as download:
        link.click()
    assert download.value.suggested_filename == "minutes.pdf"
    assert open(download.value.path(), "rb").read() == PDF
    assert stored.token in (download.value.url or "")
    assert "The amended call is drafted" in page.inner_text(f"#action-{action.pk}")
    # the history lists the monitoring entry as a version
    page.get_by_role("link", name="History").click()
    assert "monitoring" in page.inner_text("main")
    page.goto(f"{url}/en/actionplans/{plan.pk}/")
    assert run_axe(page) == []
