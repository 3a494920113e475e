"""Demo: analyse the synthetic survey of each region and the pooled five-region comparison, and write
a SWOT per region, clearly labelled as a synthetic example, published so that the public pages of
the demo show a whole report (a partner can withdraw it to draft). The SWOT is written from the
region's own figures, in every language. Idempotent: a region (or the pooled comparison) that
already has a finished demo run is skipped; an existing SWOT is kept."""

from __future__ import annotations

from typing import Any, TextIO

from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext as _

from interventures.apps.accounts.permissions import OPERATOR
from interventures.apps.common.models import Region
from interventures.apps.surveys.models import Campaign

from .models import Figure, FigureKind, RunStatus, SituationReport
from .report import Labels, fmt
from .selectors import figure_list, runs_publishable
from .services import AnalysisError, analysis_run_create, analysis_run_execute

LANGUAGES = ("en", "hu", "hr", "it", "pl", "es", "lt")


def _swot(region: Region, overall: dict[str, float]) -> dict[str, Any]:
    """The region's demo SWOT and conclusions, written from its own published figures in every
    language (base fields in English, the others as translations), so that the text agrees with
    the figures beside it. overall: every region's overall capacity score, for its rank."""
    run = runs_publishable().filter(region=region, is_demo=True).order_by("-pk").first()
    figures = {
        f.variable: f
        for f in (figure_list(run=run) if run else [])
        if f.domain_var == ""
        and f.kind != FigureKind.DIFFERENCE
        and not f.suppressed
        and f.estimate is not None
    }
    texts = {}
    for lang in LANGUAGES:
        with translation.override(lang):
            texts[lang] = _swot_text(region.code, figures, overall, Labels(lang))
    base = texts.pop("en")
    return {**base, "translations": texts}


def _swot_text(
    code: str, figures: dict[str, Figure], overall: dict[str, float], labels: Labels
) -> dict[str, Any]:
    example = _("[Synthetic example]") + " "
    swot: dict[str, Any] = {"strengths": [], "weaknesses": [], "opportunities": [], "threats": []}
    dims = sorted(
        (f for v, f in figures.items() if v.startswith("CAP-") and v != "CAP-overall"),
        key=lambda f: (f.estimate or 0.0, f.variable),
    )
    if dims:
        top, low = dims[-1], dims[0]
        swot["strengths"].append(
            example
            + _("Strongest capacity dimension: %(dimension)s (score %(score)s of 100, see %(id)s).")
            % {"dimension": labels.of(top.variable), "score": fmt(top.estimate), "id": top.identifier}
        )
        swot["weaknesses"].append(
            example
            + _("Weakest capacity dimension: %(dimension)s (score %(score)s of 100, see %(id)s).")
            % {"dimension": labels.of(low.variable), "score": fmt(low.estimate), "id": low.identifier}
        )
    total = figures.get("CAP-overall")
    if total is not None and code in overall:
        ranked = sorted(overall.values(), reverse=True)
        rank, count = ranked.index(overall[code]) + 1, len(ranked)
        words = {"score": fmt(total.estimate), "id": total.identifier, "rank": rank, "count": count}
        if rank == 1:
            line = _("Overall capacity score %(score)s: the highest of the %(count)s regions (see %(id)s).")
        elif rank == count:
            line = _("Overall capacity score %(score)s: the lowest of the %(count)s regions (see %(id)s).")
        else:
            line = _(
                "Overall capacity score %(score)s: number %(rank)s of %(count)s regions, counted from the highest (see %(id)s)."
            )
        swot["strengths" if rank <= count / 2 else "weaknesses"].append(example + line % words)
    aware = figures.get("PRG-aware")
    if aware is not None and aware.estimate is not None:
        words = {"share": fmt(100 * aware.estimate, 0) + " %", "id": aware.identifier}
        line = (
            _(
                "Only %(share)s of SMEs know the programme's calls (see %(id)s): better outreach can raise take-up."
            )
            if aware.estimate < 0.5
            else _("%(share)s of SMEs know the programme's calls (see %(id)s): a base for more applications.")
        )
        swot["opportunities"].append(example + line % words)
    barriers = sorted(
        (f for v, f in figures.items() if v.startswith("BAR-") and v != "BAR-none"),
        key=lambda f: (f.estimate or 0.0, f.variable),
    )
    if barriers:
        top = barriers[-1]
        swot["threats"].append(
            example
            + _("The barrier SMEs name most often: %(barrier)s (%(share)s, see %(id)s).")
            % {
                "barrier": labels.of(top.variable),
                "share": fmt(100 * (top.estimate or 0.0), 0) + " %",
                "id": top.identifier,
            }
        )
    swot["conclusions"] = example + _(
        "This text was generated from the demo's figures to show where the regional partner writes "
        "its conclusions; it is not a partner's assessment."
    )
    return swot


def _has_demo_run(region: Region | None) -> bool:
    """A publishable one: a demo run made under an older disclosure rule is made again."""
    qs = runs_publishable().filter(is_demo=True)
    return (qs.filter(region=region) if region else qs.filter(region__isnull=True)).exists()


def _run(region: Region | None, out: TextIO, label: str) -> None:
    if _has_demo_run(region):
        return
    try:
        run = analysis_run_create(user=OPERATOR, region=region, is_demo=True, start=False)
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
    overall: dict[str, float] = {}
    for f in Figure.objects.filter(
        run__in=runs_publishable().filter(is_demo=True, region__in=regions),
        variable="CAP-overall",
        domain_var="",
        suppressed=False,
        estimate__isnull=False,
    ).select_related("run__region"):
        if f.run.region is not None and f.estimate is not None:  # always, by the filter
            overall[f.run.region.code] = f.estimate
    for region in regions:
        with transaction.atomic():
            if not SituationReport.objects.filter(region=region).exists():
                SituationReport.objects.create(
                    region=region, published=True, is_demo=True, **_swot(region, overall)
                )
    _run(None, out, "five-region comparison")
