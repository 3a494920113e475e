"""XLSForm import and export.

Import reads the workbook with pyxform's own readers (xlsx, xls, csv and markdown XLSForms), checks
every row against what this platform supports, lets pyxform validate the form as ODK would, and
builds a `Form`. Anything unsupported (repeats, geo types, `select_one_from_file`, unknown columns
with values...) is an error naming the sheet, row and column: nothing is dropped silently.

Export writes survey, choices and settings sheets with one column per language, such as
`label::Hungarian (hu)`; importing the exported file gives back the same Form.

XLSForm has one form title: pyxform (and so KoboToolbox and ODK) fails on `form_title::<language>`.
The title's translations go in `form_title_translation::<language>` settings columns, which pyxform
ignores; the reader still takes `form_title::<language>` from files written before.
"""

from __future__ import annotations

import io
import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from openpyxl import Workbook
from pyxform.errors import PyXFormError
from pyxform.xls2json import workbook_to_json
from pyxform.xls2json_backends import get_xlsform

from interventures.core.cells import xlsx_append

from .form import Choice, Form, FormError, Question, language_code, language_column_name, with_group_paths

TYPE_ALIASES = {
    "begin group": "begin_group",
    "begin_group": "begin_group",
    "end group": "end_group",
    "end_group": "end_group",
    "integer": "integer",
    "int": "integer",
    "decimal": "decimal",
    "text": "text",
    "string": "text",
    "date": "date",
    "note": "note",
    "calculate": "calculate",
}
SELECT_ALIASES = {
    "select_one": "select_one",
    "select one": "select_one",
    "select_multiple": "select_multiple",
    "select multiple": "select_multiple",
    "select all that apply": "select_multiple",
}
TRANSLATED = ("label", "hint", "constraint_message")
PLAIN = ("type", "name", "required", "relevant", "constraint", "calculation", "choice_filter")
TITLE_TRANSLATION = "form_title_translation"
TRUE = {"yes", "true", "true()", "1"}
FALSE = {"", "no", "false", "false()", "0"}


@dataclass(frozen=True)
class XLSFormProblem:
    sheet: str
    row: int | None
    column: str | None
    message: str

    def __str__(self) -> str:
        where = self.sheet
        if self.row is not None:
            where += f", row {self.row}"
        if self.column:
            where += f", column {self.column!r}"
        return f"{where}: {self.message}"


class XLSFormError(ValueError):
    def __init__(self, problems: list[XLSFormProblem]) -> None:
        super().__init__("\n".join(str(p) for p in problems))
        self.problems = problems


def _split_column(column: str) -> tuple[str, str | None]:
    if "::" in column:
        base, lang = column.split("::", 1)
        return base.strip().lower(), lang.strip()
    return column.strip().lower(), None


def _languages_in(headers: list[str]) -> list[str]:
    found: list[str] = []
    for h in headers:
        base, lang = _split_column(h)
        if lang is not None and base in TRANSLATED + ("form_title", TITLE_TRANSLATION) and lang not in found:
            found.append(lang)
    return found


def is_binary_non_workbook(data: bytes) -> bool:
    """True for bytes that are neither a spreadsheet (.xlsx zip, old .xls) nor UTF-8 text (the CSV
    and Markdown forms pyxform also reads): a PDF, an image, a Word file uploaded by mistake."""
    if data.startswith((b"PK\x03\x04", b"\xd0\xcf\x11\xe0")):
        return False
    if data.startswith(b"%PDF"):
        return True
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return True
    return b"\x00" in data[:4096]


