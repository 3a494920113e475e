"""Imports of responses from files (CSV, XLSX, Kobo/ODK/LimeSurvey exports): upload, map columns, run in batches, keep rejected rows with reasons."""

from __future__ import annotations

import time
from collections.abc import Mapping, Sequence
from datetime import datetime, timedelta
from typing import Any

from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from interventures.apps.common import languages
from interventures.core.survey.tabular import (
    Format,
    LimitError,
    Limits,
    ParsedTooLarge,
    Table,
    TableError,
    attach_repeats,
    auto_mapping,
    check_tables,
    column_samples,
    dump_tables,
    load_tables,
    mapping_problems,
    parse_rows,
    read_limited_tables,
    repeat_of_table,
)
from interventures.core.survey.validate import (
    clean_response,
    dump_values,
    is_nuts3_code,
)

from ..models import (
    Campaign,
    ImportJob,
    ImportMode,
    ImportStatus,
    Invitation,
    RejectedRow,
    Response,
    ResponseSource,
    ResponseStatus,
)
from ..selectors import nuts3_codes
from .errors import SurveyError
from .messages import limit_message

# ---- imports -------------------------------------------------------------------------------------


def import_limits() -> Limits:
    """The limits of one uploaded data file: Limits' defaults, changed by INTERVENTURES_IMPORT_LIMITS."""
    from django.conf import settings

    return Limits(**getattr(settings, "INTERVENTURES_IMPORT_LIMITS", {}))


def import_upload(
    *,
    campaign: Campaign,
    data: bytes,
    filename: str,
    fmt: str,
    mode: str = ImportMode.ALL_OR_NOTHING,
    encoding: str | None = None,
    delimiter: str | None = None,
    user: Any = None,
) -> ImportJob:
    """Store the file, read it once and propose a column mapping (the mapping step). The tables read
    are kept beside the file (`PARSED_SUFFIX`, gzipped JSON, within the limits' expanded size), so
    the run does not parse the file again."""
    form = campaign.version.form
    limits = import_limits()
    try:
        tables = read_limited_tables(
            data, Format(fmt), limits, encoding=encoding or None, delimiter=delimiter or None
        )
    except LimitError as exc:
        raise SurveyError(limit_message(exc)) from exc
    except TableError as exc:
        raise SurveyError(_("The file cannot be read: %(reason)s") % {"reason": exc}) from exc
    table = tables[0][1]
    try:
        parsed: bytes | None = dump_tables(tables, max_bytes=limits.max_expanded_bytes)
    except ParsedTooLarge:
        parsed = None  # the run reads the file again
    with transaction.atomic():
        job = ImportJob(
            campaign=campaign,
            original_name=filename[:255],
            format=fmt,
            mode=mode,
            # The file's column order, kept as a list: PostgreSQL's jsonb does not keep key order.
            options={
                "encoding": table.encoding or encoding or "",
                "delimiter": table.delimiter or delimiter or "",
                "columns": list(table.columns),
                # a few values of each column, shown beside it in the mapping step
                "samples": column_samples(table),
                # the other sheets or CSVs of the file: a repeat's instances each, shown on the
                # mapping step with the repeat they fill ("" when they are no repeat of the form)
                "tables": [
                    {"name": name, "rows": len(t.rows), "repeat": repeat_of_table(form, name)}
                    for name, t in tables[1:]
                ],
            },
            # Columns no question of the form answers are kept (an earlier version's, a tool's).
            mapping=auto_mapping(form, table.columns, Format(fmt), keep_unknown=True),
            n_rows=len(table.rows),
            created_by=user if getattr(user, "is_authenticated", False) else None,
        )
        job.file.save(filename or "import", ContentFile(data), save=False)
        if parsed is not None:
            job.options["parsed"] = job.file.storage.save(
                f"{job.file.name}{PARSED_SUFFIX}", ContentFile(parsed)
            )
        job.save()
    return job


PARSED_SUFFIX = ".tables.json.gz"


