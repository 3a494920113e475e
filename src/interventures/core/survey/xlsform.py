"""XLSForm import and export.

Import reads the workbook with pyxform's own readers (xlsx, xls, csv and markdown XLSForms) and
understands every spelling pyxform does: headers in any case, `label::French` and `label:French`,
`select one from LIST`, `or_other`, `id_string`, comment rows, nameless notes, `required` given as a
condition. Every XLSForm question type is accepted (types.py says which ones the platform's web form
asks; the others are collected in another tool and accepted in imports). Every column, setting and
XLSForm sheet the platform does not model (appearance, bind::*, media, entities, external_choices...)
is kept on the form and written back on export. pyxform then converts the form as KoboToolbox and
ODK would; every problem is reported with its sheet, row and column.

Export writes survey, choices and settings sheets with one column per language, such as
`label::Hungarian (hu)` (a language the file named itself keeps that name), plus every carried
column and sheet; importing the exported file gives back the same Form.

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

from .form import Choice, Form, Question, language_code, language_column_name, with_group_paths

# XLSForm type spellings (pyxform's question_type_dictionary) -> this platform's type name.
TYPE_ALIASES: dict[str, str] = {
    **dict.fromkeys(("integer", "int", "q int", "add integer prompt", "percentage"), "integer"),
    **dict.fromkeys(
        ("number of days in last month", "number of days in last six months", "number of days in last year"),
        "integer",
    ),
    **dict.fromkeys(("decimal", "q decimal", "add decimal prompt"), "decimal"),
    **dict.fromkeys(("text", "string", "q string", "add text prompt", "phone number"), "text"),
    **dict.fromkeys(("date", "q date", "add date prompt"), "date"),
    "time": "time",
    **dict.fromkeys(
        ("datetime", "date time", "q datetime", "q date time", "add datetime prompt", "add date time prompt"),
        "datetime",
    ),
    **dict.fromkeys(("note", "q note", "add note prompt"), "note"),
    **dict.fromkeys(("calculate", "q calculate", "add calculate prompt"), "calculate"),
    **dict.fromkeys(("acknowledge", "q acknowledge", "add acknowledge prompt", "trigger"), "acknowledge"),
    **dict.fromkeys(
        ("geopoint", "q geopoint", "location", "q location", "gps", "add location prompt"), "geopoint"
    ),
    **dict.fromkeys(("geotrace", "q geotrace"), "geotrace"),
    **dict.fromkeys(("geoshape", "q geoshape"), "geoshape"),
    **dict.fromkeys(("barcode", "q barcode", "add barcode prompt"), "barcode"),
    **dict.fromkeys(
        ("image", "photo", "q image", "q picture", "add image prompt", "add photo prompt"), "image"
    ),
    **dict.fromkeys(("audio", "q audio", "add audio prompt"), "audio"),
    **dict.fromkeys(("video", "q video", "add video prompt"), "video"),
    **dict.fromkeys(("file", "add file prompt"), "file"),
    "range": "range",
    **dict.fromkeys(("start", "start time", "get start time"), "start"),
    **dict.fromkeys(("end", "end time", "get end time"), "end"),
    **dict.fromkeys(("today", "get today"), "today"),
    **dict.fromkeys(("deviceid", "imei", "device id", "get device id", "uri:deviceid"), "deviceid"),
    **dict.fromkeys(
        ("subscriberid", "subscriber id", "get subscriber id", "uri:subscriberid"), "subscriberid"
    ),
    **dict.fromkeys(("simserial", "sim id", "get sim id", "uri:simserial"), "simserial"),
    **dict.fromkeys(("phonenumber", "get phone number", "uri:phonenumber"), "phonenumber"),
    **dict.fromkeys(("username", "uri:username"), "username"),
    **dict.fromkeys(("email", "uri:email"), "email"),
    **{
        k: k
        for k in (
            "audit",
            "start-geopoint",
            "background-audio",
            "background-geopoint",
            "hidden",
            "osm",
            "xml-external",
            "csv-external",
        )
    },
}
# Select spellings (pyxform's aliases.select) -> this platform's type name; matched longest first.
SELECT_ALIASES: dict[str, str] = {
    "select_one_from_file": "select_one_from_file",
    "select one from file": "select_one_from_file",
    "select_multiple_from_file": "select_multiple_from_file",
    "select multiple from file": "select_multiple_from_file",
    "select_one_external": "select_one_external",
    "add select one prompt using": "select_one",
    "add select multiple prompt using": "select_multiple",
    "select all that apply from": "select_multiple",
    "select multiple from": "select_multiple",
    "select one from": "select_one",
    "select one using": "select_one",
    "select multiple using": "select_multiple",
    "select_one": "select_one",
    "select one": "select_one",
    "select1": "select_one",
    "select_multiple": "select_multiple",
    "select multiple": "select_multiple",
    "select all that apply": "select_multiple",
    "rank": "rank",
}
_SELECTS = sorted(SELECT_ALIASES, key=len, reverse=True)
_MARKER = re.compile(
    r"^(?P<edge>begin|end)[ _](?P<kind>group|repeat|loop)(?:\s+over\s+(?P<list>\S+))?$", re.I
)
WRITTEN_TYPE = {
    "begin_group": "begin_group",
    "end_group": "end_group",
    "begin_repeat": "begin_repeat",
    "end_repeat": "end_repeat",
}
# Columns of the survey sheet this platform models (header spellings pyxform accepts -> field).
SURVEY_FIELDS = {
    "type": "type",
    "command": "type",
    "name": "name",
    "required": "required",
    "relevant": "relevant",
    "relevance": "relevant",
    "constraint": "constraint",
    "calculation": "calculation",
    "calculate": "calculation",
    "choice_filter": "choice_filter",
    "appearance": "appearance",
    "default": "default",
    "parameters": "parameters",
}
TRANSLATED_FIELDS = {
    "label": "label",
    "caption": "label",
    "hint": "hint",
    "constraint_message": "constraint_message",
    "constraining_message": "constraint_message",
    "jr:constraintmsg": "constraint_message",
}
# Translatable columns: a language follows `::` (or a single `:`, which people also write).
TRANSLATABLE = {
    *TRANSLATED_FIELDS,
    "guidance_hint",
    "required_message",
    "requiredmsg",
    "image",
    "big-image",
    "audio",
    "video",
    "media::image",
    "media::big-image",
    "media::audio",
    "media::video",
    "form_title",
    "form_title_translation",
}
CHOICE_MEDIA = {
    "image",
    "big-image",
    "audio",
    "video",
    "media::image",
    "media::big-image",
    "media::audio",
    "media::video",
}
TRANSLATED = ("label", "hint", "constraint_message")
TITLE_TRANSLATION = "form_title_translation"
TRUE = {"yes", "true", "true()", "1"}
FALSE = {"", "no", "false", "false()", "0"}
MODELLED_SETTINGS = {"form_id", "id_string", "set_form_id", "version", "default_language", "name"}
TITLE_SETTINGS = {"form_title", "set_form_title", TITLE_TRANSLATION}
OTHER_SHEETS = ("external_choices", "entities", "osm")


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
    """ "label::Hungarian (hu)" -> ("label", "Hungarian (hu)"); "label:French" -> ("label", "French");
    "media::image::French" -> ("media::image", "French"); "LABEL" -> ("label", None). Columns that
    are not translatable ("bind::odk:length", "jr:count") come back whole, lowercased, with None."""
    text = column.strip()
    parts = [p.strip() for p in text.split("::")]
    if len(parts) >= 3 and parts[0].lower() == "media":
        return f"media::{parts[1].lower()}", "::".join(parts[2:])
    if len(parts) >= 2 and parts[0].lower() in TRANSLATABLE:
        return parts[0].lower(), "::".join(parts[1:])
    if len(parts) == 1 and ":" in text:
        base, lang = text.split(":", 1)
        if base.strip().lower() in TRANSLATABLE - {"jr:constraintmsg"} and lang.strip():
            return base.strip().lower(), lang.strip()
    return text.lower(), None


def _languages_in(headers: list[str]) -> list[str]:
    found: list[str] = []
    for h in headers:
        base, lang = _split_column(h)
        if lang is not None and lang not in found and base in TRANSLATABLE:
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
    """A Form from an XLSForm file (path, bytes or binary file); raises XLSFormError.

    Every spelling pyxform reads is read (headers in any case, `label:French`, `select one from
    LIST`, `or_other`, `id_string`...); every column, setting and XLSForm sheet the platform does not
    model is kept on the form and written back by `write_xlsform`. pyxform then converts the form as
    KoboToolbox and ODK would, and any problem it finds is reported with its sheet and row."""
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
    raw_settings: dict[str, str] = {
        k.strip(): str(v) for k, v in (settings_rows[0] if settings_rows else {}).items()
    }
    survey_rows: list[dict[str, str]] = list(getattr(book, "survey", None) or [])
    choice_rows: list[dict[str, str]] = list(getattr(book, "choices", None) or [])
    if not any(survey_rows):
        raise XLSFormError([XLSFormProblem("survey", None, None, "the survey sheet is missing or empty")])
    survey_headers = [h for h in (getattr(book, "survey_header", None) or [{}])[0] if h]
    choice_headers = [h for h in (getattr(book, "choices_header", None) or [{}])[0] if h]

    settings: dict[str, str] = {}  # carried through
    plain_settings: dict[str, str] = {}
    for header, value in raw_settings.items():
        base, _lang = _split_column(header)
        if base in MODELLED_SETTINGS:
            plain_settings[base] = value.strip()
        elif base not in TITLE_SETTINGS:
            settings[header] = value
    default_setting = plain_settings.get("default_language", "")
    col_langs = [
        x for x in _languages_in(survey_headers + choice_headers + list(raw_settings)) if x != "default"
    ]
    default = (
        language_code(default_setting)
        if default_setting
        else (language_code(col_langs[0]) if col_langs else "en")
    )
    language_names: dict[str, str] = {}
    for spelled in [default_setting, *col_langs]:
        code = language_code(spelled, default) if spelled else ""
        if code and spelled != language_column_name(code) and code not in language_names:
            language_names[code] = spelled
    languages = [language_code(x, default) for x in col_langs]
    languages = list(dict.fromkeys(languages)) or [default]
    if default not in languages:
        languages.insert(0, default)

    questions: list[Question] = []
    rows_of: list[int] = []
    comment_rows: list[int] = []
    for index, row in enumerate(survey_rows):
        rownum = index + 2
        if not row:
            continue
        made = _questions_from_row(row, rownum, default, problems)
        if made and made[0].type == "comment":
            comment_rows.append(index)
        questions += made
        rows_of += [rownum] * len(made)

    choices: dict[str, list[Choice]] = {}
    first_row: dict[str, int] = {}
    duplicates_allowed = settings.get("allow_choice_duplicates", "").strip().lower() in TRUE
    for index, row in enumerate(choice_rows):
        rownum = index + 2
        if not row:
            continue
        choice = _choice_from_row(row, rownum, default, problems)
        if choice is None:
            continue
        list_name, c = choice
        if not duplicates_allowed and any(o.name == c.name for o in choices.get(list_name, [])):
            problems.append(
                XLSFormProblem(
                    "choices",
                    rownum,
                    "name",
                    f"choice {c.name!r} appears twice in list {list_name!r} "
                    "(set allow_choice_duplicates to yes in the settings sheet if that is meant)",
                )
            )
        first_row.setdefault(list_name, rownum)
        choices.setdefault(list_name, []).append(c)

    sheets: dict[str, tuple[tuple[str, ...], ...]] = {}
    for sheet in OTHER_SHEETS:
        rows = getattr(book, sheet, None) or []
        heads = [str(h) for h in ((getattr(book, f"{sheet}_header", None) or [{}])[0]) if h]
        if rows and heads:
            body = [tuple(str(r.get(h, "")) for h in heads) for r in rows if r]
            sheets[sheet] = (tuple(heads), *body)

    # pyxform's own conversion (names, references, groups, repeats, entities), as ODK tools would
    # apply it. Comment rows are this platform's leniency: pyxform is shown them as empty rows.
    for index in comment_rows:
        book.survey[index] = {}
    root = plain_settings.get("name") or ""
    try:
        workbook_to_json(book, form_name=root or "data", warnings=[])
    except PyXFormError as exc:
        problems.append(_pyxform_problem(str(exc), survey_headers, choice_headers))
    except Exception as exc:  # noqa: BLE001 - pyxform itself failing on a form (its own bug): said, not hidden
        problems.append(XLSFormProblem("survey", None, None, f"pyxform could not convert the form: {exc!r}"))
    if problems:
        raise XLSFormError(_sorted_unique(problems))

    title: dict[str, str] = {}
    for column, value in raw_settings.items():
        base, lang = _split_column(column)
        if base in TITLE_SETTINGS and value:
            title[language_code(lang or "", default)] = value
    form_id = (
        plain_settings.get("form_id") or plain_settings.get("id_string") or plain_settings.get("set_form_id")
    )
    fallback = re.sub(r"[^A-Za-z0-9_]+", "_", name or "form").strip("_") or "form"
    form = Form(
        id=form_id or fallback,
        version=plain_settings.get("version", ""),
        title=title,
        default_language=default,
        languages=tuple(languages),
        questions=with_group_paths(questions),
        choices={k: tuple(v) for k, v in choices.items()},
        settings=settings,
        root_name=root,
        language_names=language_names,
        sheets=sheets,
    )
    found = form.problems()
    if found:
        raise XLSFormError([_form_problem(p, rows_of, first_row) for p in found])
    return form


_QUESTION_AT = re.compile(r"^question (?P<i>\d+) \(")
_LIST_AT = re.compile(r"^choice list '(?P<list>[^']*)'")


def _form_problem(text: str, rows_of: list[int], first_row: Mapping[str, int]) -> XLSFormProblem:
    """A problem of `Form.problems()` placed on its sheet and row."""
    m = _QUESTION_AT.match(text)
    if m and int(m["i"]) <= len(rows_of):
        column = next(
            (c for c in ("relevant", "constraint", "calculation", "choice_filter", "label") if c in text),
            None,
        )
        return XLSFormProblem("survey", rows_of[int(m["i"]) - 1], column, text)
    m = _LIST_AT.match(text)
    if m:
        return XLSFormProblem("choices", first_row.get(m["list"]), "list_name", text)
    return XLSFormProblem("survey", None, None, text)


_PYXFORM_ROW = re.compile(r"\[row\s*:\s*(?P<row>\d+)\]")


def _pyxform_problem(message: str, survey_headers: list[str], choice_headers: list[str]) -> XLSFormProblem:
    """pyxform's message placed on the sheet, row and column it names."""
    text = " ".join(message.split())
    m = _PYXFORM_ROW.search(text)
    low = text.lower()
    sheet = "survey"
    for candidate in ("choices", "settings", "entities", "external_choices"):
        if f"{candidate} sheet" in low or f"'{candidate}'" in low or f"sheet '{candidate}" in low:
            sheet = candidate
            break
    headers = choice_headers if sheet == "choices" else survey_headers
    column = next((h for h in sorted(headers, key=len, reverse=True) if h and h.lower() in low), None)
    if column is None:
        column = next((c for c in ("calculation", "type", "name", "label") if c in low), None)
    return XLSFormProblem(sheet, int(m["row"]) if m else None, column, text)


