"""Demo: analyse the synthetic survey of each region and the pooled five-region comparison, and write
a SWOT per region, clearly labelled as a synthetic example, published so that the public pages of
the demo show a whole report (a partner can withdraw it to draft). Idempotent: a region (or the
pooled comparison) that already has a finished demo run is skipped; an existing SWOT is kept."""

from __future__ import annotations

from typing import TextIO

from django.db import transaction

from interventures.apps.partnership.models import Region
from interventures.apps.surveys.models import Campaign

from .models import RunStatus, SituationReport
from .selectors import runs_publishable
from .services import AnalysisError, analysis_run_create, analysis_run_execute

EXAMPLE = "[Synthetic example] "


def _swot(code: str) -> dict[str, list[str] | str]:
    return {
        "strengths": [
            EXAMPLE
            + f"Capacity scores above the lowest region in several dimensions (see SAR-{code}-CAP-overall)."
        ],
        "weaknesses": [
            EXAMPLE
            + f"Financial capacity is the weakest dimension for many SMEs (see SAR-{code}-CAP-finance)."
        ],
        "opportunities": [
            EXAMPLE
            + f"Few SMEs know the programme's calls yet (see SAR-{code}-PRG-aware); better outreach can raise take-up."
        ],
        "threats": [
            EXAMPLE + f"Pre-financing conditions keep SMEs from applying (see SAR-{code}-BAR-prefinancing)."
        ],
        "conclusions": EXAMPLE
        + "This text illustrates where the regional partner writes its conclusions from the "
        "figures above. It was generated for the demo and is not a partner's assessment.",
    }


def _has_demo_run(region: Region | None) -> bool:
    """A publishable one: a demo run made under an older disclosure rule is made again."""
    qs = runs_publishable().filter(is_demo=True)
    return (qs.filter(region=region) if region else qs.filter(region__isnull=True)).exists()


def _run(region: Region | None, out: TextIO, label: str) -> None:
    if _has_demo_run(region):
        return
    try:
        run = analysis_run_create(region=region, is_demo=True, start=False)
    except AnalysisError as exc:
        out.write(f"analysis: {label}: {exc}\n")
        return
    run = analysis_run_execute(run_id=run.pk)
    if run.status == RunStatus.DONE:
        out.write(
            f"analysis: {label}: {run.figures.count()} figures ({run.diagnostics.get('used')} responses).\n"
        )
    else:
        out.write(f"analysis: {label}: failed: {run.error}\n")


def load(*, out: TextIO) -> None:
    regions = list(
        Region.objects.filter(pk__in=Campaign.objects.filter(is_demo=True).values("region")).order_by("code")
    )
    if not regions:
        out.write("analysis: no demo survey campaigns; nothing to analyse.\n")
        return
    for region in regions:
        _run(region, out, region.code)
        with transaction.atomic():
            if not SituationReport.objects.filter(region=region).exists():
                SituationReport.objects.create(
                    region=region, published=True, is_demo=True, **_swot(region.code)
                )
    _run(None, out, "five-region comparison")
