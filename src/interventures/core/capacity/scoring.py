"""Scoring answers against a capacity model: dimension scores, overall index, stage, gaps, coverage.

The rules are written out, with their reasons, in docs/methods/capacity-model.md. In short:
- a dimension score (0-100) is the weighted mean of the scores of its answered items; skipped and
  "don't know" answers are left out of the mean, never counted as the lowest option;
- a dimension with fewer than half of its items answered has no score (None: insufficient);
- the overall index is the plain mean of the dimensions that have a score, and None when fewer than
  half of the dimensions have one;
- the stage is the highest rung of the ladder whose entry conditions, and those of every rung below
  it, all hold;
- the gaps are the (up to) three lowest-scoring dimensions, shortfall = 100 - score.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from .model import DONT_KNOW, CapacityModel, Stage

GAP_COUNT = 3
RESULT_FORMAT = 1
PROGRESS_FORMAT = 1


class AnswerError(ValueError):
    """An answer that does not fit the model; `item_id` names the offending item (None: the whole set)."""

    def __init__(self, message: str, item_id: str | None = None) -> None:
        super().__init__(message)
        self.item_id = item_id
        self.message = message


@dataclass(frozen=True)
class Gap:
    dimension: str
    score: float
    shortfall: float  # 100 - score


@dataclass(frozen=True)
class Coverage:
    answered: int  # items answered with a scored option
    dont_know: int
    skipped: int
    total: int


@dataclass(frozen=True)
class Result:
    model_version: str
    dimension_scores: Mapping[str, float | None]
    overall: float | None
    stage: str
    gaps: tuple[Gap, ...]
    coverage: Coverage

    def to_dict(self) -> dict[str, Any]:
        return {
            "format": RESULT_FORMAT,
            "model_version": self.model_version,
            "dimension_scores": dict(self.dimension_scores),
            "overall": self.overall,
            "stage": self.stage,
            "gaps": [
                {"dimension": g.dimension, "score": g.score, "shortfall": g.shortfall} for g in self.gaps
            ],
            "coverage": {
                "answered": self.coverage.answered,
                "dont_know": self.coverage.dont_know,
                "skipped": self.coverage.skipped,
                "total": self.coverage.total,
            },
        }


def _optional_float(value: Any) -> float | None:
    return None if value is None else float(value)


def result_from_dict(d: Mapping[str, Any]) -> Result:
    """Read a stored result back. It needs no model, so results scored by an older model version
    (whose dimensions may since have been renamed or dropped) stay readable; render them with
    `load_model(result.model_version)`."""
    coverage = d.get("coverage") or {}
    return Result(
        model_version=str(d["model_version"]),
        dimension_scores={str(k): _optional_float(v) for k, v in (d.get("dimension_scores") or {}).items()},
        overall=_optional_float(d.get("overall")),
        stage=str(d["stage"]),
        gaps=tuple(
            Gap(dimension=str(g["dimension"]), score=float(g["score"]), shortfall=float(g["shortfall"]))
            for g in d.get("gaps") or ()
        ),
        coverage=Coverage(
            answered=int(coverage.get("answered", 0)),
            dont_know=int(coverage.get("dont_know", 0)),
            skipped=int(coverage.get("skipped", 0)),
            total=int(coverage.get("total", 0)),
        ),
    )


def validate_answers(model: CapacityModel, answers: Mapping[str, object]) -> dict[str, str]:
    """The answers as a clean `{item_id: option_id}`; `None` or "" mean skipped and are dropped.

    Raises AnswerError naming the item for an unknown item, an unknown option, "don't know" where the
    item does not allow it, or a value that is not a string."""
    if not isinstance(answers, Mapping):
        raise AnswerError("answers must be an object mapping item ids to option ids")
    clean: dict[str, str] = {}
    for item_id, option_id in answers.items():
        if not isinstance(item_id, str):
            raise AnswerError(f"item id {item_id!r} is not a string", None)
        try:
            item = model.item(item_id)
        except KeyError:
            raise AnswerError(f"unknown item {item_id!r} (model version {model.version})", item_id) from None
        if option_id is None or option_id == "":
            continue
        if not isinstance(option_id, str):
            raise AnswerError(
                f"answer to item {item_id!r} must be an option id string, not {type(option_id).__name__}",
                item_id,
            )
        if option_id == DONT_KNOW:
            if not item.allow_dont_know:
                raise AnswerError(f"item {item_id!r} does not allow {DONT_KNOW!r}", item_id)
        elif not any(o.id == option_id for o in item.options):
            valid = ", ".join(o.id for o in item.options)
            raise AnswerError(
                f"unknown option {option_id!r} for item {item_id!r}; expected one of: {valid}", item_id
            )
        clean[item_id] = option_id
    return clean


class RequirementKind(StrEnum):
    OVERALL = "overall"
    DIMENSION = "dimension"
    ITEM = "item"


@dataclass(frozen=True)
class Requirement:
    """One entry condition of a stage: `actual` must be at least `required`. For a dimension or the
    overall index the scale is 0-100; for an item it is the option score 0-1 (None: not answered)."""

    kind: RequirementKind
    id: str | None  # the dimension or item id; None for the overall index
    required: float
    actual: float | None
    met: bool


@dataclass(frozen=True)
class StageProgress:
    stage: str  # the stage reached
    next_stage: str | None  # None on the top rung
    requirements: tuple[Requirement, ...]  # all entry conditions of the next stage, met or not

    @property
    def missing(self) -> tuple[Requirement, ...]:
        return tuple(r for r in self.requirements if not r.met)

    def to_dict(self) -> dict[str, Any]:
        return {
            "format": PROGRESS_FORMAT,
            "stage": self.stage,
            "next_stage": self.next_stage,
            "requirements": [
                {"kind": r.kind.value, "id": r.id, "required": r.required, "actual": r.actual, "met": r.met}
                for r in self.requirements
            ],
        }


def stage_progress_from_dict(d: Mapping[str, Any]) -> StageProgress:
    """Read a stored stage progress back (like `result_from_dict`, without the model)."""
    next_stage = d.get("next_stage")
    return StageProgress(
        stage=str(d["stage"]),
        next_stage=None if next_stage is None else str(next_stage),
        requirements=tuple(
            Requirement(
                kind=RequirementKind(r["kind"]),
                id=None if r.get("id") is None else str(r["id"]),
                required=float(r["required"]),
                actual=_optional_float(r.get("actual")),
                met=bool(r["met"]),
            )
            for r in d.get("requirements") or ()
        ),
    )


def _requirement(kind: RequirementKind, id: str | None, required: float, actual: float | None) -> Requirement:
    return Requirement(
        kind=kind, id=id, required=required, actual=actual, met=actual is not None and actual >= required
    )


def _requirements(
    stage: Stage, overall: float | None, dims: Mapping[str, float | None], option_scores: Mapping[str, float]
) -> tuple[Requirement, ...]:
    found = []
    if stage.min_overall > 0:
        found.append(_requirement(RequirementKind.OVERALL, None, stage.min_overall, overall))
    for dimension_id, minimum in stage.min_dimension.items():
        found.append(_requirement(RequirementKind.DIMENSION, dimension_id, minimum, dims.get(dimension_id)))
    for item_id, minimum in stage.min_item.items():
        found.append(_requirement(RequirementKind.ITEM, item_id, minimum, option_scores.get(item_id)))
    return tuple(found)


@dataclass(frozen=True)
class _Scored:
    option_scores: dict[str, float]
    dont_know: int
    answered_or_dont_know: int
    dimension_scores: dict[str, float | None]
    overall: float | None
    stage: Stage
    next_requirements: tuple[Requirement, ...]


def score(model: CapacityModel, answers: Mapping[str, object]) -> Result:
    return score_with_progress(model, answers)[0]


def stage_progress(model: CapacityModel, answers: Mapping[str, object]) -> StageProgress:
    """The stage the answers reach and what the next stage asks for (what is still missing)."""
    return score_with_progress(model, answers)[1]


def score_with_progress(model: CapacityModel, answers: Mapping[str, object]) -> tuple[Result, StageProgress]:
    """The complete result of one set of answers, scored once: the `Result` and the `StageProgress`
    towards the next stage. Both are stored at completion, so showing a result never scores again."""
    scored = _score(model, answers)
    order = {d.id: i for i, d in enumerate(model.dimensions)}
    lowest = sorted(
        (value, order[key], key)
        for key, value in scored.dimension_scores.items()
        if value is not None and value < 100.0
    )
    gaps = tuple(
        Gap(dimension=key, score=value, shortfall=100.0 - value) for value, _, key in lowest[:GAP_COUNT]
    )
    total = len(model.items)
    result = Result(
        model_version=model.version,
        dimension_scores=scored.dimension_scores,
        overall=scored.overall,
        stage=scored.stage.id,
        gaps=gaps,
        coverage=Coverage(
            answered=len(scored.option_scores),
            dont_know=scored.dont_know,
            skipped=total - scored.answered_or_dont_know,
            total=total,
        ),
    )
    following = [s for s in model.stages if s.rank == scored.stage.rank + 1]
    progress = StageProgress(
        stage=scored.stage.id,
        next_stage=following[0].id if following else None,
        requirements=scored.next_requirements,
    )
    return result, progress


def _score(model: CapacityModel, answers: Mapping[str, object]) -> _Scored:
    clean = validate_answers(model, answers)
    option_scores: dict[str, float] = {}
    dont_know = 0
    for item_id, option_id in clean.items():
        if option_id == DONT_KNOW:
            dont_know += 1
        else:
            option_scores[item_id] = model.item(item_id).option(option_id).score

    dimension_scores: dict[str, float | None] = {}
    for dimension in model.dimensions:
        items = model.items_of(dimension.id)
        answered = [item for item in items if item.id in option_scores]
        if 2 * len(answered) < len(items):
            dimension_scores[dimension.id] = None
            continue
        weights = math.fsum(item.weight for item in answered)
        mean = math.fsum(item.weight * option_scores[item.id] for item in answered) / weights
        dimension_scores[dimension.id] = min(100.0, max(0.0, 100.0 * mean))

    available = [v for v in dimension_scores.values() if v is not None]
    overall = None
    if available and 2 * len(available) >= len(model.dimensions):
        overall = min(100.0, max(0.0, math.fsum(available) / len(available)))

    stage = model.stages[0]
    next_requirements: tuple[Requirement, ...] = ()
    for candidate in model.stages[1:]:
        next_requirements = _requirements(candidate, overall, dimension_scores, option_scores)
        if not all(r.met for r in next_requirements):
            break
        stage = candidate
        next_requirements = ()
    return _Scored(
        option_scores=option_scores,
        dont_know=dont_know,
        answered_or_dont_know=len(clean),
        dimension_scores=dimension_scores,
        overall=overall,
        stage=stage,
        next_requirements=next_requirements,
    )
