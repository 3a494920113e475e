"""The regional partner's list of shared results: only its region's shared ones, filters, figures
suppressed below the minimum cell, CSV and XLSX export."""

from __future__ import annotations

import csv
import io
from typing import Any

import pytest
from django.urls import reverse
from django.utils import translation

from interventures.core import capacity

from .conftest import answers_at

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _reference(reference: dict[str, Any]) -> None:
    """The sector filter offers the real NACE sections."""


def list_url() -> str:
    return reverse("assessment:region_results")


@pytest.fixture
def results(make_result: Any, model: capacity.CapacityModel) -> dict[str, Any]:
    return {
        "shared_micro": make_result(
            "hu-hr", shared=True, size_class="micro", sector="C", answers=answers_at(model, 0)
        ),
        "shared_medium": make_result(
            "hu-hr", shared=True, size_class="medium", sector="J", answers=answers_at(model, 99)
        ),
        "unshared": make_result("hu-hr", shared=False),
        "other_region": make_result("lombardia", shared=True),
    }


def tokens(response: Any) -> set[str]:
    return {str(a.token) for a, *_names in response.context["rows"]}


def test_a_partner_lists_only_its_regions_shared_results(
    client_as: Any, regions: Any, results: dict[str, Any]
) -> None:
    client, _ = client_as("regional_partner", region=regions["hu-hr"])
    response = client.get(list_url())
    assert response.status_code == 200
    assert tokens(response) == {str(results["shared_micro"].token), str(results["shared_medium"].token)}


def test_the_list_names_the_sector_by_letter_and_title_in_the_page_language(
    client_as: Any, regions: Any, results: dict[str, Any]
) -> None:
    client, _ = client_as("regional_partner", region=regions["hu-hr"])
    english = client.get(list_url()).content.decode()
    assert "<td>C – Manufacturing</td>" in english
    assert "<td>J – Information and communication</td>" in english
    with translation.override("it"):
        italian = client.get(reverse("assessment:region_results")).content.decode()
    assert "<td>C – Attività manifatturiere</td>" in italian


def test_a_partner_cannot_switch_to_another_region(
    client_as: Any, regions: Any, results: dict[str, Any]
) -> None:
    client, _ = client_as("regional_partner", region=regions["hu-hr"])
    response = client.get(list_url(), {"region": "lombardia"})
    assert str(results["other_region"].token) not in tokens(response)


def test_filters_narrow_the_list(client_as: Any, regions: Any, results: dict[str, Any]) -> None:
    client, _ = client_as("regional_partner", region=regions["hu-hr"])
    assert tokens(client.get(list_url(), {"size_class": "micro"})) == {str(results["shared_micro"].token)}
    assert tokens(client.get(list_url(), {"sector": "J"})) == {str(results["shared_medium"].token)}
    stage = results["shared_medium"].stage
    assert str(results["shared_medium"].token) in tokens(client.get(list_url(), {"stage": stage}))


def test_the_coordinator_lists_shared_results_of_every_region(
    client_as: Any, results: dict[str, Any]
) -> None:
    client, _ = client_as("coordinator")
    listed = tokens(client.get(list_url()))
    assert str(results["other_region"].token) in listed
    assert str(results["unshared"].token) not in listed


@pytest.mark.parametrize("role", ["sme", "stakeholder"])
def test_smes_and_stakeholders_have_no_list(client_as: Any, regions: Any, role: str) -> None:
    client, _ = client_as(role, region=regions["hu-hr"])
    assert client.get(list_url()).status_code == 403


def test_the_anonymous_public_is_sent_to_log_in(client: Any) -> None:
    assert client.get(list_url()).status_code == 302


def test_figures_are_suppressed_below_the_minimum_cell(
    client_as: Any, regions: Any, results: dict[str, Any]
) -> None:
    client, _ = client_as("regional_partner", region=regions["hu-hr"])
    response = client.get(list_url())
    assert not response.context["distribution_shown"]
    assert not response.context["averages_shown"]
    assert "Not shown: fewer than 5 results match." in response.content.decode()


def test_figures_appear_from_the_minimum_cell(
    client_as: Any,
    regions: Any,
    make_result: Any,
    model: capacity.CapacityModel,
    django_assert_max_num_queries: Any,
) -> None:
    for level in range(6):
        make_result("podkarpackie", shared=True, answers=answers_at(model, level % 4))
    client, _ = client_as("regional_partner", region=regions["podkarpackie"])
    with django_assert_max_num_queries(17):
        response = client.get(list_url())
    assert response.context["n"] == 6
    assert response.context["distribution_shown"]
    # Six results: no stage can have five with it and five without, so every count is hidden.
    assert all(s["count"] is None for s in response.context["stages"])
    assert all(d["average"] is not None for d in response.context["dimensions"])


def test_the_list_costs_a_fixed_number_of_queries(
    client_as: Any, regions: Any, make_result: Any, django_assert_max_num_queries: Any
) -> None:
    client, _ = client_as("regional_partner", region=regions["lt-klaipeda"])
    for _ in range(5):
        make_result("lt-klaipeda", shared=True)
    with django_assert_max_num_queries(17) as few:
        client.get(list_url())
    for _ in range(5):
        make_result("lt-klaipeda", shared=True)
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(list_url())


def test_csv_export_holds_the_listed_results(client_as: Any, regions: Any, results: dict[str, Any]) -> None:
    client, _ = client_as("regional_partner", region=regions["hu-hr"])
    response = client.get(reverse("assessment:region_export_csv"))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0][:2] == ["Completed", "Region"]
    assert len(rows) == 1 + 2


def test_xlsx_export_holds_the_listed_results(client_as: Any, regions: Any, results: dict[str, Any]) -> None:
    from openpyxl import load_workbook

    client, _ = client_as("regional_partner", region=regions["hu-hr"])
    response = client.get(reverse("assessment:region_export_xlsx"), {"size_class": "medium"})
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert sheet.max_row == 2
    assert sheet.cell(row=1, column=1).value == "Completed"


def test_the_list_is_paged_and_the_pages_keep_the_filters(
    client_as: Any, regions: Any, make_result: Any, model: capacity.CapacityModel
) -> None:
    """All results count in the figures; the table shows them 50 at a time, newest first."""
    from interventures.apps.assessment.views import RESULTS_PER_PAGE

    made = [
        make_result("hu-hr", shared=True, size_class="micro", answers=answers_at(model, 50))
        for _ in range(RESULTS_PER_PAGE + 3)
    ]
    client, _ = client_as("regional_partner", region=regions["hu-hr"])
    first = client.get(list_url(), {"size_class": "micro"})
    assert first.context["n"] == RESULTS_PER_PAGE + 3
    assert len(first.context["rows"]) == RESULTS_PER_PAGE
    html = first.content.decode()
    assert "Page 1 of 2" in html
    assert "?size_class=micro&amp;page=2" in html
    second = client.get(list_url(), {"size_class": "micro", "page": "2"})
    assert tokens(second) | tokens(first) == {str(a.token) for a in made}
    assert len(tokens(second)) == 3
    export = reverse("assessment:region_export_csv")
    assert f'href="{export}?size_class=micro"' in second.content.decode()  # the export takes all pages
