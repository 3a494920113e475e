"""Analysis runs: figures stored under stable identifiers, equal to an independent computation;
suppression at storage; the background task's progress and status; failures stored on the run."""

from __future__ import annotations

from typing import Any

import numpy as np
import pytest

from interventures.apps.accounts.permissions import OPERATOR
from interventures.apps.analysis.models import AnalysisRun, Figure, RunStatus
from interventures.apps.analysis.services import (
    AnalysisError,
    analysis_run_create,
    analysis_run_execute,
    situation_report_save,
)
from interventures.apps.common.models import Region
from interventures.apps.surveys.models import PopulationCount, Response

pytestmark = pytest.mark.django_db


def _raked_weights(region: Any) -> tuple[list[dict[str, Any]], np.ndarray]:
    """The responses and their raking weights, computed here with plain numpy (IPF on two margins)."""
    answers = [r.answers for r in Response.objects.filter(campaign__region=region).order_by("pk")]
    size = np.array([a["size_class"] for a in answers])
    sector = np.array([a["nace_section"] for a in answers])
    pop = list(
        PopulationCount.objects.filter(region=region).values_list("size_class", "nace_section", "count")
    )
    w = np.ones(len(answers))
    for _ in range(300):
        for column, j in ((size, 0), (sector, 1)):
            for category in set(column):
                total = sum(c for *cell, c in pop if cell[j] == category)
                w[column == category] *= total / w[column == category].sum()
    return answers, w


def test_stored_figures_equal_an_independent_numpy_computation(analysed: Any) -> None:
    region, run = analysed("hu-hr", n=60)
    answers, w = _raked_weights(region)
    exports = np.array([1.0 if a["exports"] == "yes" else 0.0 for a in answers])
    figure = Figure.objects.get(run=run, identifier="SAR-hu-hr-ACT-exports")
    assert figure.estimate == pytest.approx(float(np.sum(w * exports) / np.sum(w)), rel=1e-8)
    assert figure.n == 60
    assert figure.ci_low < figure.estimate < figure.ci_high
    assert figure.se > 0
    named = np.array([1.0 if "prefinancing" in a["barriers"] else 0.0 for a in answers])
    prefinancing = Figure.objects.get(run=run, identifier="SAR-hu-hr-BAR-prefinancing")
    assert prefinancing.estimate == pytest.approx(float(np.sum(w * named) / np.sum(w)), rel=1e-8)


def test_run_stores_diagnostics_and_one_figure_per_identifier(analysed: Any) -> None:
    _region, run = analysed("lombardia", n=45)
    ids = list(run.figures.values_list("identifier", flat=True))
    assert len(ids) == len(set(ids))
    assert "SAR-lombardia-CAP-finance" in ids
    assert "SAR-lombardia-PRG-aware" in ids
    raking = run.diagnostics["raking"]
    assert raking["converged"]
    assert raking["iterations"] >= 1
    assert 0 < raking["effective_n"] <= 45
    assert run.diagnostics["used"] == 45
    assert run.progress == 100
    assert run.finished_at is not None


def test_domains_with_fewer_than_five_respondents_are_stored_without_values(analysed: Any) -> None:
    _region, run = analysed("podkarpackie", n=45, large=3)
    large = Figure.objects.filter(run=run, domain="large")
    assert large.exists()
    assert not large.filter(suppressed=False).exists()
    assert not large.exclude(estimate=None).exists()
    assert not large.exclude(se=None).exists()
    assert run.diagnostics["sample"]["size_class"]["large"] is None


def test_background_run_reports_progress_and_finishes(
    make_survey: Any, django_capture_on_commit_callbacks: Any
) -> None:
    region = make_survey("lt-klaipeda", n=30)
    seen: list[int] = []
    from interventures.apps.analysis import services

    original = services._progress

    def spy(run_id: int) -> Any:
        report = original(run_id)

        def wrapped(pct: int, stage: str) -> None:
            report(pct, stage)
            seen.append(AnalysisRun.objects.get(pk=run_id).progress)

        return wrapped

    services._progress = spy  # type: ignore[assignment]  # a spy in place of the progress callback
    try:
        with django_capture_on_commit_callbacks(execute=True):
            run = analysis_run_create(user=OPERATOR, region=region)
            assert run.status == RunStatus.QUEUED
    finally:
        services._progress = original  # type: ignore[assignment]  # a spy in place of the progress callback
    run.refresh_from_db()
    assert run.status == RunStatus.DONE
    assert run.progress == 100
    assert seen == sorted(seen)
    assert 0 < seen[0] < 100


def test_a_region_without_population_figures_fails_with_a_message(make_survey: Any) -> None:
    region = make_survey("castilla-y-leon", n=20)
    PopulationCount.objects.filter(region=region).delete()
    run = analysis_run_execute(run_id=analysis_run_create(user=OPERATOR, region=region, start=False).pk)
    assert run.status == RunStatus.FAILED
    assert "population" in run.error
    assert not run.figures.exists()


def test_no_responses_cannot_start_a_run(make_region: Any) -> None:
    with pytest.raises(AnalysisError):
        analysis_run_create(user=OPERATOR, region=make_region("hu-hr"), start=False)