def read_xlsform(source: str | Path | bytes | IO[bytes], *, name: str | None = None) -> Form:
    """A Form from an XLSForm file (path, bytes or binary file); raises XLSFormError."""
    data: Any = source
    if isinstance(source, Path):
        data = str(source)
    elif hasattr(source, "read"):
        data = source.read()
    if isinstance(data, bytes):
        if is_binary_non_workbook(data):
            raise XLSFormError(
                [XLSFormProblem("file", None, None, "not an XLSForm: an .xlsx workbook is expected")]
            )
        data = io.BytesIO(data)
    try:
        book = get_xlsform(data)
    except Exception as exc:  # a foreign file can fail in any reader (zip, xlrd, csv)
        raise XLSFormError([XLSFormProblem("file", None, None, f"not a readable XLSForm: {exc}")]) from exc
    problems: list[XLSFormProblem] = []
    settings_rows = list(getattr(book, "settings", None) or [])
    settings: dict[str, str] = dict(settings_rows[0]) if settings_rows else {}
    survey_rows: list[dict[str, str]] = list(getattr(book, "survey", None) or [])
    choice_rows: list[dict[str, str]] = list(getattr(book, "choices", None) or [])
    if not survey_rows:
        raise XLSFormError([XLSFormProblem("survey", None, None, "the survey sheet is missing or empty")])
    survey_headers = [h for h in (getattr(book, "survey_header", None) or [{}])[0] if h]
    choice_headers = [h for h in (getattr(book, "choices_header", None) or [{}])[0] if h]
    for sheet in ("external_choices", "entities"):
        if getattr(book, sheet, None):
            problems.append(XLSFormProblem(sheet, None, None, "this sheet is not supported"))

    default_setting = settings.get("default_language", "")
    col_langs = _languages_in(survey_headers + choice_headers + list(settings))
    default = (
        language_code(default_setting)
        if default_setting
        else (language_code(col_langs[0]) if col_langs else "en")
    )
    languages = [language_code(x, default) for x in col_langs]
    if not languages:
        languages = [default]
    elif default not in languages:
        languages.insert(0, default)

    questions: list[Question] = []
    for index, row in enumerate(survey_rows):
        rownum = index + 2
        if not row:
            continue
        q = _question_from_row(row, rownum, default, problems)
        if q is not None:
            questions.append(q)

    choices: dict[str, list[Choice]] = {}
    for index, row in enumerate(choice_rows):
        rownum = index + 2
        if not row:
            continue
        list_name = (row.get("list_name") or row.get("list name") or "").strip()
        cname = (row.get("name") or "").strip()
        if not list_name or not cname:
            column = "list_name" if not list_name else "name"
            problems.append(
                XLSFormProblem("choices", rownum, column, "a choice needs a list_name and a name")
            )
            continue
        label: dict[str, str] = {}
        filters: dict[str, str] = {}
        for column, value in row.items():
            base, lang = _split_column(column)
            if column.startswith("$") or base in ("list_name", "list name", "name"):
                continue
            if base == "label":
                label[language_code(lang or "", default)] = value
            elif base in ("image", "audio", "video", "media") or lang is not None:
                problems.append(
                    XLSFormProblem(
                        "choices",
                        rownum,
                        column,
                        "media and other translated choice columns are not supported",
                    )
                )
            else:
                filters[column] = value
        choices.setdefault(list_name, []).append(Choice(cname, label, filters))

    if problems:
        raise XLSFormError(problems)
    try:  # pyxform's own checks (names, references, groups), as ODK tools would apply them
        workbook_to_json(book, form_name="data", warnings=[])  # the XML root name, not ours
    except PyXFormError as exc:
        raise XLSFormError([XLSFormProblem("survey", None, None, str(exc))]) from exc

    title: dict[str, str] = {}
    for column, value in settings.items():
        base, lang = _split_column(column)
        if base in ("form_title", TITLE_TRANSLATION) and value:
            title[language_code(lang or "", default)] = value
    form = Form(
        id=settings.get("form_id") or re.sub(r"[^A-Za-z0-9_]+", "_", name or "form").strip("_") or "form",
        version=str(settings.get("version", "")),
        title=title,
        default_language=default,
        languages=tuple(languages),
        questions=with_group_paths(questions),
        choices={k: tuple(v) for k, v in choices.items()},
    )
    try:
        form.check()
    except FormError as exc:
        raise XLSFormError([XLSFormProblem("survey", None, None, p) for p in exc.problems]) from exc
    return form