def _sorted_unique(problems: list[XLSFormProblem]) -> list[XLSFormProblem]:
    seen: list[XLSFormProblem] = []
    for p in problems:
        if p not in seen:
            seen.append(p)
    return seen


def _parse_type(raw_type: str) -> tuple[str, str, bool, str] | None:
    """(type, list name, or_other, the spelling to write back when it is not the platform's) or None."""
    text = " ".join(raw_type.split())
    or_other = False
    if text.lower().endswith(" or_other"):
        text, or_other = text[: -len(" or_other")].strip(), True
    low = text.lower()
    marker = _MARKER.match(text)
    if marker:
        edge, kind = marker["edge"].lower(), marker["kind"].lower()
        qtype = f"{edge}_{'group' if kind == 'group' else 'repeat'}"
        spelled = text if kind == "loop" else ""
        return qtype, marker["list"] or "", or_other, spelled
    for alias in _SELECTS:
        if low.startswith(alias + " "):
            rest = text[len(alias) :].strip()
            if rest and " " not in rest:
                return SELECT_ALIASES[alias], rest, or_other, ""
            return None
    plain = TYPE_ALIASES.get(low)
    if plain is None:
        return None
    return plain, "", or_other, ""


def _questions_from_row(
    row: Mapping[str, Any], rownum: int, default: str, problems: list[XLSFormProblem]
) -> list[Question]:
    """The question of one survey row (with the `_other` text an `or_other` select brings)."""
    cells = {str(k).strip(): str(v) for k, v in row.items() if k is not None and str(v) != ""}
    fields: dict[str, Any] = {"label": {}, "hint": {}, "constraint_message": {}}
    extra: dict[str, str] = {}
    for column, value in cells.items():
        base, lang = _split_column(column)
        if base in TRANSLATED_FIELDS:
            fields[TRANSLATED_FIELDS[base]][language_code(lang or "", default)] = value
        elif base in SURVEY_FIELDS and lang is None and SURVEY_FIELDS[base] not in fields:
            fields[SURVEY_FIELDS[base]] = value.strip()
        else:
            extra[column] = value
    raw_type = fields.pop("type", "")
    name = fields.get("name", "")
    if not raw_type:
        if name.startswith("_") or not (name or any(fields["label"].values())):
            # A comment row: no type, a name starting with "_" (or neither name nor label).
            return [
                Question(
                    name=name, type="comment", label=fields["label"], extra=_comment_extra(fields, extra)
                )
            ]
        problems.append(XLSFormProblem("survey", rownum, "type", "the type is missing"))
        return []
    parsed = _parse_type(raw_type)
    if parsed is None:
        problems.append(
            XLSFormProblem("survey", rownum, "type", f"question type {raw_type!r} is not an XLSForm type")
        )
        return []
    qtype, list_name, or_other, spelled = parsed
    if spelled:
        extra["type"] = spelled
    origin = ""
    if not name and qtype == "note":
        name, origin = f"generated_note_name_{rownum}", "note_name"  # as pyxform names it
    elif not name and qtype not in ("end_group", "end_repeat"):
        problems.append(XLSFormProblem("survey", rownum, "name", "the name is missing"))
        return []
    required = str(fields.get("required", "")).strip()
    q = Question(
        name=name,
        type=qtype,
        label=fields["label"],
        hint=fields["hint"],
        list_name=list_name,
        required=required.lower() in TRUE,
        required_if="" if required.lower() in TRUE | FALSE else required,
        relevant=fields.get("relevant", ""),
        constraint=fields.get("constraint", ""),
        constraint_message=fields["constraint_message"],
        calculation=fields.get("calculation", ""),
        choice_filter=fields.get("choice_filter", ""),
        appearance=fields.get("appearance", ""),
        default=fields.get("default", ""),
        parameters=fields.get("parameters", ""),
        or_other=or_other,
        extra=extra,
        origin=origin,
    )
    if not or_other:
        return [q]
    other = Question(
        name=f"{name}_other",
        type="text",
        label={default: "Specify other."},
        relevant=f"selected(${{{name}}}, 'other')",
        origin="or_other",
    )
    return [q, other]


