"""Cells that leave the platform in a spreadsheet are data, never formulas.

A spreadsheet program treats a cell that starts with `=`, `+`, `-` or `@` as a formula (and a tab or
carriage return before one of them as well), so a respondent's comment `=HYPERLINK(...)` or an
imported `=cmd|' /C calc'!A0` would run when an analyst opens the export. Every CSV the platform
writes passes its cells through `csv_cell`, which prefixes such text with an apostrophe, the
neutralising prefix OWASP recommends and spreadsheet programs hide. XLSX exports write such text
as string cells (`xlsx_cell`), so it shows exactly as typed and is never evaluated.

Numbers stay numbers: a negative amount such as -3.5 is a number in the file, not text, and is not
touched. Only text is neutralised, including text that merely looks numeric ("-3"), because a
reader cannot tell it from a formula fragment.
"""

from __future__ import annotations

from typing import Any

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
"""The characters that make a spreadsheet program read a text cell as a formula."""

CSV_PREFIX = "'"
"""Put before a formula-starting text in CSV (shown by spreadsheets, stripped by `csv_uncell`)."""


def is_formula_like(value: Any) -> bool:
    """True for text that a spreadsheet program would evaluate."""
    return isinstance(value, str) and value.startswith(FORMULA_STARTS)


def csv_cell(value: Any) -> Any:
    """A value safe to write to a CSV cell: formula-starting text gets the apostrophe prefix."""
    if is_formula_like(value):
        return CSV_PREFIX + value
    return value


def csv_row(values: Any) -> list[Any]:
    """`csv_cell` over a row."""
    return [csv_cell(v) for v in values]


def csv_uncell(value: str) -> str:
    """The text `csv_cell` neutralised, as it was (for reading back the platform's own CSV)."""
    if value.startswith(CSV_PREFIX) and is_formula_like(value[1:]):
        return value[1:]
    return value


def xlsx_set(cell: Any, value: Any) -> Any:
    """Write `value` into an openpyxl cell so that text is never a formula; returns the cell."""
    cell.value = value
    if isinstance(value, str):
        cell.data_type = "s"
    return cell


def xlsx_row(sheet: Any, values: Any) -> list[Any]:
    """A row for a write-only openpyxl sheet (`sheet.append(xlsx_row(sheet, values))`), text as text."""
    from openpyxl.cell import WriteOnlyCell

    return [xlsx_set(WriteOnlyCell(sheet), v) for v in values]
