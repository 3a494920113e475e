"""`interventures report situation`: a region's Situation Analysis Report as PDF, DOCX or HTML.

    interventures report situation --region hu-hr --format pdf --lang hu --out report.pdf

Uses the region's latest finished analysis; with --run (or when there is none yet) the analysis is
run first, in this process."""

from __future__ import annotations

import argparse
from pathlib import Path

from .main import CommandError, django_setup

FORMATS = ("pdf", "docx", "html", "csv")


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = subparsers.add_parser("report", help="situation analysis reports")
    sub = p.add_subparsers(dest="report_command", required=True)
    s = sub.add_parser(
        "situation",
        help="write a region's Situation Analysis Report",
        description="Write a region's Situation Analysis Report (PDF, DOCX, HTML, or its figures as CSV).",
    )
    s.add_argument("--region", required=True, help="region code, e.g. hu-hr")
    s.add_argument("--format", required=True, choices=FORMATS)
    s.add_argument("--lang", default="en", help="en or one of the region's languages")
    s.add_argument("--out", required=True, type=Path, help="output file")
    s.add_argument("--run", action="store_true", help="run the analysis again first")
    s.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    django_setup()
    from interventures.apps.accounts.permissions import OPERATOR
    from interventures.apps.analysis import documents
    from interventures.apps.analysis.models import RunStatus
    from interventures.apps.analysis.report import build_document
    from interventures.apps.analysis.selectors import figure_list, run_latest, situation_report_for_export
    from interventures.apps.analysis.services import AnalysisError, analysis_run_create, analysis_run_execute
    from interventures.apps.partnership.selectors import region_get, region_languages

    region = region_get(code=args.region)
    if region is None:
        raise CommandError(f"no region with the code {args.region!r}")
    languages = ["en", *region_languages(region)]
    if args.lang not in languages:
        raise CommandError(f"--lang must be one of {', '.join(dict.fromkeys(languages))} for {region.code}")
    if args.run or run_latest(region=region) is None:
        try:
            pending = analysis_run_create(user=OPERATOR, region=region, start=False)
        except AnalysisError as exc:
            raise CommandError(f"{region.code}: {exc}") from exc
        done = analysis_run_execute(run_id=pending.pk)
        if done.status != RunStatus.DONE:
            raise CommandError(f"{region.code}: the analysis failed: {done.error}")
    report = situation_report_for_export(region=region)
    doc = build_document(region=region, lang=args.lang, report=report)
    if args.format == "pdf":
        data: bytes = documents.report_pdf(doc)
    elif args.format == "docx":
        data = documents.report_docx(doc)
    elif args.format == "html":
        data = documents.report_html(doc).encode("utf-8")
    else:
        data = documents.figures_csv(doc).encode("utf-8")
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_bytes(data)
    n_figures = figure_list(run=doc.run).count()
    print(
        f"{args.out}: {args.format.upper()}, {len(data):,} bytes; {region.code}, language {args.lang}; "
        f"{n_figures} figures from analysis #{doc.run.pk if doc.run else '-'}"
    )
    return 0
