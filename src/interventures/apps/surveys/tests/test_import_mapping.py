"""The import's mapping step: a compact table with one row per column of the file, a few of the
column's values beside it, its question chosen in a labelled select, and the automatic matches
marked as such."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from interventures.apps.accounts.models import Role
from interventures.apps.surveys import selectors, services

pytestmark = pytest.mark.django_db

DATA = (
    b"respondent_id,employees,exports,colour,empty\n"
    b"r1,3,no,red,\n"
    b"r2,12,yes,blue,\n"
    b"r3,12,no,a very long value that goes on and on past forty characters,\n"
    b"r4,40,no,green,\n"
)


@pytest.fixture
def job(campaign):
    return services.import_upload(campaign=campaign, data=DATA, filename="r.csv", fmt="csv")


def _rows(html: str) -> dict[str, str]:
    """Each table row's HTML by the column it names."""
    body = re.search(r'<table class="mapping-table">.*?<tbody>(.*?)</tbody>', html, re.S)
    assert body, "the mapping step is a table"
    rows = re.findall(r"<tr[^>]*>.*?</tr>", body[1], re.S)
    return {re.search(r"<label for=\"id_col_\d+\">([^<]+)</label>", r)[1]: r for r in rows}


def test_a_few_distinct_values_of_each_column_are_kept_at_upload(job):
    samples = job.options["samples"]
    assert samples["employees"] == ["3", "12", "40"]  # distinct, three at most
    assert samples["colour"][2] == "a very long value that goes on and on p…"  # 40 characters
    assert samples["empty"] == []
    rows = selectors.import_mapping_rows(job=job)
    assert [(r.column, r.automatic) for r in rows] == [
        ("respondent_id", "__respondent_id__"),
        ("employees", "employees"),
        ("exports", "exports"),
        ("colour", ""),
        ("empty", ""),
    ]


def test_the_mapping_step_is_a_table_with_samples_and_the_automatic_matches_ticked(client_as, job):
    c, _user = client_as(Role.REGIONAL_PARTNER, region=job.campaign.region)
    html = c.get(reverse("surveys:import_mapping", args=[job.pk])).content.decode()
    rows = _rows(html)
    assert list(rows) == ["respondent_id", "employees", "exports", "colour", "empty"]
    employees = rows["employees"]
    assert 'class="is-matched"' in employees
    assert "matched automatically" in employees
    assert re.findall(r'<span class="sample">([^<]+)</span>', employees) == ["3", "12", "40"]
    # the select is labelled by its column and described by its values and its match
    assert re.search(
        r'<select name="col_1" aria-describedby="col_1-samples col_1-status" id="id_col_1">', employees
    )
    assert 'id="col_1-samples"' in employees
    assert 'id="col_1-status"' in employees
    assert '<option value="employees" selected>' in employees
    colour = rows["colour"]
    assert 'class="needs-choice"' in colour
    assert "needs your choice" in colour
    assert "matched automatically" not in colour
    assert "(no values)" in rows["empty"]
    assert "3 of 5 columns matched automatically" in html
    assert '<a href="#id_col_3">colour</a>' in html
    assert '<a href="#id_col_4">empty</a>' in html


def test_a_choice_the_user_changed_loses_its_tick_when_the_page_comes_back(client_as, job):
    c, _user = client_as(Role.REGIONAL_PARTNER, region=job.campaign.region)
    data = {"col_0": "__respondent_id__", "col_1": "__ignore__", "col_2": "exports", "col_3": "", "col_4": ""}
    r = c.post(reverse("surveys:import_mapping", args=[job.pk]), {**data, "mode": "valid_only"})
    assert r.status_code == 200  # incomplete: the page comes back with the problems
    rows = _rows(r.content.decode())
    assert "matched automatically" not in rows["employees"]
    assert "matched automatically" in rows["exports"]


def test_a_file_uploaded_before_samples_were_kept_shows_no_values_rather_than_none(client_as, job):
    job.options.pop("samples")
    job.save(update_fields=["options"])
    c, _user = client_as(Role.REGIONAL_PARTNER, region=job.campaign.region)
    rows = _rows(c.get(reverse("surveys:import_mapping", args=[job.pk])).content.decode())
    assert list(rows) == ["respondent_id", "employees", "exports", "colour", "empty"]
    assert "(no values)" not in rows["empty"]
    assert 'class="sample"' not in rows["employees"]
