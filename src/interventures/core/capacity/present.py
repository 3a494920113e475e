"""The model and a result as plain, JSON-ready dicts in one language (for the CLI and the JSON API)."""

from __future__ import annotations

from typing import Any

from .model import DONT_KNOW, CapacityModel, check_lang
from .plan import Plan, development_plan
from .scoring import RequirementKind, Result, StageProgress


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, 1)


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


def result_as_dict(
    model: CapacityModel,
    result: Result,
    lang: str,
    plan: Plan | None = None,
    progress: StageProgress | None = None,
) -> dict[str, Any]:
    """A result with names in `lang` and scores rounded to one decimal; `result` holds the exact,
    storable form (`Result.to_dict`). `model` should be the version that scored the result. With
    `progress` (from `stage_progress`), "next_stage" lists the next stage's conditions; else it is None."""
    check_lang(lang)
    if plan is None:
        plan = development_plan(model, result, lang)
    known = {d.id for d in model.dimensions}

    def name(dimension_id: str) -> str:
        return model.dimension(dimension_id).name[lang] if dimension_id in known else dimension_id

    stage_ids = {s.id for s in model.stages}
    stage = model.stage(result.stage) if result.stage in stage_ids else None
    return {
        "model_version": result.model_version,
        "lang": lang,
        "dimensions": [
            {"id": key, "name": name(key), "score": _round(value)}
            for key, value in result.dimension_scores.items()
        ],
        "overall": _round(result.overall),
        "stage": {
            "id": result.stage,
            "rank": stage.rank if stage else None,
            "of": len(model.stages),
            "name": stage.name[lang] if stage else result.stage,
            "description": stage.description[lang] if stage else "",
        },
        "gaps": [
            {
                "dimension": g.dimension,
                "name": name(g.dimension),
                "score": _round(g.score),
                "shortfall": _round(g.shortfall),
            }
            for g in result.gaps
        ],
        "coverage": {
            "answered": result.coverage.answered,
            "dont_know": result.coverage.dont_know,
            "skipped": result.coverage.skipped,
            "total": result.coverage.total,
        },
        "plan": [
            {
                "order": step.order,
                "dimension": step.dimension,
                "dimension_name": name(step.dimension),
                "text": step.text,
            }
            for step in plan.steps
        ],
        "next_stage": None if progress is None else _progress_as_dict(model, progress, lang),
        "result": result.to_dict(),
    }


def _progress_as_dict(model: CapacityModel, progress: StageProgress, lang: str) -> dict[str, Any] | None:
    if progress.next_stage is None:
        return None
    stage = model.stage(progress.next_stage)
    requirements = []
    for r in progress.requirements:
        if r.kind is RequirementKind.DIMENSION and r.id is not None:
            label = model.dimension(r.id).name[lang]
        elif r.kind is RequirementKind.ITEM and r.id is not None:
            label = model.item(r.id).text[lang]
        else:
            label = ""
        requirements.append(
            {
                "kind": r.kind.value,
                "id": r.id,
                "label": label,
                "required": r.required,
                "actual": None
                if r.actual is None
                else round(r.actual, 2 if r.kind is RequirementKind.ITEM else 1),
                "met": r.met,
            }
        )
    return {"id": stage.id, "rank": stage.rank, "name": stage.name[lang], "requirements": requirements}
