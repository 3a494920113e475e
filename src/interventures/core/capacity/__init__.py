"""The SME internationalisation capacity model and its scoring (pure Python, no Django).

See docs/methods/capacity-model.md for the model, the scoring rules and their sources."""

from .model import (
    DONT_KNOW,
    LANGS,
    CapacityModel,
    Dimension,
    Item,
    ModelError,
    Option,
    Stage,
    available_versions,
    check_lang,
    load_model,
    model_from_dict,
)
from .plan import Plan, PlanStep, development_plan
from .present import model_as_dict, result_as_dict
from .scoring import (
    AnswerError,
    Coverage,
    Gap,
    Requirement,
    RequirementKind,
    Result,
    StageProgress,
    result_from_dict,
    score,
    stage_progress,
    validate_answers,
)

__all__ = [
    "DONT_KNOW",
    "LANGS",
    "AnswerError",
    "CapacityModel",
    "Coverage",
    "Dimension",
    "Gap",
    "Item",
    "ModelError",
    "Option",
    "Plan",
    "PlanStep",
    "Requirement",
    "RequirementKind",
    "Result",
    "Stage",
    "StageProgress",
    "available_versions",
    "check_lang",
    "development_plan",
    "load_model",
    "model_as_dict",
    "model_from_dict",
    "result_as_dict",
    "result_from_dict",
    "score",
    "stage_progress",
    "validate_answers",
]
