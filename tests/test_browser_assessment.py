"""A real headless Chromium, phone-sized, takes the whole preparedness test: every answer is autosaved
as it is tapped, the pages fit 375 px, and the result page shows the stage and the chart."""

from __future__ import annotations

from typing import Any

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def reference(transactional_db: Any) -> None:
    from interventures.apps.classifications.services import nace_load
    from interventures.apps.partnership.services import partnership_reference_load

    partnership_reference_load()
    nace_load()


def fits(page: Any) -> None:
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 375, f"{page.url} is {width}px wide on a 375px screen"


def test_an_sme_completes_the_test_on_a_phone(live_server: Any, phone_page: Any, reference: None) -> None:
    from interventures.apps.assessment.models import Answer, Assessment, Status
    from interventures.core import capacity

    model = capacity.load_model()
    page = phone_page
    page.goto(f"{live_server.url}/en/test/")
    fits(page)
    page.get_by_label("Hungary–Croatia").check()
    page.get_by_label("Small (10 to 49 employees)").check()
    page.select_option("#id_sector", "C")
    page.get_by_role("button", name="Start the test").click()

    total = len(model.dimensions)
    for number in range(1, total + 1):
        page.wait_for_url(f"**/step/{number}/")
        assert page.get_by_text(f"Step {number} of {total}").is_visible()
        fits(page)
        items = model.items_of(model.dimensions[number - 1].id)
        for item in items:
            # A middling answer; tapping the label is what a thumb does.
            page.locator(f"label[for='id_{item.id}_2']").tap()
        if number == 1:  # autosaved before any button is pressed
            last = items[-1].id
            page.wait_for_selector(f"[data-status-for='{last}']:has-text('Saved')")
            assert Answer.objects.filter(item_id=last).exists()
        button = "Save and see my result" if number == total else "Save and continue"
        page.get_by_role("button", name=button).click()

    page.wait_for_url("**/result/")
    fits(page)
    assessment = Assessment.objects.get()
    assert assessment.status == Status.COMPLETED
    assert Answer.objects.count() == len(model.items)
    assert model.stage(assessment.stage).name["en"] in page.locator("#stage-heading").inner_text()
    page.wait_for_selector("#score-chart svg")  # vega-embed drew the chart


def test_an_answer_the_server_could_not_save_is_queued_and_sent_again(
    live_server: Any, phone_page: Any, reference: None
) -> None:
    """The first autosave meets a 503 (the database unreachable for a moment): the page says the
    answer is kept and will be sent again, retries by itself, and the answer is stored."""
    from interventures.apps.assessment.models import Answer
    from interventures.core import capacity

    model = capacity.load_model()
    page = phone_page
    refused: list[str] = []

    def first_refused(route: Any) -> None:
        if not refused:
            refused.append(route.request.url)
            route.fulfill(status=503, content_type="application/json", body='{"saved": false}')
        else:
            route.continue_()

    page.route("**/autosave/", first_refused)
    page.goto(f"{live_server.url}/en/test/")
    page.get_by_label("Hungary–Croatia").check()
    page.get_by_label("Small (10 to 49 employees)").check()
    page.select_option("#id_sector", "C")
    page.get_by_role("button", name="Start the test").click()
    page.wait_for_url("**/step/1/")
    item = model.items_of(model.dimensions[0].id)[0]
    page.locator(f"label[for='id_{item.id}_2']").tap()
    page.wait_for_selector("#autosave-queue:not([hidden])")
    assert "sent again automatically" in page.locator("#autosave-queue").inner_text()
    page.wait_for_selector(f"[data-status-for='{item.id}']:text-is('Saved')")
    assert page.locator("#autosave-queue").is_hidden()
    assert refused
    assert Answer.objects.filter(item_id=item.id).count() == 1