def test_pooled_run_stores_region_figures_and_pairwise_differences(make_survey: Any) -> None:
    make_survey("hu-hr", n=30, seed=1)
    make_survey("lombardia", n=30, seed=2)
    run = analysis_run_execute(run_id=analysis_run_create(user=OPERATOR, region=None, start=False).pk)
    assert run.status == RunStatus.DONE, run.error
    diff = Figure.objects.get(run=run, identifier="SAR-ALL-CAP-finance-hu-hr-vs-lombardia")
    assert diff.kind == "difference"
    assert diff.p_adjusted is not None
    assert diff.n == 30
    assert diff.n_other == 30
    assert Figure.objects.filter(run=run, domain_var="region", kind="mean", domain="hu-hr").exists()
    assert run.diagnostics["raking"]["variables"] == ["size_class", "sector"]
    assert run.diagnostics["raking"]["strata"] == "region"
    # The comparison shows a region's figure as its own report does (each region its own weights).
    hu_hr = Region.objects.get(code="hu-hr")
    own = analysis_run_execute(run_id=analysis_run_create(user=OPERATOR, region=hu_hr, start=False).pk)
    for f in Figure.objects.filter(run=own, domain_var="", kind="mean"):
        pooled = Figure.objects.get(
            run=run, variable=f.variable, domain_var="region", domain="hu-hr", kind="mean"
        )
        assert (pooled.estimate, pooled.n) == pytest.approx((f.estimate, f.n), rel=1e-9)


def test_swot_saved_in_english_and_in_the_region_language(make_region: Any, make_user: Any) -> None:
    region = make_region("hu-hr")
    user = make_user("regional_partner", region=region)
    situation_report_save(
        region=region,
        user=user,
        strengths=["A", " ", "B"],
        weaknesses=[],
        opportunities=[],
        threats=["T"],
        conclusions="Done.",
        published=False,
    )
    report = situation_report_save(
        region=region,
        user=user,
        strengths=["Erősség"],
        weaknesses=[],
        opportunities=[],
        threats=[],
        conclusions="Kész.",
        published=True,
        lang="hu",
    )
    assert report.strengths == ["A", "B"]
    assert report.swot_in("hu")["strengths"] == ["Erősség"]
    assert report.conclusions_in("hr") == "Done."
    assert report.published


def test_swot_points_and_conclusions_have_a_length_limit(make_region: Any, make_user: Any) -> None:
    from interventures.apps.analysis.services import (
        CONCLUSIONS_MAX_CHARS,
        SWOT_POINT_MAX_CHARS,
        SWOT_POINTS_MAX,
        AnalysisError,
    )

    region = make_region("hu-hr")
    user = make_user("regional_partner", region=region)
    fine = {"strengths": ["x" * SWOT_POINT_MAX_CHARS], "weaknesses": [], "opportunities": [], "threats": []}
    situation_report_save(
        region=region, user=user, conclusions="c" * CONCLUSIONS_MAX_CHARS, published=False, **fine
    )
    for swot, conclusions in [
        ({**fine, "threats": ["x" * (SWOT_POINT_MAX_CHARS + 1)]}, ""),
        ({**fine, "weaknesses": ["w"] * (SWOT_POINTS_MAX + 1)}, ""),
        (fine, "c" * (CONCLUSIONS_MAX_CHARS + 1)),
    ]:
        with pytest.raises(AnalysisError):
            situation_report_save(region=region, user=user, conclusions=conclusions, published=False, **swot)
    region.refresh_from_db()
    assert region.situation_report.conclusions == "c" * CONCLUSIONS_MAX_CHARS


def test_a_cited_identifier_resolves_to_the_latest_run(analysed: Any) -> None:
    from interventures.apps.analysis.selectors import figure_get

    region, first = analysed("hu-hr", n=30)
    second = analysis_run_execute(run_id=analysis_run_create(user=OPERATOR, region=region, start=False).pk)
    figure = figure_get(identifier="SAR-hu-hr-CAP-finance")
    assert figure is not None
    assert figure.run == second
    assert first != second
    assert figure_get(identifier="SAR-hu-hr-CAP-nothing") is None


def test_the_service_checks_who_starts_a_run(make_survey: Any, make_user: Any) -> None:
    """Every entry point (page, API, CLI, task) gets the same rule: the service itself refuses a
    user who may not start the run, and a run for no user needs the explicit OPERATOR."""
    from django.core.exceptions import PermissionDenied

    region = make_survey("hu-hr", n=20)
    other = make_survey("lombardia", n=20)
    partner = make_user("regional_partner", region=region)
    for user, target in ((partner, other), (partner, None), (make_user("sme"), region), (None, region)):
        with pytest.raises(PermissionDenied):
            analysis_run_create(user=user, region=target, start=False)
    assert not AnalysisRun.objects.exists()
    run = analysis_run_create(user=partner, region=region, start=False)
    assert run.requested_by == partner
    assert analysis_run_create(user=make_user("coordinator"), region=None, start=False).region is None
