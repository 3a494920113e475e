"""Where the need of a region's SMEs comes from. Two floors above this one register a source in
their `AppConfig.ready()`; this app never imports them:
- the preparedness test (apps/assessment): {(dimension, stage): NeedCell(n, with_gap)}, counts of
  completed tests, and the languages the tests were taken in;
- the Situation Analysis (apps/analysis): `weighted`, {(dimension, stage): WeightedNeed}, the
  survey's weighted shares from the region's latest publishable run, and `survey_languages`, its
  respondents' working languages with their weights (core/ecosystem/languages.py).
docs/methods/ecosystem.md ("Need") says how coverage reads them."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from interventures.core.ecosystem import NeedCell, SurveyLanguages, WeightedNeed


@dataclass(frozen=True)
class Need:
    cells: Mapping[tuple[str, str], NeedCell] = field(default_factory=dict)
    languages: frozenset[str] = frozenset()
    source: str = ""
    weighted: Mapping[tuple[str, str], WeightedNeed] = field(default_factory=dict)
    weighted_from: str = ""  # what the weighted shares rest on (e.g. the analysis run), for the page
    survey_languages: SurveyLanguages | None = None


NeedSource = Callable[[Any], Need]
_SOURCES: dict[str, NeedSource] = {}
_STATES: dict[str, Callable[[Any], str]] = {}


def register_need_source(name: str, source: NeedSource, *, state: Callable[[Any], str]) -> None:
    """`state(region)` is a short string that changes whenever `source(region)` would (for cache
    keys: the report's section 7 is kept until the need it shows changes)."""
    _SOURCES[name] = source
    _STATES[name] = state


def need_state(region: Any) -> str:
    return ";".join(f"{name}:{_STATES[name](region)}" for name in sorted(_SOURCES))


def need_for(region: Any) -> Need:
    """The need of `region` over every registered source: test counts summed, weighted shares
    taken from the (one) source that weighs them."""
    cells: dict[tuple[str, str], NeedCell] = {}
    languages: set[str] = set()
    weighted: dict[tuple[str, str], WeightedNeed] = {}
    weighted_from = ""
    survey_languages: SurveyLanguages | None = None
    names = []
    for name, source in sorted(_SOURCES.items()):
        need = source(region)
        names.append(name)
        languages |= need.languages
        if need.weighted and not weighted:
            weighted, weighted_from = dict(need.weighted), need.weighted_from
        if need.survey_languages is not None and survey_languages is None:
            survey_languages = need.survey_languages
        for key, cell in need.cells.items():
            had = cells.get(key, NeedCell(0, 0))
            cells[key] = NeedCell(had.n + cell.n, had.with_gap + cell.with_gap)
    return Need(
        cells=cells,
        languages=frozenset(languages),
        source=", ".join(names),
        weighted=weighted,
        weighted_from=weighted_from,
        survey_languages=survey_languages,
    )
