"""A respondent answers the public survey form on a phone: autosave, resume, skip logic, submit."""

from __future__ import annotations

import re

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def campaign(transactional_db):
    from interventures.apps.common.models import Region
    from interventures.apps.surveys.services import campaign_create, questionnaire_create
    from interventures.core.survey.tests.forms import small_form

    q = questionnaire_create(name="Small", form=small_form())
    region, _ = Region.objects.get_or_create(
        code="browser-survey", defaults={"name": "Browser survey region"}
    )
    return campaign_create(region_id=region.pk, name="Phone survey", version=q.current)


def test_a_respondent_completes_the_survey_on_a_phone(live_server, phone_page, campaign):
    from interventures.apps.surveys.models import Response

    page = phone_page
    page.goto(f"{live_server.url}/hu/surveys/c/{campaign.slug}/")
    assert page.locator("h1").inner_text() == "Kis kérdőív"
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
    for label, value in (("Alkalmazottak", "12"), ("Árbevétel (M EUR)", "1,5")):
        with page.expect_response(lambda r: r.url.endswith("/autosave/")):
            page.get_by_label(label).fill(value)
            page.get_by_label(label).blur()
    page.wait_for_function("document.querySelector('.autosave-status').textContent.length > 0")
    assert page.locator(".autosave-status").inner_text() == "Mentve"  # "Saved", in the page's language
    assert Response.objects.get(campaign=campaign).answers == {
        "employees": "12",
        "turnover": "1,5",
    }  # autosaved

    resume_url = page.url
    page.goto(resume_url)  # leave and come back: the answers are still there
    assert page.get_by_label("Alkalmazottak").input_value() == "12"
    page.goto(f"{live_server.url}/hu/surveys/c/{campaign.slug}/")  # the public link again: same draft
    assert page.url == resume_url
    assert Response.objects.filter(campaign=campaign).count() == 1

    page.locator("button[name=next]").click()
    page.get_by_label("Nem", exact=True).check()
    page.locator("button[name=next]").click()
    # exports = no: the trade group is skipped
    assert page.locator("[name=where]").count() == 0
    page.locator("button[name=next]").click()
    page.wait_for_url("**/done/")
    assert page.get_by_role("status").count() >= 1
    response = Response.objects.get(campaign=campaign)
    assert response.status == "submitted"
    assert response.answers["turnover"] == "1.5"


FRAME = """() => {
  const box = (el) => el && el.getBoundingClientRect();
  const column = box(document.querySelector('.respondent'));
  return {
    nav: document.querySelectorAll('nav, .site-nav, .site-footer').length,
    overflow: document.documentElement.scrollWidth - window.innerWidth,
    left: column.left, right: window.innerWidth - column.right, width: column.width,
    header: document.querySelector('header').textContent.replace(/\\s+/g, ' ').trim(),
  };
}"""


def test_the_respondent_form_has_a_focused_frame_on_a_phone_and_a_desktop(
    live_server, phone_page, page, campaign
):
    """No site menu, the form in one centred column that fits 375 px, a skip link to the form, and a
    language switch that keeps the respondent's page."""
    phone = phone_page
    phone.goto(f"{live_server.url}/hu/surveys/c/{campaign.slug}/")
    frame = phone.evaluate(FRAME)
    assert frame["nav"] == 0, frame
    assert frame["overflow"] <= 0, frame
    assert frame["left"] >= 0, frame
    assert frame["right"] >= 0, frame
    assert frame["width"] >= 300, frame
    assert "Inter Ventures" in frame["header"]
    assert "Browser survey region" in frame["header"]
    assert phone.locator("#language-select option").all_inner_texts() == ["English", "Magyar"]

    key = phone.url.split("/r/")[1]
    phone.keyboard.press("Tab")  # the skip link comes first and leads to the form
    assert phone.evaluate("document.activeElement.className") == "skip-link"
    phone.keyboard.press("Enter")
    assert phone.evaluate("document.activeElement.id") == "main"

    phone.locator("#language-select").select_option("en")
    phone.locator(".lang-switch button").click()
    phone.wait_for_url(f"{live_server.url}/en/surveys/c/{campaign.slug}/r/{key}")
    assert phone.locator("html").get_attribute("lang") == "en"
    assert phone.get_by_label("Employees").is_visible()

    page.goto(f"{live_server.url}/en/surveys/c/{campaign.slug}/")
    frame = page.evaluate(FRAME)
    assert frame["width"] <= 40 * 16, frame
    assert abs(frame["left"] - frame["right"]) <= 2, frame  # centred


