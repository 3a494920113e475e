"""The Situation Analysis of one region (or of the five regions pooled): survey answers turned into
analysis columns, raked to the population margins, estimated with their uncertainty and checked for
disclosure. Pure Python (numpy and interventures.core.stats); never imports Django.

docs/methods/situation-report.md describes the columns, the weighting and the figure identifiers."""

from .analysis import (
    AnalysisResult,
    FigureKind,
    FigureRow,
    SituationAnalysis,
    collapse_categories,
)
from .columns import Columns, FigureUnit, QuestionnaireSpec, build_columns, spec_from

__all__ = [
    "AnalysisResult",
    "Columns",
    "FigureKind",
    "FigureRow",
    "FigureUnit",
    "QuestionnaireSpec",
    "SituationAnalysis",
    "build_columns",
    "collapse_categories",
    "spec_from",
]
