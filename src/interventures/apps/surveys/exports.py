"""Microdata exports (CSV, XLSX, SPSS .sav, Parquet). Respondent identities are pseudonymised with a
keyed HMAC (PSEUDONYM_KEY) of the campaign and the respondent id or token, so the same respondent keeps
the same pseudonym across exports while the id itself never leaves the platform. Callers check
permissions (`can_export_region`) before calling."""

from __future__ import annotations

import hashlib
import hmac
import io
import os
import tempfile
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from django.conf import settings

from interventures.config.secrets import key_id
from interventures.core import cells
from interventures.core.survey import Form, Question
from interventures.core.survey.tabular import instance_column
from interventures.core.survey.types import REGISTRY

from .models import Campaign, ImportJob, Response, ResponseStatus
from .services.messages import reason_lines

FORMATS = ("csv", "xlsx", "sav", "parquet")
META = ["respondent", "submitted_at", "language", "source"]


def pseudonym(campaign_id: int, identity: str) -> str:
    """`<key id>-<HMAC>`: the key id (config/secrets.py `key_id`) names the key generation, so an
    analyst sees that pseudonyms of exports made before and after a key rotation cannot be linked."""
    key = settings.PSEUDONYM_KEY
    digest = hmac.new(key.encode(), f"{campaign_id}:{identity}".encode(), hashlib.sha256).hexdigest()[:16]
    return f"{key_id(key)}-{digest}"


def _responses(campaign: Campaign) -> list[Response]:
    return list(
        Response.objects.filter(campaign=campaign, status=ResponseStatus.SUBMITTED)
        .select_related("invitation")
        .order_by("pk")
    )


def _identity(r: Response) -> str:
    return r.respondent_id or (r.invitation.token if r.invitation is not None else "") or r.idempotency_key


def _cell(value: Any) -> Any:
    if isinstance(value, list):
        return " ".join(value)
    return "" if value is None else value


def extra_columns(responses: list[Response], repeats: set[str] | frozenset[str] = frozenset()) -> list[str]:
    """The kept columns (no question of the form: an earlier version's, a tool's) of any response,
    in the order they were first met; those of a repeat's instances (`site[1]/old_units`) are left
    to the repeat's table."""
    seen: dict[str, None] = {}
    for r in responses:
        for key in r.extra or {}:
            if not repeats or instance_column(key, repeats) is None:
                seen.setdefault(key, None)
    return list(seen)


def table(campaign: Campaign) -> tuple[list[str], list[list[Any]]]:
    """Columns and rows: metadata then one column per question (select_multiple: space-separated),
    then the kept columns; with repeats, each row's `_index` (what the repeat tables join to)."""
    form = campaign.version.form
    names = [q.name for q in form.data_columns()]
    responses = _responses(campaign)
    kept = [c for c in extra_columns(responses, form.repeat_names()) if c not in names and c not in META]
    join = ["_index"] if form.repeat_names() else []
    rows = []
    for i, r in enumerate(responses, start=1):
        rows.append(
            [
                pseudonym(campaign.pk, _identity(r)),
                r.submitted_at.isoformat() if r.submitted_at else "",
                r.language,
                r.source,
            ]
            + [_cell(r.answers.get(n)) for n in names]
            + [_cell((r.extra or {}).get(c)) for c in kept]
            + ([i] if join else [])
        )
    return META + names + kept + join, rows


def _repeat_questions(form: Form, repeat: str) -> list[Question]:
    return [
        q
        for q in form.repeat_questions(repeat)
        if q.type != "begin_repeat" and (REGISTRY[q.type].takes_answer or q.type == "calculate")
    ]


def _repeat_columns(form: Form, repeat: str) -> list[str]:
    return [q.name for q in _repeat_questions(form, repeat)]


@dataclass(frozen=True)
class RepeatRows:
    """One repeat's instances, in file order: each one's answers, kept columns and join cells."""

    repeat: str
    questions: list[Question]
    kept: list[str]  # the kept columns of its instances, in the order first met
    join: list[str]  # Kobo's `_index`, `_parent_table_name`, `_parent_index`, or PARENT_KEY, KEY
    rows: list[tuple[Mapping[str, Any], Mapping[str, Any], list[Any]]]  # (answers, kept, join cells)


