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
    assert report.is_demo
    assert report.published
    assert report.strengths[0].startswith("[Synthetic example]")
    assert "lt-klaipeda" in out.getvalue()
    demo.load(out=io.StringIO())
    assert AnalysisRun.objects.count() == 2
    assert SituationReport.objects.count() == 1


def test_demo_swot_is_written_from_the_regions_own_figures_in_every_language(make_region: Any) -> None:
    """The SWOT agrees with the figures beside it: the strongest and weakest dimension, the rank of
    the overall score among the regions, awareness of the calls and the top barrier, each with the
    figure's identifier and value, and in every language of the platform."""
    import re

    from django.utils import translation

    from interventures.apps.analysis.models import Figure
    from interventures.apps.analysis.report import fmt
    from interventures.apps.surveys import demo as surveys_demo

    make_region("lt-klaipeda", "Klaipėda")
    make_region("podkarpackie", "Podkarpackie")
    surveys_demo.load(out=io.StringIO())
    demo.load(out=io.StringIO())
    overall = {
        f.run.region.code: f.estimate
        for f in Figure.objects.filter(variable="CAP-overall", domain_var="", run__region__isnull=False)
    }
    lowest = min(overall, key=lambda c: overall[c])
    for code in overall:
        report = SituationReport.objects.get(region__code=code)
        own = {
            f.identifier: f
            for f in Figure.objects.filter(run__region__code=code, domain_var="").exclude(kind="difference")
        }
        dims = {i: f for i, f in own.items() if "-CAP-" in i and not i.endswith("-overall")}
        top = max(dims.values(), key=lambda f: f.estimate or 0.0)
        low = min(dims.values(), key=lambda f: f.estimate or 0.0)
        assert top.identifier in report.strengths[0]
        assert fmt(top.estimate) in report.strengths[0]
        assert low.identifier in report.weaknesses[0]
        assert fmt(low.estimate) in report.weaknesses[0]
        rank_line = " ".join(report.strengths + report.weaknesses)
        assert ("the lowest of the 2 regions" in rank_line) == (code == lowest)
        assert ("the lowest of the 2 regions" in " ".join(report.weaknesses)) == (code == lowest)
        for text in [*report.opportunities, *report.threats]:
            (identifier,) = re.findall(r"SAR-[\w-]+", text)
            share = fmt(100 * (own[identifier].estimate or 0.0), 0)
            assert f"{share} %" in text, text
        assert set(report.translations) == {"hu", "hr", "it", "pl", "es", "lt"}
        with translation.override("hu"):
            assert report.swot_in("hu")["strengths"][0].startswith("[Szintetikus példa] A legerősebb")
            assert fmt(top.estimate) in report.swot_in("hu")["strengths"][0]
        assert report.text_language("hu") == "hu"
