"""The analysis demo runs after the surveys demo: one analysis per region with a demo campaign,
the pooled comparison and a draft SWOT labelled synthetic; running it again changes nothing."""

from __future__ import annotations

import io
from typing import Any

import pytest

from interventures.apps.analysis import demo
from interventures.apps.analysis.models import AnalysisRun, SituationReport

pytestmark = pytest.mark.django_db


def test_demo_analyses_every_demo_region_and_the_comparison_idempotently(make_region: Any) -> None:
    from interventures.apps.surveys import demo as surveys_demo

    make_region("lt-klaipeda", "Klaipėda")
    surveys_demo.load(out=io.StringIO())
    out = io.StringIO()
    demo.load(out=out)
    assert AnalysisRun.objects.filter(region__code="lt-klaipeda", status="done", is_demo=True).count() == 1
    assert AnalysisRun.objects.filter(region__isnull=True, status="done", is_demo=True).count() == 1
    report = SituationReport.objects.get(region__code="lt-klaipeda")
    assert report.is_demo and report.published and report.strengths[0].startswith("[Synthetic example]")
    assert "lt-klaipeda" in out.getvalue()
    demo.load(out=io.StringIO())
    assert AnalysisRun.objects.count() == 2 and SituationReport.objects.count() == 1
