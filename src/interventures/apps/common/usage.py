"""Which later work uses a record: "used by" providers that higher apps register.

A good practice, a figure or a lesson lives on a lower floor than the Action Plans that cite it, so
its page cannot import them. An app that cites records registers one provider in its
`AppConfig.ready()`:

    register_usage("actionplans", evidence_usage)

and the lower page asks `used_by(user, kind, key)` for the uses the reader may see (kinds: "figure"
with the figure's identifier, "practice" with its slug, "lesson" with its id, ...).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Use:
    label: str
    url: str
    note: str = ""
    lang: str = ""
    """The language `note` is written in ("" when unknown)."""


Provider = Callable[[Any, str, str], list[Use]]

_PROVIDERS: dict[str, Provider] = {}


def register_usage(app: str, provider: Provider) -> None:
    """Register (or replace: Django may call ready() twice in tests) the app's provider."""
    _PROVIDERS[app] = provider


def used_by(user: Any, kind: str, key: str) -> list[Use]:
    out: list[Use] = []
    for app in sorted(_PROVIDERS):
        out.extend(_PROVIDERS[app](user, kind, key))
    return out
