"""What the result page, its PDF and the partner's exports show, assembled once for all three.

Reads only: the stored result, the model version that scored it, the regional averages and the
region's policy instrument. Nothing here writes.
"""

from __future__ import annotations

import io
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

import altair as alt
from django.utils.translation import gettext as _

from interventures.apps.common import languages
from interventures.apps.common.charts import spec_of
from interventures.apps.common.models import SizeClass
from interventures.core import capacity, cells

from . import selectors
from .models import Assessment


def lang_code(code: str | None) -> str:
    """The model language for a Django language code (the model speaks the seven platform languages)."""
    code = languages.base(code)
    return code if code in capacity.LANGS else "en"


@dataclass(frozen=True)
class DimensionRow:
    id: str
    name: str
    description: str
    score: float | None
    average: float | None


@dataclass(frozen=True)
class GapRow:
    id: str
    name: str
    score: float
    shortfall: float


@dataclass(frozen=True)
class PlanGroup:
    dimension: str
    name: str
    steps: list[tuple[int, str]]


@dataclass(frozen=True)
class StageRow:
    id: str
    name: str
    description: str
    current: bool


@dataclass
class ResultReport:
    assessment: Assessment
    lang: str
    model_version: str
    overall: float | None
    stage: StageRow
    ladder: list[StageRow]
    dimensions: list[DimensionRow]
    gaps: list[GapRow]
    plan: list[PlanGroup]
    coverage: capacity.Coverage
    average: selectors.RegionalAverage | None
    instrument: Any = None
    calls: list[Any] = field(default_factory=list)
    next_stage: StageRow | None = None
    next_requirements: list[str] = field(default_factory=list)  # what is still missing, in words

    @property
    def at_top(self) -> bool:
        return self.stage.id == self.ladder[-1].id

    @property
    def average_shown(self) -> bool:
        return self.average is not None and not self.average.suppressed

    def chart_rows(self) -> list[dict[str, Any]]:
        you, region = _("Your enterprise"), _("Regional average")
        rows = []
        for d in self.dimensions:
            if d.score is not None:
                rows.append({"dimension": d.name, "series": you, "score": round(d.score, 1)})
            if self.average_shown and d.average is not None:
                rows.append({"dimension": d.name, "series": region, "score": round(d.average, 1)})
        return rows

    def chart(self, *, width: int | str = "container") -> dict[str, Any]:
        return score_chart(self.chart_rows(), width=width)


def score_chart(rows: list[dict[str, Any]], *, width: int | str = "container") -> dict[str, Any]:
    """Grouped horizontal bars: the SME's score per dimension beside its region's average."""
    dimension, score = _("Dimension"), _("Score (0–100)")
    # The SME's own bars are the figure to see: strong blue, the regional average grey, whatever the
    # names sort to in the reader's language (Vega would otherwise colour them in alphabetical order).
    series = list(dict.fromkeys(row["series"] for row in rows)) or [_("Your enterprise")]
    chart = (
        alt.Chart(alt.Data(values=rows))
        .mark_bar()
        .encode(
            y=alt.Y("dimension:N", title=None, sort=None, axis=alt.Axis(labelLimit=320)),
            yOffset=alt.YOffset("series:N"),
            x=alt.X("score:Q", title=score, scale=alt.Scale(domain=[0, 100])),
            color=alt.Color(
                "series:N",
                title=None,
                scale=alt.Scale(domain=series, range=["#1d4ed8", "#9ca3af"][: len(series)]),
                legend=alt.Legend(orient="bottom"),
            ),
            tooltip=[
                alt.Tooltip("dimension:N", title=dimension),
                alt.Tooltip("series:N", title=" "),
                alt.Tooltip("score:Q", title=score, format=".0f"),
            ],
        )
        .properties(width=width)
    )
    return spec_of(chart)


def _stage_row(stage: capacity.Stage, lang: str, current_id: str) -> StageRow:
    return StageRow(stage.id, stage.name[lang], stage.description[lang], stage.id == current_id)


