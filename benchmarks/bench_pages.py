"""Benchmark of every page as each role sees it (issue #9): server time, p50 and p95, on the demo data
of `make run`, at rest and while an import and a report export run beside it.

The pages are every GET route of the URL resolver, filled with the demo's own objects (regions,
instruments, programmes, the demo campaign and questionnaires, a shared preparedness result, the
latest analysis run), opened as the visitor and as each demo user. A page counts for a role when the
role gets it (200); redirects and refusals are not pages. Server time is the time of Django's test
client from request to response (middleware, view, templates; no network), so it is what the server
spends, not what a phone on a slow line waits.

Under load, a second process imports the demo campaign's own export again (all of its rows, as a
KoboToolbox user would re-upload a form's data) and writes the region's report PDF, in a loop, in
the same SQLite database, while the pages are timed.

    make setup   # once: the demo data in var/
    .venv/bin/python benchmarks/bench_pages.py                 # at rest, 20 rounds
    .venv/bin/python benchmarks/bench_pages.py --load          # while an import and a PDF export run
    .venv/bin/python benchmarks/bench_pages.py --rounds 5 --target-ms 300
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
ROLES = {
    "visitor": None,
    "sme": "sme-hu-hr",
    "stakeholder": "stakeholder-hu-hr",
    "partner": "partner-hu-hr",
    "coordinator": "coordinator",
}
SKIP = (
    "admin",
    "set_language",
    "logout",
    "autosave",
    "api",
    "export",
    "download",
    "pdf",
    "xlsform",
    "rejected",
    "csv",
    "ical",
)
"""Routes that are not pages: the admin (Django's), POST-only routes, files (benchmarked in
bench_documents.py) and JSON endpoints."""


def _routes() -> Iterator[tuple[str, list[str]]]:
    """(name, its parameters) of every named GET route outside SKIP."""
    from django.urls import URLPattern, URLResolver, get_resolver

    def walk(patterns: list[Any], namespace: str = "") -> Iterator[tuple[str, list[str]]]:
        for p in patterns:
            if isinstance(p, URLResolver):
                yield from walk(p.url_patterns, f"{namespace}{p.namespace}:" if p.namespace else namespace)
            elif isinstance(p, URLPattern) and p.name:
                yield f"{namespace}{p.name}", list(p.pattern.regex.groupindex)

    for name, params in walk(get_resolver().url_patterns):
        if not any(s in name for s in SKIP):
            yield name, params


def _urls() -> list[tuple[str, str]]:
    """(label, URL) of every page, each parameterised route once per demo object it takes."""
    from django.urls import NoReverseMatch, reverse

    from interventures.apps.analysis.models import AnalysisRun
    from interventures.apps.assessment.models import Assessment
    from interventures.apps.classifications.models import EsifProgramme
    from interventures.apps.common.models import Region
    from interventures.apps.partnership.models import PolicyInstrument
    from interventures.apps.surveys.models import Campaign, ImportJob, Questionnaire

    campaign = Campaign.objects.filter(slug="demo-hu-hr").first()
    shared = Assessment.objects.filter(is_demo=True, shared_with_region=True, region__code="hu-hr").first()
    values: dict[str, list[Any]] = {
        "code": [r.code for r in Region.objects.order_by("code")],
        "slug": [i.slug for i in PolicyInstrument.objects.order_by("slug")],
        "cci": [p.cci for p in EsifProgramme.objects.order_by("cci")[:3]],
        "pk": [],
        "token": [shared.token] if shared else [],
    }
    out: list[tuple[str, str]] = []
    for name, params in sorted(_routes()):
        if not params:
            kwargs_list: list[dict[str, Any]] = [{}]
        elif params == ["code"]:
            kwargs_list = [{"code": c} for c in values["code"]]
        elif params == ["slug"] and name.startswith("partnership"):
            kwargs_list = [{"slug": s} for s in values["slug"]]
        elif params == ["slug"] and campaign is not None:
            continue  # the respondent's start makes a response: not a page to time
        elif params == ["cci"]:
            kwargs_list = [{"cci": c} for c in values["cci"]]
        elif params == ["token"] and name == "assessment:result":
            kwargs_list = [{"token": t} for t in values["token"]]
        elif params == ["pk"] and name.startswith("surveys:campaign") and campaign:
            kwargs_list = [{"pk": campaign.pk}]
        elif params == ["pk"] and name.startswith("surveys:questionnaire"):
            kwargs_list = [{"pk": q.pk} for q in Questionnaire.objects.order_by("pk")[:2]]
        elif params == ["pk"] and name.startswith("surveys:import"):
            kwargs_list = [{"pk": j.pk} for j in ImportJob.objects.order_by("-pk")[:1]]
        elif params == ["pk"] and name.startswith("analysis:run"):
            kwargs_list = [{"pk": r.pk} for r in AnalysisRun.objects.order_by("-pk")[:1]]
        else:
            continue
        for kwargs in kwargs_list:
            try:
                url = reverse(name, kwargs=kwargs)
            except NoReverseMatch:
                continue
            label = name + ("" if not kwargs else " " + ",".join(str(v) for v in kwargs.values()))
            out.append((label, url))
    return out


def _load(stop_file: Path) -> subprocess.Popen[bytes]:
    """A second process importing and exporting in a loop until `stop_file` exists."""
    code = f"""
