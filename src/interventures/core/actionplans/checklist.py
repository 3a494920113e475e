"""The guided steps of an Action Plan and the checklist of what is missing before it goes to review.

The plan follows the Interreg Europe template: Part I (general information), Part II (policy context
and the type of improvement), Part III (the actions, each with its background, players, timeframe,
costs and funding, and indicators). The platform adds one rule of its own: every action cites at
least one piece of evidence, so that the managing authority can trace it to a finding."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum


class Step(StrEnum):
    CONTEXT = "context"
    EVIDENCE = "evidence"
    ACTIONS = "actions"
    MONEY = "money"
    INDICATORS = "indicators"
    REVIEW = "review"


STEPS: tuple[Step, ...] = tuple(Step)


@dataclass(frozen=True)
class IndicatorFacts:
    name: str
    unit: str
    baseline: object | None
    target: object | None
    source: str


@dataclass(frozen=True)
class ActionFacts:
    title: str
    background: str = ""
    description: str = ""
    players: int = 0
    timeframe: str = ""
    costs: object | None = None
    funding: str = ""
    evidence: int = 0
    indicators: tuple[IndicatorFacts, ...] = ()


@dataclass(frozen=True)
class PlanFacts:
    organisation: bool
    contact: str
    instrument: bool
    improvement_type: str
    context: str
    actions: tuple[ActionFacts, ...] = field(default_factory=tuple)


@dataclass(frozen=True)
class Missing:
    """One gap: the step where it is filled, a code the app turns into a sentence, and the action
    (its position from 0) when the gap belongs to one."""

    step: Step
    code: str
    action: int | None = None


def missing(plan: PlanFacts) -> list[Missing]:
    """Everything the plan still lacks before review, in the order of the steps."""
    out: list[Missing] = []
    if not plan.organisation:
        out.append(Missing(Step.CONTEXT, "organisation"))
    if not plan.contact.strip():
        out.append(Missing(Step.CONTEXT, "contact"))
    if not plan.instrument:
        out.append(Missing(Step.CONTEXT, "instrument"))
    if not plan.improvement_type:
        out.append(Missing(Step.CONTEXT, "improvement_type"))
    if not plan.context.strip():
        out.append(Missing(Step.CONTEXT, "context"))
    if not plan.actions:
        out.append(Missing(Step.ACTIONS, "no_action"))
    for i, a in enumerate(plan.actions):
        if a.evidence == 0:
            out.append(Missing(Step.EVIDENCE, "evidence", i))
        if not a.background.strip():
            out.append(Missing(Step.ACTIONS, "background", i))
        if not a.description.strip():
            out.append(Missing(Step.ACTIONS, "description", i))
        if a.players == 0:
            out.append(Missing(Step.MONEY, "players", i))
        if not a.timeframe.strip():
            out.append(Missing(Step.MONEY, "timeframe", i))
        if a.costs is None:
            out.append(Missing(Step.MONEY, "costs", i))
        if not a.funding.strip():
            out.append(Missing(Step.MONEY, "funding", i))
        if not a.indicators:
            out.append(Missing(Step.INDICATORS, "no_indicator", i))
        for ind in a.indicators:
            if not ind.unit.strip() or ind.baseline is None or ind.target is None or not ind.source.strip():
                out.append(Missing(Step.INDICATORS, "indicator_incomplete", i))
                break
    order = {s: n for n, s in enumerate(STEPS)}
    return sorted(out, key=lambda m: order[m.step])