def _import_tables(job: ImportJob, fmt: Format) -> list[tuple[str, Table]]:
    """The tables of the job's file: those read at upload when kept (checked against the limits
    again, which may have changed), else the file read again (a job uploaded before they were kept,
    or one too large to keep)."""
    limits = import_limits()
    name = job.options.get("parsed") or ""
    storage = job.file.storage
    if name and storage.exists(name):
        with storage.open(name, "rb") as f:
            blob = f.read(limits.max_expanded_bytes + 1)
        try:
            return check_tables(load_tables(blob, max_bytes=limits.max_expanded_bytes), limits)
        except LimitError:
            raise
        except TableError:
            pass  # not readable (cut, another version): the file itself is read again
    job.file.open("rb")
    try:
        data = job.file.read()
    finally:
        job.file.close()
    return read_limited_tables(
        data,
        fmt,
        limits,
        encoding=job.options.get("encoding") or None,
        delimiter=job.options.get("delimiter") or None,
    )


def _import_forget_parsed(job: ImportJob) -> None:
    """Remove the tables kept for the run once it is done (the job is never run again)."""
    name = job.options.get("parsed") or ""
    if name:
        job.file.storage.delete(name)


def import_set_mapping(*, job: ImportJob, mapping: Mapping[str, str], mode: str | None = None) -> ImportJob:
    unknown = set(mapping) - set(job.mapping)
    if unknown:
        raise SurveyError(_("Unknown columns: %(columns)s") % {"columns": ", ".join(sorted(unknown))})
    with transaction.atomic():
        job.mapping = {**job.mapping, **mapping}
        if mode:
            job.mode = mode
        job.save(update_fields=["mapping", "mode"])
    return job


NUTS3_QUESTION = "nuts3"


"""The question of the region's NUTS 3 code (the standard questionnaire's): offered as the region's
list on the web form and checked against the region wherever answers come in."""


def region_nuts_prefixes(region: Any) -> list[str]:
    """The NUTS codes a region lists in any NUTS version (a NUTS 3 answer must start with one)."""
    return [
        c.upper() for codes in ((region.nuts or {}).values() if region is not None else []) for c in codes
    ]


def _nuts3_reasons(
    row: int,
    value: Any,
    column_of: Mapping[str, str],
    known: frozenset[str],
    region: Any = None,
) -> list[dict[str, Any]]:
    """A NUTS 3 answer must look like a NUTS 3 code and, when the classification is loaded, be one."""
    if value is None or not str(value).strip():
        return []
    code = str(value).strip()
    params = {"row": row, "column": column_of.get("nuts3", "nuts3"), "value": code[:20]}
    base = {"column": params["column"], "question": "nuts3", "params": params}
    if not is_nuts3_code(code):
        message = f"Row {row}, column {params['column']}: {code[:20]} is not a NUTS 3 code"
        return [{**base, "code": "nuts3_format", "message": message}]
    if known and code not in known:
        message = f"Row {row}, column {params['column']}: {code} is not in the NUTS 3 classification"
        return [{**base, "code": "nuts3_unknown", "message": message}]
    prefixes = region_nuts_prefixes(region)
    if prefixes and not any(code.upper().startswith(prefix) for prefix in prefixes):
        # A Podkarpackie code (PL823) in a Hungary–Croatia campaign is a misfiled row, not a region.
        params["region"] = region.name
        message = f"Row {row}, column {params['column']}: {code} is not a NUTS 3 region of {region.name}"
        return [{**base, "code": "nuts3_other_region", "params": params, "message": message}]
    return []


def _language_reasons(row: int, language: str, allowed: Sequence[str]) -> list[dict[str, Any]]:
    """A row's language, when given, must be one of the survey's (a code "xx" is a typo, not a language)."""
    if not language or languages.base(language) in allowed:
        return []
    params = {"row": row, "value": language[:20], "languages": ", ".join(allowed)}
    message = f"Row {row}: the language {language[:20]} is not one of the survey's languages"
    return [{"column": "", "question": "", "code": "unknown_language", "params": params, "message": message}]