def result_report(*, assessment: Assessment, lang: str) -> ResultReport:
    """Everything a completed result shows, in `lang`, read with the model version that scored it."""
    lang = lang_code(lang)
    result = capacity.result_from_dict(assessment.result or {})
    model = capacity.load_model(result.model_version)
    average = selectors.regional_average(assessment=assessment)
    averages = average.by_dimension if average is not None else {}
    dimensions = [
        DimensionRow(
            d.id, d.name[lang], d.description[lang], result.dimension_scores.get(d.id), averages.get(d.id)
        )
        for d in model.dimensions
    ]
    names = {d.id: d.name[lang] for d in model.dimensions}
    gaps = [
        GapRow(g.dimension, names.get(g.dimension, g.dimension), g.score, g.shortfall) for g in result.gaps
    ]
    plan_groups: list[PlanGroup] = []
    for step in capacity.development_plan(model, result, lang).steps:
        if not plan_groups or plan_groups[-1].dimension != step.dimension:
            plan_groups.append(PlanGroup(step.dimension, names.get(step.dimension, step.dimension), []))
        plan_groups[-1].steps.append((step.order, step.text))
    ladder = [_stage_row(s, lang, result.stage) for s in model.stages]
    instrument, calls = selectors.support_for(assessment=assessment)
    progress = selectors.stage_progress_of(assessment=assessment)
    next_stage = None
    if progress is not None and progress.next_stage is not None:
        next_stage = _stage_row(model.stage(progress.next_stage), lang, result.stage)
    return ResultReport(
        assessment=assessment,
        lang=lang,
        model_version=result.model_version,
        overall=result.overall,
        stage=next(s for s in ladder if s.current),
        ladder=ladder,
        dimensions=dimensions,
        gaps=gaps,
        plan=plan_groups,
        coverage=result.coverage,
        average=average,
        instrument=instrument,
        calls=calls,
        next_stage=next_stage,
        next_requirements=[_requirement_text(model, r, lang) for r in progress.missing] if next_stage else [],
    )


def _requirement_text(model: capacity.CapacityModel, requirement: capacity.Requirement, lang: str) -> str:
    """One unmet entry condition of the next stage, as an SME reads it."""
    kind = requirement.kind
    if kind is capacity.RequirementKind.ITEM and requirement.id is not None:
        item = model.item(requirement.id)
        wanted = next((o for o in item.options if o.score >= requirement.required), item.options[-1])
        return _("Answer at least “%(option)s” to: %(question)s") % {
            "option": wanted.label[lang],
            "question": item.text[lang],
        }
    actual = "–" if requirement.actual is None else f"{requirement.actual:.0f}"
    if kind is capacity.RequirementKind.DIMENSION and requirement.id is not None:
        return _("%(dimension)s: at least %(required)s (you: %(actual)s)") % {
            "dimension": model.dimension(requirement.id).name[lang],
            "required": f"{requirement.required:.0f}",
            "actual": actual,
        }
    return _("Overall index: at least %(required)s (you: %(actual)s)") % {
        "required": f"{requirement.required:.0f}",
        "actual": actual,
    }


# --- the regional partner's export ---------------------------------------------------------------


def export_header(model: capacity.CapacityModel, lang: str) -> list[str]:
    return [
        _("Completed"),
        _("Region"),
        _("Size"),
        _("Sector"),
        _("Stage"),
        _("Overall index"),
        *[d.name[lang] for d in model.dimensions],
        _("Items answered"),
        _("Don't know"),
        _("Skipped"),
        _("Model version"),
        _("Synthetic demo data"),
    ]


def export_rows(
    assessments: Iterable[Assessment], model: capacity.CapacityModel, lang: str
) -> Iterable[list[Any]]:
    sizes = dict(SizeClass.choices)
    stage_names = {s.id: s.name[lang] for s in model.stages}
    for a in assessments:
        scores = {ds.dimension: ds.score for ds in a.dimension_scores.all()}
        coverage = (a.result or {}).get("coverage", {})
        yield [
            a.completed_at.strftime("%Y-%m-%d") if a.completed_at else "",
            a.region.label if a.region else f"{a.country} {a.nuts3}",
            str(sizes.get(a.size_class, a.size_class)),
            a.sector,
            stage_names.get(a.stage, a.stage),
            _round(a.overall),
            *[_round(scores.get(d.id)) for d in model.dimensions],
            coverage.get("answered", ""),
            coverage.get("dont_know", ""),
            coverage.get("skipped", ""),
            a.model_version,
            _("yes") if a.is_demo else _("no"),
        ]


def _round(value: float | None) -> float | str:
    return "" if value is None else round(value, 1)


def to_csv(header: Sequence[str], rows: Iterable[Sequence[Any]]) -> str:
    buffer = io.StringIO()
    writer = cells.csv_writer(buffer)
    writer.writerow(header)
    writer.writerows(rows)
    return buffer.getvalue()


def to_xlsx(header: Sequence[str], rows: Iterable[Sequence[Any]], *, title: str) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    workbook = Workbook(write_only=False)
    sheet = workbook.active
    sheet.title = title[:31]
    cells.xlsx_append(sheet, header)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in rows:
        cells.xlsx_append(sheet, row)
    sheet.freeze_panes = "A2"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
