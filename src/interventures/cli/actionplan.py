"""`interventures actionplan export`: a region's Action Plan as DOCX or JSON.

    interventures actionplan export --region hu-hr --format docx --lang hu --out plan.docx

The plan is exported in any status (the command line runs on the server, for the operator)."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from .main import CommandError, django_setup

FORMATS = ("docx", "json")


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = subparsers.add_parser("actionplan", help="regional Action Plans")
    sub = p.add_subparsers(dest="actionplan_command", required=True)
    e = sub.add_parser(
        "export", help="write a region's Action Plan", description="Write a region's Action Plan."
    )
    e.add_argument("--region", required=True, help="region code, e.g. hu-hr")
    e.add_argument("--format", required=True, choices=FORMATS)
    e.add_argument("--lang", default="en", help="en or one of the region's languages")
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
    if args.lang not in languages:
        raise CommandError(f"--lang must be one of {', '.join(dict.fromkeys(languages))} for {region.code}")
    plan = selectors.plan_for_export(region_code=region.code)
    if plan is None:
        raise CommandError(f"{region.code} has no Action Plan yet")
    if args.format == "json":
        doc = selectors.plan_document(plan, lang=args.lang)
        args.out.write_text(json.dumps(doc, ensure_ascii=False, indent=2), encoding="utf-8")
    else:
        args.out.write_bytes(documents.plan_docx(plan, lang=args.lang))
    print(f"{args.out}: {region.code} Action Plan ({args.format}, {args.lang})")
    return 0