def repeat_rows(
    campaign: Campaign, *, odk: bool = False, responses: list[Response] | None = None
) -> list[RepeatRows]:
    """Each repeat's instances (outer repeats first), joined to their row as the tools join them:
    KoboToolbox's `_index`, `_parent_table_name`, `_parent_index` (`odk=False`), or ODK Central's
    PARENT_KEY and KEY (`odk=True`, the main table's KEY being the row's `_index`). An instance's
    kept columns (stored as `<path>/<column>` in the response's extra) go with it."""
    form = campaign.version.form
    repeats = [q.name for q in form.questions if q.type == "begin_repeat"]
    if not repeats:
        return []
    responses = _responses(campaign) if responses is None else responses
    kept: dict[str, dict[str, None]] = {rep: {} for rep in repeats}
    by_path: list[dict[str, dict[str, Any]]] = []
    for r in responses:
        paths: dict[str, dict[str, Any]] = {}
        for key, value in (r.extra or {}).items():
            found = instance_column(key, repeats)
            if found is None:
                continue
            path, column = found
            rep = path.rsplit("/", 1)[-1].split("[", 1)[0]
            kept[rep].setdefault(column, None)
            paths.setdefault(path, {})[column] = value
        by_path.append(paths)
    join = ["PARENT_KEY", "KEY"] if odk else ["_index", "_parent_table_name", "_parent_index"]
    out = {rep: RepeatRows(rep, _repeat_questions(form, rep), list(kept[rep]), join, []) for rep in repeats}
    counters = dict.fromkeys(repeats, 0)

    def walk(
        answers: Mapping[str, Any],
        paths: dict[str, dict[str, Any]],
        parent_table: str,
        parent_key: Any,
        parent_path: str,
        repeat_scope: str,
    ) -> None:
        for rep in repeats:
            if form.in_repeat(form.question(rep)) != repeat_scope:
                continue
            for n, instance in enumerate(answers.get(rep) or [], start=1):
                counters[rep] += 1
                key: Any = f"{parent_key}/{rep}[{n}]" if odk else counters[rep]
                path = f"{parent_path}/{rep}[{n}]" if parent_path else f"{rep}[{n}]"
                cells_ = [parent_key, key] if odk else [counters[rep], parent_table, parent_key]
                out[rep].rows.append((instance, paths.get(path, {}), cells_))
                walk(instance, paths, rep, key, path, rep)

    for i, (r, paths) in enumerate(zip(responses, by_path, strict=True), start=1):
        walk(r.answers, paths, "responses", str(i) if odk else i, "", "")
    return [out[rep] for rep in repeats]


def repeat_tables(campaign: Campaign, *, odk: bool = False) -> list[tuple[str, list[str], list[list[Any]]]]:
    """One table per repeat (outer repeats first), each instance a row: its answers, its kept
    columns, then the join columns (see `repeat_rows`)."""
    out = []
    for rr in repeat_rows(campaign, odk=odk):
        names = [q.name for q in rr.questions]
        rows = [
            [_cell(answers.get(c)) for c in names] + [_cell(kept.get(c)) for c in rr.kept] + join
            for answers, kept, join in rr.rows
        ]
        out.append((rr.repeat, [*names, *rr.kept, *rr.join], rows))
    return out


def _csv_bytes(columns: list[str], rows: list[list[Any]]) -> bytes:
    buf = io.StringIO()
    writer = cells.csv_writer(buf)
    writer.writerow(columns)
    writer.writerows(rows)
    return buf.getvalue().encode("utf-8-sig")  # the BOM makes Excel read UTF-8 correctly


def to_csv(campaign: Campaign) -> bytes:
    """A CSV; with repeats, a zip in ODK Central's shape: the main CSV (its `_index` is the KEY)
    and one CSV per repeat named `<slug>-<repeat>.csv`, joined by PARENT_KEY."""
    import zipfile

    columns, rows = table(campaign)
    repeats = repeat_tables(campaign, odk=True)
    if not repeats:
        return _csv_bytes(columns, rows)
    columns = [("KEY" if c == "_index" else c) for c in columns]
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(f"{campaign.slug}.csv", _csv_bytes(columns, rows))
        for rep, rep_columns, rep_rows in repeats:
            archive.writestr(f"{campaign.slug}-{rep}.csv", _csv_bytes(rep_columns, rep_rows))
    return buf.getvalue()


def is_zip(campaign: Campaign, fmt: str) -> bool:
    """Whether the export in `fmt` is a zip (one file per repeat: CSV, SPSS and Parquet exports of a
    form with repeats; an .xlsx holds the repeats as its sheets)."""
    return fmt != "xlsx" and bool(campaign.version.form.repeat_names())