def test_errors_are_announced_and_linked_to_their_question(live_server, page, campaign):
    page.goto(f"{live_server.url}/en/surveys/c/{campaign.slug}/")
    page.get_by_label("Employees").fill("300")
    page.locator("button[name=next]").click()
    alert = page.get_by_role("alert")
    assert "0 to 249" in alert.inner_text()
    assert page.get_by_label("Employees").get_attribute("aria-invalid") == "true"
    assert page.evaluate("document.activeElement.id") == "error-summary"


def test_skip_logic_and_choice_filters_follow_the_answers_without_reloading(live_server, page, campaign):
    page.goto(f"{live_server.url}/en/surveys/c/{campaign.slug}/")
    page.get_by_label("Employees").fill("3")
    page.locator("button[name=next]").click()
    page.get_by_label("Yes", exact=True).check()
    page.locator("button[name=next]").click()
    assert page.locator("#q-us_share").is_hidden()
    with page.expect_response(lambda r: r.url.endswith("/autosave/")):
        page.get_by_label("United States").check()
    page.wait_for_function("!document.getElementById('q-us_share').hidden")
    assert page.get_by_label("US share %").is_visible()
    with page.expect_response(lambda r: r.url.endswith("/autosave/")):
        page.locator("#q-neighbours_only").get_by_label("Yes", exact=True).check()
    # "neighbours only": the United States leaves the list, its tick is cleared and the follow-up hides
    page.wait_for_function("document.querySelector('label[data-choice=us]').hidden")
    page.wait_for_function("document.getElementById('q-us_share').hidden")


def test_a_partner_copies_the_standard_questionnaire_and_adapts_it_on_a_phone(live_server, phone_page):
    """Copy and adapt on a 375 px window: the copy's editor fits, a move keeps the keyboard focus on
    the moved question's button, and a relabelled question shows its new label."""
    from django.conf import settings
    from django.test import Client

    from interventures.apps.accounts.models import Profile, Role
    from interventures.apps.common.models import Region
    from interventures.apps.surveys.models import Questionnaire
    from interventures.apps.surveys.services import questionnaire_ensure_standard
    from interventures.core.survey import edit

    standard = questionnaire_ensure_standard()
    region, _ = Region.objects.get_or_create(
        code="browser-editor", defaults={"name": "Browser editor region"}
    )
    from django.contrib.auth import get_user_model

    user = get_user_model().objects.create_user(username="editor-partner", password="pw-Secret-123")
    Profile.objects.update_or_create(user=user, defaults={"role": Role.REGIONAL_PARTNER, "region": region})
    client = Client()
    client.force_login(user)
    page = phone_page
    page.context.add_cookies(
        [
            {
                "name": settings.SESSION_COOKIE_NAME,
                "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
                "url": live_server.url,
            }
        ]
    )

    page.goto(f"{live_server.url}/en/surveys/questionnaires/{standard.pk}/")
    page.get_by_role("button", name="Copy and adapt").click()
    page.get_by_label("Name of the copy").fill("Our SME survey")
    page.get_by_role("button", name="Copy and adapt").click()
    page.wait_for_url("**/edit/")
    copy = Questionnaire.objects.get(name="Our SME survey")
    assert copy.region_id == region.pk
    assert copy.copied_from_id == standard.pk
    assert page.evaluate("document.documentElement.scrollWidth") <= 375

    names = [q.name for q in copy.current.form.questions if q.type != "end_group"]
    second, third = names[2], names[3]  # two questions of the company profile
    page.get_by_role("button", name=f"Move {third} up").click()
    page.wait_for_url(f"**focus=up-{third}")
    assert page.evaluate("document.activeElement.dataset.q") == third  # the focus stays with it
    copy.refresh_from_db()
    moved = [q.name for q in copy.current.form.questions if q.type != "end_group"]
    assert moved.index(third) == moved.index(second) - 1

    page.get_by_role("link", name=f"Edit {third}").click()
    page.get_by_label("Label (English)", exact=True).fill("Where is your company based?")
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
    page.get_by_role("button", name="Save").click()
    page.wait_for_url("**/edit/#q-*")
    assert "Where is your company based?" in page.locator(f"#q-{third}").inner_text()
    copy.refresh_from_db()
    assert copy.current.form.question(third).label["en"] == "Where is your company based?"
    assert edit.problems(copy.current.form) == []
    assert standard.current.form.question(third).label["en"] != "Where is your company based?"


