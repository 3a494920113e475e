"""The survey-weighted half of the need measure (docs/methods/ecosystem.md, "Need").

Each survey respondent's capacity answers are scored by the preparedness test's own rule
(core/capacity: dimension scores, the stage, the up to three lowest dimensions as gaps); then, for
every stage and dimension, the share of the region's SMEs at that stage with a gap in that
dimension is estimated with the Situation Analysis' raking weights, with its linearised standard
error and 95 % logit interval (core/stats: R's svyciprop(method = "logit")). The unweighted n and
count behind each share travel with it, so that the minimum cell is checked on the numerator and
its complement before anything is shown.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass

import numpy as np

from interventures.core.capacity import AnswerError, CapacityModel, score
from interventures.core.stats import Estimator, Factor, RakedDesign


@dataclass(frozen=True)
class WeightedNeed:
    """One cell's need from the survey: n respondents at the stage, `with_gap` of them (unweighted)
    with a gap in the dimension, and the weighted share with its interval."""

    n: int
    with_gap: int
    share: float | None
    low: float | None
    high: float | None


def respondent_need(model: CapacityModel, answers: Mapping[str, object]) -> tuple[str | None, frozenset[str]]:
    """The stage and the gap dimensions of one respondent's capacity answers (item id -> option id),
    scored as the preparedness test scores them. (None, ∅) when the answers do not reach an overall
    score (fewer than half the dimensions scored) or are not answers of the model."""
    known = {item.id for item in model.items}
    clean = {k: v for k, v in answers.items() if k in known and v not in (None, "")}
    if not clean:
        return None, frozenset()
    try:
        result = score(model, clean)
    except AnswerError:
        return None, frozenset()
    if result.overall is None:
        return None, frozenset()
    return result.stage, frozenset(g.dimension for g in result.gaps)


def weighted_need(
    design: RakedDesign,
    stages: Sequence[str | None],
    gaps: Sequence[Collection[str]],
    dimensions: Sequence[str],
    *,
    confidence: float = 0.95,
) -> dict[tuple[str, str], WeightedNeed]:
    """(dimension, stage) -> the weighted share of the SMEs at the stage with a gap in the dimension.

    stages[i], gaps[i]: respondent i of the design (None: no stage, left out of every cell)."""
    n = design.n
    if len(stages) != n or len(gaps) != n:
        raise ValueError("Every respondent of the design needs a stage (or None) and its gaps.")
    has_stage = np.array([s is not None for s in stages], dtype=bool)
    data = {}
    for d in dimensions:
        column = np.array([1.0 if d in g else 0.0 for g in gaps])
        column[~has_stage] = np.nan
        data[d] = column
    if not has_stage.any():
        return {}
    estimates = Estimator(confidence=confidence).estimate(
        design, data, proportions=list(dimensions), by={"stage": Factor.from_values(list(stages))}
    )
    out: dict[tuple[str, str], WeightedNeed] = {}
    for e in estimates:
        if e.domain_var != "stage" or e.domain is None or e.n == 0:
            continue
        out[e.variable, e.domain] = WeightedNeed(
            n=e.n, with_gap=int(e.n_yes or 0), share=e.estimate, low=e.ci_low, high=e.ci_high
        )
    return out