def _question_from_row(
    row: Mapping[str, str], rownum: int, default: str, problems: list[XLSFormProblem]
) -> Question | None:
    raw_type = re.sub(r"\s+", " ", (row.get("type") or "").strip())
    if not raw_type:
        problems.append(XLSFormProblem("survey", rownum, "type", "the type is missing"))
        return None
    list_name = ""
    lowered = raw_type.lower()
    qtype = TYPE_ALIASES.get(lowered)
    if qtype is None:
        for alias, target in sorted(SELECT_ALIASES.items(), key=lambda kv: -len(kv[0])):
            if lowered.startswith(alias + " "):
                rest = raw_type[len(alias) :].strip()
                if " or_other" in rest or " " in rest:
                    problems.append(
                        XLSFormProblem(
                            "survey",
                            rownum,
                            "type",
                            f"{raw_type!r}: or_other and other select modifiers are not supported",
                        )
                    )
                    return None
                qtype, list_name = target, rest
                break
    if qtype is None:
        problems.append(
            XLSFormProblem(
                "survey",
                rownum,
                "type",
                f"question type {raw_type!r} is not supported "
                "(supported: select_one, select_multiple, integer, decimal, text, date, "
                "note, calculate, begin/end group)",
            )
        )
        return None
    fields: dict[str, Any] = {"label": {}, "hint": {}, "constraint_message": {}}
    ok = True
    for column, value in row.items():
        base, lang = _split_column(column)
        if column.startswith("$"):
            continue  # KoboToolbox's internal ids ($kuid, $autoname): not form content
        if base in TRANSLATED:
            fields[base][language_code(lang or "", default)] = value
        elif base in PLAIN and lang is None:
            fields[base] = value.strip()
        else:
            problems.append(XLSFormProblem("survey", rownum, column, f"column {column!r} is not supported"))
            ok = False
    required = str(fields.get("required", "")).strip().lower()
    if required not in TRUE | FALSE:
        problems.append(
            XLSFormProblem(
                "survey", rownum, "required", "required must be yes or no (a condition is not supported)"
            )
        )
        ok = False
    name = fields.get("name", "")
    if not name and qtype != "end_group":
        problems.append(XLSFormProblem("survey", rownum, "name", "the name is missing"))
        ok = False
    if not ok:
        return None
    return Question(
        name=name,
        type=qtype,
        label=fields["label"],
        hint=fields["hint"],
        list_name=list_name,
        required=required in TRUE,
        relevant=fields.get("relevant", ""),
        constraint=fields.get("constraint", ""),
        constraint_message=fields["constraint_message"],
        calculation=fields.get("calculation", ""),
        choice_filter=fields.get("choice_filter", ""),
    )


def _form_languages(form: Form) -> list[str]:
    langs = list(form.languages) or [form.default_language]
    if form.default_language not in langs:
        langs.insert(0, form.default_language)
    return langs


def write_xlsform(form: Form, target: str | Path | IO[bytes]) -> None:
    """Write `form` as an .xlsx XLSForm (survey, choices, settings sheets)."""
    langs = _form_languages(form)
    wb = Workbook()
    survey = wb.active
    survey.title = "survey"

    def used(attr: str) -> bool:
        return any(getattr(q, attr) for q in form.questions)

    columns: list[tuple[str, str, str | None]] = [("type", "type", None), ("name", "name", None)]
    for attr in TRANSLATED:
        if used(attr):
            columns += [(f"{attr}::{language_column_name(lang)}", attr, lang) for lang in langs]
    columns += [
        (c, c, None)
        for c in ("required", "relevant", "constraint", "calculation", "choice_filter")
        if used(c)
    ]
    xlsx_append(survey, [c[0] for c in columns])
    for q in form.questions:
        row: list[Any] = []
        for _header, attr, lang in columns:
            if attr == "type":
                xtype = {"begin_group": "begin group", "end_group": "end group"}.get(q.type, q.type)
                row.append(f"{xtype} {q.list_name}" if q.list_name else xtype)
            elif attr == "name":
                row.append("" if q.type == "end_group" else q.name)
            elif lang is not None:
                row.append(getattr(q, attr).get(lang, ""))
            elif attr == "required":
                row.append("yes" if q.required else "")
            else:
                row.append(getattr(q, attr))
        xlsx_append(survey, [v if v != "" else None for v in row])

    sheet = wb.create_sheet("choices")
    filter_columns: list[str] = []
    for choices in form.choices.values():
        for c in choices:
            filter_columns += [k for k in c.filters if k not in filter_columns]
    xlsx_append(
        sheet,
        ["list_name", "name"] + [f"label::{language_column_name(lang)}" for lang in langs] + filter_columns,
    )
    for list_name, choices in form.choices.items():
        for c in choices:
            xlsx_append(
                sheet,
                [list_name, c.name]
                + [c.label.get(lang) or None for lang in langs]
                + [c.filters.get(k) or None for k in filter_columns],
            )

    settings = wb.create_sheet("settings")
    title_langs = [lang for lang in langs if lang in form.title]
    header = ["form_id", "version", "default_language", "form_title"]
    values: list[Any] = [
        form.id,
        form.version or None,
        language_column_name(form.default_language),
        form.title.get(form.default_language) or None,
    ]
    for lang in title_langs:
        if lang != form.default_language:
            header.append(f"{TITLE_TRANSLATION}::{language_column_name(lang)}")
            values.append(form.title[lang])
    xlsx_append(settings, header)
    xlsx_append(settings, values)
    if isinstance(target, (str, Path)):
        wb.save(str(target))
    else:
        wb.save(target)


def xlsform_bytes(form: Form) -> bytes:
    buf = io.BytesIO()
    write_xlsform(form, buf)
    return buf.getvalue()