def import_start(*, job: ImportJob) -> ImportJob:
    """Check the mapping now (the page shows what is missing), then run the import in the background:
    a Celery worker when a broker is configured, in this process otherwise. Returns the job as it
    stands (done already when run in-process, running or waiting otherwise)."""
    if job.status != ImportStatus.UPLOADED:
        raise SurveyError(_("This import has already been run."))
    problems = mapping_problems(job.campaign.version.form, job.mapping)
    if problems:
        raise SurveyError(_("The column mapping is incomplete."), problems)
    import_recover(campaign=job.campaign)  # an earlier import of the campaign whose worker was lost
    from ..tasks import import_run_task

    import_run_task.delay(job.pk)  # the job and its mapping are committed: a worker can read them
    job.refresh_from_db()
    return job


def import_run(*, job: ImportJob) -> ImportJob:
    """Validate every row and cell, then import atomically (mode all-or-nothing or valid rows only).
    Rejected rows are kept with their reasons. A failure part-way leaves no responses behind."""
    if job.status != ImportStatus.UPLOADED:
        raise SurveyError(_("This import has already been run."))
    problems = mapping_problems(job.campaign.version.form, job.mapping)
    if problems:
        raise SurveyError(_("The column mapping is incomplete."), problems)
    lease = _import_claim(job)
    try:
        return _import_validate_and_write(job=job, lease=lease)
    except ImportLeaseLost:
        raise  # recovered by someone else (import_recover): what it wrote is theirs to remove
    except BaseException:
        _import_undo(job, attempt=lease.attempt)
        raise


def _import_validate_and_write(*, job: ImportJob, lease: ImportLease) -> ImportJob:
    campaign = job.campaign
    form = campaign.version.form
    fmt = Format(job.format)
    lease.beat()
    try:
        tables = _import_tables(job, fmt)
    except LimitError as exc:
        raise SurveyError(limit_message(exc)) from exc
    except TableError as exc:
        raise SurveyError(_("The file cannot be read: %(reason)s") % {"reason": exc}) from exc
    lease.beat()
    (main_name, table), repeat_tables = tables[0], tables[1:]
    rows = parse_rows(form, table, job.mapping, fmt)
    repeat_problems = attach_repeats(form, rows, repeat_tables, fmt, main_name=main_name, keep_unknown=True)
    existing_ids = set(
        Response.objects.filter(campaign=campaign)
        .exclude(respondent_id="")
        .values_list("respondent_id", flat=True)
    )
    tokens = dict(Invitation.objects.filter(campaign=campaign).values_list("token", "pk"))
    used_tokens = set(
        Response.objects.filter(campaign=campaign, invitation__isnull=False).values_list(
            "invitation_id", flat=True
        )
    )
    seen_ids: dict[str, int] = {}
    valid: list[Response] = []
    rejected: list[RejectedRow] = []
    now = timezone.now()
    column_of = {t: c for c, t in job.mapping.items()}
    has_nuts3 = any(q.name == "nuts3" for q in form.data_columns())
    known_nuts3 = nuts3_codes() if has_nuts3 else frozenset()
    allowed_languages = list(campaign.languages or form.languages or [form.default_language])
    # A repeat's row whose submission is not in the file cannot be placed: kept as a rejected row.
    for problem in repeat_problems:
        if problem.code != "orphan_instance":
            continue  # a table of no repeat of the form: named on the mapping step, not imported
        params = {"table": problem.table, "table_row": problem.row}
        reason = {
            "column": "",
            "question": "",
            "code": problem.code,
            "params": params,
            "message": problem.message,
        }
        rejected.append(RejectedRow(row_number=problem.row, raw={"table": problem.table}, reasons=[reason]))
    for row in rows:
        lease.beat()  # at most every few seconds: see ImportLease
        # Reasons are stored as codes with parameters (and the English text as a fallback), so the
        # result page and the CSV of rejected rows show them in the reader's language.
        reasons = [
            {
                "column": p.column,
                "question": "",
                "code": p.code,
                "params": dict(p.params),
                "message": p.message,
            }
            for p in row.problems
        ]
        values: dict[str, Any] = {}
        if not row.problems or all(p.code == "incomplete" for p in row.problems):
            values, errors = clean_response(form, row.answers, language=row.language or None)
            errors = [e for e in errors if not (e.question == "nuts3" and e.code == "constraint")]
            for e in errors:
                params = dict(e.params)
                if e.code == "constraint":
                    params["messages"] = dict(form.question(e.question).constraint_message)
                reasons.append(
                    {
                        "column": column_of.get(e.question, e.question),
                        "question": e.question,
                        "code": e.code,
                        "params": params,
                        "message": e.message,
                    }
                )
            reasons += _nuts3_reasons(
                row.number, row.answers.get("nuts3"), column_of, known_nuts3, region=campaign.region
            )
            reasons += _language_reasons(row.number, row.language, allowed_languages)
        rid = row.respondent_id
        if rid:
            if rid in existing_ids or (rid in tokens and tokens[rid] in used_tokens):
                reasons.append(
                    {
                        "column": "",
                        "question": "",
                        "code": "duplicate",
                        "params": {},
                        "message": "A response with this respondent id or token already exists.",
                    }
                )
            elif rid in seen_ids:
                reasons.append(
                    {
                        "column": "",
                        "question": "",
                        "code": "duplicate",
                        "params": {"row": seen_ids[rid]},
                        "message": f"Duplicate of row {seen_ids[rid]} in this file.",
                    }
                )
            else:
                seen_ids[rid] = row.number
        if reasons:
            rejected.append(
                RejectedRow(
                    row_number=row.number, raw={k: str(v) for k, v in row.raw.items()}, reasons=reasons
                )
            )
            continue
        invitation_id = tokens.get(rid) if rid in tokens and tokens[rid] not in used_tokens else None
        valid.append(
            Response(
                campaign=campaign,
                respondent_id=rid[:100],
                idempotency_key=f"import-{job.pk}-{row.number}",
                status=ResponseStatus.SUBMITTED,
                source=ResponseSource.IMPORT,
                language=row.language[:8],
                answers=dump_values(form, values),
                extra=dict(row.extra),
                submitted_at=now,
                invitation_id=invitation_id,
                is_demo=campaign.is_demo,
            )
        )
    return _import_write(job=job, valid=valid, rejected=rejected, n_rows=len(rows), lease=lease)


