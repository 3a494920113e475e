"""The one catalogue of the messages the surveys domain shows for a refused answer, cell or file."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import replace
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from interventures.apps.common import languages
from interventures.core.survey.tabular import LimitError
from interventures.core.survey.validate import MESSAGES

CELL_MESSAGES = {
    "unknown_question": gettext_lazy("There is no such question in the form."),
    "not_integer": gettext_lazy("Not a whole number."),
    "out_of_range": gettext_lazy(
        "The number is outside the accepted range (at most 1,000,000,000,000 either side of zero)."
    ),
    "calculated": gettext_lazy("This value is calculated by the form and differs from the calculation."),
    "not_number": gettext_lazy("Not a number."),
    "not_date": gettext_lazy("Not a date (use YYYY-MM-DD)."),
    "not_a_choice": gettext_lazy("Not one of the allowed answers."),
    "required": gettext_lazy("An answer is required."),
    "constraint": gettext_lazy("The answer does not meet the question's condition."),
    "not_relevant": gettext_lazy(
        "The question does not apply given the other answers (skip logic), so it must be empty."
    ),
    "no_answer_expected": gettext_lazy("This item takes no answer."),
    "bad_expression": gettext_lazy("The form's expression could not be evaluated."),
    "not_time": gettext_lazy("Not a time (use HH:MM)."),
    "not_datetime": gettext_lazy("Not a date and time (use YYYY-MM-DDTHH:MM)."),
    "not_geopoint": gettext_lazy("Not a location (use latitude and longitude in degrees, e.g. 47.5 19.05)."),
    "not_instances": gettext_lazy("A repeat group's answer must be a list of its instances."),
    "not_a_ranking": gettext_lazy("Give each choice its own place, and every choice a place."),
}
INSTANCE_PREFIX = gettext_lazy("Repeat group %(repeat)s, instance %(instance)s: %(text)s")
"""A reason found in one instance of a repeat group (the core's CellError params say which)."""
NESTED_INSTANCE_PREFIX = gettext_lazy("Repeat group instance %(path)s: %(text)s")
"""A reason found in an instance of a repeat inside a repeat, named by its whole address
(`partner[2]/contact[1]`), so that the outer instance is said too."""


def cell_message(error: Any) -> str:
    """The error's message in the active language (the form's own constraint messages stay)."""
    if error.message == MESSAGES.get(error.code) and error.code in CELL_MESSAGES:
        return str(CELL_MESSAGES[error.code])
    return str(error.message)


def error_messages(errors: Sequence[Any]) -> list[Any]:
    return [replace(e, message=cell_message(e)) for e in errors]


def limit_message(exc: LimitError) -> str:
    """A file over a limit, said in the reader's language with the limit and what the file has."""
    from django.template.defaultfilters import filesizeformat
    from django.utils.formats import number_format

    size, limit = exc.params.get("size", 0), exc.params.get("limit", 0)
    if exc.code in ("too_large", "expands_too_far"):
        params = {"size": filesizeformat(size), "limit": filesizeformat(limit)}
    else:
        params = {
            "size": number_format(size, force_grouping=True),
            "limit": number_format(limit, force_grouping=True),
        }
    texts = {
        "too_large": _(
            "The file is %(size)s; files of up to %(limit)s are accepted. Split it and import the parts."
        ),
        "expands_too_far": _(
            "The workbook expands to %(size)s when opened; up to %(limit)s is accepted. Save it again as a plain .xlsx or CSV."
        ),
        "too_many_parts": _("The workbook holds %(size)s parts; up to %(limit)s are accepted."),
        "too_many_rows": _(
            "The file has more than %(limit)s rows; up to %(limit)s are accepted. Split it and import the parts."
        ),
        "too_many_columns": _("The file has %(size)s columns; up to %(limit)s are accepted."),
        "too_many_instances": _(
            "The repeat groups' sheets have %(size)s rows together; up to %(limit)s are accepted. Split the file and import the parts."
        ),
    }
    return texts.get(exc.code, str(exc)) % params


# Reasons found while reading the file or comparing rows; cell errors use CELL_MESSAGES.
ROW_MESSAGES = {
    "cell_count": gettext_lazy(
        "The row has %(cells)s cells but the header has %(columns)s (a truncated or misaligned row)."
    ),
    "incomplete": gettext_lazy("An incomplete response (no submit date)."),
    "duplicate": gettext_lazy("A response with this respondent id or token already exists."),
    "duplicate_row": gettext_lazy("Duplicate of row %(row)s in this file."),
    "calculated": gettext_lazy(
        "This value is calculated by the form (%(expected)s); the file gives %(value)s."
    ),
    "nuts3_format": gettext_lazy(
        "Row %(row)s, column %(column)s: %(value)s is not a NUTS 3 code "
        "(two letters and three letters or digits, e.g. HU231)."
    ),
    "nuts3_unknown": gettext_lazy(
        "Row %(row)s, column %(column)s: %(value)s is not in the NUTS 3 classification."
    ),
    "nuts3_other_region": gettext_lazy(
        "Row %(row)s, column %(column)s: %(value)s is not a NUTS 3 region of %(region)s, the campaign's region."
    ),
    "unknown_language": gettext_lazy(
        "Row %(row)s: the language %(value)s is not one of the survey's languages (%(languages)s)."
    ),
    "formula_without_value": gettext_lazy(
        "Sheet %(sheet)s, cell %(cell)s: the formula %(formula)s was saved without its value; open the "
        "file in a spreadsheet program and save it again, or paste the values."
    ),
    "cell_too_long": gettext_lazy(
        "The cell has %(length)s characters, more than the %(limit)s a cell may hold."
    ),
    "orphan_instance": gettext_lazy(
        "%(table)s, row %(table_row)s: this repeat group's row belongs to no response in the file "
        "(its parent key is not in the main sheet)."
    ),
    "control_character": gettext_lazy(
        "The cell holds a control character (%(char)s) at position %(position)s; remove it."
    ),
}


def reason_text(reason: Mapping[str, Any]) -> str:
    """One stored reason in the active language (the stored English text when the code is unknown),
    naming the repeat group's instance it was found in."""
    params = reason.get("params") or {}
    text = _reason_text(reason)
    if "/" in str(params.get("path") or ""):
        return str(NESTED_INSTANCE_PREFIX) % {"path": params["path"], "text": text}
    if "repeat" in params and "instance" in params:
        return str(INSTANCE_PREFIX) % {
            "repeat": params["repeat"],
            "instance": params["instance"],
            "text": text,
        }
    return text


def _reason_text(reason: Mapping[str, Any]) -> str:
    code = reason.get("code", "")
    params = reason.get("params") or {}
    if code == "duplicate" and "row" in params:
        code = "duplicate_row"
    if code == "constraint":
        # The form's own condition message, in the reader's language when the form has it.
        messages = params.get("messages") or {}
        language = languages.current()
        if messages:
            return str(messages.get(language) or reason.get("message") or CELL_MESSAGES["constraint"])
    template = ROW_MESSAGES.get(code) or CELL_MESSAGES.get(code)
    if template is None:
        return str(reason.get("message", code))
    try:
        return str(template) % params if "%(" in str(template) else str(template)
    except (KeyError, TypeError, ValueError):  # a reason stored before it had its parameters
        return str(reason.get("message", code))


def reason_lines(reasons: list[Mapping[str, Any]]) -> list[dict[str, str]]:
    return [
        {"column": r.get("column") or "", "code": r.get("code", ""), "text": reason_text(r)} for r in reasons
    ]
