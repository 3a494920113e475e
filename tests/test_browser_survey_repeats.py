"""A respondent answers a repeat group on a phone (issue #11): adds instances with the keyboard (the
focus moves to each new one), answers a cascading select and a follow-up per instance (autosaved,
skip logic per instance), removes one, leaves and resumes, and submits; no CSP violation, no axe
violation, nothing wider than 375 px. A geopoint takes the browser's location once the respondent
consents, or typed coordinates."""

from __future__ import annotations

from typing import Any
from urllib.parse import urljoin

import pytest
from playwright.sync_api import expect

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

WATCH = """window.__csp = [];
document.addEventListener('securitypolicyviolation', (e) => {
  window.__csp.push(e.violatedDirective + ' ' + (e.blockedURI || ''));
});"""
"""Run in each document before its scripts: every violation of the Content-Security-Policy."""


def sites_with_cities() -> bytes:
    from interventures.core.survey.tests.xlsforms import workbook

    return workbook(
        [
            ["type", "name", "label", "required", "relevant", "choice_filter"],
            ["text", "firm", "Firm", "yes"],
            ["begin_repeat", "site", "Site"],
            ["select_one country", "country", "Country", "yes"],
            ["select_one city", "city", "City", "", "", "country = ${country}"],
            ["select_one yn", "has_shop", "A shop there?"],
            ["text", "shop_name", "Shop name", "", "${has_shop} = 'yes'"],
            ["end_repeat"],
        ],
        [
            ["list_name", "name", "label", "country"],
            ["country", "hu", "Hungary"],
            ["country", "hr", "Croatia"],
            ["city", "pecs", "Pécs", "hu"],
            ["city", "zagreb", "Zagreb", "hr"],
            ["city", "osijek", "Osijek", "hr"],
            ["yn", "yes", "Yes"],
            ["yn", "no", "No"],
        ],
        [["form_title", "form_id"], ["Sites", "sites"]],
    )


@pytest.fixture
def campaign(transactional_db: Any) -> Any:
    from interventures.apps.common.models import Region
    from interventures.apps.surveys.services import campaign_create, questionnaire_create
    from interventures.core.survey.xlsform import read_xlsform

    q = questionnaire_create(name="Sites", form=read_xlsform(sites_with_cities()), published=True)
    region, _ = Region.objects.get_or_create(code="browser-repeats", defaults={"name": "Repeats region"})
    return campaign_create(region_id=region.pk, name="Sites survey", version=q.current)


def _autosaved(page: Any, action: Any) -> None:
    with page.expect_response(lambda r: r.url.endswith("/autosave/")):
        action()


def _axe(page: Any) -> list[Any]:
    from django.conf import settings

    page.add_script_tag(url=urljoin(page.url, settings.STATIC_URL + "vendor/axe/axe.min.js"))
    result = page.evaluate(
        "() => axe.run(document, {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']},"
        " resultTypes: ['violations']})"
    )
    return [(v["id"], [n["target"] for n in v["nodes"]][:3]) for v in result["violations"]]


