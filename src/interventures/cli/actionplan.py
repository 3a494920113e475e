"""`interventures actionplan export`: a region's Action Plan as DOCX, PDF or JSON.

    interventures actionplan export --region hu-hr --format docx --lang hu --out plan.docx
    interventures actionplan export --region hu-hr --format pdf --lang en,hu --out plan.pdf

A comma list of languages (DOCX and PDF) writes one copy per language, one after the other.

The plan is exported in any status (the command line runs on the server, for the operator)."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from .main import CommandError, django_setup

FORMATS = ("docx", "pdf", "json")


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = subparsers.add_parser("actionplan", help="regional Action Plans")
    sub = p.add_subparsers(dest="actionplan_command", required=True)
    e = sub.add_parser(
        "export", help="write a region's Action Plan", description="Write a region's Action Plan."
    )
    e.add_argument("--region", required=True, help="region code, e.g. hu-hr")
    e.add_argument("--format", required=True, choices=FORMATS)
    e.add_argument(
        "--lang",
        default="en",
        help="en or one of the region's languages; for docx and pdf a comma list (en,hu)",
    )
    e.add_argument("--out", required=True, type=Path, help="output file")
    e.set_defaults(func=run_export)


def run_export(args: argparse.Namespace) -> int:
    django_setup()
    from interventures.apps.actionplans import documents, selectors
    from interventures.apps.partnership.selectors import region_get, region_languages

    region = region_get(code=args.region)
    if region is None:
        raise CommandError(f"no region with the code {args.region!r}")
    languages = ["en", *region_languages(region)]
    wanted = [c.strip() for c in args.lang.split(",") if c.strip()]
    if not wanted or any(c not in languages for c in wanted):
        raise CommandError(f"--lang must be one of {', '.join(dict.fromkeys(languages))} for {region.code}")
    if args.format == "json" and len(wanted) > 1:
        raise CommandError("--format json takes one language")
    plan = selectors.plan_for_export(region_code=region.code)
    if plan is None:
        raise CommandError(f"{region.code} has no Action Plan yet")
    if args.format == "json":
        doc = selectors.plan_document(plan, lang=wanted[0])
        args.out.write_text(json.dumps(doc, ensure_ascii=False, indent=2), encoding="utf-8")
    elif args.format == "pdf":
        args.out.write_bytes(documents.plan_pdf(plan, languages=wanted))
    else:
        args.out.write_bytes(documents.plan_docx(plan, languages=wanted))
    print(f"{args.out}: {region.code} Action Plan ({args.format}, {args.lang})")
    return 0
