"""Reading response files into rows of answers: CSV (encoding and delimiter detected or chosen,
decimal comma), XLSX, KoboToolbox exports (group/path column names, label-or-value answers) and
LimeSurvey CSV exports (question codes, `code[choice]` columns for multiple choice, `token`,
`submitdate`). Validation of the answers is the form's job (validate.py); this module only maps
columns to questions and reports what it cannot read.

Nothing is changed silently: UTF-16 files (Excel's "Unicode text") are read as UTF-16; a cell with a
control character (NUL and the other C0 characters but tab and line breaks), a cell longer than
MAX_CELL_LENGTH and an XLSX formula saved without its value are each refused with a reason naming
the column (and the cell), never stored altered or read as empty.
"""

from __future__ import annotations

import codecs
import csv
import datetime as dt
import gzip
import io
import json
import math
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from enum import StrEnum
from typing import Any

from interventures.core.cells import csv_uncell

from .form import Form, Question
from .types import REGISTRY

RESPONDENT = "__respondent_id__"
LANGUAGE = "__language__"
IGNORE = "__ignore__"
EXTRA = "__extra__"  # a column not in the form (an earlier form version's): kept with the row
SPECIAL_TARGETS = (RESPONDENT, LANGUAGE, IGNORE, EXTRA)
_PARENT_KEY = "PARENT_KEY"  # ODK Central's repeat tables: the KEY of the row the instance is in
_KOBO_PARENT = "_parent_index"  # Kobo's repeat sheets: the `_index` of the row the instance is in
_KOBO_PARENT_TABLE = "_parent_table_name"
JOIN_COLUMNS = {"key", "parent_key", "_index", "_parent_index", "_parent_table_name"}
"""The columns that join a repeat's instances to their row: never answers."""


class Format(StrEnum):
    CSV = "csv"
    XLSX = "xlsx"
    KOBO = "kobo"
    ODK = "odk"  # ODK Central's submissions CSV
    LIMESURVEY = "limesurvey"


class TableError(ValueError):
    """The file cannot be read at all (not a table, wrong encoding, no header)."""


MAX_CELL_LENGTH = 32_767
"""Characters in one cell, CSV or XLSX alike (Excel's own limit, so no real sheet is refused)."""

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
"""C0 control characters other than tab, line feed and carriage return: no answer holds them, and
PostgreSQL cannot store NUL in text or JSON."""


@dataclass(frozen=True)
class UnreadFormula:
    """An XLSX formula cell saved without its value (by a program that does not calculate): its
    value is unknown, so it is refused rather than read as empty."""

    sheet: str
    cell: str
    formula: str

    def __str__(self) -> str:
        return self.formula


@dataclass(frozen=True)
class Table:
    columns: tuple[str, ...]
    rows: tuple[tuple[int, tuple[Any, ...]], ...]  # (row number in the file, cells)
    encoding: str = ""
    delimiter: str = ""


@dataclass(frozen=True)
class RowProblem:
    column: str
    code: str
    message: str
    params: Mapping[str, Any] = field(default_factory=dict)


@dataclass
class ParsedRow:
    number: int
    raw: dict[str, Any]
    answers: dict[str, Any] = field(default_factory=dict)
    respondent_id: str = ""
    language: str = ""
    problems: list[RowProblem] = field(default_factory=list)
    extra: dict[str, Any] = field(default_factory=dict)  # columns mapped to EXTRA, by header


# ---- encodings and delimiters ---------------------------------------------------------------------

_CP1250_LETTERS = set("őűŐŰčćđšžČĆĐŠŽąęłńśźżĄĘŁŃŚŹŻáéíóöúüÁÉÍÓÖÚÜ")
_CP1252_LETTERS = set("àèéìíòóùúáñüçÀÈÉÌÍÒÓÙÚÁÑÜÇ¿¡ºªšžŠŽ")


def _score(text: str, letters: set[str]) -> int:
    return sum(1 if ch in letters else -1 for ch in text if ord(ch) > 127)


def decode(data: bytes, encoding: str | None = None) -> tuple[str, str]:
    """(text, encoding). UTF-8 (with or without BOM) is tried first; otherwise the better fit of
    Windows-1250 (Central European: hu, hr, pl) and Windows-1252 (Western: it, es), judged by which
    one turns the non-ASCII bytes into letters of the partnership's languages (ties go to 1252)."""
    if encoding:
        try:
            # A byte order mark is not text, whichever UTF encoding was chosen.
            return data.decode(encoding).removeprefix("\ufeff"), codecs.lookup(encoding).name
        except (UnicodeDecodeError, LookupError) as exc:
            raise TableError(f"the file is not valid {encoding}: {exc}") from exc
    if data.startswith(codecs.BOM_UTF8):  # a UTF-8 byte order mark settles it, whatever follows
        return data[len(codecs.BOM_UTF8) :].decode("utf-8", errors="strict"), "utf-8-sig"
    utf16 = utf16_codec(data)
    if utf16 is not None:
        try:
            return data.decode(utf16).removeprefix("\ufeff"), utf16
        except UnicodeDecodeError as exc:
            raise TableError(f"the file looks like UTF-16 but is not valid UTF-16: {exc}") from exc
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    as1250, as1252 = data.decode("cp1250", errors="replace"), data.decode("cp1252", errors="replace")
    if _score(as1250, _CP1250_LETTERS) > _score(as1252, _CP1252_LETTERS):
        return as1250, "cp1250"
    return as1252, "cp1252"


