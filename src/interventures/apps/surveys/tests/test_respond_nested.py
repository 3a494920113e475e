"""A repeat inside a repeat on the web form (issue #11), on a household roster shaped as Kobo and ODK
forms are: households the respondent adds, each with as many members as its size says, each member
with the jobs the respondent adds where the member works. Instances are added and removed at every
level, answers are saved where they were given, checked per instance, pruned when skipped, and the
submitted response is exported in the repeats' sheets and imported again unchanged."""

from __future__ import annotations

import io
import re
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from openpyxl import load_workbook

from interventures.apps.surveys import exports, services
from interventures.apps.surveys.models import Response, ResponseStatus
from interventures.core.survey.tests.xlsforms import household_roster_form as nested_form
from interventures.core.survey.xlsform import read_xlsform


@pytest.fixture
def roster(db: Any, make_region: Any) -> Any:
    q = services.questionnaire_create(name="Households", form=read_xlsform(nested_form()), published=True)
    return services.campaign_create(region_id=make_region().pk, name="Households", version=q.current)


def _save(client: Client, url: str, name: str, value: str) -> dict[str, Any]:
    reply = client.post(url + "autosave/", {"name": name, "value": value, "p": "1"})
    assert reply.status_code == 200, (name, reply.content)
    return dict(reply.json())


def _draft() -> Response:
    return Response.objects.get()