MAPPING = """() => {
  const rows = [...document.querySelectorAll('.mapping-table tbody tr')];
  const table = document.querySelector('.mapping-table').getBoundingClientRect();
  return {
    overflow: document.documentElement.scrollWidth - window.innerWidth,
    rowHeight: table.height / rows.length,
    names: rows.map((r) => { const s = r.querySelector('select'); return [...s.labels].map((l) => l.textContent).join(''); }),
    ticked: rows.filter((r) => r.querySelector('.mapping-status').textContent.includes('✓')).length,
  };
}"""


def test_the_import_mapping_is_a_compact_labelled_table_on_a_desktop_and_a_phone(
    live_server, page, phone_page, campaign
):
    from django.conf import settings
    from django.contrib.auth import get_user_model
    from django.test import Client

    from interventures.apps.accounts.models import Profile, Role
    from interventures.apps.surveys.models import ImportJob
    from interventures.apps.surveys.services import import_upload

    user = get_user_model().objects.create_user(username="mapping-partner", password="pw-Secret-123")
    Profile.objects.update_or_create(
        user=user, defaults={"role": Role.REGIONAL_PARTNER, "region": campaign.region}
    )
    client = Client()
    client.force_login(user)
    cookie = {
        "name": settings.SESSION_COOKIE_NAME,
        "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
    }
    data = b"respondent_id,employees,turnover,exports,Staff colour\nr1,3,1.5,no,red\nr2,12,2,no,blue\n"
    job = import_upload(campaign=campaign, data=data, filename="r.csv", fmt="csv", mode="valid_only")
    url = f"{live_server.url}/en/surveys/import/{job.pk}/"

    for window in (page, phone_page):
        window.context.add_cookies([{**cookie, "url": live_server.url}])
        window.goto(url)
        table = window.evaluate(MAPPING)
        assert table["overflow"] <= 0, table
        assert table["names"] == ["respondent_id", "employees", "turnover", "exports", "Staff colour"]
        assert table["ticked"] == 4
    assert page.evaluate(MAPPING)["rowHeight"] < 50  # one line per column on a desktop

    phone = phone_page
    assert phone.get_by_label("employees").input_value() == "employees"
    assert "1.5" in phone.locator("#col_2-samples").inner_text()
    phone.get_by_role("link", name="Staff colour").click()
    phone.get_by_label("Staff colour").select_option("__ignore__")
    phone.get_by_role("button", name="Validate and import").click()
    phone.wait_for_url(re.compile(r"/result/"))  # (the fragment of the link followed stays)
    job = ImportJob.objects.get(pk=job.pk)
    assert job.mapping["Staff colour"] == "__ignore__"
    assert job.n_imported == 2
