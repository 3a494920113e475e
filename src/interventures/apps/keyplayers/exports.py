"""The directory's analysis of one region as data: `interventures ecosystem export` (JSON, or a folder
of CSV files written through core/cells.py so that no cell is read as a formula)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from interventures.apps.common.models import Region
from interventures.core.cells import csv_writer

from .selectors import region_ecosystem


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
