"""The survey core: forms, question types, XLSForm expressions and response validation.

Pure Python (no Django), so a form can be checked, and a response file validated, from a notebook.
"""

from .expr import ExpressionError, evaluate, parse_expression, references
from .form import Choice, Form, FormError, Question, language_code, language_column_name
from .types import REGISTRY, QuestionType, question_type
from .validate import CellError, clean_response, relevant_names, validate_response

__all__ = [
    "REGISTRY",
    "CellError",
    "Choice",
    "ExpressionError",
    "Form",
    "FormError",
    "Question",
    "QuestionType",
    "clean_response",
    "evaluate",
    "language_code",
    "language_column_name",
    "parse_expression",
    "question_type",
    "references",
    "relevant_names",
    "validate_response",
]
