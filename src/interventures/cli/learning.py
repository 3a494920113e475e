"""Learning across regions on the command line:

    interventures practices export --format json|csv --out PATH
    interventures practices match --region CODE --format json
    interventures events export --format ics|json --out PATH
    interventures activities status --format json

Public reading only: exports hold what the public sees (validated practices, published events)."""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from dataclasses import asdict
from typing import Any

from .main import CommandError, django_setup


def register(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = subparsers.add_parser("practices", help="good practices: export, match to a region's gaps")
    sub = p.add_subparsers(dest="practices_command", required=True)
    export = sub.add_parser("export", help="the validated good practices")
    export.add_argument("--format", choices=["json", "csv"], default="json")
    export.add_argument("--out", help="file to write (default: standard output)")
    export.add_argument("--lang", default="en")
    export.set_defaults(func=run_practices_export)
    match = sub.add_parser("match", help="practices ranked by a region's measured gaps, with reasons")
    match.add_argument("--region", required=True)
    match.add_argument("--format", choices=["json"], default="json")
    match.add_argument("--limit", type=int, default=None)
    match.set_defaults(func=run_practices_match)

    e = subparsers.add_parser("events", help="events of the method: export")
    esub = e.add_subparsers(dest="events_command", required=True)
    eexport = esub.add_parser("export", help="the published events as iCalendar or JSON")
    eexport.add_argument("--format", choices=["ics", "json"], default="ics")
    eexport.add_argument("--out", help="file to write (default: standard output)")
    eexport.add_argument("--lang", default="en")
    eexport.set_defaults(func=run_events_export)

    a = subparsers.add_parser("activities", help="the method's plan against what was done")
    asub = a.add_subparsers(dest="activities_command", required=True)
    status = asub.add_parser("status", help="prescribed, done, due and late per activity type and region")
    status.add_argument("--format", choices=["json"], default="json")
    status.add_argument("--today", help="the day to judge on (YYYY-MM-DD; default: today)")
    status.set_defaults(func=run_activities_status)


def _write(data: str | bytes, out: str | None) -> None:
    if out:
        try:
            with open(out, "wb") as fh:
                fh.write(data.encode("utf-8") if isinstance(data, str) else data)
        except OSError as exc:
            raise CommandError(f"cannot write {out}: {exc}") from exc
    elif isinstance(data, bytes):
        sys.stdout.buffer.write(data)
    else:
        print(data)


def run_practices_export(args: argparse.Namespace) -> int:
    django_setup()
    from interventures.apps.learning import exports, selectors

    practices = selectors.practice_list(None)
    if args.format == "csv":
        _write(exports.practices_csv(practices, lang=args.lang), args.out)
    else:
        docs = [exports.practice_document(p, lang=args.lang) for p in practices]
        _write(json.dumps(docs, ensure_ascii=False, indent=2), args.out)
    return 0


def run_practices_match(args: argparse.Namespace) -> int:
    django_setup()
    from interventures.apps.analysis.selectors import figure_list, run_latest
    from interventures.apps.common.models import Region
    from interventures.apps.learning import selectors

    region = Region.objects.filter(code=args.region).first()
    if region is None:
        codes = ", ".join(Region.objects.filter(partner=True).values_list("code", flat=True))
        raise CommandError(f"no region {args.region!r} (partner regions: {codes})")
    run = run_latest(region=region)
    figures = {f.identifier: f for f in figure_list(run=run)} if run else {}
    ranked = selectors.practices_matching(None, region=region, figures=figures, limit=args.limit)
    doc: dict[str, Any] = {
        "region": region.code,
        "analysis_run": run.pk if run else None,
        "practices": [
            {
                "slug": p.slug,
                "title": p.title,
                "score": m.score,
                "reasons": [asdict(g) for g in m.reasons],
            }
            for p, m in ranked
        ],
    }
    if not figures:
        doc["note"] = "no analysis of this region yet: no measured gap to match"
    print(json.dumps(doc, ensure_ascii=False, indent=2))
    return 0


def run_events_export(args: argparse.Namespace) -> int:
    django_setup()
    from interventures.apps.learning import exports, selectors

    events = selectors.event_list(None).prefetch_related("practices")
    if args.format == "ics":
        _write(exports.events_ics(events, lang=args.lang, name="INTER VENTURES"), args.out)
    else:
        _write(
            json.dumps(
                [exports.event_document(e, lang=args.lang) for e in events], ensure_ascii=False, indent=2
            ),
            args.out,
        )
    return 0


def run_activities_status(args: argparse.Namespace) -> int:
    django_setup()
    from django.utils import timezone

    from interventures.apps.learning import selectors

    try:
        today = dt.date.fromisoformat(args.today) if args.today else timezone.localdate()
    except ValueError as exc:
        raise CommandError(f"--today: {args.today!r} is not a date (YYYY-MM-DD)") from exc
    status = selectors.activity_status(today=today)
    doc = {
        "today": today.isoformat(),
        "assumption": "the k-th of n prescribed activities is due at the end of the k-th n-th of phase 1",
        "summary": [asdict(s) for s in status["summaries"]],
        "slots": [
            {**asdict(s), "due": s.due.isoformat(), "held_on": s.held_on.isoformat() if s.held_on else None}
            for s in status["slots"]
        ],
    }
    print(json.dumps(doc, ensure_ascii=False, indent=2))
    return 0
