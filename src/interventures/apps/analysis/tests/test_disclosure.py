"""Disclosure control where figures are published (finding 7 of issue 8): the figures CSV, the report
page, its charts and the five-region comparison never show a proportion whose unweighted count
with the attribute, or without it, is below the minimum cell, nor a difference with a hidden side.

The counts are worked out here from the stored responses, as a reader of the raw data would, not
taken from the analysis under test."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable
from typing import Any

import numpy as np
import pytest
from django.urls import reverse

from interventures.apps.accounts.permissions import OPERATOR
from interventures.apps.analysis.comparison import build_comparison
from interventures.apps.analysis.models import AnalysisRun, Figure, SituationReport
from interventures.apps.analysis.report import build_document
from interventures.apps.analysis.services import analysis_run_create, analysis_run_execute
from interventures.apps.surveys.models import Response, ResponseStatus
from interventures.core.situation import build_columns, spec_from

pytestmark = pytest.mark.django_db
K = 5

Truth = Callable[[str, str, str], tuple[int, int]]


def _truth(run: AnalysisRun) -> Truth:
    """(n, count with the attribute) of a proportion in a domain, from the run's raw responses."""
    from interventures.core.capacity import load_model

    campaigns = list(run.campaigns.select_related("region", "version"))
    spec = spec_from(load_model(), campaigns[0].version.form)
    region_of = {c.pk: c.region.code for c in campaigns}
    rows = list(
        Response.objects.filter(campaign__in=campaigns, status=ResponseStatus.SUBMITTED).values_list(
            "campaign_id", "answers"
        )
    )
    columns = build_columns([a for _c, a in rows], [region_of[c] for c, _a in rows], spec)

    def count(variable: str, domain_var: str, domain: str) -> tuple[int, int]:
        values = columns.values[variable]
        mask = ~np.isnan(values)
        if domain_var:
            labels = np.array(getattr(columns, domain_var), dtype=object)
            mask &= labels == domain
        return int(mask.sum()), int(np.sum(values[mask] == 1.0))

    return count


def _passes(n: int, count: int) -> bool:
    return n >= K and count >= K and n - count >= K


@pytest.fixture
def klaipeda(analysed: Any) -> tuple[Any, AnalysisRun, Truth]:
    region, run = analysed("lt-klaipeda", n=45, large=8, seed=3)
    SituationReport.objects.create(region=region, published=True)
    return region, run, _truth(run)


def _targets(run: AnalysisRun, truth: Truth) -> list[Figure]:
    """Proportions over enough respondents whose count or complement is small: the attack."""
    out = []
    for f in run.figures.filter(kind="proportion"):
        n, count = truth(f.variable, f.domain_var, f.domain)
        if n >= K and not _passes(n, count):
            out.append(f)
    return out


def test_the_figures_csv_publishes_no_proportion_with_a_small_count_or_complement(
    client: Any, klaipeda: tuple[Any, AnalysisRun, Truth]
) -> None:
    _region, run, truth = klaipeda
    targets = _targets(run, truth)
    assert any(f.domain == "large" for f in targets)  # e.g. a share of 1 large firm in 8
    response = client.get(reverse("analysis:download", args=["lt-klaipeda", "csv"]))
    rows = {r["identifier"]: r for r in csv.DictReader(io.StringIO(response.content.decode()))}
    for f in targets:
        row = rows[f.identifier]
        assert row["suppressed"] == "1"
        assert row["suppressed_by"] in ("count", "secondary")
        assert row["estimate"] == row["se"] == row["ci_low"] == row["ci_high"] == row["n"] == ""
    for row in rows.values():
        if row["kind"] == "proportion" and row["estimate"]:
            assert _passes(*truth(row["variable"], row["domain_var"], row["domain"])), row["identifier"]


def test_the_report_page_and_its_charts_show_no_such_proportion(
    client: Any, klaipeda: tuple[Any, AnalysisRun, Truth]
) -> None:
    region, run, truth = klaipeda
    targets = {f.identifier for f in _targets(run, truth)}
    doc = build_document(region=region, lang="en", report=None)
    published = {f.identifier for f in run.figures.filter(suppressed=False)}
    seen = set()
    for section in doc.sections:
        for block in section.blocks:
            for row in getattr(block, "rows", []):
                for identifier in set(row) & targets:
                    seen.add(identifier)
                    # The figure's own value cell, the first one after its identifier, says why.
                    after = row[row.index(identifier) + 1 :]
                    value = next(c for c in after if c.startswith("suppressed (") or c.endswith(" %"))
                    assert value.startswith("suppressed ("), row
    assert seen, "the attacked figures are listed in the report, as suppressed"
    for chart in doc.charts():
        text = json.dumps(chart.spec)
        assert not any(identifier in text for identifier in targets)
        for value in _chart_rows(chart.spec):
            if "id" in value:
                assert value["id"] in published
    html = client.get(reverse("analysis:region", args=["lt-klaipeda"])).content.decode()
    assert "suppressed (fewer than 5 respondents with or without this answer)" in html
    assert "at least 5 respondents have the attribute" in html  # the rule, where suppression is explained


def _chart_rows(spec: dict[str, Any]) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = []

    def walk(node: Any) -> None:
        if isinstance(node, dict):
            for key, value in node.items():
                if key in ("values",) and isinstance(value, list):
                    rows.extend(v for v in value if isinstance(v, dict))
                else:
                    walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(spec)
    return rows


def test_the_comparison_publishes_no_such_proportion_and_no_difference_with_a_hidden_side(
    make_survey: Any,
) -> None:
    make_survey("lt-klaipeda", n=8, seed=3)
    make_survey("hu-hr", n=40, seed=1)
    make_survey("lombardia", n=40, seed=2)
    run = analysis_run_execute(run_id=analysis_run_create(user=OPERATOR, region=None, start=False).pk)
    assert run.status == "done", run.error
    truth = _truth(run)
    figures = {f.identifier: f for f in run.figures.all()}
    assert _targets(run, truth), "the small region has proportions with small counts"
    for f in figures.values():
        if f.suppressed:
            assert f.estimate is None
            assert f.se is None
            assert f.ci_low is None
            continue
        if f.kind == "proportion":
            assert _passes(*truth(f.variable, f.domain_var, f.domain)), f.identifier
        if f.kind == "difference":
            for side in (f.domain, f.other):
                assert not figures[f"SAR-ALL-{f.variable}-{side}"].suppressed, f.identifier
    comparison = build_comparison(lang="en")
    hidden = {i for i, f in figures.items() if f.suppressed}
    for section in comparison.sections:
        for code, row in section.lines:
            for (region, _name), cell in zip(comparison.regions, row[1:], strict=False):
                if f"SAR-ALL-{code}-{region}" in hidden:
                    assert "suppressed (" in cell, (code, region, cell)
                else:
                    assert "suppressed (" not in cell, (code, region, cell)
        for _label, table in section.differences:
            for row in table.rows:
                if row[0] in hidden:
                    assert "suppressed (" in " ".join(row), row
        if section.chart is not None:
            for value in _chart_rows(section.chart.spec):
                assert value["estimate"] is not None
