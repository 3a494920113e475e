"""Report sections that domain apps contribute, and the blocks they are written in.

The Situation Analysis Report (apps/analysis/report.py) writes its own sections from survey figures
(1–6, 9, 10). Sections that belong to another domain (7 key players, 8 good practices, and any later
ones) are registered here by that domain's app in its `AppConfig.ready()`:

    register_section(7, "players", gettext_lazy("Key players"), build=players_section)

`build(context)` returns the section's blocks for one region and language. The report asks the
registry for each number it lays out; a number nobody registered is shown as "not yet available".
The registry lives on the bottom floor so that a domain app never imports the analysis app (the
layers contract in pyproject.toml forbids that arrow), and the analysis app never imports a domain.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

# ---- blocks -------------------------------------------------------------------------------------


@dataclass
class Table:
    caption: str
    headers: list[str]
    rows: list[list[str]]
    numeric: tuple[int, ...] = ()
    kind: str = "table"


@dataclass
class Paragraph:
    text: str
    note: bool = False
    lang: str = ""
    """The text's language when it is not the document's (user-written text not yet translated)."""
    kind: str = "paragraph"


@dataclass
class Bullets:
    heading: str
    items: list[str]
    empty: str = ""
    lang: str = ""
    """The items' language when it is not the document's."""
    kind: str = "bullets"


@dataclass
class Chart:
    element_id: str
    label: str
    spec: dict[str, Any]
    kind: str = "chart"


Block = Table | Paragraph | Bullets | Chart


@dataclass
class Section:
    number: int
    anchor: str
    title: str
    blocks: list[Block] = field(default_factory=list)

    @property
    def heading(self) -> str:
        return f"{self.number}. {self.title}"


# ---- the registry -------------------------------------------------------------------------------


@dataclass(frozen=True)
class SectionContext:
    """What a contributed section may draw on: the region (a `common.Region`), the reader's language,
    and the region's published figures by identifier (already disclosure-checked)."""

    region: Any
    lang: str
    figures: Mapping[str, Any]


@dataclass(frozen=True)
class SectionProvider:
    number: int
    anchor: str
    title: Any
    """A lazily translated title (`gettext_lazy`), rendered in the reader's language."""
    build: Callable[[SectionContext], list[Block]]
    app: str
    state: Callable[[Any], str] | None = None
    """What the section rests on beyond its app's own content (watched by versions.py) and the
    figures, as a short string of a region (e.g. the count of completed tests): part of the report's
    cache key."""


_PROVIDERS: dict[int, SectionProvider] = {}


class SectionTaken(ValueError):
    """Two apps registered the same section number."""


def register_section(
    number: int,
    anchor: str,
    title: Any,
    *,
    build: Callable[[SectionContext], list[Block]],
    app: str,
    state: Callable[[Any], str] | None = None,
) -> None:
    """Register section `number` of the Situation Analysis Report. Registering the same app again
    (Django may call `ready()` twice in tests) replaces its entry; another app's number is refused."""
    taken = _PROVIDERS.get(number)
    if taken is not None and taken.app != app:
        raise SectionTaken(f"Report section {number} is already registered by {taken.app}.")
    _PROVIDERS[number] = SectionProvider(number, anchor, title, build, app, state)
    from .versions import watch  # models: only once the apps are loaded

    watch(app)  # the report is kept in the cache until content it is built from is written


def section_provider(number: int) -> SectionProvider | None:
    return _PROVIDERS.get(number)


def build_section(provider: SectionProvider, context: SectionContext) -> Section:
    return Section(provider.number, provider.anchor, str(provider.title), provider.build(context))


def registered_numbers() -> list[int]:
    return sorted(_PROVIDERS)


def sections_state(region: Any) -> str:
    """The registered sections and what each rests on beyond watched content, for a cache key."""
    return ",".join(
        f"{n}={p.app}:{p.state(region) if p.state else ''}" for n, p in sorted(_PROVIDERS.items())
    )