def _comment_extra(fields: Mapping[str, Any], extra: Mapping[str, str]) -> dict[str, str]:
    out = dict(extra)
    for key in (
        "relevant",
        "constraint",
        "calculation",
        "choice_filter",
        "appearance",
        "default",
        "parameters",
    ):
        if fields.get(key):
            out[key] = fields[key]
    return out


def _choice_from_row(
    row: Mapping[str, Any], rownum: int, default: str, problems: list[XLSFormProblem]
) -> tuple[str, Choice] | None:
    cells = {str(k).strip(): str(v) for k, v in row.items() if k is not None and str(v) != ""}
    list_name = cname = ""
    label: dict[str, str] = {}
    filters: dict[str, str] = {}
    extra: dict[str, str] = {}
    for column, value in cells.items():
        base, lang = _split_column(column)
        if base in ("list_name", "list name") and lang is None:
            list_name = value.strip()
        elif base in ("name", "value") and lang is None and not cname:
            cname = value.strip()
        elif base in ("label", "caption"):
            label[language_code(lang or "", default)] = value
        elif base in CHOICE_MEDIA or lang is not None or column.startswith("$"):
            extra[column] = value
        else:
            filters[column] = value
    if not list_name or not cname:
        column = "list_name" if not list_name else "name"
        problems.append(XLSFormProblem("choices", rownum, column, "a choice needs a list_name and a name"))
        return None
    return list_name, Choice(cname, label, filters, extra)


