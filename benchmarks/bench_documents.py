"""Benchmark of the documents users download (issue #9): the SME's result PDF, and the Situation
Analysis Report as PDF and DOCX, on the demo data of `make run`.

Each document is timed cold (the document cache off: the layout is done, as on the first download
after its data changed) and warm (a second download of the same content, served from the cache),
best and median of `--repeat` runs, with the load average of the machine at the start.

    make setup   # once: the demo data in var/
    .venv/bin/python benchmarks/bench_documents.py
    .venv/bin/python benchmarks/bench_documents.py --region lombardia --lang it --repeat 5
"""

from __future__ import annotations

import argparse
import os
import statistics
import time
from collections.abc import Callable


def _timed(make: Callable[[], bytes], repeat: int) -> tuple[float, float, int]:
    times, size = [], 0
    for _ in range(repeat):
        start = time.perf_counter()
        size = len(make())
        times.append(time.perf_counter() - start)
    return min(times), statistics.median(times), size


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--region", default="hu-hr")
    parser.add_argument("--lang", default="hu")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args(argv)

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "interventures.config.settings")
    import django

    django.setup()
    from django.core.cache import cache
    from django.test import override_settings

    from interventures.apps.analysis import documents
    from interventures.apps.analysis.report import build_document
    from interventures.apps.assessment import pdf, reports
    from interventures.apps.assessment.models import Assessment
    from interventures.apps.common.models import Region

    region = Region.objects.filter(code=args.region).first()
    assessment = Assessment.objects.filter(status="completed", region=region).first()
    if region is None or assessment is None:
        print("No demo data: run `make setup` first.")
        return 1
    print(
        f"load average {os.getloadavg()[0]:.2f}, {os.cpu_count()} CPUs; region {args.region}, language {args.lang}"
    )

    # Warm-up: fonts, templates and the chart renderer are loaded once per process.
    pdf.result_pdf(reports.result_report(assessment=assessment, lang=args.lang))

    cases: list[tuple[str, Callable[[], bytes]]] = [
        ("result PDF", lambda: pdf.result_pdf(reports.result_report(assessment=assessment, lang=args.lang))),
        (
            "report PDF",
            lambda: documents.report_pdf(build_document(region=region, lang=args.lang, report=None)),
        ),
        (
            "report DOCX",
            lambda: documents.report_docx(build_document(region=region, lang=args.lang, report=None)),
        ),
    ]
    print(f"{'document':<12} {'cold best':>10} {'cold median':>12} {'warm best':>10} {'size':>9}")
    for name, make in cases:
        with override_settings(INTERVENTURES_DOCUMENT_CACHE=False):
            cold, cold_median, size = _timed(make, args.repeat)
        cache.clear()
        make()
        warm, _median, _size = _timed(make, args.repeat)
        print(f"{name:<12} {cold:>9.2f}s {cold_median:>11.2f}s {warm:>9.2f}s {size / 1024:>7.0f} kB")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
