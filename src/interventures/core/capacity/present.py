"""The model and a result as an SME reads them, in one language.

`present_result` is the one presenter of a result: the result page, its PDF, the JSON API and the
`interventures assess` command all show what it returns (names, the stage and its ladder, the
requirements of the next stage, the plan), each in its own form. It reads a stored result and never
scores: the exact numbers stay as stored, and only `ResultView.as_dict` rounds them for JSON.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from .model import DONT_KNOW, CapacityModel, check_lang
from .plan import Plan, development_plan
from .scoring import Coverage, RequirementKind, Result, StageProgress


def _round(value: float | None, digits: int = 1) -> float | None:
    return None if value is None else round(value, digits)


def model_as_dict(model: CapacityModel, lang: str) -> dict[str, Any]:
    check_lang(lang)
    return {
        "version": model.version,
        "lang": lang,
        "dont_know": {"id": DONT_KNOW, "label": model.dont_know_label[lang]},
        "dimensions": [
            {
                "id": d.id,
                "name": d.name[lang],
                "description": d.description[lang],
                "items": [item.id for item in model.items_of(d.id)],
            }
            for d in model.dimensions
        ],
        "items": [
            {
                "id": item.id,
                "dimension": item.dimension,
                "text": item.text[lang],
                "help": item.help.get(lang, ""),
                "weight": item.weight,
                "allow_dont_know": item.allow_dont_know,
                "options": [{"id": o.id, "label": o.label[lang], "score": o.score} for o in item.options],
            }
            for item in model.items
        ],
        "stages": [
            {
                "id": s.id,
                "rank": s.rank,
                "name": s.name[lang],
                "description": s.description[lang],
                "min_overall": s.min_overall,
                "min_dimension": dict(s.min_dimension),
                "min_item": dict(s.min_item),
            }
            for s in model.stages
        ],
    }


@dataclass(frozen=True)
class StageView:
    id: str
    rank: int | None  # None: a stage the model no longer has
    name: str
    description: str
    current: bool


@dataclass(frozen=True)
class DimensionView:
    id: str
    name: str
    description: str
    score: float | None  # None: too few answers


@dataclass(frozen=True)
class GapView:
    dimension: str
    name: str
    score: float
    shortfall: float


@dataclass(frozen=True)
class StepView:
    order: int  # numbers the steps of the whole plan from 1
    dimension: str
    dimension_name: str
    text: str


@dataclass(frozen=True)
class StepGroup:
    """The plan's consecutive steps of one dimension."""

    dimension: str
    name: str
    steps: tuple[StepView, ...]


@dataclass(frozen=True)
class RequirementView:
    """One entry condition of the next stage. `label` names what it is about (a dimension's name, an
    item's question; "" for the overall index); for an item, `option` is the label of the lowest
    answer that meets it."""

    kind: RequirementKind
    id: str | None
    label: str
    required: float
    actual: float | None
    met: bool
    option: str | None = None


@dataclass(frozen=True)
class NextStageView:
    id: str
    rank: int
    name: str
    description: str
    requirements: tuple[RequirementView, ...]  # all of them, met or not

    @property
    def missing(self) -> tuple[RequirementView, ...]:
        return tuple(r for r in self.requirements if not r.met)


