"""Reasons for rejected import rows in the reader's language, and the rejected rows as a CSV: the
original cells plus the reasons (translated) and their codes."""

from __future__ import annotations

import io
from collections.abc import Mapping
from typing import Any

from django.utils.translation import gettext_lazy as _

from interventures.apps.common import languages
from interventures.core import cells

from .models import ImportJob
from .services import CELL_MESSAGES

# Reasons found while reading the file or comparing rows; cell errors use CELL_MESSAGES.
ROW_MESSAGES = {
    "cell_count": _(
        "The row has %(cells)s cells but the header has %(columns)s (a truncated or misaligned row)."
    ),
    "incomplete": _("An incomplete response (no submit date)."),
    "duplicate": _("A response with this respondent id or token already exists."),
    "duplicate_row": _("Duplicate of row %(row)s in this file."),
    "calculated": _("This value is calculated by the form (%(expected)s); the file gives %(value)s."),
    "nuts3_format": _(
        "Row %(row)s, column %(column)s: %(value)s is not a NUTS 3 code "
        "(two letters and three letters or digits, e.g. HU231)."
    ),
    "nuts3_unknown": _("Row %(row)s, column %(column)s: %(value)s is not in the NUTS 3 classification."),
    "nuts3_other_region": _(
        "Row %(row)s, column %(column)s: %(value)s is not a NUTS 3 region of %(region)s, the campaign's region."
    ),
    "unknown_language": _(
        "Row %(row)s: the language %(value)s is not one of the survey's languages (%(languages)s)."
    ),
    "formula_without_value": _(
        "Sheet %(sheet)s, cell %(cell)s: the formula %(formula)s was saved without its value; open the "
        "file in a spreadsheet program and save it again, or paste the values."
    ),
    "cell_too_long": _("The cell has %(length)s characters, more than the %(limit)s a cell may hold."),
    "control_character": _(
        "The cell holds a control character (%(char)s) at position %(position)s; remove it."
    ),
}


def reason_text(reason: Mapping[str, Any]) -> str:
    """One stored reason in the active language (the stored English text when the code is unknown)."""
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


def rejected_csv(job: ImportJob) -> bytes:
    rows = list(job.rejected_rows.all())
    columns: list[str] = list(job.options.get("columns", []))
    for r in rows:
        columns += [c for c in r.raw if c not in columns]
    buf = io.StringIO()
    writer = cells.csv_writer(buf)
    writer.writerow(["row", "reasons", "reason_code", *columns])
    for r in rows:
        lines = reason_lines(r.reasons)
        reasons = "; ".join(f"{x['column'] or '-'}: {x['text']}" for x in lines)
        codes = "; ".join(x["code"] for x in lines)
        writer.writerow([r.row_number, reasons, codes, *(r.raw.get(c, "") for c in columns)])
    return buf.getvalue().encode("utf-8-sig")
