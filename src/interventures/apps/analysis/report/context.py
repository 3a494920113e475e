"""What every section of one region's report reads: the region's latest run and its figures, the other
regions' figures, labels in the reader's language."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import cached_property
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


@dataclass
class ReportContext:
    """Figures are read from the database when a section first asks for them (a section served from
    the document cache asks for none)."""

    region: Region
    lang: str
    report: SituationReport | None
    run: AnalysisRun | None
    other_runs: Mapping[str, AnalysisRun]
    """The latest run of each other region, by region code."""
    region_names: Mapping[str, str]

    @cached_property
    def labels(self) -> Labels:
        return Labels(self.lang, run=self.run)

    @cached_property
    def figures(self) -> Mapping[str, Figure]:
        return figures_by_id(self.run)

    @cached_property
    def other_figures(self) -> Mapping[str, Mapping[str, Figure]]:
        return {code: figures_by_id(run) for code, run in self.other_runs.items()}

    @property
    def fingerprint(self) -> str:
        """What the figure sections show depends on: the runs (a new run is a new id), the reader's
        language and the minimum cell."""
        others = ",".join(f"{code}={run_key(run)}" for code, run in sorted(self.other_runs.items()))
        return f"{self.region.code}:{self.lang}:{run_key(self.run)}:{others}:{min_cell()}"

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


def run_key(run: AnalysisRun | None) -> str:
    """A run as a cache key: its id and when it finished (an id alone can come back in a test database)."""
    return f"{run.pk}@{run.finished_at.isoformat() if run.finished_at else ''}" if run else "-"


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