def _form_languages(form: Form) -> list[str]:
    langs = list(form.languages) or [form.default_language]
    if form.default_language not in langs:
        langs.insert(0, form.default_language)
    return langs


def _written_type(q: Question) -> str:
    if "type" in q.extra:
        return q.extra["type"]  # `begin loop over LIST` and the like, as written
    if q.type == "comment":
        return ""
    xtype = WRITTEN_TYPE.get(q.type, q.type)
    text = f"{xtype} {q.list_name}" if q.list_name and q.type not in WRITTEN_TYPE else xtype
    return f"{text} or_other" if q.or_other else text


def write_xlsform(form: Form, target: str | Path | IO[bytes]) -> None:
    """Write `form` as an .xlsx XLSForm: survey, choices and settings sheets with every column and
    setting the form carries, and its other XLSForm sheets (entities, external_choices, osm)."""
    langs = _form_languages(form)
    names = form.language_names

    def lang_col(attr: str, lang: str) -> str:
        return f"{attr}::{language_column_name(lang, names)}"

    wb = Workbook()
    survey = wb.active
    survey.title = "survey"
    rows = [q for q in form.questions if q.origin != "or_other"]

    def used(attr: str) -> bool:
        return any(getattr(q, attr) for q in rows)

    columns: list[tuple[str, str, str | None]] = [("type", "type", None), ("name", "name", None)]
    for attr in TRANSLATED:
        if used(attr):
            columns += [(lang_col(attr, lang), attr, lang) for lang in langs]
    columns += [
        (c, c, None)
        for c in (
            "required",
            "relevant",
            "constraint",
            "calculation",
            "choice_filter",
            "appearance",
            "default",
            "parameters",
        )
        if used(c) or (c == "required" and used("required_if"))
    ]
    taken = {c[0].lower() for c in columns}
    for q in rows:
        for header in q.extra:
            if header != "type" and header.lower() not in taken:
                columns.append((header, "extra", header))
                taken.add(header.lower())
    xlsx_append(survey, [c[0] for c in columns])
    for q in rows:
        row: list[Any] = []
        for _header, attr, key in columns:
            if attr == "type":
                row.append(_written_type(q))
            elif attr == "name":
                row.append("" if q.is_end or q.origin == "note_name" else q.name)
            elif attr == "extra":
                row.append(q.extra.get(key or "", ""))
            elif key is not None:
                row.append(getattr(q, attr).get(key, ""))
            elif attr == "required":
                row.append("yes" if q.required else q.required_if)
            else:
                row.append(getattr(q, attr))
        xlsx_append(survey, [v if v != "" else None for v in row])

    sheet = wb.create_sheet("choices")
    filter_columns: list[str] = []
    extra_columns: list[str] = []
    for choices in form.choices.values():
        for c in choices:
            filter_columns += [k for k in c.filters if k not in filter_columns]
            extra_columns += [k for k in c.extra if k not in extra_columns]
    xlsx_append(
        sheet,
        ["list_name", "name"] + [lang_col("label", lang) for lang in langs] + filter_columns + extra_columns,
    )
    for list_name, choices in form.choices.items():
        for c in choices:
            if c.origin:
                continue
            xlsx_append(
                sheet,
                [list_name, c.name]
                + [c.label.get(lang) or None for lang in langs]
                + [c.filters.get(k) or None for k in filter_columns]
                + [c.extra.get(k) or None for k in extra_columns],
            )

    settings = wb.create_sheet("settings")
    title_langs = [lang for lang in langs if lang in form.title]
    settings_header = ["form_id", "version", "default_language", "form_title"]
    values: list[Any] = [
        form.id,
        form.version or None,
        language_column_name(form.default_language, names),
        form.title.get(form.default_language) or None,
    ]
    for lang in title_langs:
        if lang != form.default_language:
            settings_header.append(f"{TITLE_TRANSLATION}::{language_column_name(lang, names)}")
            values.append(form.title[lang])
    if form.root_name:
        settings_header.append("name")
        values.append(form.root_name)
    for key, value in form.settings.items():
        settings_header.append(key)
        values.append(value or None)
    xlsx_append(settings, settings_header)
    xlsx_append(settings, values)
    for sheet_name, sheet_rows in form.sheets.items():
        extra_sheet = wb.create_sheet(sheet_name)
        for sheet_row in sheet_rows:
            xlsx_append(extra_sheet, [v if v != "" else None for v in sheet_row])
    if isinstance(target, (str, Path)):
        wb.save(str(target))
    else:
        wb.save(target)


def xlsform_bytes(form: Form) -> bytes:
    buf = io.BytesIO()
    write_xlsform(form, buf)
    return buf.getvalue()