IMPORT_BATCH = 1000


"""Rows written per transaction: each holds the database's write lock for a moment only, so the
respondents' autosaves and other writers go on while a large file is imported."""


def _import_write(
    *, job: ImportJob, valid: list[Response], rejected: list[RejectedRow], n_rows: int, lease: ImportLease
) -> ImportJob:
    """Write a validated import in short transactions, atomic for everyone else.

    The job was claimed (RUNNING: a second run or a retry is refused). Responses are written in
    batches as IMPORTING, which no page, export or analysis counts; one short final transaction makes
    them SUBMITTED and finishes the job. If anything fails on the way, import_run deletes the rows
    written so far and the job is UPLOADED again, so it can be run again and nothing of it is seen.
    If the worker dies, the lease expires and import_recover does the same."""
    all_or_nothing = job.mode == ImportMode.ALL_OR_NOTHING
    ImportJob.objects.filter(pk=job.pk).update(n_rows=n_rows)
    imported = 0
    if valid and not (all_or_nothing and rejected):
        for response in valid:
            response.import_job = job
            response.status = ResponseStatus.IMPORTING
        for start in range(0, len(valid), IMPORT_BATCH):
            lease.beat(force=True)
            with transaction.atomic():
                Response.objects.bulk_create(valid[start : start + IMPORT_BATCH])
            ImportJob.objects.filter(pk=job.pk).update(n_imported=min(start + IMPORT_BATCH, len(valid)))
        imported = len(valid)
    for r in rejected:
        r.job = job
    for start in range(0, len(rejected), IMPORT_BATCH):
        lease.beat(force=True)
        with transaction.atomic():
            RejectedRow.objects.bulk_create(rejected[start : start + IMPORT_BATCH])
    job = _import_finish(job=job, n_rows=n_rows, imported=imported, n_rejected=len(rejected), lease=lease)
    _import_forget_parsed(job)  # the parsed copy of the upload is kept for a retry until it is done
    return job


