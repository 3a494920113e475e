"""`interventures ecosystem`: a region's key players directory in and out.

    interventures ecosystem import --region hu-hr --organisations ORGS.csv --services SERVICES.csv \\
        --ties TIES.csv [--replace]
    interventures ecosystem export --region hu-hr --format json|csv --out PATH
    interventures ecosystem directory --region hu-hr --format csv|xlsx --out FOLDER

Columns (lists `;`-separated; CSV or XLSX):
    ORGS.csv      id,name,type,nuts,cross_border_country,languages,website,rsg_member
    SERVICES.csv  organisation_id,service_type,dimensions,stages,cost,languages,instrument
    TIES.csv      source_id,target_id,kind,strength,cross_border
Bad rows are refused with file, row, column and reason (exit code 2); nothing is half-imported.
`directory` writes organisations, services and ties in these columns (and the optional ones:
docs/methods/ecosystem.md), every entry of the region, drafts included: importing the three files
again with --replace gives the same directory."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from .main import CommandError, django_setup


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = subparsers.add_parser(
        "ecosystem",
        help="the key players directory: import and export",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    sub = p.add_subparsers(dest="ecosystem_command", required=True)
    i = sub.add_parser(
        "import",
        help="import a region's organisations, services and ties",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    i.add_argument("--region", required=True)
    i.add_argument("--organisations", required=True, type=Path)
    i.add_argument("--services", required=True, type=Path)
    i.add_argument("--ties", required=True, type=Path)
    i.add_argument("--replace", action="store_true", help="remove the region's directory entries first")
    i.set_defaults(func=run_import)
    e = sub.add_parser("export", help="export a region's directory analysis")
    e.add_argument("--region", required=True)
    e.add_argument("--format", required=True, choices=("json", "csv"))
    e.add_argument("--out", required=True, type=Path, help="a file (json) or a folder (csv)")
    e.set_defaults(func=run_export)
    d = sub.add_parser("directory", help="export a region's directory as the import's three files")
    d.add_argument("--region", required=True)
    d.add_argument("--format", required=True, choices=("csv", "xlsx"))
    d.add_argument("--out", required=True, type=Path, help="a folder")
    d.set_defaults(func=run_directory)


def _region(code: str) -> Any:
    from interventures.apps.common.models import Region

    region = Region.objects.filter(code=code).first()
    if region is None:
        raise CommandError(f"no region with the code {code!r}")
    return region


def run_import(args: argparse.Namespace) -> int:
    django_setup()
    from interventures.apps.accounts.permissions import OPERATOR
    from interventures.apps.keyplayers.imports import ImportRejected, ecosystem_import

    region = _region(args.region)
    files = {}
    for name, path in (("ORGS", args.organisations), ("SERVICES", args.services), ("TIES", args.ties)):
        if not path.is_file():
            raise CommandError(f"{path}: no such file")
        files[name] = (path.name, path.read_bytes())
    try:
        result = ecosystem_import(user=OPERATOR, region=region, files=files, replace=args.replace)
    except ImportRejected as exc:
        raise CommandError(f"nothing imported; {len(exc.problems)} problem(s):\n{exc}") from exc
    print(
        f"{args.region}: {result.organisations_created} organisations created, {result.organisations_updated} "
        f"updated, {result.services} services, {result.ties} ties"
    )
    return 0


def run_export(args: argparse.Namespace) -> int:
    django_setup()
    from interventures.apps.accounts.permissions import OPERATOR
    from interventures.apps.keyplayers.exports import ecosystem_data, write_csv_folder

    data = ecosystem_data(user=OPERATOR, region=_region(args.region))
    if args.format == "json":
        args.out.write_text(json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8")
    else:
        write_csv_folder(data, args.out)
    sys.stdout.write(f"{args.region}: {len(data['organisations'])} organisations written to {args.out}\n")
    return 0


def run_directory(args: argparse.Namespace) -> int:
    django_setup()
    from interventures.apps.accounts.permissions import OPERATOR
    from interventures.apps.keyplayers.exports import directory_tables, write_directory

    tables = directory_tables(user=OPERATOR, region=_region(args.region))
    paths = write_directory(tables, args.out, args.format)
    counts = ", ".join(f"{len(tables[p.stem][1])} {p.stem}" for p in paths)
    sys.stdout.write(f"{args.region}: {counts} written to {args.out}\n")
    return 0
