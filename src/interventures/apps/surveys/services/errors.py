"""The surveys domain's errors: every refusal a service raises, with a message for the user."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.utils.translation import gettext as _


class SurveyError(Exception):
    """A survey operation that cannot be done; `problems` holds the details (shown to the user)."""

    def __init__(self, message: str, problems: Sequence[str] = ()) -> None:
        super().__init__(message)
        self.problems = list(problems)


class CampaignClosed(SurveyError):
    pass


class ResponseInvalid(SurveyError):
    def __init__(self, message: str, errors: Sequence[Any]) -> None:
        super().__init__(message, [f"{e.question}: {e.message}" for e in errors])
        self.errors = list(errors)


class QuestionnaireInvalid(SurveyError):
    """An edit refused because the resulting form has problems (`details`: core edit Problems)."""

    def __init__(self, details: Sequence[Any]) -> None:
        super().__init__(_("The change was not saved: the questionnaire would have errors."))
        self.details = list(details)
        self.problems = [p.text for p in self.details]


class ResponseSubmitted(SurveyError):
    """The response is complete: its answers can no longer be changed."""

    def __init__(self) -> None:
        super().__init__(_("This response has already been submitted."))