def to_xlsx(campaign: Campaign) -> bytes:
    """A workbook in KoboToolbox's shape: the responses sheet, then one sheet per repeat (named by
    the repeat, cut to Excel's 31 characters) joined by `_parent_index` to the row's `_index`."""
    from openpyxl import Workbook

    columns, rows = table(campaign)
    wb = Workbook(write_only=True)
    ws = wb.create_sheet("responses")
    ws.append(cells.xlsx_row(ws, columns))
    for row in rows:
        ws.append(cells.xlsx_row(ws, row))
    for rep, rep_columns, rep_rows in repeat_tables(campaign):
        sheet = wb.create_sheet(rep[:31])
        sheet.append(cells.xlsx_row(sheet, rep_columns))
        for row in rep_rows:
            sheet.append(cells.xlsx_row(sheet, row))
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def _spss_name(name: str, used: set[str]) -> str:
    base = "".join(ch if ch.isalnum() or ch == "_" else "_" for ch in name)[:60]
    if not base[0].isalpha():
        base = "v" + base
    candidate, n = base, 1
    while candidate.lower() in used:
        n += 1
        candidate = f"{base[:56]}_{n}"
    used.add(candidate.lower())
    return candidate


_SavFrame = tuple[dict[str, list[Any]], dict[str, str | None], dict[str, dict[Any, str]]]
"""Columns, variable labels (pyreadstat's type: a column may have no label) and value labels."""


def _typed_columns(
    form: Form,
    questions: list[Question],
    answers: list[Mapping[str, Any]],
    language: str,
    used: set[str],
    frame: _SavFrame,
) -> None:
    """The questions' columns for pyreadstat: select_one as numeric codes with value labels,
    select_multiple as 0/1 dummies, numbers as floats, the rest as text."""
    data, var_labels, value_labels = frame
    for q in questions:
        label = q.label_in(language, form.default_language)
        values = [a.get(q.name) for a in answers]
        if q.type == "select_one":
            codes = {c.name: i for i, c in enumerate(form.choices_for(q), start=1)}
            col = _spss_name(q.name, used)
            data[col] = [float(codes[v]) if v in codes else None for v in values]
            var_labels[col] = label
            value_labels[col] = {
                float(i): c.label.get(language) or c.label.get(form.default_language, c.name)
                for c, i in zip(form.choices_for(q), codes.values(), strict=True)
            }
        elif q.type == "select_multiple":
            for c in form.choices_for(q):
                col = _spss_name(f"{q.name}_{c.name}", used)
                data[col] = [None if v is None else float(c.name in v) for v in values]
                choice_label = c.label.get(language) or c.label.get(form.default_language, c.name)
                var_labels[col] = f"{label}: {choice_label}"
                value_labels[col] = {0.0: "no", 1.0: "yes"}
        elif q.type in ("integer", "decimal"):
            col = _spss_name(q.name, used)
            data[col] = [None if v in (None, "") else float(v) for v in values]
            var_labels[col] = label
        else:
            col = _spss_name(q.name, used)
            data[col] = ["" if v is None else str(v) for v in values]
            var_labels[col] = label if REGISTRY[q.type].takes_answer else q.name


def _text_columns(names: list[str], rows: list[list[Any]], used: set[str], frame: _SavFrame) -> None:
    """Kept and join columns: whole numbers (`_index`, `_parent_index`) as numbers, the rest as text,
    each labelled with its name as written (SPSS names allow fewer characters)."""
    data, var_labels, _value_labels = frame
    for i, name in enumerate(names):
        col = _spss_name(name, used)
        values = [row[i] for row in rows]
        if values and all(isinstance(v, int) and not isinstance(v, bool) for v in values):
            data[col] = [float(v) for v in values]
        else:
            data[col] = ["" if v is None else str(v) for v in values]
        var_labels[col] = name


def _polars(frame: _SavFrame) -> Any:
    import polars as pl

    data, _var_labels, value_labels = frame
    schema = {
        c: (
            pl.Float64
            if c in value_labels
            or (data[c] and isinstance(next((v for v in data[c] if v is not None), ""), float))
            else pl.Utf8
        )
        for c in data
    }
    return pl.DataFrame(data, schema=schema, strict=False)


def _frame(campaign: Campaign, language: str) -> tuple[Any, dict[str, str | None], dict[str, dict[Any, str]]]:
    """The main table as a polars frame for pyreadstat: the metadata, the questions (see
    `_typed_columns`), the kept columns and, with repeats, the `_index` the repeat files join to."""
    form: Form = campaign.version.form
    responses = _responses(campaign)
    used: set[str] = set()
    frame: _SavFrame = ({}, {}, {})
    meta_rows = [
        [
            pseudonym(campaign.pk, _identity(r)),
            r.submitted_at.isoformat() if r.submitted_at else "",
            r.language,
            r.source,
        ]
        for r in responses
    ]
    _text_columns(META, meta_rows, used, frame)
    _typed_columns(form, form.data_columns(), [r.answers for r in responses], language, used, frame)
    names = {q.name for q in form.data_columns()}
    kept = [c for c in extra_columns(responses, form.repeat_names()) if c not in names and c not in META]
    tail = kept + (["_index"] if form.repeat_names() else [])
    tail_rows = [
        [_cell((r.extra or {}).get(c)) for c in kept] + ([i] if form.repeat_names() else [])
        for i, r in enumerate(responses, start=1)
    ]
    _text_columns(tail, tail_rows, used, frame)
    return _polars(frame), frame[1], frame[2]


