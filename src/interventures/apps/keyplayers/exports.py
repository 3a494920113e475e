"""A region's key players as data, every cell written through core/cells.py so that no cell is read as
a formula:
- the analysis (`interventures ecosystem export`: JSON, or a folder of CSV files);
- the directory itself, in the import's columns (`directory_tables`): organisations, services and
  ties as CSV or XLSX, on the region's page and by `interventures ecosystem directory`. Importing
  these files again (with "replace") gives the same directory."""

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import Any

from interventures.apps.common.models import Region
from interventures.core.cells import csv_writer, xlsx_row
from interventures.core.ecosystem.rows import (
    ORG_COLUMNS,
    ORG_OPTIONAL,
    SERVICE_COLUMNS,
    SERVICE_OPTIONAL,
    TIE_COLUMNS,
    TIE_OPTIONAL,
)

from .selectors import directory_entries, region_ecosystem

#: The directory's tables, in the order of the import's files.
DIRECTORY_TABLES = ("organisations", "services", "ties")
FORMATS = ("csv", "xlsx")


def _region_code(org: Any) -> str:
    region = org.region
    return str(region.code) if region is not None else ""


def _share(figure: Any) -> float | None:
    return None if figure is None or figure.need is None else round(figure.need, 6)


def ecosystem_data(*, user: Any, region: Region) -> dict[str, list[dict[str, Any]]]:
    eco = region_ecosystem(user=user, region=region)
    nodes = {o.slug: o for o in eco.organisations}
    for t in eco.ties:
        nodes.setdefault(t.source.slug, t.source)
        nodes.setdefault(t.target.slug, t.target)
    return {
        "organisations": [
            {
                "id": n.id,
                "name": nodes[n.id].name,
                "type": nodes[n.id].type,
                "region": _region_code(nodes[n.id]),
                "degree": n.degree,
                "betweenness": round(n.betweenness, 6),
                "broker": n.broker,
                "community": n.community,
            }
            for n in eco.network.nodes
        ],
        "coverage": [
            {
                "dimension": c.dimension,
                "stage": c.stage,
                "services": c.services,
                "need": None if c.need is None else round(c.need, 6),
                "low": None if c.low is None else round(c.low, 6),
                "high": None if c.high is None else round(c.high, 6),
                "n": c.n,
                "source": c.source,
                "survey_need": _share(c.survey),
                "survey_n": c.survey.n if c.survey else 0,
                "tests_need": _share(c.tests),
                "tests_n": c.tests.n if c.tests else 0,
            }
            for c in eco.cells
        ],
        "gaps": [
            {
                "rank": g.rank,
                "dimension": g.cell.dimension,
                "stage": g.cell.stage,
                "services": g.cell.services,
                "need": round(g.cell.need or 0.0, 6),
                "n": g.cell.n,
                "score": round(g.score, 6),
            }
            for g in eco.gaps
        ],
        "improvements": [
            {"rank": f.rank, "key": f.key, "kind": f.kind, **dict(f.evidence)} for f in eco.findings
        ],
        # What the language rule read: the survey's shares (withheld under the minimum cell), or
        # nothing when it fell back to the official languages (`language_source` says which).
        "languages": [
            {
                "language": code,
                "source": eco.language_source,
                "share": None if share.share is None else round(share.share, 6),
                "low": None if share.low is None else round(share.low, 6),
                "high": None if share.high is None else round(share.high, 6),
                "n": share.n,
            }
            for code, share in eco.languages
        ],
    }


def write_csv_folder(data: dict[str, list[dict[str, Any]]], folder: Path) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name, rows in data.items():
        path = folder / f"{name}.csv"
        columns = list(dict.fromkeys(k for r in rows for k in r))
        with path.open("w", newline="", encoding="utf-8") as fh:
            writer = csv_writer(fh)
            writer.writerow(columns)
            for r in rows:
                writer.writerow(
                    [";".join(map(str, v)) if isinstance(v, list) else v for v in (r.get(c) for c in columns)]
                )
        written.append(path)
    return written


Table = tuple[list[str], list[list[Any]]]


def _yes(value: bool) -> str:
    return "yes" if value else "no"


def _list_cell(values: Any) -> str:
    return ";".join(str(v) for v in values or ())


def _translations(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True) if value else ""


def directory_tables(*, user: Any, region: Region) -> dict[str, Table]:
    """The region's directory as `user` may export it (selectors.directory_entries: published
    entries, drafts too for those who edit it), one table per import file, in the import's columns
    and the optional ones (core/ecosystem/rows.py)."""
    entries = directory_entries(user=user, region=region)
    orgs: list[list[Any]] = [
        [
            o.slug,
            o.name,
            o.type,
            _list_cell(sorted(n.code for n in o.nuts_regions.all())),
            _list_cell(o.cross_border_countries),
            _list_cell(o.languages),
            o.website,
            _yes(o.rsg_member),
            o.short_name,
            o.country,
            o.description,
            o.contact,
            _yes(o.cross_border),
            _yes(o.published),
            _translations(o.translations),
        ]
        for o in entries.organisations
    ]
    services: list[list[Any]] = [
        [
            s.organisation.slug,
            s.service_type,
            _list_cell(s.dimensions),
            _list_cell(s.stages),
            s.cost,
            _list_cell(s.languages),
            s.instrument.slug if s.instrument else (s.call.instrument.slug if s.call else ""),
            s.name,
            s.description,
            s.call.title if s.call else "",
            _yes(s.needs_cross_border),
            s.website,
            _translations(s.translations),
        ]
        for s in entries.services
    ]
    ties: list[list[Any]] = [
        [
            t.source.slug,
            t.target.slug,
            t.kind,
            "" if t.strength is None else t.strength,
            _yes(t.cross_border),
            t.start_date.isoformat() if t.start_date else "",
        ]
        for t in entries.ties
    ]
    return {
        "organisations": ([*ORG_COLUMNS, *ORG_OPTIONAL], orgs),
        "services": ([*SERVICE_COLUMNS, *SERVICE_OPTIONAL], services),
        "ties": ([*TIE_COLUMNS, *TIE_OPTIONAL], ties),
    }


def table_csv(table: Table) -> bytes:
    """One table as UTF-8 CSV (with a BOM, so that spreadsheet programs read the accents)."""
    buf = io.StringIO()
    writer = csv_writer(buf)
    writer.writerow(table[0])
    writer.writerows(table[1])
    return buf.getvalue().encode("utf-8-sig")


def table_xlsx(table: Table, *, title: str) -> bytes:
    """One table as an .xlsx workbook of one sheet; text cells are text, never formulas."""
    from openpyxl import Workbook

    wb = Workbook(write_only=True)
    sheet = wb.create_sheet(title=title[:31])
    sheet.append(xlsx_row(sheet, table[0]))
    for row in table[1]:
        sheet.append(xlsx_row(sheet, row))
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def table_file(table: Table, fmt: str, *, title: str) -> bytes:
    if fmt == "xlsx":
        return table_xlsx(table, title=title)
    if fmt == "csv":
        return table_csv(table)
    raise ValueError(f"unknown format {fmt!r}")


def write_directory(tables: dict[str, Table], folder: Path, fmt: str) -> list[Path]:
    """organisations.<fmt>, services.<fmt>, ties.<fmt> in `folder`: the three files of an import."""
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name in DIRECTORY_TABLES:
        path = folder / f"{name}.{fmt}"
        path.write_bytes(table_file(tables[name], fmt, title=name))
        written.append(path)
    return written