def test_a_respondent_adds_answers_removes_and_resumes_repeat_instances_on_a_phone(
    live_server: Any, phone_page: Any, campaign: Any
) -> None:
    from interventures.apps.surveys.models import Response

    page = phone_page
    page.add_init_script(WATCH)
    page.goto(f"{live_server.url}/en/surveys/c/{campaign.slug}/")
    page.get_by_label("Firm").fill("Kft")
    page.locator("button[name=next]").click()
    page.wait_for_url("**?p=1")
    assert page.get_by_text("None added yet.").is_visible()

    add = page.get_by_role("button", name="Add “Site”")
    add.focus()
    page.keyboard.press("Enter")  # by keyboard: the page saves, adds and focuses the new instance
    page.wait_for_url("**added=1#i-site-1")
    assert page.evaluate("document.activeElement.id") == "i-site-1"
    assert page.get_by_role("status").first.inner_text() == "Site 1 added."
    first = page.locator("#i-site-1")
    assert page.locator("#i-site-1 > legend").inner_text() == "Site 1"

    # The cascading select follows the instance's own country; the follow-up its own answer.
    _autosaved(page, lambda: first.get_by_label("Croatia").check())
    expect(first.locator("[data-name='site[1]/city'] label[data-choice=pecs]")).to_be_hidden()
    assert first.get_by_label("Zagreb").is_visible()
    _autosaved(page, lambda: first.get_by_label("Zagreb").check())
    assert first.get_by_label("Shop name (Site 1)").is_hidden()
    _autosaved(page, lambda: first.locator("[data-name='site[1]/has_shop']").get_by_label("Yes").check())
    expect(first.get_by_label("Shop name (Site 1)")).to_be_visible()
    _autosaved(
        page,
        lambda: (first.get_by_label("Shop name (Site 1)").fill("Zagreb shop"), page.keyboard.press("Tab")),
    )
    assert Response.objects.get().answers["site"] == [
        {"country": "hr", "city": "zagreb", "has_shop": "yes", "shop_name": "Zagreb shop"}
    ]

    page.get_by_role("button", name="Add “Site”").click()
    page.wait_for_url("**added=2#i-site-2")
    assert page.evaluate("document.activeElement.id") == "i-site-2"
    second = page.locator("#i-site-2")
    assert second.locator("[data-name='site[2]/shop_name']").is_hidden()  # its own skip logic
    _autosaved(page, lambda: second.get_by_label("Hungary").check())
    expect(second.locator("[data-name='site[2]/city'] label[data-choice=zagreb]")).to_be_hidden()
    _autosaved(page, lambda: second.get_by_label("Pécs").check())
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
    assert page.evaluate("window.__csp") == []
    assert _axe(page) == []

    page.get_by_role("button", name="Remove Site 1").click()
    page.wait_for_url("**removed=1#r-site-add")
    assert page.get_by_role("status").first.inner_text() == "Site 1 removed."
    assert page.evaluate("document.activeElement.name") == "repeat_add"
    assert page.locator(".repeat-instance").count() == 1

    resume = page.url.split("?")[0]
    page.goto(resume + "?p=1")  # leave and come back: the remaining instance is as it was
    assert page.locator("#i-site-1").get_by_label("Pécs").is_checked()
    assert page.locator("#i-site-1").get_by_label("Hungary").is_checked()
    page.locator("button[name=next]").click()
    page.wait_for_url("**/done/")
    response = Response.objects.get()
    assert response.status == "submitted"
    assert response.answers["site"] == [{"country": "hu", "city": "pecs"}]
    assert page.evaluate("window.__csp") == []


def test_a_geopoint_takes_the_browsers_location_with_consent_or_typed_coordinates(
    live_server: Any, phone_page: Any, transactional_db: Any
) -> None:
    from interventures.apps.common.models import Region
    from interventures.apps.surveys.models import Response
    from interventures.apps.surveys.services import campaign_create, questionnaire_create
    from interventures.core.survey.tests.xlsforms import workbook
    from interventures.core.survey.xlsform import read_xlsform

    form = workbook(
        [["type", "name", "label"], ["geopoint", "where", "Where is the site?"]],
        None,
        [["form_title", "form_id"], ["Where", "where"]],
    )
    q = questionnaire_create(name="Where", form=read_xlsform(form), published=True)
    region, _ = Region.objects.get_or_create(code="browser-geo", defaults={"name": "Geo region"})
    campaign = campaign_create(region_id=region.pk, name="Where survey", version=q.current)
    page = phone_page
    page.context.grant_permissions(["geolocation"])  # the respondent's consent, as the browser asks it
    page.context.set_geolocation({"latitude": 47.4979, "longitude": 19.0402, "accuracy": 12})
    page.add_init_script(WATCH)
    page.goto(f"{live_server.url}/en/surveys/c/{campaign.slug}/")
    _autosaved(page, lambda: page.get_by_role("button", name="Use my current location").click())
    assert page.get_by_label("Where is the site?").input_value().startswith("47.497900 19.040200 ")
    assert Response.objects.get().answers["where"].startswith("47.497900 19.040200")
    page.get_by_label("Where is the site?").fill("not a place")
    page.locator("button[name=next]").click()
    assert "Not a location" in page.get_by_role("alert").inner_text()
    assert page.evaluate("window.__csp") == []
