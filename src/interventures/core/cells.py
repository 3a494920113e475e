"""Cells that leave the platform in a spreadsheet are data, never formulas.

A spreadsheet program treats a cell that starts with `=`, `+`, `-` or `@` as a formula (and a tab or
carriage return before one of them as well), so a respondent's comment `=HYPERLINK(...)` or an
imported `=cmd|' /C calc'!A0` would run when an analyst opens the export. Every CSV the platform
writes goes through `csv_writer` (or `csv_frame` for a polars table), which prefixes such text with
an apostrophe, the neutralising prefix OWASP recommends and spreadsheet programs hide; the
platform's own CSV reader takes the prefix off again (`csv_uncell`), so an export re-imports to the
answers as typed. XLSX exports write such text as string cells (`xlsx_row`, `xlsx_append`), so it
shows exactly as typed and is never evaluated.

Numbers stay numbers: a negative amount such as -3.5, whether a float or the text "-3.5" of a
number, is written as it is (a spreadsheet reads it as the number it is, never as a formula). Any
other text that starts with one of those characters, "-2+3" included, is neutralised.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterable
from typing import Any

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
"""The characters that make a spreadsheet program read a text cell as a formula."""

CSV_PREFIX = "'"
"""Put before a formula-starting text in CSV (shown by spreadsheets, stripped by `csv_uncell`)."""

NUMBER = re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?")
"""The plain text of a number, which a spreadsheet reads as that number."""


def is_formula_like(value: Any) -> bool:
    """True for text that a spreadsheet program would evaluate (not the plain text of a number)."""
    return isinstance(value, str) and value.startswith(FORMULA_STARTS) and not NUMBER.fullmatch(value)


def _needs_prefix(value: Any) -> bool:
    # Text that already starts with the prefix before a formula gets one more, so that reading it
    # back (`csv_uncell`) gives exactly what was written: "'=x" stays "'=x", not "=x".
    return isinstance(value, str) and (
        is_formula_like(value) or (value.startswith(CSV_PREFIX) and is_formula_like(value.lstrip(CSV_PREFIX)))
    )


def csv_cell(value: Any) -> Any:
    """A value safe to write to a CSV cell: formula-starting text gets the apostrophe prefix."""
    if _needs_prefix(value):
        return CSV_PREFIX + value
    return value


def csv_row(values: Iterable[Any]) -> list[Any]:
    """`csv_cell` over a row."""
    return [csv_cell(v) for v in values]


class SafeWriter:
    """`csv.writer` whose every cell passes through `csv_cell`."""

    def __init__(self, stream: Any, **options: Any) -> None:
        self._writer = csv.writer(stream, **options)

    def writerow(self, row: Iterable[Any]) -> Any:
        return self._writer.writerow(csv_row(row))

    def writerows(self, rows: Iterable[Iterable[Any]]) -> None:
        for row in rows:
            self.writerow(row)


def csv_writer(stream: Any, **options: Any) -> SafeWriter:
    """The platform's CSV writer: `csv.writer` that never writes a formula."""
    return SafeWriter(stream, **options)


def csv_uncell(value: str) -> str:
    """The text `csv_cell` neutralised, as it was (for reading back the platform's own CSV)."""
    if value.startswith(CSV_PREFIX) and _needs_prefix(value[1:]):
        return value[1:]
    return value


def csv_frame(frame: Any) -> Any:
    """A polars DataFrame whose text columns are neutralised as `csv_cell` would (for write_csv)."""
    import polars as pl

    starts = "^[=+\\-@\\t\\r]"
    number = "^" + NUMBER.pattern + "$"
    return frame.with_columns(
        pl.when(pl.col(name).str.contains(starts) & ~pl.col(name).str.contains(number))
        .then(pl.lit(CSV_PREFIX) + pl.col(name))
        .otherwise(pl.col(name))
        .alias(name)
        for name, dtype in frame.schema.items()
        if dtype == pl.String
    )


def xlsx_set(cell: Any, value: Any) -> Any:
    """Write `value` into an openpyxl cell so that text is never a formula; returns the cell."""
    cell.value = value
    if isinstance(value, str):
        cell.data_type = "s"
    return cell


def xlsx_row(sheet: Any, values: Iterable[Any]) -> list[Any]:
    """A row for a write-only openpyxl sheet (`sheet.append(xlsx_row(sheet, values))`), text as text."""
    from openpyxl.cell import WriteOnlyCell

    return [xlsx_set(WriteOnlyCell(sheet), v) for v in values]


def xlsx_append(sheet: Any, values: Iterable[Any]) -> None:
    """`sheet.append(values)` for a normal (not write-only) openpyxl sheet, text as text."""
    sheet.append(list(values))
    for cell in sheet[sheet.max_row]:
        if isinstance(cell.value, str):
            cell.data_type = "s"
