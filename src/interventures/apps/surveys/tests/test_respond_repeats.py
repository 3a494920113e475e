"""The web form asks repeat groups: the respondent adds and removes instances, each instance's
answers are autosaved and checked on their own (skip logic, constraints, required), a repeat_count
fixes the number of instances, and the submitted response holds the instances as imports do."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from interventures.apps.surveys import exports, services
from interventures.apps.surveys.models import Response, ResponseStatus
from interventures.core.survey.tests.test_flow_repeats import sites_form
from interventures.core.survey.xlsform import read_xlsform


@pytest.fixture
def sites(db: Any, make_region: Any) -> Any:
    q = services.questionnaire_create(name="Sites", form=read_xlsform(sites_form()), published=True)
    return services.campaign_create(region_id=make_region().pk, name="Sites", version=q.current)


def _start(client: Client, campaign: Any) -> str:
    return client.get(reverse("surveys:start", args=[campaign.slug]))["Location"]


def _send(client: Client, url: str, data: dict[str, Any]) -> Any:
    """Post a page as the browser would: with the `shown` fields of the questions it showed."""
    page = client.get(f"{url}?p={data['p']}").content.decode()
    shown = re.findall(r'<input type="hidden" name="shown" value="([^"]+)" data-shown="[^"]+">', page)
    return client.post(url, {**data, "shown": shown})


def _draft() -> Response:
    return Response.objects.get()


def test_adding_answering_and_removing_instances(client: Client, sites: Any) -> None:
    url = _start(client, sites)
    page = client.get(url + "?p=1").content.decode()
    assert "None added yet." in page
    assert '<button type="submit" name="repeat_add" value="site"' in page
    added = client.post(url, {"p": "1", "repeat_add": "site"})
    assert added["Location"].endswith("?p=1&repeat=site&added=1#i-site-1")
    page = client.get(added["Location"]).content.decode()
    assert "Site 1 added." in page
    assert '<fieldset class="repeat-instance" id="i-site-1" tabindex="-1">' in page  # the fragment's target
    assert '<label for="f-site[1]/town">Town<span class="visually-hidden"> (Site 1)</span>' in page
    # Each answer is autosaved in its instance, and the page's skip logic comes back per instance.
    saved = client.post(url + "autosave/", {"name": "site[1]/town", "value": "Pécs", "p": "1"}).json()
    assert saved["saved"]
    assert "site[1]/town" in saved["relevant"]
    saved = client.post(url + "autosave/", {"name": "site[1]/has_shop", "value": "yes", "p": "1"}).json()
    assert "site[1]/shop_name" in saved["relevant"]
    assert _draft().answers["site"] == [{"town": "Pécs", "has_shop": "yes"}]
    # A second instance, answered with the page's own post (no script), then the first removed.
    client.post(url, {"p": "1", "repeat_add": "site"})
    client.post(
        url,
        {
            "p": "1",
            "instance": ["site[1]", "site[2]"],
            "site[1]/town": "Pécs",
            "site[1]/has_shop": "yes",
            "site[2]/town": "Szeged",
            "site[2]/staff": "7",
            "repeat_remove": "site[1]",
        },
    )
    assert _draft().answers["site"] == [{"town": "Szeged", "staff": "7"}]
    page = client.get(url + "?p=1&repeat=site&removed=1").content.decode()
    assert "Site 1 removed." in page
    assert 'class="secondary repeat-add" id="r-site-add"' in page  # the fragment's target after removal


def test_each_instance_is_checked_on_its_own_when_the_page_is_sent(client: Client, sites: Any) -> None:
    url = _start(client, sites)
    client.post(url, {"p": "0", "firm": "Kft", "n_partners": "1"})
    client.post(url, {"p": "1", "repeat_add": "site"})
    client.post(url, {"p": "1", "repeat_add": "site"})
    page = client.post(
        url,
        {"p": "1", "instance": ["site[1]", "site[2]"], "site[1]/town": "Pécs", "site[2]/staff": "5000"},
    ).content.decode()
    assert '<a href="#q-site[2]/town">Town</a>: An answer is required.' in page
    assert '<a href="#q-site[2]/staff">Staff</a>' in page
    assert 'href="#q-site[1]/' not in page
    assert _draft().answers["site"] == [{"town": "Pécs"}, {"staff": "5000"}]


def test_repeat_count_shows_as_many_instances_as_the_answer_says(client: Client, sites: Any) -> None:
    url = _start(client, sites)
    client.post(url, {"p": "0", "firm": "Kft", "n_partners": "2"})
    page = client.get(url + "?p=2").content.decode()
    assert page.count('class="repeat-instance"') == 2
    assert "The number of these is set by an earlier answer." in page
    assert 'name="repeat_add" value="partner"' not in page
    assert not re.search(r'name="repeat_remove" value="partner\[\d+\]"', page)
    # each partner's contacts are the respondent's to add (a repeat in a repeat)
    assert 'name="repeat_add" value="partner[2]/contact"' in page
    with pytest.raises(services.SurveyError):
        services.response_repeat_add(response=_draft(), repeat="partner")


def test_a_whole_response_with_repeats_is_submitted_and_exported(client: Client, sites: Any) -> None:
    url = _start(client, sites)
    assert _send(client, url, {"p": "0", "firm": "Kft", "n_partners": "1"})["Location"].endswith("?p=1")
    client.post(url, {"p": "1", "repeat_add": "site"})
    moved = _send(
        client, url, {"p": "1", "instance": ["site[1]"], "site[1]/town": "Pécs", "site[1]/has_shop": "no"}
    )
    assert moved["Location"].endswith("?p=2")
    done = _send(client, url, {"p": "2", "instance": ["partner[1]"], "partner[1]/partner_name": "Doo"})
    assert "/done/" in done["Location"]
    response = _draft()
    assert response.status == ResponseStatus.SUBMITTED
    assert response.answers["site"] == [{"town": "Pécs", "has_shop": "no"}]
    assert response.answers["partner"] == [{"partner_name": "Doo"}]
    [(_name, columns, rows)] = [t for t in exports.repeat_tables(sites) if t[0] == "site"]
    assert rows == [["Pécs", "no", "", "", 1, "responses", 1]]


def test_the_last_page_refuses_a_submit_with_an_empty_required_instance(client: Client, sites: Any) -> None:
    url = _start(client, sites)
    _send(client, url, {"p": "0", "firm": "Kft", "n_partners": "1"})
    assert _send(client, url, {"p": "1"})["Location"].endswith("?p=2")  # no site: the repeat is optional
    page = _send(client, url, {"p": "2", "instance": ["partner[1]"]}).content.decode()
    assert '<a href="#q-partner[1]/partner_name">' in page
    assert _draft().status == ResponseStatus.DRAFT


def test_autosave_refuses_a_question_not_asked_in_that_repeat(client: Client, sites: Any) -> None:
    url = _start(client, sites)
    for name in ("site[1]/partner_name", "partner[1]/contact_name", "site[99]/town", "site[x]/town"):
        assert client.post(url + "autosave/", {"name": name, "value": "x"}).status_code == 400, name
    assert _draft().answers == {}


def test_the_web_form_fills_start_end_and_today_as_the_collecting_apps_do(
    client: Client, make_region: Any
) -> None:
    import datetime as dt

    from interventures.core.survey.tests.xlsforms import workbook

    form = workbook(
        [
            ["type", "name", "label"],
            ["start", "start"],
            ["end", "end"],
            ["today", "today"],
            ["text", "firm", "Firm"],
        ],
        None,
        [["form_title", "form_id"], ["Meta", "meta"]],
    )
    q = services.questionnaire_create(name="Meta", form=read_xlsform(form), published=True)
    campaign = services.campaign_create(region_id=make_region().pk, name="Meta", version=q.current)
    url = _start(client, campaign)
    assert "/done/" in _send(client, url, {"p": "0", "firm": "Kft"})["Location"]
    response = _draft()
    answers = response.answers
    assert answers["firm"] == "Kft"
    assert dt.datetime.fromisoformat(answers["start"]) == response.started_at
    assert response.started_at <= dt.datetime.fromisoformat(answers["end"]) <= response.submitted_at
    assert answers["today"] == response.submitted_at.date().isoformat()


def test_defaults_fill_a_new_draft_and_a_new_instance_and_can_be_cleared(
    client: Client, make_region: Any
) -> None:
    from django.utils import timezone

    from interventures.core.survey.tests.xlsforms import workbook

    form = workbook(
        [
            ["type", "name", "label", "default"],
            ["integer", "staff", "Staff", "2"],
            ["date", "visited", "Visited", "today()"],  # an expression: evaluated when the draft starts
            ["integer", "broken", "Broken", "many"],  # a default the question refuses: not offered
            ["begin_repeat", "site", "Site"],
            ["select_one yn", "open", "Open?", "yes"],
            ["end_repeat"],
        ],
        [["list_name", "name", "label"], ["yn", "yes", "Yes"], ["yn", "no", "No"]],
        [["form_title", "form_id"], ["Defaults", "defaults"]],
    )
    q = services.questionnaire_create(name="Defaults", form=read_xlsform(form), published=True)
    campaign = services.campaign_create(region_id=make_region().pk, name="Defaults", version=q.current)
    url = _start(client, campaign)
    today = timezone.localdate().isoformat()
    assert _draft().answers == {"staff": "2", "visited": today}
    assert 'value="2"' in client.get(url + "?p=0").content.decode()
    client.post(url + "autosave/", {"name": "staff", "value": ""})  # cleared: it stays cleared
    assert _draft().answers == {"visited": today}
    assert 'name="staff" value=""' in client.get(url + "?p=0").content.decode()
    client.post(url, {"p": "1", "repeat_add": "site"})
    assert _draft().answers == {"visited": today, "site": [{"open": "yes"}]}


def test_the_common_appearances_minimal_and_choices_in_a_row(client: Client, make_region: Any) -> None:
    from interventures.core.survey.tests.xlsforms import workbook

    form = workbook(
        [
            ["type", "name", "label", "appearance"],
            ["select_one yn", "exports", "Exports?", "minimal"],
            ["select_one scale", "agree", "Agree?", "likert"],
            ["select_one yn", "plain", "Plain?", ""],
        ],
        [
            ["list_name", "name", "label"],
            ["yn", "yes", "Yes"],
            ["yn", "no", "No"],
            ["scale", "1", "Not at all"],
            ["scale", "5", "Fully"],
        ],
        [["form_title", "form_id"], ["Looks", "looks"]],
    )
    q = services.questionnaire_create(name="Looks", form=read_xlsform(form), published=True)
    campaign = services.campaign_create(region_id=make_region().pk, name="Looks", version=q.current)
    url = _start(client, campaign)
    client.post(url + "autosave/", {"name": "exports", "value": "no"})
    page = client.get(url).content.decode()
    assert '<select id="f-exports" name="exports">' in page
    assert '<option value="no" data-choice="no" selected>No</option>' in page
    assert page.count('class="choices-in-a-row"') == 1  # the likert question's fieldset only
    assert 'type="radio" name="plain"' in page


def test_the_odk_fixture_forms_repeat_is_asked_as_many_times_as_n_sites_with_its_cascade(
    client: Client, make_region: Any
) -> None:
    from interventures.core.survey.tests.xlsforms import odk_repeat_form

    q = services.questionnaire_create(name="ODK", form=read_xlsform(odk_repeat_form()), published=True)
    campaign = services.campaign_create(region_id=make_region().pk, name="ODK", version=q.current)
    url = _start(client, campaign)
    assert _draft().answers == {"n_sites": "1"}  # its default
    client.post(url + "autosave/", {"name": "n_sites", "value": "2"})
    saved = client.post(url + "autosave/", {"name": "site[2]/country", "value": "hr", "p": "2"}).json()
    assert saved["saved"]
    assert saved["choices"]["site[2]/city"] == ["other", "zagreb"]  # Croatia's cities
    assert saved["choices"]["site[1]/city"] == []  # site 1 has no country yet: its own list
    page = client.get(url + "?p=2").content.decode()
    assert page.count('class="repeat-instance"') == 2
    assert 'name="repeat_add"' not in page  # repeat_count ${n_sites}: the number is the answer's
