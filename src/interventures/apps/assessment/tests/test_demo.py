"""Demo results: synthetic, marked, spread over the five regions with visible differences, idempotent."""

from __future__ import annotations

import io
from typing import Any

import pytest
from django.db.models import Avg

from interventures.apps.accounts.models import Company
from interventures.apps.assessment import demo
from interventures.apps.assessment.models import Answer, Assessment, Status

pytestmark = pytest.mark.django_db


def test_demo_results_are_synthetic_spread_and_idempotent(reference: dict[str, Any]) -> None:
    out = io.StringIO()
    demo.load(out=out)
    n = Assessment.objects.count()
    assert n == demo.PER_REGION * 5
    assert not Assessment.objects.filter(is_demo=False).exists()
    assert not Assessment.objects.exclude(status=Status.COMPLETED).exists()
    assert not Assessment.objects.filter(company__is_demo=False).exists()
    assert Assessment.objects.filter(shared_with_region=True).count() > 0.2 * n
    averages = dict(
        Assessment.objects.values_list("region__code")
        .annotate(avg=Avg("overall"))
        .values_list("region__code", "avg")
    )
    assert set(averages) == set(reference)
    assert max(averages.values()) - min(averages.values()) > 10

    answers, companies = Answer.objects.count(), Company.objects.count()
    demo.load(out=out)  # again: nothing new
    assert Assessment.objects.count() == n
    assert Answer.objects.count() == answers
    assert Company.objects.count() == companies
    assert "0 synthetic demo results created" in out.getvalue()


def test_demo_without_regions_says_what_to_do(db: Any) -> None:
    out = io.StringIO()
    demo.load(out=out)
    assert not Assessment.objects.exists()
    assert "reference load" in out.getvalue()
