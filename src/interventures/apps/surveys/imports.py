"""Rejected rows as a downloadable CSV: the original cells plus the reasons."""

from __future__ import annotations

import csv
import io

from .models import ImportJob


def rejected_csv(job: ImportJob) -> bytes:
    rows = list(job.rejected_rows.all())
    columns: list[str] = list(job.options.get("columns", []))
    for r in rows:
        columns += [c for c in r.raw if c not in columns]
    buf = io.StringIO()
    writer = csv.writer(buf)
    writer.writerow(["row", "reasons", *columns])
    for r in rows:
        reasons = "; ".join(f"{x['column'] or x['question'] or '-'}: {x['message']}" for x in r.reasons)
        writer.writerow([r.row_number, reasons, *(r.raw.get(c, "") for c in columns)])
    return buf.getvalue().encode("utf-8-sig")