def _import_finish(
    *, job: ImportJob, n_rows: int, imported: int, n_rejected: int, lease: ImportLease
) -> ImportJob:
    """The import's last short transaction: what was staged becomes SUBMITTED and the job is done,
    provided this worker still holds the job (it was not recovered while the worker was stalled)."""
    all_or_nothing = job.mode == ImportMode.ALL_OR_NOTHING
    with transaction.atomic():
        job = ImportJob.objects.select_for_update().get(pk=job.pk)
        if job.status != ImportStatus.RUNNING or job.attempt != lease.attempt:
            raise ImportLeaseLost(job.pk)
        Response.objects.filter(import_job=job, status=ResponseStatus.IMPORTING).update(
            status=ResponseStatus.SUBMITTED
        )
        job.n_rows = n_rows
        job.n_imported = imported
        # Rows with errors only; the valid rows an all-or-nothing import held back are counted
        # apart (ImportJob.n_held_back), so the page does not call them rejected.
        job.n_rejected = n_rejected
        job.status = ImportStatus.REJECTED if (all_or_nothing and n_rejected) else ImportStatus.DONE
        if all_or_nothing and n_rejected:
            job.message = _("Nothing was imported: %(bad)s of %(total)s rows have errors.") % {
                "bad": n_rejected,
                "total": n_rows,
            }
        else:
            job.message = _("%(ok)s rows imported, %(bad)s rejected.") % {
                "ok": imported,
                "bad": n_rejected,
            }
        job.finished_at = timezone.now()
        job.heartbeat_at = job.finished_at
        job.save()
    return job


def _import_undo(job: ImportJob, *, attempt: int) -> None:
    """Remove what a failed run wrote (in batches, as it was written) and let it be run again; only
    while that run still holds the job (a recovered job is import_recover's)."""
    if not ImportJob.objects.filter(pk=job.pk, status=ImportStatus.RUNNING, attempt=attempt).exists():
        return
    _import_remove_staged(job)
    ImportJob.objects.filter(pk=job.pk, status=ImportStatus.RUNNING, attempt=attempt).update(
        status=ImportStatus.UPLOADED, n_imported=0, n_rejected=0
    )


def _import_remove_staged(job: ImportJob) -> None:
    """Delete the responses and rejected rows a run of the job wrote before it finished."""
    staged = Response.objects.filter(import_job=job, status=ResponseStatus.IMPORTING)
    while ids := list(staged.values_list("pk", flat=True)[:IMPORT_BATCH]):
        with transaction.atomic():
            Response.objects.filter(pk__in=ids).delete()
    with transaction.atomic():
        RejectedRow.objects.filter(job=job).delete()


# ---- the lease of a running import ---------------------------------------------------------------


IMPORT_WORKER_LOST = "worker_lost"


"""`ImportJob.options["failure"]` of a job recovered after its worker was lost."""


class ImportLeaseLost(Exception):  # noqa: N818 - it names what happened, as Django's DoesNotExist
    """The job was recovered while this worker held it (it stalled past its lease): stop writing."""


def import_lease_seconds() -> int:
    """How long a running import may go without a sign of life before it counts as lost
    (INTERVENTURES_IMPORT_LEASE_SECONDS, default 300)."""
    from django.conf import settings

    return int(getattr(settings, "INTERVENTURES_IMPORT_LEASE_SECONDS", 300))


