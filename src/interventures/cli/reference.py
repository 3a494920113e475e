"""`interventures reference load`: the reference data (classifications, ESIF programmes, the
partnership and its instruments) from the versioned files, idempotently, with the counts and the
data inconsistencies found. `interventures export reference --format json [--out FILE]`."""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from .main import CommandError, django_setup


def _subparsers_of(parser: argparse.ArgumentParser) -> Any:
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            return action
    return None


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = subparsers.add_parser("reference", help="reference data: partnership, instruments, classifications")
    sub = p.add_subparsers(dest="reference_command", required=True)
    load = sub.add_parser("load", help="load the reference data files (idempotent)")
    load.add_argument("--skip-classifications", action="store_true", help="only the partnership files")
    load.set_defaults(func=run_load)

    # `export <what>` is shared by command groups: a module that registers later joins the same
    # parser with `subparsers.choices["export"]` and adds its own <what>.
    export = subparsers.choices.get("export")
    if export is None:
        export = subparsers.add_parser("export", help="export data")
    export_sub = _subparsers_of(export) or export.add_subparsers(dest="export_what", required=True)
    ref = export_sub.add_parser("reference", help="the partnership's reference data as one document")
    ref.add_argument("--format", choices=["json"], default="json")
    ref.add_argument("--out", help="file to write (default: standard output)")
    ref.set_defaults(func=run_export)


def run_load(args: argparse.Namespace) -> int:
    django_setup()
    from interventures.apps.classifications.services import classifications_load
    from interventures.apps.partnership.services import ReferenceDataError, partnership_reference_load

    out = sys.stdout
    counts = {}
    if not args.skip_classifications:
        counts.update(classifications_load())
    try:
        report = partnership_reference_load()
    except ReferenceDataError as exc:
        raise CommandError(str(exc)) from exc
    counts.update(report.counts)
    from interventures.apps.learning.services import LearningError, practices_reference_load

    try:
        counts["good practices"] = practices_reference_load()
    except LearningError as exc:
        raise CommandError(str(exc)) from exc
    width = max(len(k) for k in counts)
    print(f"{'':{width}}  created  updated  unchanged  deleted", file=out)
    for name, c in counts.items():
        print(f"{name:{width}}  {c.created:7d}  {c.updated:7d}  {c.unchanged:9d}  {c.deleted:7d}", file=out)
    print(f"data inconsistencies in the sources: {len(report.inconsistencies)}", file=out)
    for line in report.inconsistencies:
        print(f"  - {line}", file=out)
    print(
        f"figures that differ between the project summary and the ESIF data: {len(report.differences)}",
        file=out,
    )
    for line in report.differences:
        print(f"  - {line}", file=out)
    for line in report.warnings:
        print(f"warning: {line}", file=out)
    return 0


def run_export(args: argparse.Namespace) -> int:
    django_setup()
    from interventures.apps.partnership.exports import reference_document

    text = json.dumps(reference_document(), ensure_ascii=False, indent=2)
    if args.out:
        try:
            with open(args.out, "w", encoding="utf-8") as fh:
                fh.write(text + "\n")
        except OSError as exc:
            raise CommandError(f"cannot write {args.out}: {exc}") from exc
    else:
        print(text)
    return 0
