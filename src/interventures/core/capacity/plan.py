"""A development plan: for each gap of a result, the dimension's concrete steps, in a realistic order.

Gaps are taken foundations first (the dimension's `priority` in the model: commitment, money and
people before networks and clustering), and each dimension's steps keep the order the model gives
them. `order` numbers the steps of the whole plan from 1.
"""

from __future__ import annotations

from dataclasses import dataclass

from .model import CapacityModel, check_lang
from .scoring import Result


@dataclass(frozen=True)
class PlanStep:
    dimension: str
    order: int
    text: str


@dataclass(frozen=True)
class Plan:
    lang: str
    steps: tuple[PlanStep, ...]


def development_plan(model: CapacityModel, result: Result, lang: str) -> Plan:
    check_lang(lang)
    known = {d.id for d in model.dimensions}
    # Dimensions of a result scored by another model version may have gone; they get no steps.
    gaps = [g.dimension for g in result.gaps if g.dimension in known]
    gap_dimensions = sorted(gaps, key=lambda dim: (model.dimension(dim).priority, gaps.index(dim)))
    steps: list[PlanStep] = []
    for dimension_id in gap_dimensions:
        for text in model.dimension(dimension_id).steps[lang]:
            steps.append(PlanStep(dimension=dimension_id, order=len(steps) + 1, text=text))
    return Plan(lang=lang, steps=tuple(steps))
