"""Reads for the analysis domain. Figures are aggregates that passed disclosure control; the
partner-written report is scoped by the permissions module."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import QuerySet
from django.utils import timezone

from interventures.apps.accounts.permissions import Action, access, can, visible
from interventures.apps.common.disclosure import min_cell
from interventures.apps.common.models import Region
from interventures.core.stats import DISCLOSURE_RULE
from interventures.core.survey import Form

from .models import AnalysisRun, Figure, RunStatus, SituationReport


def runs_publishable() -> QuerySet[AnalysisRun]:
    """Finished runs whose figures may be published: suppressed under the current disclosure rule
    with a minimum cell at least the current setting. A run made under an older rule, or with a
    smaller minimum cell, publishes nothing until it is run again."""
    return AnalysisRun.objects.filter(
        status=RunStatus.DONE,
        diagnostics__disclosure_rule=DISCLOSURE_RULE,
        diagnostics__min_cell__gte=min_cell(),
    )


def run_latest(*, region: Region | None) -> AnalysisRun | None:
    """The most recent publishable run of the region (of the pooled comparison when region is None)."""
    qs = runs_publishable().select_related("region")
    qs = qs.filter(region=region) if region is not None else qs.filter(region__isnull=True)
    return qs.order_by("-finished_at", "-pk").first()


def run_latest_by_region() -> dict[str, AnalysisRun]:
    """Region code -> its most recent publishable run."""
    out: dict[str, AnalysisRun] = {}
    qs = runs_publishable().filter(region__isnull=False).select_related("region")
    for run in qs.order_by("-finished_at", "-pk"):
        if run.region is not None:  # always, by the filter above
            out.setdefault(run.region.code, run)
    return out


#: A run queued or running for longer than this is taken as lost (its worker died), so a new one may start.
STALE_AFTER = dt.timedelta(hours=1)


def run_pending(*, region: Region | None) -> AnalysisRun | None:
    qs = AnalysisRun.objects.filter(
        status__in=[RunStatus.QUEUED, RunStatus.RUNNING], created_at__gte=timezone.now() - STALE_AFTER
    )
    qs = qs.filter(region=region) if region is not None else qs.filter(region__isnull=True)
    return qs.order_by("-pk").first()


def run_get(*, user: Any, pk: int) -> AnalysisRun:
    """A run's progress page: the region's partnership roles and the coordinator (pooled runs: the
    coordinator), through the permissions module."""
    return access(user, AnalysisRun.objects.select_related("region"), pk=pk)


def run_can_start(*, user: Any, region: Region | None) -> bool:
    """Starting a run: the region's partner and the coordinator (pooled: the coordinator)."""
    return can(user, Action.EDIT, AnalysisRun(region=region))


def run_status(run: AnalysisRun) -> dict[str, Any]:
    return {
        "id": run.pk,
        "status": run.status,
        "progress": run.progress,
        "stage": run.stage,
        "error": run.error,
        "finished": run.status in (RunStatus.DONE, RunStatus.FAILED),
    }


def figure_list(*, run: AnalysisRun | None) -> QuerySet[Figure]:
    if run is None:
        return Figure.objects.none()
    return Figure.objects.filter(run=run).order_by("pk")


def situation_report_get(*, user: Any, region: Region) -> SituationReport | None:
    """The region's report if the user may see it (published: everyone; drafts: the region's
    partnership roles and the coordinator)."""
    return visible(user, SituationReport.objects.filter(region=region)).first()


def situation_report_exists(*, region: Region) -> bool:
    return SituationReport.objects.filter(region=region).exists()


def situation_report_for_export(*, region: Region) -> SituationReport | None:
    """The region's report, draft or published: for the command line, which has database access."""
    return SituationReport.objects.filter(region=region).first()


def situation_report_draft(*, region: Region) -> SituationReport:
    """An unsaved empty report, for a region whose partner has not written one yet."""
    return SituationReport(region=region)


def situation_report_can_edit(*, user: Any, report: SituationReport) -> bool:
    return can(user, Action.EDIT, report)


def situation_report_can_view(*, user: Any, report: SituationReport) -> bool:
    return can(user, Action.VIEW, report)


def region_report_links(*, user: Any, regions: Any) -> list[Region]:
    """The regions whose report the user may open: published ones, and drafts for those who may see them."""
    visible_regions = set(visible(user, SituationReport.objects.all()).values_list("region_id", flat=True))
    written = set(SituationReport.objects.values_list("region_id", flat=True))
    return [
        r
        for r in regions
        if r.pk in visible_regions
        or (r.pk not in written and can(user, Action.VIEW, SituationReport(region=r)))
    ]


def figure_get(*, identifier: str) -> Figure | None:
    """The current value of a cited figure (e.g. from an Action Plan): the figure with this identifier
    in the most recent publishable run that has it."""
    return (
        Figure.objects.filter(identifier=identifier, run__in=runs_publishable())
        .select_related("run", "run__region")
        .order_by("-run__finished_at", "-run__pk")
        .first()
    )


def run_forms(*, run: AnalysisRun) -> list[Form]:
    """The questionnaires (as forms) of the campaigns a run analysed, each once, oldest first."""
    versions = {c.version_id: c.version for c in run.campaigns.select_related("version").order_by("pk")}
    return [v.form for v in versions.values()]
