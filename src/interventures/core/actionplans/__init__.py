"""Action planning, without Django: the guided steps, what a plan still lacks before review, whether a
cited piece of evidence has changed since it was cited, indicator progress and the differences between
two versions of a plan."""

from .checklist import STEPS, ActionFacts, IndicatorFacts, Missing, PlanFacts, Step, missing
from .diff import Change, diff, flatten, languages
from .evidence import Cited, Freshness, freshness
from .progress import ActionStatus, indicator_progress, status_counts

__all__ = [
    "STEPS",
    "ActionFacts",
    "ActionStatus",
    "Change",
    "Cited",
    "Freshness",
    "IndicatorFacts",
    "Missing",
    "PlanFacts",
    "Step",
    "diff",
    "flatten",
    "freshness",
    "indicator_progress",
    "languages",
    "missing",
    "status_counts",
]
