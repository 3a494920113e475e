"""Benchmark of importing a large KoboToolbox XLSX export (issue #11): N submissions of a form with a
group, a select_multiple, a geopoint and a repeat group (two instances each on average, in the
repeat's own sheet joined by `_parent_index`), plus a column of an earlier form version.

Stages timed in the core (no database): reading the workbook (every sheet), mapping the columns,
parsing the rows, joining the repeat sheet, validating every response. With `--app`, the whole
import through the surveys app as well (upload, then run: validation and writing in batches) on a
fresh SQLite database in a temporary directory. Synthetic data; peak RSS of the process at the end.

    .venv/bin/python benchmarks/bench_kobo_import.py             # N = 50,000, core stages
    .venv/bin/python benchmarks/bench_kobo_import.py --app       # and the app's import
    .venv/bin/python benchmarks/bench_kobo_import.py --rows 5000 --app
    .venv/bin/python benchmarks/bench_kobo_import.py --app --export   # and the XLSX and CSV exports
"""

from __future__ import annotations

import argparse
import io
import os
import random
import resource
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

SRC = Path(__file__).resolve().parent.parent / "src"
if str(SRC) not in sys.path:
    sys.path.insert(0, str(SRC))


def form_bytes() -> bytes:
    from interventures.core.survey.tests.xlsforms import workbook

    return workbook(
        [
            ["type", "name", "label", "required", "constraint"],
            ["start", "start", None],
            ["end", "end", None],
            ["begin_group", "firm", "Firm"],
            ["text", "firm_name", "Name", "yes"],
            ["integer", "employees", "Employees", "yes", ". >= 0"],
            ["select_one sector", "sector", "Sector", "yes"],
            ["end_group"],
            ["select_multiple market", "markets", "Markets"],
            ["geopoint", "location", "Location"],
            ["decimal", "turnover", "Turnover (million EUR)", None, ". >= 0"],
            ["begin_repeat", "site", "Site"],
            ["text", "town", "Town", "yes"],
            ["integer", "staff", "Staff at the site", None, ". >= 0"],
            ["end_repeat"],
        ],
        [
            ["list_name", "name", "label"],
            *[["sector", s, s.title()] for s in ("manufacturing", "services", "trade", "tourism")],
            *[["market", m, m.upper()] for m in ("hu", "hr", "it", "pl", "es", "lt")],
        ],
        [["form_title", "form_id"], ["Firms", "firms"]],
    )


def kobo_export(n: int, seed: int = 11) -> tuple[bytes, int]:
    """The export's bytes and its number of repeat rows."""
    from openpyxl import Workbook

    rng = random.Random(seed)  # noqa: S311 (synthetic data, not a secret)
    wb = Workbook(write_only=True)
    main = wb.create_sheet("Firms")
    main.append(
        [
            "start",
            "end",
            "firm/firm_name",
            "firm/employees",
            "firm/sector",
            "markets",
            *(f"markets/{m}" for m in ("hu", "hr", "it", "pl", "es", "lt")),
            "location",
            "_location_latitude",
            "_location_longitude",
            "_location_altitude",
            "_location_precision",
            "turnover",
            "old_question",
            "_id",
            "_uuid",
            "_submission_time",
            "_validation_status",
            "_index",
        ]
    )
    sites = wb.create_sheet("site")
    sites.append(
        [
            "firm/site/town",
            "firm/site/staff",
            "_index",
            "_parent_table_name",
            "_parent_index",
            "_submission__id",
            "_submission__uuid",
        ]
    )
    n_sites = 0
    for i in range(1, n + 1):
        markets = rng.sample(["hu", "hr", "it", "pl", "es", "lt"], rng.randint(0, 3))
        lat, lon = round(rng.uniform(42, 55), 5), round(rng.uniform(12, 26), 5)
        main.append(
            [
                "2024-05-02T10:00:00.000+02:00",
                "2024-05-02T10:09:00.000+02:00",
                f"Firm {i}",
                rng.randint(1, 250),
                rng.choice(["manufacturing", "services", "trade", "tourism"]),
                " ".join(markets),
                *(int(m in markets) for m in ("hu", "hr", "it", "pl", "es", "lt")),
                f"{lat} {lon} 100 5",
                lat,
                lon,
                100,
                5,
                round(rng.uniform(0, 50), 2),
                "v1 answer",
                i,
                f"uuid-{i}",
                "2024-05-02T08:09:00",
                "",
                i,
            ]
        )
        for _ in range(rng.randint(0, 4)):
            n_sites += 1
            sites.append(
                [f"Town {rng.randint(1, 500)}", rng.randint(1, 80), n_sites, "Firms", i, i, f"uuid-{i}"]
            )
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue(), n_sites


CPU: dict[str, float] = {}
"""CPU time (user + system of this process) of each timed stage: the figure to compare on a shared machine."""


def _timed(label: str, times: dict[str, float], fn: Any) -> Any:
    start, cpu = time.perf_counter(), time.process_time()
    result = fn()
    times[label] = time.perf_counter() - start
    CPU[label] = time.process_time() - cpu
    return result


