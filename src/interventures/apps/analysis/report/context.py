"""What every section of one region's report reads: the region's latest run and its figures, the other
regions' figures, labels in the reader's language."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext as _

from interventures.apps.common.disclosure import min_cell
from interventures.apps.common.models import Region
from interventures.apps.common.sections import (
    Paragraph,
)

from ..models import AnalysisRun, Figure, FigureKind, SituationReport
from ..selectors import figure_list
from .labels import Labels


@dataclass(frozen=True)
class ReportContext:
    region: Region
    lang: str
    report: SituationReport | None
    labels: Labels
    run: AnalysisRun | None
    figures: Mapping[str, Figure]
    other_figures: Mapping[str, Mapping[str, Figure]]
    region_names: Mapping[str, str]

    @property
    def scope(self) -> str:
        return self.region.code

    @property
    def diag(self) -> Mapping[str, Any]:
        return self.run.diagnostics if self.run else {}

    @property
    def minimum(self) -> int:
        return min_cell()

    @property
    def no_data(self) -> Paragraph:
        return Paragraph(_("No analysis of this region's survey has been run yet."), note=True)


def figures_by_id(run: AnalysisRun | None) -> dict[str, Figure]:
    return {f.identifier: f for f in figure_list(run=run)}


def overall(figures: Mapping[str, Figure], scope: str, section: str) -> list[Figure]:
    """The region's figures of one section over all its SMEs (no domain, no difference)."""
    return [
        f
        for f in figures.values()
        if f.section == section and f.domain_var == "" and f.kind != FigureKind.DIFFERENCE
    ]


def ranked(rows: Sequence[Figure]) -> list[Figure]:
    """Largest estimate first; suppressed figures last."""
    return sorted(rows, key=lambda f: (f.suppressed, -(f.estimate or 0.0)))
