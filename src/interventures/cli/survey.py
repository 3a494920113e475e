"""`interventures survey import|export` (responses) and `interventures xlsform import|export` (forms)."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING

from interventures.core.survey.tabular import Format

from .main import CommandError, django_setup

if TYPE_CHECKING:
    from interventures.apps.surveys.models import Campaign

FORMATS = tuple(f.value for f in Format)
# ImportMode's values: the models cannot be imported before Django is set up, which is after parsing.
MODES = ("all_or_nothing", "valid_only")


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    survey = subparsers.add_parser("survey", help="import and export survey responses")
    sub = survey.add_subparsers(dest="survey_command", required=True)
    imp = sub.add_parser("import", help="import responses from a CSV, XLSX, KoboToolbox or LimeSurvey file")
    imp.add_argument("--campaign", type=int, required=True, help="campaign id")
    imp.add_argument("file", type=Path)
    imp.add_argument("--format", choices=FORMATS, default=None, help="default: from the file name")
    imp.add_argument("--mode", choices=MODES, default=MODES[0])
    imp.add_argument("--encoding", default=None, help="e.g. utf-8, cp1250, cp1252 (default: detected)")
    imp.add_argument("--delimiter", default=None, help="default: sniffed")
    imp.add_argument("--rejected-out", type=Path, default=None, help="write rejected rows with reasons (CSV)")
    imp.set_defaults(func=run_import)
    rec = sub.add_parser(
        "recover", help="fail the imports whose worker was lost (silent past the lease), keeping nothing"
    )
    rec.add_argument(
        "--lease", type=float, default=None, help="seconds without a sign of life (default: the setting)"
    )
    rec.add_argument("--retry", action="store_true", help="then run each recovered import again")
    rec.set_defaults(func=run_recover)
    exp = sub.add_parser("export", help="export pseudonymised microdata")
    exp.add_argument("--campaign", type=int, required=True)
    exp.add_argument("--format", choices=("csv", "xlsx", "sav", "parquet"), required=True)
    exp.add_argument("--out", type=Path, required=True)
    exp.add_argument("--language", default="en", help="language of SPSS labels")
    exp.set_defaults(func=run_export)

    xls = subparsers.add_parser("xlsform", help="import and export questionnaires as XLSForm")
    xsub = xls.add_subparsers(dest="xlsform_command", required=True)
    ximp = xsub.add_parser("import", help="create a questionnaire from an XLSForm file")
    ximp.add_argument("file", type=Path)
    ximp.add_argument("--name", default=None)
    ximp.add_argument("--region", default=None, help="region code owning it (default: partnership-wide)")
    ximp.set_defaults(func=run_xlsform_import)
    xexp = xsub.add_parser("export", help="write a questionnaire as an .xlsx XLSForm")
    xexp.add_argument("--questionnaire", type=int, required=True)
    xexp.add_argument("--out", type=Path, required=True)
    xexp.set_defaults(func=run_xlsform_export)


def _read(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError as exc:
        raise CommandError(f"cannot read {path}: {exc.strerror}") from exc


def _campaign(pk: int) -> Campaign:
    from interventures.apps.surveys.selectors import campaign_by_pk

    campaign = campaign_by_pk(pk=pk)
    if campaign is None:
        raise CommandError(f"no campaign {pk}")
    return campaign


def run_import(args: argparse.Namespace) -> int:
    django_setup()
    from interventures.apps.surveys import selectors, services
    from interventures.apps.surveys.models import ImportStatus

    campaign = _campaign(args.campaign)
    fmt = args.format or ("xlsx" if args.file.suffix.lower() == ".xlsx" else "csv")
    try:
        job = services.import_upload(
            campaign=campaign,
            data=_read(args.file),
            filename=args.file.name,
            fmt=fmt,
            mode=args.mode,
            encoding=args.encoding,
            delimiter=args.delimiter,
        )
        job = services.import_run(job=job)
    except services.SurveyError as exc:
        raise CommandError("; ".join([str(exc), *exc.problems])) from exc
    print(
        f"import {job.pk}: {job.n_rows} rows, {job.n_imported} imported, {job.n_rejected} rejected "
        f"({job.status}; encoding {job.options.get('encoding') or '-'})"
    )
    for row in selectors.import_rejected_rows(job=job, limit=20):
        print(
            f"  row {row.row_number}: "
            + "; ".join(f"{r['column'] or '-'}: {r['message']}" for r in row.reasons)
        )
    if args.rejected_out:
        from interventures.apps.surveys.exports import rejected_csv

        args.rejected_out.write_bytes(rejected_csv(job))
    return 0 if job.status == ImportStatus.DONE else 1


def run_recover(args: argparse.Namespace) -> int:
    django_setup()
    from interventures.apps.surveys import services

    jobs = services.import_recover(lease_seconds=args.lease)
    for job in jobs:
        print(f"import {job.pk}: {job.message}")
        if args.retry:
            try:
                job = services.import_retry(job=job)
            except services.SurveyError as exc:
                raise CommandError(f"import {job.pk}: {exc}") from exc
            print(f"import {job.pk}: run again: {job.status}, {job.n_imported} imported")
    print(f"{len(jobs)} import(s) recovered")
    return 0


def run_export(args: argparse.Namespace) -> int:
    django_setup()
    from interventures.apps.surveys.exports import export, is_zip

    campaign = _campaign(args.campaign)
    data = export(campaign, args.format, language=args.language)
    args.out.write_bytes(data)
    # A form with repeats: CSV, SPSS and Parquet come as a zip of the main file and one per repeat.
    zipped = " (a zip: the main file and one file per repeat group)" if is_zip(campaign, args.format) else ""
    print(f"wrote {args.out} ({len(data)} bytes){zipped}")
    return 0


def run_xlsform_import(args: argparse.Namespace) -> int:
    django_setup()
    from interventures.apps.common.selectors import region_by_code
    from interventures.apps.surveys import services

    region_id = None
    if args.region:
        region = region_by_code(code=args.region)
        if region is None:
            raise CommandError(f"no region {args.region!r}")
        region_id = region.pk
    try:
        q = services.questionnaire_import_xlsform(data=_read(args.file), name=args.name, region_id=region_id)
    except services.SurveyError as exc:
        raise CommandError("\n".join([str(exc), *exc.problems])) from exc
    form = q.current.form
    print(
        f"questionnaire {q.pk}: {q.name} ({len(form.answerable())} questions, languages {', '.join(form.languages)})"
    )
    return 0


def run_xlsform_export(args: argparse.Namespace) -> int:
    django_setup()
    from interventures.apps.surveys.selectors import questionnaire_by_pk
    from interventures.core.survey.xlsform import write_xlsform

    q = questionnaire_by_pk(pk=args.questionnaire)
    if q is None:
        raise CommandError(f"no questionnaire {args.questionnaire}")
    write_xlsform(q.current.form, args.out)
    print(f"wrote {args.out}")
    return 0