def core_stages(data: bytes) -> dict[str, float]:
    from interventures.core.survey.tabular import (
        Format,
        Limits,
        attach_repeats,
        auto_mapping,
        mapping_problems,
        parse_rows,
        read_limited_tables,
    )
    from interventures.core.survey.validate import clean_response
    from interventures.core.survey.xlsform import read_xlsform

    form = read_xlsform(form_bytes())
    times: dict[str, float] = {}
    tables = _timed(
        "read workbook (all sheets)", times, lambda: read_limited_tables(data, Format.KOBO, Limits())
    )
    (main_name, main), repeats = tables[0], tables[1:]
    mapping = _timed(
        "map columns", times, lambda: auto_mapping(form, main.columns, Format.KOBO, keep_unknown=True)
    )
    assert mapping_problems(form, mapping) == [], mapping_problems(form, mapping)
    rows = _timed("parse rows", times, lambda: parse_rows(form, main, mapping, Format.KOBO))
    problems = _timed(
        "join repeat sheet",
        times,
        lambda: attach_repeats(form, rows, repeats, Format.KOBO, main_name=main_name, keep_unknown=True),
    )
    assert problems == [], problems[:3]
    times["repeat rows"] = float(sum(len(t.rows) for _name, t in repeats))
    results = _timed("validate responses", times, lambda: [clean_response(form, r.answers) for r in rows])
    bad = sum(1 for _values, errors in results if errors)
    assert bad == 0, [errors for _values, errors in results if errors][:3]
    return times


def app_import(data: bytes, *, export: bool = False) -> dict[str, float]:
    var = tempfile.mkdtemp(prefix="bench-kobo-")
    os.environ["INTERVENTURES_VAR_DIR"] = var
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "interventures.config.settings")
    os.environ.pop("DATABASE_URL", None)  # a fresh SQLite database in the temporary directory
    import django

    django.setup()
    from django.core.management import call_command
    from django.test import override_settings

    from interventures.apps.common.models import Region
    from interventures.apps.surveys import services
    from interventures.apps.surveys.models import Response
    from interventures.core.survey.xlsform import read_xlsform

    call_command("migrate", verbosity=0)
    region = Region.objects.create(code="bench-region", name="Benchmark region (synthetic)")
    q = services.questionnaire_create(name="Firms", form=read_xlsform(form_bytes()), published=True)
    campaign = services.campaign_create(region_id=region.pk, name="Firms", version=q.current)
    times: dict[str, float] = {}
    # Celery runs in this process (no broker); the import is run directly, as the worker would.
    with override_settings(CELERY_TASK_ALWAYS_EAGER=True):
        job = _timed(
            "app: upload (read, map, samples)",
            times,
            lambda: services.import_upload(campaign=campaign, data=data, filename="firms.xlsx", fmt="kobo"),
        )
        job = _timed("app: run (read, validate, write)", times, lambda: services.import_run(job=job))
    assert job.n_rejected == 0, list(job.rejected_rows.values_list("reasons", flat=True)[:3])
    times["app: responses written"] = float(Response.objects.filter(campaign=campaign).count())
    if export:
        from interventures.apps.surveys import exports

        for fmt in ("xlsx", "csv"):
            out = _timed(
                f"app: export {fmt} (with the repeat)", times, lambda f=fmt: exports.export(campaign, f)
            )
            times[f"app: export {fmt} bytes"] = float(len(out))
    return times


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=50_000)
    parser.add_argument("--app", action="store_true", help="also run the app's import on SQLite")
    parser.add_argument(
        "--export",
        action="store_true",
        help="with --app, also time the XLSX and CSV exports of the imported data",
    )
    args = parser.parse_args(argv)
    print(f"load average {os.getloadavg()[0]:.2f}, {os.cpu_count()} CPUs; {args.rows:,} submissions")
    start = time.perf_counter()
    cached = Path(__file__).resolve().parent / "out" / f"kobo-export-{args.rows}.xlsx"
    if cached.exists():  # the same seed gives the same file: written once, read again next time
        data = cached.read_bytes()
    else:
        data, _n = kobo_export(args.rows)
        cached.parent.mkdir(exist_ok=True)
        cached.write_bytes(data)
    print(f"export: {len(data) / 1e6:.1f} MB ({time.perf_counter() - start:.1f} s to write or load)")
    times = core_stages(data)
    if args.app:
        times.update(app_import(data, export=args.export))
    core_total = sum(v for k, v in times.items() if not k.startswith("app") and not k.endswith("rows"))
    print(f"load average at the end {os.getloadavg()[0]:.2f}")
    for label, seconds in times.items():
        if label not in CPU:  # a count
            print(f"{label:40s} {seconds:>10,.0f}")
        else:
            print(f"{label:40s} {seconds:8.2f} s wall {CPU[label]:8.2f} s CPU")
    core_cpu = sum(v for k, v in CPU.items() if not k.startswith("app"))
    print(f"{'core total':40s} {core_total:8.2f} s wall {core_cpu:8.2f} s CPU")
    print(f"peak RSS {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