def test_a_household_roster_is_answered_at_three_levels_submitted_exported_and_imported_again(
    client: Client, roster: Any
) -> None:
    url = client.get(reverse("surveys:start", args=[roster.slug]))["Location"]
    assert client.post(url, {"p": "0", "village": "Ormánság", "shown": "village"})["Location"].endswith(
        "?p=1"
    )
    client.post(url, {"p": "1", "repeat_add": "hh"})
    for name, value in (("hh[1]/head", "Kovács"), ("hh[1]/size", "2"), ("hh[1]/country", "hu")):
        _save(client, url, name, value)
    # The household's size fixes its members; each member is named by both instances.
    page = client.get(url + "?p=1").content.decode()
    assert page.count('<fieldset class="repeat-instance" id="i-hh-1-member-') == 2
    assert "<legend>Household 1, Member 2</legend>" in page
    assert (
        '<label for="f-hh[1]/member[2]/member_name">Name<span class="visually-hidden"> (Household 1, Member 2)</span>'
        in page
    )
    assert 'name="repeat_add" value="hh[1]/member"' not in page  # repeat_count: not the respondent's
    state = _save(client, url, "hh[1]/member[1]/age", "40")
    assert "hh[1]/member[1]/works" in state["relevant"]
    assert state["choices"]["hh[1]/member[1]/city"] == ["pecs"]  # the cascade sees its household
    state = _save(client, url, "hh[1]/member[1]/works", "yes")
    assert "hh[1]/member[1]/job" in state["relevant"]
    _save(client, url, "hh[1]/member[1]/member_name", "Anna")
    _save(client, url, "hh[1]/member[1]/city", "pecs")
    # Jobs at the third level: two added, the first removed, the second moved up.
    added = client.post(url, {"p": "1", "repeat_add": "hh[1]/member[1]/job"})
    assert added["Location"].endswith("#i-hh-1-member-1-job-1")
    assert "Job 1 added." in client.get(added["Location"]).content.decode()
    client.post(url, {"p": "1", "repeat_add": "hh[1]/member[1]/job"})
    _save(client, url, "hh[1]/member[1]/job[1]/employer", "Zsolnay")
    _save(client, url, "hh[1]/member[1]/job[2]/employer", "Pick")
    removed = client.post(url, {"p": "1", "repeat_remove": "hh[1]/member[1]/job[1]"})
    assert removed["Location"].endswith("#r-hh-1-member-1-job-add")
    assert _draft().answers["hh"][0]["member"][0]["job"] == [{"employer": "Pick"}]
    # Errors are per instance at the second level, on the page posted without script.
    page = client.post(
        url,
        {
            "p": "1",
            "instance": ["hh[1]", "hh[1]/member[1]", "hh[1]/member[2]", "hh[1]/member[1]/job[1]"],
            "hh[1]/head": "Kovács",
            "hh[1]/size": "2",
            "hh[1]/country": "hu",
            "hh[1]/member[1]/member_name": "Anna",
            "hh[1]/member[1]/age": "40",
            "hh[1]/member[1]/works": "yes",
            "hh[1]/member[1]/city": "pecs",
            "hh[1]/member[1]/job[1]/employer": "Pick",
            "hh[1]/member[2]/age": "150",
        },
    ).content.decode()
    assert '<a href="#q-hh[1]/member[2]/age">Age</a>' in page
    assert '<a href="#q-hh[1]/member[2]/member_name">Name</a>: An answer is required.' in page
    assert 'href="#q-hh[1]/member[1]/' not in page
    _save(client, url, "hh[1]/member[2]/age", "12")
    _save(client, url, "hh[1]/member[2]/member_name", "Béla")
    # A second household; its member had a job, then turns out to be 9: the job is dropped at submit.
    client.post(url, {"p": "1", "repeat_add": "hh"})
    for name, value in (
        ("hh[2]/head", "Horvat"),
        ("hh[2]/size", "1"),
        ("hh[2]/country", "hr"),
        ("hh[2]/member[1]/member_name", "Ivo"),
        ("hh[2]/member[1]/age", "30"),
        ("hh[2]/member[1]/works", "yes"),
        ("hh[2]/member[1]/city", "osijek"),
    ):
        _save(client, url, name, value)
    client.post(url, {"p": "1", "repeat_add": "hh[2]/member[1]/job"})
    _save(client, url, "hh[2]/member[1]/job[1]/employer", "Saponia")
    _save(client, url, "hh[2]/member[1]/age", "9")
    page = client.get(url + "?p=1").content.decode()
    shown = re.findall(r'<input type="hidden" name="shown" value="([^"]+)" data-shown="[^"]+">', page)
    assert "hh[2]/member[1]/job[1]/employer" not in shown  # aged 9: the job no longer applies
    assert "/done/" in client.post(url, {"p": "1", "shown": shown})["Location"]
    response = _draft()
    assert response.status == ResponseStatus.SUBMITTED
    expected = [
        {
            "head": "Kovács",
            "size": 2,
            "country": "hu",
            "member": [
                {
                    "member_name": "Anna",
                    "age": 40,
                    "works": "yes",
                    "city": "pecs",
                    "job": [{"employer": "Pick"}],
                },
                {"member_name": "Béla", "age": 12},
            ],
        },
        {
            "head": "Horvat",
            "size": 1,
            "country": "hr",
            "member": [{"member_name": "Ivo", "age": 9, "city": "osijek"}],
        },
    ]
    assert response.answers["hh"] == expected
    # Exported as Kobo writes it: a sheet per repeat, joined by _parent_index; imported again unchanged.
    data = exports.to_xlsx(roster)
    book = load_workbook(io.BytesIO(data), read_only=True)
    assert book.sheetnames == ["responses", "hh", "member", "job"]
    rows = list(book["job"].iter_rows(values_only=True))
    assert rows[0][:1] == ("employer",)
    assert [r[0] for r in rows[1:]] == ["Pick"]
    again = services.campaign_create(region_id=roster.region_id, name="Again", version=roster.version)
    job = services.import_run(
        job=services.import_upload(campaign=again, data=data, filename="households.xlsx", fmt="kobo")
    )
    assert (job.n_imported, job.n_rejected) == (1, 0)
    assert Response.objects.get(campaign=again).answers["hh"] == expected


def test_a_nested_address_outside_its_outer_repeat_is_refused(client: Client, roster: Any) -> None:
    url = client.get(reverse("surveys:start", args=[roster.slug]))["Location"]
    for name in (
        "member[1]/member_name",
        "hh[1]/job[1]/employer",
        "hh[1]/member[1]/head",
        "hh[1]/member[1]/job[1]/job[1]/employer",
    ):
        assert client.post(url + "autosave/", {"name": name, "value": "x"}).status_code == 400, name
    for address in ("member", "hh[1]/job", "hh[1]/member[1]/hh"):
        client.post(url, {"p": "1", "repeat_add": address})
    assert _draft().answers == {}
    page = client.post(url, {"p": "1", "repeat_add": "hh[1]/member"}).content.decode()
    assert "The number of these is set by an earlier answer." in page