import os, subprocess, sys, tempfile, pathlib
stop = pathlib.Path({str(stop_file)!r})
iv = os.path.join(os.path.dirname(sys.executable), "interventures")
from interventures.apps.surveys.models import Campaign
campaign = Campaign.objects.get(slug="demo-hu-hr")
out = pathlib.Path(tempfile.mkdtemp())
while not stop.exists():
    subprocess.run([iv, "survey", "export", "--campaign", str(campaign.pk), "--format", "csv", "--out", str(out / "x.csv")], check=True, capture_output=True)
    subprocess.run([iv, "survey", "import", "--campaign", str(campaign.pk), "--mode", "valid_only", str(out / "x.csv")], capture_output=True)
    subprocess.run([iv, "report", "situation", "--region", "hu-hr", "--format", "pdf", "--out", str(out / "r.pdf")], check=True, capture_output=True)
"""
    boot = "import django, os; os.environ.setdefault('DJANGO_SETTINGS_MODULE','interventures.config.settings'); django.setup()\n"
    return subprocess.Popen([sys.executable, "-c", boot + code], cwd=ROOT)  # noqa: S603 - our own code


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=20, help="requests per page and role")
    parser.add_argument(
        "--load", action="store_true", help="time the pages while an import and an export run"
    )
    parser.add_argument("--target-ms", type=float, default=300.0)
    parser.add_argument("--lang", default="en", help="the language of the pages' addresses")
    args = parser.parse_args(argv)

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "interventures.config.settings")
    import django

    django.setup()
    import logging

    logging.getLogger("django.request").setLevel(logging.CRITICAL)  # refusals are expected here
    from django.contrib.auth import get_user_model
    from django.test import Client
    from django.utils import translation

    from interventures.apps.common.models import Region

    if not Region.objects.exists():
        print("No demo data: run `make setup` first.")
        return 1
    with translation.override(args.lang):
        pages = _urls()
    users = get_user_model().objects
    clients: dict[str, Client] = {}
    for role, username in ROLES.items():
        client = Client(HTTP_ACCEPT_LANGUAGE=args.lang)
        if username is not None:
            client.force_login(users.get(username=username))
        clients[role] = client

    # Which pages each role gets, and one warm-up request each (templates, translations, caches).
    # The first request of a page is timed apart: it builds what the cache then keeps (a region's
    # report sections until a new analysis run), as the first reader after a run waits for it.
    from django.core.cache import cache

    cache.clear()
    seen: list[tuple[str, str, str]] = []
    first: dict[tuple[str, str], float] = {}
    for role, client in clients.items():
        for label, url in pages:
            start = time.perf_counter()
            status = client.get(url).status_code
            if status == 200:
                first[(role, label)] = (time.perf_counter() - start) * 1000
                seen.append((role, label, url))

    stop = Path(tempfile.mkdtemp()) / "stop"
    loader = _load(stop) if args.load else None
    if loader is not None:
        time.sleep(5)  # the loader is importing and exporting before the first page is timed
    load_start = os.getloadavg()[0]
    results: list[tuple[float, float, float, float, str, str, int]] = []
    try:
        for role, label, url in seen:
            client = clients[role]
            times = []
            size = 0
            for _ in range(args.rounds):
                start = time.perf_counter()
                response = client.get(url)
                times.append((time.perf_counter() - start) * 1000)
                size = len(response.content)
            times.sort()
            p95 = times[min(len(times) - 1, int(round(0.95 * (len(times) - 1))))]
            results.append(
                (p95, statistics.median(times), max(times), first[(role, label)], role, label, size)
            )
    finally:
        if loader is not None:
            stop.touch()
            loader.wait(timeout=120)
    load_end = os.getloadavg()[0]

    results.sort(reverse=True)
    mode = "while an import and a report PDF export run" if args.load else "at rest"
    print(
        f"{len(results)} pages × roles, {args.rounds} requests each, {mode}; "
        f"load average {load_start:.2f} → {load_end:.2f}, {os.cpu_count()} CPUs"
    )
    print(f"{'p95 ms':>8} {'p50 ms':>8} {'max ms':>8} {'first ms':>9}  {'role':<12} {'KB':>6}  page")
    for p95, p50, worst, cold, role, label, size in results:
        print(f"{p95:8.1f} {p50:8.1f} {worst:8.1f} {cold:9.1f}  {role:<12} {size / 1024:6.1f}  {label}")
    over = [r for r in results if r[0] > args.target_ms]
    all_p95 = sorted(r[0] for r in results)
    colds = sorted(first.values())
    print(
        f"slowest p95 {all_p95[-1]:.1f} ms; median of the pages' p95 {statistics.median(all_p95):.1f} ms; "
        f"{len(over)} of {len(results)} over {args.target_ms:.0f} ms; slowest first request {colds[-1]:.1f} ms"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
