"""The aggregate reads of the preparedness test under disclosure control: the partner's stage
distribution is a set of proportions of its total, so a small stage (or one that leaves few for the
rest) is hidden, with as many others as keep it from being worked out; the page and its chart
carry no hidden count."""

from __future__ import annotations

import json
from collections import Counter
from typing import Any

import pytest
from django.urls import reverse

from interventures.apps.assessment import selectors
from interventures.apps.assessment.models import Assessment
from interventures.apps.common.disclosure import min_cell
from interventures.core import capacity

from .conftest import answers_at

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _reference(reference: dict[str, Any]) -> None:
    """The page's sector filter offers the real NACE sections."""


@pytest.fixture
def skewed(make_result: Any, model: capacity.CapacityModel) -> Counter[str]:
    """14 shared results in one region: 7 at the lowest level, 6 at the highest, 1 in between."""
    for level in [0] * 7 + [99] * 6 + [1]:
        make_result("podkarpackie", shared=True, answers=answers_at(model, level))
    return Counter(Assessment.objects.filter(region__code="podkarpackie").values_list("stage", flat=True))


def _passes(count: int, n: int, k: int) -> bool:
    return count >= k and n - count >= k


def test_small_stages_and_those_that_would_reveal_them_are_hidden(skewed: Counter[str]) -> None:
    k = min_cell()
    assert len(skewed) == 3
    assert min(skewed.values()) == 1
    n, shown = selectors.stage_distribution(queryset=Assessment.objects.filter(region__code="podkarpackie"))
    assert n == 14
    assert shown is not None
    assert set(shown) == {s.id for s in capacity.load_model().stages}
    single = next(stage for stage, c in skewed.items() if c == 1)
    assert shown[single] is None
    for stage, count in shown.items():
        if count is not None:
            assert count == skewed[stage]
            assert _passes(count, n, k)
    # What a reader gets by subtracting the shown counts from n also passes the rule.
    hidden = n - sum(c for c in shown.values() if c is not None)
    assert _passes(hidden, n, k)


def test_the_partner_page_and_its_chart_carry_no_small_stage_count(
    client_as: Any, regions: Any, skewed: Counter[str]
) -> None:
    client, _ = client_as("regional_partner", region=regions["podkarpackie"])
    response = client.get(reverse("assessment:region_results"))
    assert response.context["distribution_shown"]
    n, k = response.context["n"], min_cell()
    for row in response.context["stages"]:
        assert row["count"] is None or _passes(row["count"], n, k)
    spec = response.context["stage_chart"]
    values = [v for data in _datasets(spec) for v in data]
    assert values
    assert all(v.get("count") is None or _passes(v["count"], n, k) for v in values)
    assert 1 not in [v.get("count") for v in values]
    assert "suppressed (below 5, or it would reveal a count that is)" in response.content.decode()


def _datasets(spec: dict[str, Any]) -> list[list[dict[str, Any]]]:
    found: list[list[dict[str, Any]]] = []

    def walk(node: Any) -> None:
        if isinstance(node, dict):
            if isinstance(node.get("values"), list):
                found.append(node["values"])
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(json.loads(json.dumps(spec)))
    return found


def test_a_completed_test_changes_the_need_state_that_keys_the_reports_section_7(
    make_result: Any, regions: Any
) -> None:
    """The report is kept in the cache under its sections' states: a new completed test (which
    changes the need section 7 shows) must give it a new key."""
    from interventures.apps.common.sections import sections_state

    before = sections_state(regions["hu-hr"])
    assert "7=keyplayers:" in before
    make_result("hu-hr")
    after = sections_state(regions["hu-hr"])
    assert after != before
    make_result("lombardia")
    assert sections_state(regions["hu-hr"]) == after  # another region's tests are not hu-hr's need
