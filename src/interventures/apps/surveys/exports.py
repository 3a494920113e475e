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
from typing import Any

from django.conf import settings

from interventures.config.secrets import key_id
from interventures.core import cells
from interventures.core.survey import Form
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


def extra_columns(responses: list[Response]) -> list[str]:
    """The kept columns (no question of the form: an earlier version's, a tool's) of any response,
    in the order they were first met."""
    seen: dict[str, None] = {}
    for r in responses:
        for key in r.extra or {}:
            seen.setdefault(key, None)
    return list(seen)


def table(campaign: Campaign) -> tuple[list[str], list[list[Any]]]:
    """Columns and rows: metadata then one column per question (select_multiple: space-separated),
    then the kept columns; with repeats, each row's `_index` (what the repeat tables join to)."""
    form = campaign.version.form
    names = [q.name for q in form.data_columns()]
    responses = _responses(campaign)
    kept = [c for c in extra_columns(responses) if c not in names and c not in META]
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


def _repeat_columns(form: Form, repeat: str) -> list[str]:
    return [
        q.name
        for q in form.repeat_questions(repeat)
        if q.type != "begin_repeat" and (REGISTRY[q.type].takes_answer or q.type == "calculate")
    ]


def repeat_tables(campaign: Campaign, *, odk: bool = False) -> list[tuple[str, list[str], list[list[Any]]]]:
    """One table per repeat (outer repeats first), each instance a row joined to its row as the
    tools join them: KoboToolbox's `_index`, `_parent_table_name`, `_parent_index` (`odk=False`),
    or ODK Central's PARENT_KEY and KEY (`odk=True`, the main table's KEY being the row's `_index`)."""
    form = campaign.version.form
    repeats = [q.name for q in form.questions if q.type == "begin_repeat"]
    if not repeats:
        return []
    main = "responses"
    out: dict[str, tuple[list[str], list[list[Any]]]] = {
        rep: (
            [
                *_repeat_columns(form, rep),
                *(["PARENT_KEY", "KEY"] if odk else ["_index", "_parent_table_name", "_parent_index"]),
            ],
            [],
        )
        for rep in repeats
    }
    counters = dict.fromkeys(repeats, 0)

    def walk(answers: dict[str, Any], parent_table: str, parent_key: Any, repeat_scope: str) -> None:
        for rep in repeats:
            if form.in_repeat(form.question(rep)) != repeat_scope:
                continue
            for n, instance in enumerate(answers.get(rep) or [], start=1):
                counters[rep] += 1
                key: Any = f"{parent_key}/{rep}[{n}]" if odk else counters[rep]
                cells_ = [_cell(instance.get(c)) for c in _repeat_columns(form, rep)]
                cells_ += [parent_key, key] if odk else [counters[rep], parent_table, parent_key]
                out[rep][1].append(cells_)
                walk(instance, rep, key, rep)

    for i, r in enumerate(_responses(campaign), start=1):
        walk(r.answers, main, str(i) if odk else i, "")
    return [(rep, *out[rep]) for rep in repeats]


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
    """Whether the export in `fmt` is a zip (a CSV export of a form with repeats)."""
    return fmt == "csv" and bool(campaign.version.form.repeat_names())


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


def _frame(campaign: Campaign, language: str) -> tuple[Any, dict[str, str | None], dict[str, dict[Any, str]]]:
    """A pandas-free column dict for pyreadstat/polars: select_one as numeric codes with value labels,
    select_multiple as 0/1 dummies, numbers as floats."""
    import polars as pl

    form: Form = campaign.version.form
    responses = _responses(campaign)
    used: set[str] = set()
    data: dict[str, list[Any]] = {}
    var_labels: dict[str, str | None] = {}  # pyreadstat's type: a column may have no label
    value_labels: dict[str, dict[Any, str]] = {}
    for meta in META:
        col = _spss_name(meta, used)
        data[col] = []
    for r in responses:
        data["respondent"].append(pseudonym(campaign.pk, _identity(r)))
        data["submitted_at"].append(r.submitted_at.isoformat() if r.submitted_at else "")
        data["language"].append(r.language)
        data["source"].append(r.source)
    for q in form.data_columns():
        label = q.label_in(language, form.default_language)
        values = [r.answers.get(q.name) for r in responses]
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
    schema = {
        c: (
            pl.Float64
            if c in value_labels
            or (data[c] and isinstance(next((v for v in data[c] if v is not None), ""), float))
            else pl.Utf8
        )
        for c in data
    }
    frame = pl.DataFrame(data, schema=schema, strict=False)
    return frame, var_labels, value_labels


def to_sav(campaign: Campaign, language: str = "en") -> bytes:
    import pyreadstat

    frame, var_labels, value_labels = _frame(campaign, language)
    fd, path = tempfile.mkstemp(suffix=".sav")
    os.close(fd)
    try:
        pyreadstat.write_sav(frame, path, column_labels=var_labels, variable_value_labels=value_labels)
        with open(path, "rb") as f:
            return f.read()
    finally:
        os.unlink(path)


def to_parquet(campaign: Campaign) -> bytes:
    import polars as pl

    form = campaign.version.form
    columns, rows = table(campaign)
    data: dict[str, list[Any]] = {c: [row[i] for row in rows] for i, c in enumerate(columns)}
    for q in form.data_columns():
        if q.type == "select_multiple":
            data[q.name] = [v.split() if v else None for v in data[q.name]]
        elif q.type in ("integer", "decimal"):
            data[q.name] = [None if v == "" else float(v) for v in data[q.name]]
        else:
            data[q.name] = [None if v == "" else str(v) for v in data[q.name]]
    buf = io.BytesIO()
    pl.DataFrame(data, strict=False).write_parquet(buf)
    return buf.getvalue()


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
