"""The choice files of `select_one_from_file` and `select_multiple_from_file` questions (a CSV,
XML or GeoJSON file the form names and the collecting app is given beside it), read as pyxform's XForm reads
them: each CSV row or XML `item` is a choice, its value the `name` column and its label the
`label` column (or the columns the question's `parameters` name: `value=code label=title`), its
other columns what a choice_filter may test. `label::Language (xx)` columns are its translations."""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from typing import Any

from .form import Choice, Form, language_code
from .tabular import TableError, read_csv

MAX_FILE_BYTES = 2 * 1024 * 1024
"""A choice file (a country's towns or a sector list: thousands of rows are a few hundred kB)."""
MAX_CHOICES = 20_000
CHOICE_FILE_TYPES = ("select_one_from_file", "select_multiple_from_file")


class ChoiceFileError(ValueError):
    """A choice file the platform cannot use; the message says why (English; the app translates
    by `code`, with `params`)."""

    def __init__(self, code: str, message: str, **params: Any) -> None:
        super().__init__(message)
        self.code = code
        self.params = params


def referenced_files(form: Form) -> list[str]:
    """The choice files the form's questions name, in form order, each once."""
    out: list[str] = []
    for q in form.questions:
        if q.type in CHOICE_FILE_TYPES and q.list_name and q.list_name not in out:
            out.append(q.list_name)
    return out


def _columns(form: Form, filename: str) -> tuple[str, str]:
    """The value and label columns the questions naming `filename` use (pyxform's `parameters`;
    a GeoJSON file's features are valued by `id` and labelled by `title`, as ODK reads them)."""
    value, label = ("id", "title") if filename.lower().endswith(".geojson") else ("name", "label")
    for q in form.questions:
        if q.type in CHOICE_FILE_TYPES and q.list_name == filename and q.parameters:
            given = dict(p.split("=", 1) for p in q.parameters.replace(";", " ").split() if "=" in p)
            return given.get("value", value).strip(), given.get("label", label).strip()
    return value, label


def _rows_of(filename: str, data: bytes) -> list[dict[str, str]]:
    if len(data) > MAX_FILE_BYTES:
        raise ChoiceFileError("too_large", "the file is too large", size=len(data), limit=MAX_FILE_BYTES)
    lower = filename.lower()
    if lower.endswith(".csv"):
        try:
            table = read_csv(data, max_rows=MAX_CHOICES)
        except TableError as exc:
            raise ChoiceFileError("unreadable", str(exc)) from exc
        return [dict(zip(table.columns, cells, strict=False)) for _line, cells in table.rows]
    if lower.endswith(".xml"):
        from defusedxml import ElementTree
        from defusedxml.common import DefusedXmlException

        try:
            root = ElementTree.fromstring(data, forbid_dtd=True)
        except (ElementTree.ParseError, DefusedXmlException) as exc:
            raise ChoiceFileError("unreadable", f"not a well-formed XML file: {exc}") from exc
        items = root.findall(".//item")
        if len(items) > MAX_CHOICES:
            raise ChoiceFileError("too_many", "too many choices", size=len(items), limit=MAX_CHOICES)
        return [{child.tag: (child.text or "").strip() for child in item} for item in items]
    if lower.endswith(".geojson"):
        import json

        try:
            document = json.loads(data.decode("utf-8-sig"))
            features = document["features"] if isinstance(document, dict) else None
        except (UnicodeDecodeError, ValueError, KeyError) as exc:
            raise ChoiceFileError("unreadable", f"not a GeoJSON feature collection: {exc}") from exc
        if not isinstance(features, list):
            raise ChoiceFileError("unreadable", "not a GeoJSON feature collection")
        if len(features) > MAX_CHOICES:
            raise ChoiceFileError("too_many", "too many choices", size=len(features), limit=MAX_CHOICES)
        rows = []
        for feature in features:
            properties = feature.get("properties") if isinstance(feature, dict) else None
            row = {
                k: "" if v is None else str(v)
                for k, v in (properties or {}).items()
                if not isinstance(v, (dict, list))
            }
            if isinstance(feature, dict) and feature.get("id") is not None:
                row.setdefault("id", str(feature["id"]))
            rows.append(row)
        return rows
    raise ChoiceFileError("not_csv_or_xml", "only .csv, .xml and .geojson choice files are read")


def read_choice_file(form: Form, filename: str, data: bytes) -> list[dict[str, Any]]:
    """The choices of one of the form's choice files (as `Choice.to_dict()`); ChoiceFileError when
    it cannot be read, has no value column, or holds no choice."""
    if filename not in referenced_files(form):
        raise ChoiceFileError("not_referenced", "no question of the form names this file", name=filename)
    value_col, label_col = _columns(form, filename)
    rows = _rows_of(filename, data)
    if len(rows) > MAX_CHOICES:
        raise ChoiceFileError("too_many", "too many choices", size=len(rows), limit=MAX_CHOICES)
    if not rows:
        raise ChoiceFileError("empty", "the file holds no choice")
    if value_col not in rows[0]:
        raise ChoiceFileError("no_value_column", "the value column is missing", column=value_col)
    out: list[dict[str, Any]] = []
    for row in rows:
        name = str(row.get(value_col) or "").strip()
        if not name:
            continue
        label: dict[str, str] = {}
        filters: dict[str, str] = {}
        for column, cell in row.items():
            text = str(cell or "").strip()
            if column == label_col:
                label[form.default_language] = text
            elif column.startswith(f"{label_col}::") or column.startswith(f"{label_col}:"):
                label[language_code(column.split(":")[-1].strip(), form.default_language)] = text
            elif column != value_col and column:
                filters[column] = text
        out.append(
            Choice(
                name, {k: v for k, v in label.items() if v} or {form.default_language: name}, filters
            ).to_dict()
        )
    if not out:
        raise ChoiceFileError("empty", "the file holds no choice")
    return out


def with_choice_files(form: Form, attachments: Mapping[str, Any]) -> Form:
    """The form with the choices of its attached choice files under the names its questions use
    (`markets.csv`); a file it does not name is left out."""
    named = set(referenced_files(form))
    extra = {
        name: tuple(Choice.from_dict(c) for c in choices)
        for name, choices in attachments.items()
        if name in named and isinstance(choices, list)
    }
    if not extra:
        return form
    return dataclasses.replace(form, choices={**form.choices, **extra})
