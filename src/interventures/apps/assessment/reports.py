"""What the result page, its PDF and the partner's exports show.

The result itself is presented by the core (`core.capacity.present_result`, the presenter the API and
the CLI use too) from what completion stored; this module adds what only the page and the PDF show
(regional averages, the region's policy instrument, the next stage's conditions as sentences) and
the partner's exports. Reads only; nothing here writes or scores.
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
from interventures.apps.partnership.selectors import region_partners
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


@dataclass
class ResultReport:
    """The presented result (`core.capacity.present_result`, shared with the API and the CLI) with
    what only the page and the PDF add: the regional averages, the region's support and the next
    stage's missing conditions as sentences."""

    assessment: Assessment
    view: capacity.ResultView
    average: selectors.RegionalAverage | None
    instrument: Any = None
    calls: list[Any] = field(default_factory=list)
    services: list[Any] = field(default_factory=list)
    """The region's published services (key players directory) that build the largest gaps."""
    partners: list[Any] = field(default_factory=list)
    """The region's partner organisations in the project, with their public contact where given."""

    @property
    def lang(self) -> str:
        return self.view.lang

    @property
    def model_version(self) -> str:
        return self.view.model_version

    @property
    def overall(self) -> float | None:
        return self.view.overall

    @property
    def coverage(self) -> capacity.Coverage:
        return self.view.coverage

    @property
    def stage(self) -> capacity.StageView:
        return self.view.stage

    @property
    def ladder(self) -> tuple[capacity.StageView, ...]:
        return self.view.ladder

    @property
    def gaps(self) -> tuple[capacity.GapView, ...]:
        return self.view.gaps

    @property
    def plan(self) -> tuple[capacity.StepGroup, ...]:
        return self.view.plan_groups

    @property
    def next_stage(self) -> capacity.NextStageView | None:
        return self.view.next_stage

    @property
    def at_top(self) -> bool:
        return self.view.at_top

    @property
    def dimensions(self) -> list[DimensionRow]:
        averages = self.average.by_dimension if self.average is not None else {}
        return [
            DimensionRow(d.id, d.name, d.description, d.score, averages.get(d.id))
            for d in self.view.dimensions
        ]

    @property
    def next_requirements(self) -> list[str]:
        """What the next stage still needs, in words."""
        missing = self.view.next_stage.missing if self.view.next_stage is not None else ()
        return [requirement_text(r) for r in missing]

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


def result_report(*, assessment: Assessment, lang: str) -> ResultReport:
    """Everything a completed result shows, in `lang`, read with the model version that scored it."""
    instrument, calls = selectors.support_for(assessment=assessment)
    view = selectors.result_view(assessment=assessment, lang=lang_code(lang))
    return ResultReport(
        assessment=assessment,
        view=view,
        average=selectors.regional_average(assessment=assessment),
        instrument=instrument,
        calls=calls,
        services=selectors.services_for(assessment=assessment, gaps=[g.dimension for g in view.gaps]),
        partners=region_partners(assessment.region),
    )


def requirement_text(requirement: capacity.RequirementView) -> str:
    """One unmet entry condition of the next stage, as an SME reads it."""
    kind = requirement.kind
    if kind is capacity.RequirementKind.ITEM:
        return _("Answer at least “%(option)s” to: %(question)s") % {
            "option": requirement.option,
            "question": requirement.label,
        }
    actual = "–" if requirement.actual is None else f"{requirement.actual:.0f}"
    if kind is capacity.RequirementKind.DIMENSION:
        return _("%(dimension)s: at least %(required)s (you: %(actual)s)") % {
            "dimension": requirement.label,
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
