"""`interventures match`: partner suggestions for profiles in a CSV file, outside the web (no database).

    interventures match --profiles FILE.csv --top K --out FILE.csv [--exact]

Input columns: id,name,country,nuts3,size_class,nace,languages,stage,offers,seeks,cooperation,
target_countries (lists `;`-separated). Output: profile_id,rank,partner_id,score and one column per
part of the score. Bad rows are reported with their row, column and reason (exit status 2)."""

from __future__ import annotations

import argparse
import csv
import sys
from pathlib import Path

from interventures.core.cells import csv_writer
from interventures.core.matching import PARTS, Borders, MatchIndex, Taxonomy
from interventures.core.matching.rows import ProfileRowsError, read_profiles

from .main import CommandError

MAX_BYTES = 2 * 1024**3  # a bound on what is read: about 5 million profiles


def register(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = subparsers.add_parser(
        "match",
        help="cross-border partner suggestions for the profiles of a CSV file",
        description=__doc__.splitlines()[0],
    )
    p.add_argument("--profiles", required=True, metavar="FILE.csv", help="the profiles")
    p.add_argument("--top", type=int, default=10, metavar="K", help="suggestions per profile (default 10)")
    p.add_argument("--out", required=True, metavar="FILE.csv", help="where the suggestions go ('-': stdout)")
    p.add_argument("--exact", action="store_true", help="score every admissible pair (brute force)")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from interventures.core.capacity import load_model
    from interventures.reference.borders import (
        border_nuts3,
        country_neighbours,
        eurostat_country,
        programme_areas,
    )
    from interventures.reference.files import nace_rows

    if not 1 <= args.top <= 100:
        raise CommandError("--top: give a number from 1 to 100")
    path = Path(args.profiles)
    if not path.is_file():
        raise CommandError(f"--profiles: no file {path}")
    if path.stat().st_size > MAX_BYTES:
        raise CommandError(f"--profiles: {path} is larger than {MAX_BYTES // 1024**2} MB")
    taxonomy = Taxonomy.from_rows(nace_rows())
    stages = [s.id for s in load_model().stages]
    typology = border_nuts3()
    try:
        with path.open(encoding="utf-8-sig", newline="") as fh:
            reader = csv.DictReader(fh)
            profiles = read_profiles(
                reader,
                header=reader.fieldnames or [],
                taxonomy=taxonomy,
                stages=stages,
                country_code=eurostat_country,
                at_border=typology.get,
            )
    except UnicodeDecodeError as exc:
        raise CommandError(f"{path}: not UTF-8 text ({exc.reason} at byte {exc.start})") from exc
    except csv.Error as exc:
        raise CommandError(f"{path}: {exc}") from exc
    except ProfileRowsError as exc:
        for e in exc.errors:
            print(f"{path}: {e}", file=sys.stderr)
        raise CommandError(f"{len(exc.errors)} bad cell(s) in {path}; nothing written") from exc
    index = MatchIndex(
        taxonomy=taxonomy,
        borders=Borders(neighbours=country_neighbours(), areas=programme_areas()),
        stages=stages,
        k=args.top,
    )
    index.add_all(profiles)
    index.compute(exact=args.exact)
    out = sys.stdout if args.out == "-" else open(args.out, "w", encoding="utf-8", newline="")  # noqa: SIM115
    try:
        writer = csv_writer(out)
        writer.writerow(["profile_id", "rank", "partner_id", "score", *PARTS])
        for p in profiles:
            for rank, s in enumerate(index.suggestions(p.id), start=1):
                writer.writerow(
                    [p.id, rank, s.partner_id, f"{s.score:.4f}", *(f"{s.parts[x]:.4f}" for x in PARTS)]
                )
    finally:
        if out is not sys.stdout:
            out.close()
    return 0
