"""`interventures backup` and `interventures restore`: a consistent dump of the database and the
uploaded files, portable between SQLite and PostgreSQL (apps/common/backup.py; docs/deploy.md).

    interventures backup --out FILE.tar.gz
    interventures restore FILE.tar.gz [--force]

A restore goes into an empty, migrated database (`interventures manage migrate` first); one with
data is refused unless --force, which replaces it. After loading, the rows of every model are
counted against the manifest and every file is checked against its SHA-256."""

from __future__ import annotations

import argparse
from pathlib import Path

from .main import CommandError, django_setup


def register(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    b = subparsers.add_parser("backup", help="dump the database and the uploaded files into one archive")
    b.add_argument("--out", required=True, metavar="FILE.tar.gz", help="the archive to write")
    b.set_defaults(func=run_backup)
    r = subparsers.add_parser("restore", help="load an archive of `interventures backup`")
    r.add_argument("archive", metavar="FILE.tar.gz")
    r.add_argument("--force", action="store_true", help="replace the data of a database that is not empty")
    r.set_defaults(func=run_restore)


def run_backup(args: argparse.Namespace) -> int:
    django_setup()
    from interventures.apps.common.backup import backup

    manifest = backup(Path(args.out))
    rows = sum(manifest["counts"].values())
    print(
        f"{args.out}: {rows} rows of {len(manifest['counts'])} models from {manifest['database']}, "
        f"{len(manifest['files'])} files"
    )
    return 0


def run_restore(args: argparse.Namespace) -> int:
    path = Path(args.archive)
    if not path.is_file():
        raise CommandError(f"no file {path}")
    django_setup()
    from interventures.apps.common.backup import BackupError, restore

    try:
        restored = restore(path, force=args.force)
    except BackupError as exc:
        raise CommandError(str(exc)) from exc
    print(
        f"{path}: restored {sum(restored.counts.values())} rows of {len(restored.counts)} models "
        f"and {restored.files} files; every count matches the manifest"
    )
    return 0
