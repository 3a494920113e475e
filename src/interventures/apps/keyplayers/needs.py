"""Where the need of a region's SMEs comes from. The preparedness test (apps/assessment, a floor
above this one) registers its counts in its `AppConfig.ready()`; this app never imports it.

A source returns, for a region, {(dimension, stage): NeedCell(n, with_gap)} and the languages the
region's SMEs work in (the languages they took the test in)."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from interventures.core.ecosystem import NeedCell


@dataclass(frozen=True)
class Need:
    cells: Mapping[tuple[str, str], NeedCell] = field(default_factory=dict)
    languages: frozenset[str] = frozenset()
    source: str = ""


NeedSource = Callable[[Any], Need]
_SOURCES: dict[str, NeedSource] = {}


def register_need_source(name: str, source: NeedSource) -> None:
    _SOURCES[name] = source


def need_for(region: Any) -> Need:
    """The need of `region` summed over every registered source."""
    cells: dict[tuple[str, str], NeedCell] = {}
    languages: set[str] = set()
    names = []
    for name, source in sorted(_SOURCES.items()):
        need = source(region)
        names.append(name)
        languages |= need.languages
        for key, cell in need.cells.items():
            had = cells.get(key, NeedCell(0, 0))
            cells[key] = NeedCell(had.n + cell.n, had.with_gap + cell.with_gap)
    return Need(cells=cells, languages=frozenset(languages), source=", ".join(names))
