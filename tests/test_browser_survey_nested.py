"""A respondent on a phone (issue #11): ranks choices with the keyboard (a place per choice, no
dragging), gives a photo, then answers a household roster with a repeat inside the repeat: the
household's size sets its members, a member who works gets jobs added by keyboard (the focus
moves to the new one, named by both instances), and submits; no CSP violation, no axe violation,
nothing wider than 375 px."""

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


PNG = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f\x15\xc4\x89"
)


def roster() -> bytes:
    from interventures.core.survey.tests.xlsforms import workbook

    return workbook(
        [
            ["type", "name", "label", "required", "relevant", "repeat_count"],
            ["rank pri", "priorities", "Rank your priorities"],
            ["image", "photo", "A photo of the village"],
            ["begin_repeat", "hh", "Household"],
            ["text", "head", "Head of household", "yes"],
            ["integer", "size", "Members", "yes"],
            ["begin_repeat", "member", "Member", "", "", "${size}"],
            ["text", "member_name", "Name", "yes"],
            ["select_one yn", "works", "Works?"],
            ["begin_repeat", "job", "Job", "", "${works} = 'yes'"],
            ["text", "employer", "Employer", "yes"],
            ["end_repeat"],
            ["end_repeat"],
            ["end_repeat"],
        ],
        [
            ["list_name", "name", "label"],
            ["pri", "export", "Exporting"],
            ["pri", "staff", "Staff"],
            ["pri", "money", "Finance"],
            ["yn", "yes", "Yes"],
            ["yn", "no", "No"],
        ],
        [["form_title", "form_id"], ["Households", "households"]],
    )


@pytest.fixture
def campaign(transactional_db: Any) -> Any:
    from interventures.apps.common.models import Region
    from interventures.apps.surveys.services import campaign_create, questionnaire_create
    from interventures.core.survey.xlsform import read_xlsform

    q = questionnaire_create(name="Households", form=read_xlsform(roster()), published=True)
    region, _ = Region.objects.get_or_create(code="browser-nested", defaults={"name": "Nested region"})
    return campaign_create(region_id=region.pk, name="Households survey", version=q.current)


def test_rank_a_photo_and_a_repeat_inside_a_repeat_on_a_phone(
    live_server: Any, phone_page: Any, campaign: Any, tmp_path: Any
) -> None:
    from interventures.apps.surveys.models import Response, ResponseFile

    page = phone_page
    page.add_init_script(WATCH)
    page.goto(f"{live_server.url}/en/surveys/c/{campaign.slug}/")
    # Rank by keyboard: each place is a drop-down list.
    for place, choice in ((1, "money"), (2, "export"), (3, "staff")):
        box = page.get_by_label(f"Place {place}")
        box.focus()
        _autosaved(page, lambda box=box, choice=choice: box.select_option(choice))
    assert Response.objects.get().answers["priorities"] == "money export staff"
    photo = tmp_path / "village.png"
    photo.write_bytes(PNG)
    page.get_by_label("A photo of the village").set_input_files(str(photo))
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
    assert _axe(page) == []
    page.locator("button[name=next]").click()
    page.wait_for_url("**?p=1")
    assert Response.objects.get().answers["photo"] == "village.png"
    assert ResponseFile.objects.get().size == len(PNG)

    add = page.get_by_role("button", name="Add “Household”")
    add.focus()
    page.keyboard.press("Enter")
    page.wait_for_url("**added=1#i-hh-1")
    household = page.locator("#i-hh-1")
    household.get_by_label("Head of household").fill("Kovács")
    household.get_by_label("Members").fill("2")
    page.locator("button[name=next]").click()  # the size gives the members: shown on the page again
    expect(page.get_by_role("status").first).to_contain_text("More questions apply")
    assert page.locator("#i-hh-1 fieldset.repeat-instance").count() == 2
    member = page.locator("#i-hh-1-member-1")
    assert member.locator("legend").first.inner_text() == "Household 1, Member 1"
    _autosaved(
        page,
        lambda: (
            member.get_by_label("Name (Household 1, Member 1)").fill("Anna") or page.keyboard.press("Tab")
        ),
    )
    assert member.locator("section.repeat[data-name='hh[1]/member[1]/job']").is_hidden()
    _autosaved(page, lambda: member.get_by_label("Yes").check())
    expect(member.locator("section.repeat[data-name='hh[1]/member[1]/job']")).to_be_visible()
    job_add = page.get_by_role("button", name="Add “Household 1, Member 1, Job”")
    job_add.focus()
    page.keyboard.press("Enter")
    page.wait_for_url("**added=1#i-hh-1-member-1-job-1")
    assert page.evaluate("document.activeElement.id") == "i-hh-1-member-1-job-1"
    _autosaved(
        page,
        lambda: (
            page.get_by_label("Employer (Household 1, Member 1, Job 1)").fill("Zsolnay")
            or page.keyboard.press("Tab")
        ),
    )
    page.locator("#i-hh-1-member-2").get_by_label("Name (Household 1, Member 2)").fill("Béla")
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
    assert page.evaluate("window.__csp") == []
    assert _axe(page) == []
    page.locator("button[name=next]").click()
    page.wait_for_url(lambda url: "/done/" in url)  # the address keeps the last instance's fragment
    response = Response.objects.get()
    assert response.status == "submitted"
    assert response.answers["hh"] == [
        {
            "head": "Kovács",
            "size": 2,
            "member": [
                {"member_name": "Anna", "works": "yes", "job": [{"employer": "Zsolnay"}]},
                {"member_name": "Béla"},
            ],
        }
    ]
    assert page.evaluate("window.__csp") == []
