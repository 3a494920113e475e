"""The Content-Security-Policy holds on the main pages: a real headless Chromium loads each of them, lets
its scripts run (charts drawn, an answer autosaved) and records every violation the browser reports.
The policy allows no inline script and no eval, so an inline <script>, an on*= handler, a style
attribute in markup or a chart library compiling code would each show up here."""

from __future__ import annotations

import io
from typing import Any

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# A plain statement: add_init_script runs the script as it is (a function expression would only be
# defined, never called, and no violation would be recorded).
WATCH = """window.__csp = [];
document.addEventListener('securitypolicyviolation', (e) => {
  window.__csp.push(e.violatedDirective + ' ' + (e.blockedURI || '') + ' ' + (e.sourceFile || '') + ':' + e.lineNumber);
});"""


@pytest.fixture
def site(transactional_db: Any) -> dict[str, Any]:
    from interventures.apps.analysis import demo as analysis_demo
    from interventures.apps.analysis.models import SituationReport
    from interventures.apps.classifications.services import esif_load, nace_load
    from interventures.apps.common.models import Region
    from interventures.apps.partnership.services import partnership_ccis, partnership_reference_load
    from interventures.apps.surveys import demo as surveys_demo
    from interventures.apps.surveys.services import campaign_create, questionnaire_create
    from interventures.core.survey.tests.forms import small_form

    esif_load(ccis=partnership_ccis())
    partnership_reference_load()
    nace_load()
    surveys_demo.load(out=io.StringIO())
    analysis_demo.load(out=io.StringIO())
    SituationReport.objects.filter(region__code="lt-klaipeda").update(published=True)
    q = questionnaire_create(name="Small", form=small_form())
    region = Region.objects.get(code="hu-hr")
    return {"campaign": campaign_create(region_id=region.pk, name="CSP survey", version=q.current)}


class Violations:
    def __init__(self, page: Any) -> None:
        self.page = page
        self.console: list[str] = []
        page.on("console", self._console)
        page.add_init_script(WATCH)

    def _console(self, message: Any) -> None:
        if "Content Security Policy" in message.text or "Content-Security-Policy" in message.text:
            self.console.append(message.text)

    def of(self, label: str) -> list[str]:
        recorded = self.page.evaluate("window.__csp")
        assert isinstance(recorded, list), "the violation listener was not installed"
        found = [f"{label}: {v}" for v in recorded]
        found += [f"{label}: {text}" for text in self.console]
        self.console.clear()
        return found


def test_the_main_pages_run_without_a_csp_violation(
    live_server: Any, page: Any, site: dict[str, Any]
) -> None:
    from interventures.apps.assessment import services
    from interventures.apps.assessment.models import Assessment
    from interventures.core import capacity

    watch = Violations(page)
    found: list[str] = []
    response = page.goto(f"{live_server.url}/en/")
    assert "script-src 'self'" in response.headers["content-security-policy"]
    assert "unsafe-inline" not in response.headers["content-security-policy"]
    found += watch.of("home")

    # The preparedness test: a step page with its autosave, then the result with its chart.
    page.goto(f"{live_server.url}/en/test/")
    page.get_by_label("Hungary–Croatia").check()
    page.get_by_label("Small (10 to 49 employees)").check()
    page.select_option("#id_sector", "C")
    page.get_by_role("button", name="Start the test").click()
    page.wait_for_url("**/step/1/")
    model = capacity.load_model()
    first = model.items_of(model.dimensions[0].id)[0]
    with page.expect_response(lambda r: "/autosave/" in r.url):
        page.locator(f"label[for='id_{first.id}_2']").click()
    found += watch.of("test step")
    assessment = Assessment.objects.get()
    services.answers_save(
        assessment=assessment, answers={item.id: item.options[1].id for item in model.items}
    )
    assessment = services.assessment_complete(assessment=assessment)
    page.goto(f"{live_server.url}/en/test/{assessment.token}/result/")
    page.wait_for_selector("#score-chart svg")
    found += watch.of("result")

    campaign = site["campaign"]
    page.goto(f"{live_server.url}/en/surveys/c/{campaign.slug}/")
    with page.expect_response(lambda r: r.url.endswith("/autosave/")):
        page.get_by_label("Employees").fill("12")
        page.get_by_label("Employees").blur()
    found += watch.of("survey form")

    page.goto(f"{live_server.url}/en/analysis/regions/lt-klaipeda/")
    page.wait_for_selector("#chart-capacity svg", timeout=15000)
    found += watch.of("analysis report")

    page.goto(f"{live_server.url}/en/partnership/")
    page.wait_for_selector("#addressed-share-chart svg", timeout=15000)
    found += watch.of("partnership")

    page.goto(f"{live_server.url}/en/admin/login/")
    found += watch.of("admin login")

    # A regional partner logs in through the form (the throttled login) and opens the region's results.
    from interventures.apps.accounts.models import Role
    from interventures.apps.accounts.services import user_create

    services.assessment_share(assessment=assessment)
    user_create(
        username="csp-partner",
        password="pw-Secret-123",
        role=Role.REGIONAL_PARTNER,
        region_id=assessment.region_id,
    )
    page.goto(f"{live_server.url}/en/accounts/login/")
    page.fill("#id_username", "csp-partner")
    page.fill("#id_password", "pw-Secret-123")
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(f"{live_server.url}/en/start/")  # each role's start page
    found += watch.of("login and start page")
    page.goto(f"{live_server.url}/en/test/region/")
    found += watch.of("region results")

    assert not found, "\n".join(found)