def _repeat_frames(campaign: Campaign, language: str) -> list[tuple[str, Any, _SavFrame]]:
    """One frame per repeat, as `_frame` types the main one, joined to it by Kobo's `_index`,
    `_parent_table_name` and `_parent_index` (the main file's `_index`)."""
    form: Form = campaign.version.form
    out = []
    for rr in repeat_rows(campaign, responses=_responses(campaign)):
        used: set[str] = set()
        frame: _SavFrame = ({}, {}, {})
        _typed_columns(form, rr.questions, [answers for answers, _k, _j in rr.rows], language, used, frame)
        rows = [[_cell(kept.get(c)) for c in rr.kept] + join for _a, kept, join in rr.rows]
        _text_columns([*rr.kept, *rr.join], rows, used, frame)
        out.append((rr.repeat, _polars(frame), frame))
    return out


def _zip(files: list[tuple[str, bytes]]) -> bytes:
    import zipfile

    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in files:
            archive.writestr(name, content)
    return buf.getvalue()


def _sav_bytes(
    frame: Any, var_labels: dict[str, str | None], value_labels: dict[str, dict[Any, str]]
) -> bytes:
    import pyreadstat

    fd, path = tempfile.mkstemp(suffix=".sav")
    os.close(fd)
    try:
        pyreadstat.write_sav(frame, path, column_labels=var_labels, variable_value_labels=value_labels)
        with open(path, "rb") as f:
            return f.read()
    finally:
        os.unlink(path)


def to_sav(campaign: Campaign, language: str = "en") -> bytes:
    """An SPSS file; with repeats, a zip of the main `<slug>.sav` and one `<slug>-<repeat>.sav` per
    repeat (value labels on its selects too), joined by `_parent_index` to the parent's `_index`."""
    main = _sav_bytes(*_frame(campaign, language))
    repeats = _repeat_frames(campaign, language) if campaign.version.form.repeat_names() else []
    if not repeats:
        return main
    files = [(f"{campaign.slug}.sav", main)]
    files += [(f"{campaign.slug}-{rep}.sav", _sav_bytes(pf, f[1], f[2])) for rep, pf, f in repeats]
    return _zip(files)


def _parquet_bytes(questions: list[Question], columns: list[str], rows: list[list[Any]]) -> bytes:
    import polars as pl

    data: dict[str, list[Any]] = {c: [row[i] for row in rows] for i, c in enumerate(columns)}
    for q in questions:
        if q.type == "select_multiple":
            data[q.name] = [v.split() if v else None for v in data[q.name]]
        elif q.type in ("integer", "decimal"):
            data[q.name] = [None if v == "" else float(v) for v in data[q.name]]
        else:
            data[q.name] = [None if v == "" else str(v) for v in data[q.name]]
    buf = io.BytesIO()
    pl.DataFrame(data, strict=False).write_parquet(buf)
    return buf.getvalue()


def to_parquet(campaign: Campaign) -> bytes:
    """A Parquet file; with repeats, a zip of the main `<slug>.parquet` and one
    `<slug>-<repeat>.parquet` per repeat, joined by `_parent_index` to the parent's `_index`."""
    form = campaign.version.form
    main = _parquet_bytes(form.data_columns(), *table(campaign))
    if not form.repeat_names():
        return main
    files = [(f"{campaign.slug}.parquet", main)]
    for rr, (rep, columns, rows) in zip(repeat_rows(campaign), repeat_tables(campaign), strict=True):
        files.append((f"{campaign.slug}-{rep}.parquet", _parquet_bytes(rr.questions, columns, rows)))
    return _zip(files)


def export(campaign: Campaign, fmt: str, *, language: str = "en") -> bytes:
    if fmt == "csv":
        return to_csv(campaign)
    if fmt == "xlsx":
        return to_xlsx(campaign)
    if fmt == "sav":
        return to_sav(campaign, language)
    if fmt == "parquet":
        return to_parquet(campaign)
    raise ValueError(fmt)


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
