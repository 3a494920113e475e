"""Ranking good practices by how well they address a region's measured gaps.

A gap is something measured about the region, under the identifier of the figure that measured it:
a capacity dimension where the region's SMEs score low (SAR-<region>-CAP-<dimension>, 0–100), a
barrier many of them report (SAR-<region>-BAR-<barrier>, a share), an ecosystem or preparedness-test
gap given the same way. Each gap has a weight in [0, 1]; a practice scores the sum of the weights of
the gaps its tags address, and its reasons are those gaps with their figure identifiers, so a reader
(or an Action Plan) can cite why the practice was proposed.

Capacity weights are relative within the region: the weakest measured dimension weighs 1, the
strongest 0, the others in proportion, so that a region whose every dimension is low is still told
where to start. Barrier weights are the share of SMEs reporting the barrier. Suppressed figures
(below the minimum cell) are not evidence and give no gap.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class Gap:
    kind: str
    """The tag kind it matches: "dim" (capacity dimension), "barrier", "service", "stage"."""
    key: str
    identifier: str
    weight: float
    value: float | None = None


@dataclass(frozen=True)
class Candidate:
    key: str
    """The practice's identifier (its slug)."""
    tags: frozenset[tuple[str, str]]


@dataclass(frozen=True)
class Match:
    key: str
    score: float
    reasons: tuple[Gap, ...]
    """The gaps the practice addresses, heaviest first."""


@dataclass(frozen=True)
class FigureValue:
    estimate: float | None
    suppressed: bool = False


def gaps_from_figures(scope: str, figures: Mapping[str, FigureValue]) -> list[Gap]:
    """The region's gaps from its published figures, keyed by identifier (SAR-<scope>-…)."""
    capacity: list[tuple[str, str, float]] = []
    gaps: list[Gap] = []
    cap_prefix, bar_prefix = f"SAR-{scope}-CAP-", f"SAR-{scope}-BAR-"
    for identifier, figure in figures.items():
        if figure.suppressed or figure.estimate is None:
            continue
        if identifier.startswith(cap_prefix):
            key = identifier[len(cap_prefix) :]
            if key != "overall" and "-" not in key:  # overall, and domain breakdowns, are not gaps
                capacity.append((key, identifier, figure.estimate))
        elif identifier.startswith(bar_prefix):
            key = identifier[len(bar_prefix) :]
            if key != "none" and "-" not in key:
                share = min(max(figure.estimate, 0.0), 1.0)
                if share > 0:
                    gaps.append(Gap("barrier", key, identifier, share, figure.estimate))
    if capacity:
        values = [v for _k, _i, v in capacity]
        low, high = min(values), max(values)
        for key, identifier, value in capacity:
            weight = 1.0 if high == low else (high - value) / (high - low)
            if weight > 0:
                gaps.append(Gap("dim", key, identifier, weight, value))
    return gaps


def rank(candidates: Iterable[Candidate], gaps: Sequence[Gap], *, limit: int | None = None) -> list[Match]:
    """Practices that address at least one gap, best first (ties by key, so the order is stable)."""
    out: list[Match] = []
    for candidate in candidates:
        reasons = tuple(
            sorted(
                (g for g in gaps if (g.kind, g.key) in candidate.tags),
                key=lambda g: (-g.weight, g.identifier),
            )
        )
        if reasons:
            out.append(Match(candidate.key, round(sum(g.weight for g in reasons), 6), reasons))
    out.sort(key=lambda m: (-m.score, m.key))
    return out[:limit] if limit is not None else out