class ImportLease:
    """The claim of one run of a job: `beat()` writes the job's heartbeat, at most every tenth of the
    lease (a batch forces one), and raises ImportLeaseLost when the job is no longer this run's."""

    def __init__(self, job: ImportJob, attempt: int) -> None:
        self.job_pk = job.pk
        self.attempt = attempt
        self.every = max(import_lease_seconds() / 10, 1.0)
        self.last = time.monotonic()

    def beat(self, *, force: bool = False) -> None:
        if not force and time.monotonic() - self.last < self.every:
            return
        held = ImportJob.objects.filter(
            pk=self.job_pk, status=ImportStatus.RUNNING, attempt=self.attempt
        ).update(heartbeat_at=timezone.now())
        if not held:
            raise ImportLeaseLost(self.job_pk)
        self.last = time.monotonic()


def _import_claim(job: ImportJob) -> ImportLease:
    """UPLOADED -> RUNNING for one more attempt, in one conditional update (a second worker or a
    redelivered task finds it taken). What an earlier attempt left staged is removed first."""
    with transaction.atomic():
        claimed = ImportJob.objects.filter(pk=job.pk, status=ImportStatus.UPLOADED).update(
            status=ImportStatus.RUNNING, attempt=F("attempt") + 1, heartbeat_at=timezone.now(), message=""
        )
    if not claimed:
        raise SurveyError(_("This import has already been run."))
    job.refresh_from_db()
    _import_remove_staged(job)
    return ImportLease(job, job.attempt)


def import_recover(
    *, now: datetime | None = None, lease_seconds: float | None = None, campaign: Campaign | None = None
) -> list[ImportJob]:
    """Every RUNNING import whose worker gave no sign of life for longer than the lease (it was
    killed, or its machine went away) becomes FAILED with the reason, and what it had staged is
    removed: nothing of it was ever counted, and `import_retry` runs it again from the start. Called
    by the periodic task `surveys.import_recover`, by `interventures survey recover`, and when an
    import's page is opened or a new import started."""
    now = now or timezone.now()
    lease = import_lease_seconds() if lease_seconds is None else lease_seconds
    stale = ImportJob.objects.filter(status=ImportStatus.RUNNING).filter(
        Q(heartbeat_at__lt=now - timedelta(seconds=lease))
        | Q(heartbeat_at__isnull=True, created_at__lt=now - timedelta(seconds=lease))
    )
    if campaign is not None:
        stale = stale.filter(campaign=campaign)
    recovered = []
    for job in stale.select_related("campaign"):
        # Conditional on what was read: a worker that beat in the meantime keeps its job.
        taken = ImportJob.objects.filter(
            pk=job.pk, status=ImportStatus.RUNNING, attempt=job.attempt, heartbeat_at=job.heartbeat_at
        ).update(status=ImportStatus.FAILED, finished_at=now, message=import_lost_message(job))
        if not taken:
            continue
        _import_remove_staged(job)
        job.refresh_from_db()
        job.n_imported = job.n_rejected = 0
        job.options = {**job.options, "failure": IMPORT_WORKER_LOST}  # the page says why, translated
        job.save(update_fields=["n_imported", "n_rejected", "options"])
        recovered.append(job)
    return recovered


def import_lost_message(job: ImportJob) -> str:
    """The reason kept on a job whose worker was lost (in the language of whoever recovered it; the
    result page says it again in the reader's, from the status)."""
    seen = job.heartbeat_at or job.created_at
    return _(
        "The worker running this import stopped (last sign of life: %(when)s). Nothing of it was "
        "kept; run it again."
    ) % {"when": seen.isoformat(timespec="seconds")}


def import_retry(*, job: ImportJob) -> ImportJob:
    """Run a FAILED import again from the start (its staged rows were removed when it failed): each
    row is stored once, whatever the earlier attempts did."""
    with transaction.atomic():
        reset = ImportJob.objects.filter(pk=job.pk, status=ImportStatus.FAILED).update(
            status=ImportStatus.UPLOADED, finished_at=None, message="", n_imported=0, n_rejected=0
        )
    if not reset:
        raise SurveyError(_("Only a failed import can be run again."))
    job.refresh_from_db()
    job.options = {k: v for k, v in job.options.items() if k != "failure"}
    job.save(update_fields=["options"])
    return import_start(job=job)
