"""Writes for the analysis domain: start and execute analysis runs (storing their figures), and save
the partner-written SWOT and conclusions of a region's Situation Analysis Report."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from interventures.apps.accounts.permissions import OPERATOR, Action, can
from interventures.apps.common.disclosure import min_cell
from interventures.apps.common.models import Region
from interventures.apps.surveys.models import Campaign, PopulationCount, Response, ResponseStatus
from interventures.core.situation import SituationAnalysis, build_columns, spec_from
from interventures.core.situation.analysis import POOLED

from .models import AnalysisRun, Figure, RunStatus, SituationReport

SWOT_KEYS = ("strengths", "weaknesses", "opportunities", "threats")
# A SWOT point is a sentence or two; the conclusions a few pages of the report.
SWOT_POINT_MAX_CHARS = 500
SWOT_POINTS_MAX = 30
CONCLUSIONS_MAX_CHARS = 10_000


class AnalysisError(Exception):
    """A run cannot start or failed; the message is for the user."""


def _campaigns_for(region: Region | None) -> list[Campaign]:
    qs = Campaign.objects.select_related("region", "version").order_by("region__code", "pk")
    if region is not None:
        qs = qs.filter(region=region)
    return [c for c in qs if c.responses.filter(status=ResponseStatus.SUBMITTED).exists()]


def analysis_run_create(
    *, user: Any, region: Region | None, is_demo: bool = False, start: bool = True
) -> AnalysisRun:
    """A queued run over the region's campaigns (all regions' campaigns when region is None); the
    background task is sent once the transaction commits. `user` must be the region's partner or
    the coordinator (pooled: the coordinator), or OPERATOR for the command line and the demo."""
    if user is not OPERATOR and not can(user, Action.EDIT, AnalysisRun(region=region)):
        raise PermissionDenied(_("Only the region's partner or the coordinator can start an analysis."))
    campaigns = _campaigns_for(region)
    if not campaigns:
        raise AnalysisError(_("There are no submitted survey responses to analyse."))
    with transaction.atomic():
        run = AnalysisRun.objects.create(
            region=region,
            requested_by=user if getattr(user, "is_authenticated", False) else None,
            is_demo=is_demo,
        )
        run.campaigns.set(campaigns)
        if start:
            from .tasks import analysis_run_task

            transaction.on_commit(lambda: analysis_run_task.delay(run.pk))
    return run


def _progress(run_id: int) -> Any:
    def report(pct: int, stage: str) -> None:
        AnalysisRun.objects.filter(pk=run_id).update(progress=min(99, 10 + pct * 8 // 10), stage=stage)

    return report


def _population(regions: Sequence[Region]) -> list[tuple[str, str, str, float]]:
    """(region, size class, sector, enterprises): each region's most recent year, summed over NUTS."""
    rows: list[tuple[str, str, str, float]] = []
    for region in regions:
        qs = PopulationCount.objects.filter(region=region)
        year = qs.aggregate(y=Max("year"))["y"]
        cells: dict[tuple[str, str], float] = {}
        for size, section, count in qs.filter(year=year).values_list("size_class", "nace_section", "count"):
            cells[size, section] = cells.get((size, section), 0.0) + float(count)
        rows.extend((region.code, size, section, count) for (size, section), count in sorted(cells.items()))
    return rows


def analysis_run_execute(*, run_id: int) -> AnalysisRun:
    """Run the analysis and store its figures; a failure is stored on the run, never raised."""
    run = AnalysisRun.objects.select_related("region").get(pk=run_id)
    if run.status in (RunStatus.DONE, RunStatus.RUNNING):
        return run
    AnalysisRun.objects.filter(pk=run.pk).update(
        status=RunStatus.RUNNING, progress=5, stage="loading", started_at=timezone.now()
    )
    try:
        campaigns = list(run.campaigns.select_related("region", "version").order_by("region__code", "pk"))
        if not campaigns:
            raise AnalysisError(_("The run has no campaigns."))
        from interventures.core.capacity import load_model

        spec = spec_from(load_model(), campaigns[0].version.form)
        region_of = {c.pk: c.region.code for c in campaigns}
        rows = list(
            Response.objects.filter(campaign__in=campaigns, status=ResponseStatus.SUBMITTED)
            .order_by("pk")
            .values_list("campaign_id", "answers")
        )
        columns = build_columns([a for _c, a in rows], [region_of[c] for c, _a in rows], spec)
        regions = list({c.region.pk: c.region for c in campaigns}.values())
        scope = run.region.code if run.region is not None else POOLED
        result = SituationAnalysis(min_cell=min_cell()).run(
            columns, _population(regions), scope=scope, progress=_progress(run.pk)
        )
        with transaction.atomic():
            Figure.objects.filter(run=run).delete()
            Figure.objects.bulk_create(
                [Figure(run=run, section=f.section, **asdict(f)) for f in result.figures],
                batch_size=500,
            )
            run.diagnostics = dict(result.diagnostics)
            run.status, run.progress, run.stage = RunStatus.DONE, 100, "done"
            run.finished_at = timezone.now()
            run.save(update_fields=["diagnostics", "status", "progress", "stage", "finished_at"])
    except Exception as exc:  # noqa: BLE001 - any failure is the run's outcome, shown on its page
        run.status, run.stage, run.error = RunStatus.FAILED, "failed", str(exc) or exc.__class__.__name__
        run.finished_at = timezone.now()
        run.save(update_fields=["status", "stage", "error", "finished_at"])
    return run


def _clean_list(items: Sequence[str]) -> list[str]:
    return [str(item).strip() for item in items if str(item).strip()]


def _check_lengths(*, swot: dict[str, Sequence[str]], conclusions: str) -> None:
    for items in swot.values():
        points = _clean_list(items)
        if len(points) > SWOT_POINTS_MAX:
            raise AnalysisError(_("A SWOT list may have at most %(max)s points.") % {"max": SWOT_POINTS_MAX})
        if any(len(point) > SWOT_POINT_MAX_CHARS for point in points):
            raise AnalysisError(
                _("A SWOT point may have at most %(max)s characters.") % {"max": SWOT_POINT_MAX_CHARS}
            )
    if len(conclusions.strip()) > CONCLUSIONS_MAX_CHARS:
        raise AnalysisError(
            _("The conclusions may have at most %(max)s characters.") % {"max": CONCLUSIONS_MAX_CHARS}
        )


def situation_report_save(
    *,
    region: Region,
    user: Any,
    strengths: Sequence[str],
    weaknesses: Sequence[str],
    opportunities: Sequence[str],
    threats: Sequence[str],
    conclusions: str,
    published: bool,
    lang: str = "en",
) -> SituationReport:
    """Save the SWOT and conclusions; in English into the base fields, in another language into the
    report's translations."""
    _check_lengths(
        swot={
            "strengths": strengths,
            "weaknesses": weaknesses,
            "opportunities": opportunities,
            "threats": threats,
        },
        conclusions=conclusions,
    )
    values = {
        "strengths": _clean_list(strengths),
        "weaknesses": _clean_list(weaknesses),
        "opportunities": _clean_list(opportunities),
        "threats": _clean_list(threats),
        "conclusions": conclusions.strip(),
    }
    with transaction.atomic():
        report, _created = SituationReport.objects.select_for_update().get_or_create(region=region)
        if lang == "en":
            for key, value in values.items():
                setattr(report, key, value)
        else:
            translations = dict(report.translations or {})
            translations[lang] = values
            report.translations = translations
        report.published = published
        report.updated_by = user if getattr(user, "is_authenticated", False) else None
        report.save()
    return report