@dataclass(frozen=True)
class ResultView:
    """A stored result in one language, read with the model version that scored it."""

    lang: str
    result: Result
    stage: StageView
    ladder: tuple[StageView, ...]
    dimensions: tuple[DimensionView, ...]
    gaps: tuple[GapView, ...]
    plan: tuple[StepView, ...]
    next_stage: NextStageView | None  # None on the top rung, or when the progress is not known

    @property
    def model_version(self) -> str:
        return self.result.model_version

    @property
    def overall(self) -> float | None:
        return self.result.overall

    @property
    def coverage(self) -> Coverage:
        return self.result.coverage

    @property
    def at_top(self) -> bool:
        return bool(self.ladder) and self.stage.id == self.ladder[-1].id

    @property
    def plan_groups(self) -> tuple[StepGroup, ...]:
        groups: list[StepGroup] = []
        for step in self.plan:
            if groups and groups[-1].dimension == step.dimension:
                last = groups[-1]
                groups[-1] = StepGroup(last.dimension, last.name, (*last.steps, step))
            else:
                groups.append(StepGroup(step.dimension, step.dimension_name, (step,)))
        return tuple(groups)

    def as_dict(self) -> dict[str, Any]:
        """The JSON form (the API's result and `interventures assess --format json`): scores rounded
        to one decimal, an item's option score to two, and the exact stored result under "result"."""
        return {
            "model_version": self.model_version,
            "lang": self.lang,
            "dimensions": [{"id": d.id, "name": d.name, "score": _round(d.score)} for d in self.dimensions],
            "overall": _round(self.overall),
            "stage": {
                "id": self.stage.id,
                "rank": self.stage.rank,
                "of": len(self.ladder),
                "name": self.stage.name,
                "description": self.stage.description,
            },
            "gaps": [
                {
                    "dimension": g.dimension,
                    "name": g.name,
                    "score": _round(g.score),
                    "shortfall": _round(g.shortfall),
                }
                for g in self.gaps
            ],
            "coverage": {
                "answered": self.coverage.answered,
                "dont_know": self.coverage.dont_know,
                "skipped": self.coverage.skipped,
                "total": self.coverage.total,
            },
            "plan": [
                {
                    "order": s.order,
                    "dimension": s.dimension,
                    "dimension_name": s.dimension_name,
                    "text": s.text,
                }
                for s in self.plan
            ],
            "next_stage": None
            if self.next_stage is None
            else {
                "id": self.next_stage.id,
                "rank": self.next_stage.rank,
                "name": self.next_stage.name,
                "requirements": [
                    {
                        "kind": r.kind.value,
                        "id": r.id,
                        "label": r.label,
                        "required": r.required,
                        "actual": _round(r.actual, 2 if r.kind is RequirementKind.ITEM else 1),
                        "met": r.met,
                    }
                    for r in self.next_stage.requirements
                ],
            },
            "result": self.result.to_dict(),
        }


def present_result(
    model: CapacityModel,
    result: Result,
    lang: str,
    progress: StageProgress | None = None,
    plan: Plan | None = None,
) -> ResultView:
    """`result` (and `progress`, its next stage, stored with it) in `lang`. `model` should be the
    version that scored the result; names of dimensions or stages it no longer has fall back to
    their ids, so older results stay readable."""
    check_lang(lang)
    if plan is None:
        plan = development_plan(model, result, lang)
    dimensions = {d.id: d for d in model.dimensions}

    def name(dimension_id: str) -> str:
        known = dimensions.get(dimension_id)
        return known.name[lang] if known else dimension_id

    ladder = tuple(
        StageView(s.id, s.rank, s.name[lang], s.description[lang], s.id == result.stage) for s in model.stages
    )
    stage = next(
        (s for s in ladder if s.current), StageView(result.stage, None, result.stage, "", current=True)
    )
    return ResultView(
        lang=lang,
        result=result,
        stage=stage,
        ladder=ladder,
        dimensions=tuple(
            DimensionView(
                key,
                name(key),
                dimensions[key].description[lang] if key in dimensions else "",
                value,
            )
            # In the model's order: a result read back from PostgreSQL's jsonb has its keys sorted.
            for key, value in sorted(
                result.dimension_scores.items(),
                key=lambda kv: (
                    list(dimensions).index(kv[0]) if kv[0] in dimensions else len(dimensions),
                    kv[0],
                ),
            )
        ),
        gaps=tuple(GapView(g.dimension, name(g.dimension), g.score, g.shortfall) for g in result.gaps),
        plan=tuple(StepView(s.order, s.dimension, name(s.dimension), s.text) for s in plan.steps),
        next_stage=_next_stage(model, progress, lang),
    )


def _next_stage(model: CapacityModel, progress: StageProgress | None, lang: str) -> NextStageView | None:
    if progress is None or progress.next_stage is None:
        return None
    stage = model.stage(progress.next_stage)
    requirements = []
    for r in progress.requirements:
        label, option = "", None
        if r.kind is RequirementKind.DIMENSION and r.id is not None:
            label = model.dimension(r.id).name[lang]
        elif r.kind is RequirementKind.ITEM and r.id is not None:
            item = model.item(r.id)
            label = item.text[lang]
            wanted = next((o for o in item.options if o.score >= r.required), item.options[-1])
            option = wanted.label[lang]
        requirements.append(RequirementView(r.kind, r.id, label, r.required, r.actual, r.met, option))
    return NextStageView(stage.id, stage.rank, stage.name[lang], stage.description[lang], tuple(requirements))


def result_as_dict(
    model: CapacityModel,
    result: Result,
    lang: str,
    plan: Plan | None = None,
    progress: StageProgress | None = None,
) -> dict[str, Any]:
    """`present_result(...).as_dict()`: a result with names in `lang` and scores rounded to one
    decimal; with `progress`, "next_stage" lists the next stage's conditions, else it is None."""
    return present_result(model, result, lang, progress=progress, plan=plan).as_dict()
