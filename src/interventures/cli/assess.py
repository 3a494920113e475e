"""`interventures assess` scores a preparedness test from a JSON file; `interventures model` prints the
capacity model in one language. Both are pure core: no database, nothing stored."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from interventures.core.capacity import (
    LANGS,
    AnswerError,
    CapacityModel,
    ModelError,
    RequirementKind,
    available_versions,
    load_model,
    model_as_dict,
    present_result,
    score_with_progress,
)

from .main import CommandError

FORMATS = ("text", "json")
PROFILE_FIELDS = ("region", "size_class", "sector")


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    assess = subparsers.add_parser(
        "assess",
        help="score an SME internationalisation preparedness test",
        description='Reads {"region": ..., "size_class": ..., "sector": ..., "answers": {"ITEM_ID": '
        '"OPTION_ID", ...}} and prints dimension scores, overall index, stage, gaps, coverage and plan.',
    )
    assess.add_argument(
        "--answers", required=True, metavar="FILE.json", help="the answers file ('-' for stdin)"
    )
    assess.add_argument("--lang", default="en", help=f"language of the output: {', '.join(LANGS)}")
    assess.add_argument("--format", default="text", help="text or json")
    assess.add_argument(
        "--model-version", default=None, help="score with this model version (default: latest)"
    )
    assess.set_defaults(func=run_assess)

    model = subparsers.add_parser("model", help="print the capacity model in one language")
    model.add_argument("--lang", default="en", help=f"one of {', '.join(LANGS)}")
    model.add_argument("--format", default="json", help="json or text")
    model.add_argument("--model-version", default=None, help="model version (default: latest)")
    model.add_argument("--versions", action="store_true", help="list the available model versions")
    model.set_defaults(func=run_model)


def _options(args: argparse.Namespace) -> tuple[str, str, CapacityModel]:
    if args.lang not in LANGS:
        raise CommandError(f"unknown language {args.lang!r} for --lang; expected one of: {', '.join(LANGS)}")
    if args.format not in FORMATS:
        raise CommandError(
            f"unknown format {args.format!r} for --format; expected one of: {', '.join(FORMATS)}"
        )
    try:
        model = load_model(args.model_version)
    except ModelError as exc:
        raise CommandError(str(exc)) from None
    return args.lang, args.format, model


def _read_input(path: str) -> Mapping[str, Any]:
    try:
        raw = sys.stdin.read() if path == "-" else Path(path).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise CommandError(f"cannot read answers file {path}: {exc}") from None
    try:
        data = json.loads(raw)
    except json.JSONDecodeError as exc:
        raise CommandError(
            f"invalid JSON in {path}: {exc.msg} at line {exc.lineno}, column {exc.colno}"
        ) from None
    if not isinstance(data, dict):
        raise CommandError(f"{path}: expected a JSON object with an 'answers' field")
    if "answers" not in data:
        raise CommandError(f"{path}: missing field 'answers'")
    if not isinstance(data["answers"], dict):
        raise CommandError(f"{path}: field 'answers' must be an object mapping item ids to option ids")
    for field in PROFILE_FIELDS:
        if data.get(field) is not None and not isinstance(data[field], str):
            raise CommandError(f"{path}: field {field!r} must be a string")
    unknown = sorted(set(data) - {"answers", *PROFILE_FIELDS})
    if unknown:
        raise CommandError(f"{path}: unknown field(s) {', '.join(map(repr, unknown))}")
    return data


def run_assess(args: argparse.Namespace) -> int:
    lang, fmt, model = _options(args)
    data = _read_input(args.answers)
    try:
        result, progress = score_with_progress(model, data["answers"])
    except AnswerError as exc:
        raise CommandError(f"{args.answers}: {exc.message}") from None
    report = present_result(model, result, lang, progress=progress).as_dict()
    report["profile"] = {field: data.get(field) for field in PROFILE_FIELDS}
    if fmt == "json":
        print(json.dumps(report, ensure_ascii=False, indent=2))
    else:
        print(_assess_text(report))
    return 0


def _number(value: float | None) -> str:
    return "insufficient answers" if value is None else f"{value:.1f}"


def _assess_text(report: Mapping[str, Any]) -> str:
    profile = report["profile"]
    stage = report["stage"]
    coverage = report["coverage"]
    width = max(len(d["name"]) for d in report["dimensions"])
    lines = [
        f"Capacity model {report['model_version']} · language {report['lang']}",
        "Region: {region} · size class: {size} · sector: {sector}".format(
            region=profile["region"] or "-",
            size=profile["size_class"] or "-",
            sector=profile["sector"] or "-",
        ),
        "",
        "Dimension scores (0-100)",
        *(f"  {d['name']:<{width}}  {_number(d['score'])}" for d in report["dimensions"]),
        "",
        f"Overall index: {_number(report['overall'])}",
        f"Stage: {stage['name']} ({(stage['rank'] or 0) + 1} of {stage['of']})",
        f"  {stage['description']}",
        *_next_stage_lines(report["next_stage"]),
        "",
        "Largest gaps",
        *(
            f"  {i}. {g['name']}: {_number(g['score'])} (shortfall {_number(g['shortfall'])})"
            for i, g in enumerate(report["gaps"], 1)
        ),
        "",
        "Coverage: {answered} of {total} items answered, {dont_know} don't know, {skipped} skipped".format(
            **coverage
        ),
        "",
        "Development plan",
        *(f"  {s['order']}. [{s['dimension_name']}] {s['text']}" for s in report["plan"]),
    ]
    if not report["gaps"]:
        lines.insert(lines.index("Largest gaps") + 1, "  none")
    return "\n".join(lines)


def _next_stage_lines(next_stage: Mapping[str, Any] | None) -> list[str]:
    if next_stage is None:
        return []
    lines = [f"  Still needed for {next_stage['name']}:"]
    for r in next_stage["requirements"]:
        if r["met"]:
            continue
        actual = "not answered" if r["actual"] is None else r["actual"]
        if r["kind"] == RequirementKind.OVERALL:
            lines.append(f"    - overall index at least {r['required']:g} (now {actual})")
        elif r["kind"] == RequirementKind.DIMENSION:
            lines.append(f"    - {r['label']}: at least {r['required']:g} (now {actual})")
        else:
            lines.append(
                f"    - {r['id']} ({r['label']}): option score at least {r['required']:g} (now {actual})"
            )
    return lines


def run_model(args: argparse.Namespace) -> int:
    if args.versions:
        print("\n".join(available_versions()))
        return 0
    lang, fmt, model = _options(args)
    data = model_as_dict(model, lang)
    if fmt == "json":
        print(json.dumps(data, ensure_ascii=False, indent=2))
        return 0
    lines = [f"Capacity model {data['version']} · language {lang}", ""]
    items = {item["id"]: item for item in data["items"]}
    for dimension in data["dimensions"]:
        lines.append(f"{dimension['name']} ({dimension['id']})")
        for item_id in dimension["items"]:
            item = items[item_id]
            lines.append(f"  {item_id}: {item['text']}")
            choices = [f"{o['id']}={o['score']:.2f}" for o in item["options"]]
            if item["allow_dont_know"]:
                choices.append(data["dont_know"]["id"])
            lines.append(f"    {' | '.join(choices)}")
        lines.append("")
    lines.append("Stages: " + " → ".join(s["name"] for s in data["stages"]))
    print("\n".join(lines))
    return 0