def utf16_codec(data: bytes) -> str | None:
    """The codec of UTF-16 data (Excel's "Unicode text", Windows Notepad's "Unicode"): by its byte
    order mark, or without one by the zero bytes that ASCII letters leave on one side only."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    sample = data[:4096]
    half = len(sample) // 2
    if half < 2:
        return None
    zeros_even, zeros_odd = sample[0::2].count(0), sample[1::2].count(0)
    if zeros_odd >= 0.3 * half and zeros_even <= 0.05 * half:
        return "utf-16-le"
    if zeros_even >= 0.3 * half and zeros_odd <= 0.05 * half:
        return "utf-16-be"
    return None


def sniff_delimiter(text: str) -> str:
    sample = "\n".join(text.splitlines()[:50])
    try:
        return csv.Sniffer().sniff(sample, delimiters=",;\t|").delimiter
    except csv.Error:
        return ","


# Leading bytes of files that people upload by mistake instead of a CSV.
_BINARY_KINDS = (
    (b"%PDF", "a PDF document"),
    (b"\xd0\xcf\x11\xe0", "an old Excel .xls or Word .doc file"),
    (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
)


def _check_text(data: bytes) -> None:
    """A CSV is text: name what was uploaded instead, rather than reading garbage as rows."""
    for magic, kind in _BINARY_KINDS:
        if data.startswith(magic):
            raise TableError(f"this is {kind}, not a CSV file; save the sheet as CSV (UTF-8) or .xlsx")
    sample = data[:4096]
    # Zero bytes in a row, or many of them, are a binary file; one NUL in a cell of a text file is
    # refused with that cell (see parse_rows), not taken for a binary file.
    binary = b"\x00\x00" in sample or sample.count(0) > max(4, len(sample) // 100)
    if binary and utf16_codec(data) is None:
        raise TableError("this is not a text (CSV) file; save the sheet as CSV (UTF-8) or .xlsx")


def read_csv(
    data: bytes, *, encoding: str | None = None, delimiter: str | None = None, max_rows: int | None = None
) -> Table:
    if not encoding:
        _check_text(data)
    text, used = decode(data, encoding)
    if not text.strip():
        raise TableError("the file is empty")
    delim = delimiter or sniff_delimiter(text)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delim, strict=True)
    try:
        header = next(reader)
        rows = []
        for cells in reader:
            if not any(c.strip() for c in cells):
                continue
            # A cell the platform's own export neutralised ('=…) reads back as it was typed.
            rows.append((reader.line_num, tuple(csv_uncell(c) for c in cells)))
            if max_rows is not None and len(rows) > max_rows:
                break  # one more than allowed is enough to refuse the file (check_table)
    except csv.Error as exc:
        raise TableError(f"line {reader.line_num}: {exc} (is the file truncated?)") from exc
    columns = _header(h.strip() for h in header)
    return Table(columns=columns, rows=tuple(rows), encoding=used, delimiter=delim)


def _header(names: Iterable[str]) -> tuple[str, ...]:
    columns = tuple(names)
    if not any(columns):
        raise TableError("the first line holds no column names")
    for i, name in enumerate(columns, start=1):
        if _CONTROL.search(name):
            raise TableError(f"the name of column {i} holds a control character ({_char_name(name)})")
        if len(name) > MAX_CELL_LENGTH:
            raise TableError(f"the name of column {i} is longer than {MAX_CELL_LENGTH} characters")
    return columns


def _char_name(text: str) -> str:
    found = _CONTROL.search(text)
    return f"U+{ord(found.group()):04X}" if found else ""


def _xlsx_cells(
    data: bytes,
    *,
    data_only: bool,
    max_rows: int | None = None,
    all_sheets: bool = False,
    max_other_rows: int | None = None,
) -> list[tuple[str, list[list[Any]], dict[tuple[int, int], str]]]:
    """Each sheet's title (the first only, unless `all_sheets`), its values row by row (the header
    and at most `max_rows` + 1 more: one more than allowed is enough to refuse the file), and its
    formulas by (row, column) index."""
    from openpyxl import load_workbook

    try:
        wb = load_workbook(io.BytesIO(data), read_only=True, data_only=data_only)
    except Exception as exc:  # zipfile, XML and openpyxl errors alike: not a readable workbook
        raise TableError(f"not a readable .xlsx workbook: {exc}") from exc
    out = []
    try:
        for i, ws in enumerate(wb.worksheets if all_sheets else wb.worksheets[:1]):
            values: list[list[Any]] = []
            formulas: dict[tuple[int, int], str] = {}
            limit = max_rows if i == 0 else max_other_rows  # the repeat sheets: `max_other_rows`
            for r, row in enumerate(ws.iter_rows()):
                if limit is not None and r > limit + 1:
                    break
                values.append([cell.value for cell in row])
                for c, cell in enumerate(row):
                    if cell.data_type == "f":
                        formulas[r, c] = str(cell.value)
            out.append((ws.title, values, formulas))
        return out
    finally:
        wb.close()


def _xlsx_tables(
    data: bytes, *, max_rows: int | None = None, all_sheets: bool = False, max_other_rows: int | None = None
) -> list[tuple[str, Table]]:
    """(title, table) of the first sheet, or of every non-empty sheet. A formula cell is read as the
    value the spreadsheet saved with it; one saved without a value is an UnreadFormula."""
    from openpyxl.utils import get_column_letter

    sheets = _xlsx_cells(
        data, data_only=False, max_rows=max_rows, all_sheets=all_sheets, max_other_rows=max_other_rows
    )
    if any(formulas for _t, _v, formulas in sheets):  # only then is the workbook read a second time
        saved_sheets = _xlsx_cells(
            data, data_only=True, max_rows=max_rows, all_sheets=all_sheets, max_other_rows=max_other_rows
        )
        for (title, values, formulas), (_t, saved, _f) in zip(sheets, saved_sheets, strict=True):
            for (r, c), formula in formulas.items():
                value = saved[r][c] if r < len(saved) and c < len(saved[r]) else None
                cell = f"{get_column_letter(c + 1)}{r + 1}"
                values[r][c] = UnreadFormula(title, cell, formula) if value is None else value
    out: list[tuple[str, Table]] = []
    for i, (title, values, _formulas) in enumerate(sheets):
        if not values:
            if i == 0:
                raise TableError("the first sheet is empty")
            continue
        header = values[0]
        unread = next((h for h in header if isinstance(h, UnreadFormula)), None)
        if unread is not None:
            raise TableError(
                f"sheet {unread.sheet!r}, cell {unread.cell}: the column name is a formula saved without "
                "its value; open the file in a spreadsheet program and save it again"
            )
        if i and not any(h is not None and str(h).strip() for h in header):
            continue
        columns = _header("" if h is None else str(h).strip() for h in header)
        rows = []
        for n, row_cells in enumerate(values[1:], start=2):
            if all(c is None or (isinstance(c, str) and not c.strip()) for c in row_cells):
                continue
            rows.append((n, tuple(row_cells)))
        out.append((title, Table(columns=columns, rows=tuple(rows))))
    return out


def read_xlsx(data: bytes, *, max_rows: int | None = None) -> Table:
    """The first sheet. A formula cell is read as the value the spreadsheet saved with it; one saved
    without a value (files written by programs that do not calculate) is an UnreadFormula."""
    return _xlsx_tables(data, max_rows=max_rows)[0][1]


def _is_xlsx(data: bytes) -> bool:
    import zipfile

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            return "[Content_Types].xml" in archive.namelist()
    except zipfile.BadZipFile:
        return True  # refused as an unreadable workbook, with its reason, by read_xlsx


def _csv_zip_tables(
    data: bytes, *, encoding: str | None, delimiter: str | None, max_rows: int | None
) -> list[tuple[str, Table]]:
    """The CSV files of a zip (ODK Central's submissions export, the platform's own CSV export with
    repeats), by file name without `.csv`: the main table first (the one without PARENT_KEY)."""
    import zipfile

    out: list[tuple[str, Table]] = []
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        for info in archive.infolist():
            name = info.filename.rsplit("/", 1)[-1]
            if info.is_dir() or not name.lower().endswith(".csv"):
                continue  # media files of the submissions: not data
            content = archive.read(info)
            out.append(
                (name[:-4], read_csv(content, encoding=encoding, delimiter=delimiter, max_rows=max_rows))
            )
    if not out:
        raise TableError("the zip file holds no CSV file")
    out.sort(key=lambda item: (_PARENT_KEY in item[1].columns, len(item[0]), item[0]))
    if _PARENT_KEY in out[0][1].columns:
        raise TableError("the zip file holds only repeat tables (every CSV has a PARENT_KEY column)")
    return out


def read_table(
    data: bytes,
    fmt: Format,
    *,
    encoding: str | None = None,
    delimiter: str | None = None,
    max_rows: int | None = None,
) -> Table:
    return read_tables(data, fmt, encoding=encoding, delimiter=delimiter, max_rows=max_rows)[0][1]


def read_tables(
    data: bytes,
    fmt: Format,
    *,
    encoding: str | None = None,
    delimiter: str | None = None,
    max_rows: int | None = None,
    max_instances: int | None = None,
) -> list[tuple[str, Table]]:
    """Every table of the file, by sheet or file name, the main one first: one for a CSV; each sheet
    of an .xlsx (a Kobo export's repeats are its extra sheets); each CSV of a zip (ODK Central).
    The main table is read up to `max_rows` (+1), each repeat table up to `max_instances` (+1)."""
    if data[:2] == b"PK" and not _is_xlsx(data):
        # Which CSV is the main one is known once read: each is read up to the larger limit.
        either = None if max_rows is None or max_instances is None else max(max_rows, max_instances)
        return _csv_zip_tables(data, encoding=encoding, delimiter=delimiter, max_rows=either)
    if data[:2] == b"PK" or fmt == Format.XLSX:
        return _xlsx_tables(data, max_rows=max_rows, all_sheets=True, max_other_rows=max_instances)
    return [("", read_csv(data, encoding=encoding, delimiter=delimiter, max_rows=max_rows))]


# ---- mapping columns to questions -------------------------------------------------------------

KOBO_META = {
    "_id",
    "_uuid",
    "_submission_time",
    "_index",
    "_validation_status",
    "_notes",
    "_status",
    "_submitted_by",
    "_tags",
    "__version__",
    "start",
    "end",
    "today",
    "deviceid",
    "_version_",
    "meta/instanceid",
    "meta/rootuuid",
    "formhub/uuid",
}
LIME_META = {
    "id",
    "submitdate",
    "lastpage",
    "startlanguage",
    "seed",
    "startdate",
    "datestamp",
    "ipaddr",
    "refurl",
    "token",
}
_LIME_SUB = re.compile(r"^(?P<code>[^\[]+)\[(?P<sub>[^\]]+)\]$")


def _norm(text: str) -> str:
    return re.sub(r"[\s_\-]+", "", text).lower()


ODK_META = {
    "submissiondate",
    "key",
    "submitterid",
    "submittername",
    "attachmentspresent",
    "attachmentsexpected",
    "status",
    "reviewstate",
    "deviceid",
    "edits",
    "formversion",
    "meta-instanceid",
    "meta-instancename",
    "meta-audit",
    "instanceid",
}
_GEO_PARTS = ("latitude", "longitude", "altitude", "precision")
_ODK_GEO = {"latitude": "latitude", "longitude": "longitude", "altitude": "altitude", "accuracy": "precision"}


def detect_format(columns: Iterable[str]) -> Format | None:
    """ODK Central or KoboToolbox, told by the metadata columns they write."""
    cols = set(columns)
    if {"SubmissionDate", "KEY"} <= cols or "meta-instanceID" in cols:
        return Format.ODK
    if "_uuid" in cols or "_submission_time" in cols:
        return Format.KOBO
    return None


def _path_name(col: str, names: Mapping[str, str], fmt: Format) -> str:
    """The question a `group/question` (Kobo) or `group-question` (ODK Central) header names: the
    longest trailing part that is a question name (names may hold "-" themselves)."""
    parts = col.split("/")
    if fmt == Format.ODK:
        parts = col.replace("/", "-").split("-")
    for i in range(len(parts)):
        candidate = "-".join(parts[i:]) if fmt == Format.ODK else "/".join(parts[i:])
        if candidate in names:
            return candidate
    return ""


def auto_mapping(
    form: Form, columns: Iterable[str], fmt: Format, *, keep_unknown: bool = False
) -> dict[str, str]:
    """column -> question name (or a special target); unmatched columns map to "" (to be chosen),
    or with `keep_unknown` in KoboToolbox and ODK exports to EXTRA (kept with the row: the
    columns of an earlier version of the form)."""
    columns = list(columns)
    questions = [q for q in form.data_columns() if q.type != "calculate"]
    by_name = {q.name: q.name for q in questions}
    by_norm = {_norm(q.name): q.name for q in questions}
    by_label: dict[str, str] = {}
    for q in questions:
        for text in q.label.values():
            by_label.setdefault(text.strip().lower(), q.name)
    calculated = {q.name for q in form.questions if q.type == "calculate"}
    silent = {q.name for q in form.questions if q.type in ("note", "comment", "begin_group", "end_group")}
    geopoints = {q.name for q in questions if q.type == "geopoint"}
    repeats = form.repeat_names()
    tool = fmt in (Format.KOBO, Format.ODK)
    present = set()
    for col in columns:
        name = _path_name(col, by_name, fmt) if tool else ""
        present.add(name or col)
    mapping: dict[str, str] = {}
    for col in columns:
        low = col.strip().lower()
        last = col.split("/")[-1].strip()
        path = (
            _path_name(col, {**by_name, **dict.fromkeys(silent | calculated | repeats, "")}, fmt)
            if tool
            else ""
        )
        target = ""
        if col in by_name:
            target = col
        elif fmt == Format.KOBO and low in ("_uuid", "meta/instanceid"):
            target = RESPONDENT if RESPONDENT not in mapping.values() else IGNORE
        elif fmt == Format.ODK and low in ("meta-instanceid", "key", "instanceid"):
            target = RESPONDENT if RESPONDENT not in mapping.values() else IGNORE
        elif fmt == Format.ODK and low in ODK_META:
            target = IGNORE
        elif fmt == Format.LIMESURVEY and low == "token":
            target = RESPONDENT
        elif fmt == Format.LIMESURVEY and low == "id":
            target = IGNORE
        elif fmt == Format.LIMESURVEY and low == "startlanguage":
            target = LANGUAGE
        elif low in ("respondent_id", "respondent", "token"):
            target = RESPONDENT
        elif low in ("language", "lang"):
            target = LANGUAGE
        elif low in ("submitted_at", "source", "status") or low in JOIN_COLUMNS:
            target = IGNORE  # columns of this platform's own exports, and the repeats' join keys
        elif low.startswith("_submission_") or col in repeats or path in repeats or last in repeats:
            target = IGNORE  # Kobo's copies of the submission's metadata; a repeat's count column
        elif (fmt == Format.KOBO and low in KOBO_META) or (fmt == Format.LIMESURVEY and low in LIME_META):
            target = IGNORE
        elif path in by_name:
            target = path
        elif path in silent or last in silent:
            target = IGNORE  # note and group columns: the tools write them, empty
        elif last in by_name:
            target = last
        elif last in calculated or col in calculated or path in calculated:
            target = IGNORE  # computed again from the answers
        elif tool and (geo := _geo_part(col, geopoints, fmt)) is not None:
            point, part = geo
            target = IGNORE if point in present else f"{point}[{part}]"
        elif fmt == Format.LIMESURVEY and (m := _LIME_SUB.match(col)) and _norm(m["code"]) in by_norm:
            target = f"{by_norm[_norm(m['code'])]}[{m['sub']}]"
        elif tool and (sub := _choice_column(form, col, by_name, fmt)) is not None:
            parent, choice = sub
            # Kobo adds one 0/1 column per choice of a select_multiple next to the main column.
            target = IGNORE if parent in present else f"{parent}[{choice}]"
        elif _norm(last) in by_norm:
            target = by_norm[_norm(last)]
        elif low in by_label:
            target = by_label[low]
        elif tool and keep_unknown:
            target = EXTRA
        mapping[col] = target
    return mapping


def _geo_part(col: str, geopoints: set[str], fmt: Format) -> tuple[str, str] | None:
    """Kobo's `_loc_latitude` (after any group path) and ODK Central's `group-loc-Latitude`."""
    last = col.split("/")[-1]
    for point in geopoints:
        for part in _GEO_PARTS:
            if last == f"_{point}_{part}":
                return point, part
    if fmt == Format.ODK and "-" in col:
        head, _sep, tail = col.rpartition("-")
        odk_part = _ODK_GEO.get(tail.lower())
        name = head.split("-")[-1]
        if odk_part and name in geopoints:
            return name, odk_part
    return None


def _choice_column(form: Form, col: str, by_name: Mapping[str, str], fmt: Format) -> tuple[str, str] | None:
    """A select_multiple's 0/1 column for one choice: `q/choice` (Kobo), `q-choice`... (ODK)."""
    sep = "-" if fmt == Format.ODK else "/"
    head, _sep, choice = col.rpartition(sep)
    parent = _path_name(head, by_name, fmt) if head else ""
    if not parent:
        return None
    q = form.question(parent)
    if q.type != "select_multiple":
        return None
    return parent, choice


def column_samples(table: Table, *, k: int = 3, width: int = 40) -> dict[str, list[str]]:
    """Up to `k` distinct non-empty values of each column, in file order and cut to `width`
    characters, so the mapping step can show what a column holds. A formula saved without its value
    shows as its formula. Stops reading once every column has its `k` values."""
    samples: dict[str, list[str]] = {c: [] for c in table.columns}
    missing = {c for c in table.columns}
    for _number, cells in table.rows:
        for column, value in zip(table.columns, cells, strict=False):
            if column not in missing or value is None:
                continue
            # Shown, not stored as data: control characters (a NUL, which PostgreSQL's JSON cannot
            # hold) are left out; the cell itself is refused with its reason on import.
            text = " ".join("".join(ch for ch in str(value) if ch.isprintable() or ch.isspace()).split())
            if not text:
                continue
            text = text if len(text) <= width else text[: width - 1].rstrip() + "…"
            if text not in samples[column]:
                samples[column].append(text)
                if len(samples[column]) == k:
                    missing.discard(column)
        if not missing:
            break
    return samples


def mapping_problems(form: Form, mapping: Mapping[str, str]) -> list[str]:
    """Columns left unmapped, unknown targets, two columns mapped to one question, and required
    questions no column provides."""
    problems: list[str] = []
    names = {q.name for q in form.data_columns()}
    seen: dict[str, str] = {}
    for col, target in mapping.items():
        if not target:
            problems.append(f"column {col!r} is not mapped to a question (choose one, or ignore it)")
            continue
        if target in (IGNORE, EXTRA):
            continue
        base = target.split("[", 1)[0]
        if target not in SPECIAL_TARGETS and base not in names:
            problems.append(f"column {col!r} is mapped to an unknown question {target!r}")
            continue
        if target in seen and "[" not in target:
            problems.append(f"columns {seen[target]!r} and {col!r} are both mapped to {target!r}")
        seen[target] = col
    provided = {t.split("[", 1)[0] for t in mapping.values()}
    for q in form.answerable():
        if q.required and not q.relevant and not q.group and q.name not in provided:
            problems.append(f"no column provides the required question {q.name!r}")
    return problems


# ---- rows to answers --------------------------------------------------------------------------


def _choice_lookup(form: Form, q: Question) -> dict[str, str]:
    lookup: dict[str, str] = {}
    for c in form.choices_for(q):
        lookup[c.name.lower()] = c.name
        for text in c.label.values():
            lookup.setdefault(text.strip().lower(), c.name)
    return lookup


def _split_labels(text: str, lookup: Mapping[str, str]) -> list[str] | None:
    """ "Croatia United States" -> ["hr", "us"]: the longest known labels from the left."""
    words = text.split()
    out: list[str] = []
    i = 0
    while i < len(words):
        for j in range(len(words), i, -1):
            candidate = " ".join(words[i:j]).lower()
            if candidate in lookup:
                out.append(lookup[candidate])
                i = j
                break
        else:
            return None
    return out


def _as_choice_value(form: Form, q: Question, value: Any) -> Any:
    """Choice names from values that may be labels (KoboToolbox "labels" exports)."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return value
    lookup = _choice_lookup(form, q)
    text = str(value).strip()
    if isinstance(value, float) and value.is_integer():
        text = str(int(value))
    if q.type == "select_one":
        # LimeSurvey's Yes/No questions export Y and N.
        yes_no = {"y": "yes", "n": "no"}
        if text.lower() in yes_no and text.lower() not in lookup and yes_no[text.lower()] in lookup:
            return lookup[yes_no[text.lower()]]
        return lookup.get(text.lower(), text)
    if text.lower() in lookup:
        return lookup[text.lower()]
    if ";" in text or "," in text:
        parts = [p.strip() for p in re.split(r"[;,]", text) if p.strip()]
        return " ".join(lookup.get(p.lower(), p) for p in parts)
    split = _split_labels(text, lookup)
    return " ".join(split) if split is not None else text


_TRUE_CELLS = {"y", "yes", "1", "true", "x"}


def cell_problem(column: str, value: Any) -> RowProblem | None:
    """Why a cell cannot be read as it is (None when it can)."""
    if isinstance(value, UnreadFormula):
        return RowProblem(
            column,
            "formula_without_value",
            f"sheet {value.sheet!r}, cell {value.cell}: the formula {value.formula[:60]} was saved without "
            "its value; open the file in a spreadsheet program and save it again, or paste the values",
            {"sheet": value.sheet, "cell": value.cell, "formula": value.formula[:60]},
        )
    if not isinstance(value, str):
        return None
    if len(value) > MAX_CELL_LENGTH:
        return RowProblem(
            column,
            "cell_too_long",
            f"the cell has {len(value)} characters, more than the {MAX_CELL_LENGTH} a cell may hold",
            {"length": len(value), "limit": MAX_CELL_LENGTH},
        )
    found = _CONTROL.search(value)
    if found is not None:
        char = f"U+{ord(found.group()):04X}"
        return RowProblem(
            column,
            "control_character",
            f"the cell holds a control character ({char}) at position {found.start() + 1}; remove it",
            {"char": char, "position": found.start() + 1},
        )
    return None


def _storable(value: Any) -> Any:
    """A raw cell as it can be kept with a rejected row: a formula as its text, control characters
    shown as U+FFFD, an overlong cell cut (the reason says what the cell held)."""
    if value is None:
        return ""
    if isinstance(value, UnreadFormula):
        value = value.formula
    if isinstance(value, str):
        value = _CONTROL.sub("\ufffd", value)
        if len(value) > MAX_CELL_LENGTH:
            value = value[:MAX_CELL_LENGTH] + "…"
    return value


def parse_rows(form: Form, table: Table, mapping: Mapping[str, str], fmt: Format) -> list[ParsedRow]:
    """One ParsedRow per data row: raw cells by column, answers by question, respondent id, language,
    and the problems found while reading (missing cells)."""
    by_name = {q.name: q for q in form.data_columns()}
    geopoints = {q.name for q in by_name.values() if q.type == "geopoint"}
    out: list[ParsedRow] = []
    ncols = len(table.columns)
    submit_col = next((c for c in table.columns if c.lower() == "submitdate"), None)
    for number, cells in table.rows:
        raw = {col: (cells[i] if i < len(cells) else None) for i, col in enumerate(table.columns)}
        row = ParsedRow(number=number, raw={k: _storable(v) for k, v in raw.items()})
        if table.delimiter and len(cells) != ncols:
            row.problems.append(
                RowProblem(
                    "",
                    "cell_count",
                    f"the row has {len(cells)} cells but the header "
                    f"has {ncols} (a truncated or misaligned row)",
                    {"cells": len(cells), "columns": ncols},
                )
            )
            out.append(row)
            continue
        if fmt == Format.LIMESURVEY and submit_col is not None and not str(raw.get(submit_col) or "").strip():
            row.problems.append(
                RowProblem(submit_col, "incomplete", "an incomplete response (no submit date)")
            )
        multi: dict[str, list[str]] = {}
        geo: dict[str, dict[str, str]] = {}
        for col, target in mapping.items():
            value = raw.get(col)
            if not target or target == IGNORE:
                continue
            problem = cell_problem(col, value)
            if problem is not None:
                row.problems.append(problem)
                continue
            if target == RESPONDENT:
                row.respondent_id = "" if value is None else str(value).strip()
                continue
            if target == LANGUAGE:
                row.language = "" if value is None else str(value).strip()
                continue
            if target == EXTRA:
                if value is not None and str(value).strip():
                    row.extra[col] = _storable(value)
                continue
            if "[" in target and target.split("[", 1)[0] in geopoints:
                base, part = target[:-1].split("[", 1)
                if value is not None and str(value).strip():
                    geo.setdefault(base, {})[part] = str(value).strip()
                continue
            if "[" in target:
                base, sub = target[:-1].split("[", 1)
                multi.setdefault(base, [])
                if value is not None and str(value).strip().lower() in _TRUE_CELLS:
                    multi[base].append(sub)
                continue
            q = by_name[target]
            if REGISTRY[q.type].has_choices:
                value = _as_choice_value(form, q, value)
            if value is None or (isinstance(value, str) and not value.strip()):
                continue
            row.answers[target] = value
        for base, parts in geo.items():
            # Split geopoint columns put back together in ODK's order: lat lon [alt accuracy].
            point = [parts.get("latitude", ""), parts.get("longitude", "")]
            if "altitude" in parts or "precision" in parts:
                point += [parts.get("altitude", "0"), parts.get("precision", "0")]
            row.answers[base] = " ".join(point)
        for base, subs in multi.items():
            if subs:
                row.answers[base] = " ".join(_as_choice_value(form, by_name[base], s) for s in subs)
        out.append(row)
    return out


# ---- repeats: the extra sheets of a Kobo export, the extra CSVs of an ODK Central zip -------------


def repeat_of_table(form: Form, name: str) -> str:
    """The repeat a sheet or file holds: Kobo names the sheet after the repeat (cut to Excel's 31
    characters), ODK Central names the file `<form id>-<repeat>`; "" when no repeat of the form."""
    repeats = sorted(form.repeat_names(), key=len, reverse=True)
    for repeat in repeats:
        if name == repeat or name == repeat[:31] or name.endswith(f"-{repeat}"):
            return repeat
    return ""


def _repeat_form(form: Form, repeat: str) -> Form:
    """The repeat's rows as a form of their own (groups up to the repeat taken off), so the columns
    of its table are mapped and read as a main table's are."""
    inner = []
    for q in form.questions:
        if repeat in q.group:
            inner.append(replace(q, group=q.group[q.group.index(repeat) + 1 :]))
    return replace(form, questions=tuple(inner))


def _depth(form: Form, repeat: str) -> int:
    return len(form.question(repeat).group)


@dataclass(frozen=True)
class RepeatProblem:
    """A row of a repeat table that cannot be put in place (its parent row is not in the file), or a
    table that is not a repeat of the form. Said on the result, never dropped silently."""

    table: str
    row: int  # 0: the whole table
    code: str  # "orphan_instance", "unknown_repeat_table"
    message: str


_INSTANCE_STEP = re.compile(r"(?P<repeat>[^/\[\]]+)\[(?P<n>[0-9]+)\]")


def instance_column(key: str, repeats: Iterable[str]) -> tuple[str, str] | None:
    """A kept key of a repeat instance (`site[2]/product[1]/old_units`, see `attach_repeats`) as (the
    instance's path, the column); None for a kept column of the submission itself."""
    names = set(repeats)
    steps = key.split("/")
    n = 0
    while n < len(steps) - 1 and (m := _INSTANCE_STEP.fullmatch(steps[n])) and m["repeat"] in names:
        n += 1
    return ("/".join(steps[:n]), "/".join(steps[n:])) if n else None


def attach_repeats(
    form: Form,
    rows: list[ParsedRow],
    tables: Iterable[tuple[str, Table]],
    fmt: Format,
    *,
    main_name: str = "",
    keep_unknown: bool = False,
) -> list[RepeatProblem]:
    """Put each repeat table's rows into the answers of the row they belong to, as the repeat's list
    of instances (file order): Kobo joins a sheet's `_parent_index` (and `_parent_table_name`) to the
    parent's `_index`, ODK Central a file's PARENT_KEY to the parent's KEY. Nested repeats work the
    same way, outer tables first. A problem of an instance's cell becomes a problem of its row;
    columns not in the repeat are kept (with `keep_unknown`) in the row's extra under the instance's
    path and the column, `<repeat>[<n>]/<column>` (n counting the parent's instances of that repeat
    from 1; a nested instance's path starts with its parent's: `site[2]/product[1]/<column>`)."""
    problems: list[RepeatProblem] = []
    # (table, key) -> (answers to put instances in, the submission's row, the instance's path)
    parents: dict[tuple[str, str], tuple[dict[str, Any], ParsedRow, str]] = {}

    def key_of(raw: Mapping[str, Any], column: str) -> str:
        value = raw.get(column)
        if isinstance(value, float) and value.is_integer():
            value = int(value)
        return "" if value is None else str(value).strip()

    for row in rows:
        for column in ("KEY", "_index"):
            if key_of(row.raw, column):
                parents[("", key_of(row.raw, column))] = (row.answers, row, "")
    found = []
    for name, table in tables:
        repeat = repeat_of_table(form, name)
        if not repeat:
            problems.append(
                RepeatProblem(name, 0, "unknown_repeat_table", f"{name!r} is not a repeat group of this form")
            )
            continue
        found.append((name, table, repeat))
    found.sort(key=lambda item: _depth(form, item[2]))
    for name, table, repeat in found:
        sub = _repeat_form(form, repeat)
        odk = _PARENT_KEY in table.columns
        table_fmt = Format.ODK if odk else Format.KOBO
        mapping = auto_mapping(sub, table.columns, table_fmt, keep_unknown=keep_unknown)
        mapping = {c: (t if t != RESPONDENT else IGNORE) for c, t in mapping.items()}
        if not keep_unknown:
            mapping = {c: (t or IGNORE) for c, t in mapping.items()}
        else:
            mapping = {c: (t or EXTRA) for c, t in mapping.items()}
        for instance in parse_rows(sub, table, mapping, table_fmt):
            if odk:
                parent_key = ("", key_of(instance.raw, _PARENT_KEY))
                own = ("", key_of(instance.raw, "KEY"))
            else:
                parent_table = key_of(instance.raw, _KOBO_PARENT_TABLE)
                parent_repeat = repeat_of_table(form, parent_table) if parent_table != main_name else ""
                parent_key = (parent_repeat, key_of(instance.raw, _KOBO_PARENT))
                own = (repeat, key_of(instance.raw, "_index"))
            if parent_key not in parents and not odk and parent_key[0]:
                parent_key = ("", parent_key[1])
            if parent_key not in parents:
                problems.append(
                    RepeatProblem(
                        name,
                        instance.number,
                        "orphan_instance",
                        f"{name!r}, row {instance.number}: no row of the file has the parent key "
                        f"{parent_key[1]!r}",
                    )
                )
                continue
            into, root, parent_path = parents[parent_key]
            instances = into.setdefault(repeat, [])
            instances.append(instance.answers)
            n = len(instances)
            path = f"{parent_path}/{repeat}[{n}]" if parent_path else f"{repeat}[{n}]"
            for problem in instance.problems:
                root.problems.append(
                    RowProblem(
                        f"{name}/{problem.column}" if problem.column else name,
                        problem.code,
                        f"{name!r}, row {instance.number}: {problem.message}",
                        {**problem.params, "table": name, "table_row": instance.number},
                    )
                )
            for column, value in instance.extra.items():
                root.extra[f"{path}/{column}"] = value
            if own[1]:
                parents[own] = (instance.answers, root, path)
    return problems


# ---- limits: a file is refused before it can exhaust memory, CPU or the database ------------------


@dataclass(frozen=True)
class Limits:
    """What one uploaded data file may hold. The defaults fit a regional survey many times over (the
    largest demo campaign has 1,500 responses); an agency with more splits its file."""

    max_bytes: int = 20 * 1024 * 1024
    max_rows: int = 50_000
    max_columns: int = 500
    max_expanded_bytes: int = 100 * 1024 * 1024  # an .xlsx's content once unzipped
    max_ratio: int = 100  # unzipped / zipped: spreadsheets reach 10-20, zip bombs thousands
    max_members: int = 1_000  # files inside an .xlsx
    max_instances: int = 250_000  # rows of all the repeat tables (sheets, CSVs of a zip) together


class LimitError(TableError):
    """A file over one of the limits; `code` and `params` let pages say it in the reader's language."""

    def __init__(self, code: str, message: str, **params: int) -> None:
        super().__init__(message)
        self.code, self.params = code, params


def check_upload(data: bytes, fmt: Format, limits: Limits = Limits()) -> None:
    """Refuse a file too large, or an .xlsx that would expand too far, before anything parses it."""
    import zipfile

    if len(data) > limits.max_bytes:
        raise LimitError(
            "too_large",
            f"the file has {len(data)} bytes; at most {limits.max_bytes} are accepted",
            size=len(data),
            limit=limits.max_bytes,
        )
    if not (data[:2] == b"PK" or fmt == Format.XLSX):
        return  # a zip of CSVs (ODK Central) is checked as a workbook is
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            members = archive.infolist()
    except zipfile.BadZipFile as exc:
        raise TableError(f"not a readable .xlsx workbook: {exc}") from exc
    expanded = sum(m.file_size for m in members)
    if len(members) > limits.max_members:
        raise LimitError(
            "too_many_parts",
            f"the workbook holds {len(members)} files; at most {limits.max_members} are accepted",
            size=len(members),
            limit=limits.max_members,
        )
    if expanded > limits.max_expanded_bytes or expanded > limits.max_ratio * max(len(data), 1):
        raise LimitError(
            "expands_too_far",
            f"the workbook expands to {expanded} bytes from {len(data)}; at most {limits.max_expanded_bytes} "
            f"bytes and {limits.max_ratio} times its size are accepted",
            size=expanded,
            limit=min(limits.max_expanded_bytes, limits.max_ratio * max(len(data), 1)),
        )


def check_table(table: Table, limits: Limits = Limits()) -> None:
    """Refuse a table with more rows or columns than the limits."""
    if len(table.rows) > limits.max_rows:
        raise LimitError(
            "too_many_rows",
            f"the file has {len(table.rows)} rows; at most {limits.max_rows} are accepted",
            size=len(table.rows),
            limit=limits.max_rows,
        )
    if len(table.columns) > limits.max_columns:
        raise LimitError(
            "too_many_columns",
            f"the file has {len(table.columns)} columns; at most {limits.max_columns} are accepted",
            size=len(table.columns),
            limit=limits.max_columns,
        )


def read_limited(
    data: bytes,
    fmt: Format,
    limits: Limits = Limits(),
    *,
    encoding: str | None = None,
    delimiter: str | None = None,
) -> Table:
    """`read_table` within `limits`: checked before parsing (size, expansion) and after (rows, columns)."""
    return read_limited_tables(data, fmt, limits, encoding=encoding, delimiter=delimiter)[0][1]


def read_limited_tables(
    data: bytes,
    fmt: Format,
    limits: Limits = Limits(),
    *,
    encoding: str | None = None,
    delimiter: str | None = None,
) -> list[tuple[str, Table]]:
    """`read_tables` within `limits`: each table within the rows and columns, the repeat tables'
    rows together within `max_instances`."""
    check_upload(data, fmt, limits)
    tables = read_tables(
        data,
        fmt,
        encoding=encoding,
        delimiter=delimiter,
        max_rows=limits.max_rows,
        max_instances=limits.max_instances,
    )
    return check_tables(tables, limits)


def check_tables(tables: list[tuple[str, Table]], limits: Limits = Limits()) -> list[tuple[str, Table]]:
    """Refuse tables over the limits: the main one's rows and columns, each repeat table's columns
    and the repeat tables' rows together (`max_instances`). Returns the tables."""
    check_table(tables[0][1], limits)
    for _name, table in tables[1:]:  # a repeat's rows are instances: bounded together, below
        check_table(table, replace(limits, max_rows=limits.max_instances))
    instances = sum(len(table.rows) for _name, table in tables[1:])
    if instances > limits.max_instances:
        raise LimitError(
            "too_many_instances",
            f"the repeat tables have {instances} rows together; at most {limits.max_instances} are accepted",
            size=instances,
            limit=limits.max_instances,
        )
    return tables


# ---- the parsed file, kept between the mapping step and the run -----------------------------------

_PARSED_VERSION = 1


class ParsedTooLarge(ValueError):
    """The parsed tables would take more than the bound given: not kept (the file is read again)."""


def _dump_cell(value: Any) -> Any:
    if value is None or isinstance(value, (str, bool, int)):
        return value
    if isinstance(value, float):
        return value if math.isfinite(value) else {"$": "float", "v": repr(value)}
    if isinstance(value, UnreadFormula):
        return {"$": "formula", "sheet": value.sheet, "cell": value.cell, "v": value.formula}
    for tag, kind in (("datetime", dt.datetime), ("date", dt.date), ("time", dt.time)):
        if isinstance(value, kind):  # datetime before date: a datetime is a date too
            return {"$": tag, "v": value.isoformat()}
    if isinstance(value, dt.timedelta):
        return {"$": "timedelta", "v": value.total_seconds()}
    return {"$": "text", "v": str(value)}


def _load_cell(value: Any) -> Any:
    if not isinstance(value, dict):
        return value
    tag, v = value["$"], value["v"]
    if tag == "formula":
        return UnreadFormula(value["sheet"], value["cell"], v)
    if tag == "datetime":
        return dt.datetime.fromisoformat(v)
    if tag == "date":
        return dt.date.fromisoformat(v)
    if tag == "time":
        return dt.time.fromisoformat(v)
    if tag == "timedelta":
        return dt.timedelta(seconds=v)
    if tag == "float":
        return float(v)
    return v


def dump_tables(tables: list[tuple[str, Table]], *, max_bytes: int) -> bytes:
    """The tables as read (`read_limited_tables`), as gzipped JSON, every cell's type kept (dates,
    times, formulas saved without their value), so the run reads them instead of parsing the file
    again. ParsedTooLarge when the JSON would exceed `max_bytes`."""
    payload = {
        "version": _PARSED_VERSION,
        "tables": [
            {
                "name": name,
                "columns": list(t.columns),
                "encoding": t.encoding,
                "delimiter": t.delimiter,
                "rows": [[number, [_dump_cell(c) for c in cells]] for number, cells in t.rows],
            }
            for name, t in tables
        ],
    }
    text = json.dumps(payload, ensure_ascii=False, separators=(",", ":")).encode()
    if len(text) > max_bytes:
        raise ParsedTooLarge(f"the parsed file takes {len(text)} bytes, more than {max_bytes}")
    return gzip.compress(text, compresslevel=5)


def load_tables(data: bytes, *, max_bytes: int) -> list[tuple[str, Table]]:
    """`dump_tables`' tables back, reading at most `max_bytes` once unzipped (TableError beyond, or
    for anything that is not such a dump)."""
    try:
        with gzip.GzipFile(fileobj=io.BytesIO(data)) as f:
            text = f.read(max_bytes + 1)
        if len(text) > max_bytes:
            raise TableError("the parsed file is larger than its bound")
        payload = json.loads(text)
        if payload.get("version") != _PARSED_VERSION:
            raise TableError("the parsed file is of another version")
        return [
            (
                t["name"],
                Table(
                    columns=tuple(t["columns"]),
                    rows=tuple((int(n), tuple(_load_cell(c) for c in cells)) for n, cells in t["rows"]),
                    encoding=t["encoding"],
                    delimiter=t["delimiter"],
                ),
            )
            for t in payload["tables"]
        ]
    except (OSError, EOFError, ValueError, KeyError, TypeError) as exc:
        if isinstance(exc, TableError):
            raise
        raise TableError(f"the parsed file cannot be read: {exc}") from exc
