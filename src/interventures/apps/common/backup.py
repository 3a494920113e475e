"""A consistent, portable dump of the platform: the database as Django's JSON serialisation with
natural keys for content types and permissions (so it loads into SQLite or PostgreSQL, whichever it
came from), the uploaded files (MEDIA_ROOT), and a manifest with the rows per model and a SHA-256 of
every member. `interventures backup` / `interventures restore` (cli/backup.py) call these.

Consistency: the rows are read in one transaction (REPEATABLE READ on PostgreSQL, so every table is
read as of one moment; SQLite's read transaction is a snapshot by itself). Files are copied after
the rows: a file uploaded meanwhile is extra, never missing for a row in the dump.

Left out, because `migrate` makes them on the target (content types, permissions) or they are
transient (sessions). Primary keys are kept, so links by id (the audit log's records, URLs in
e-mails) still point at the same rows."""

from __future__ import annotations

import hashlib
import io
import json
import tarfile
import tempfile
from collections.abc import Iterator
from contextvars import ContextVar
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any

from django.apps import apps
from django.conf import settings
from django.core.management import call_command
from django.db import connection, models, transaction
from django.utils import timezone

FORMAT = "interventures-backup/1"
EXCLUDED = ("contenttypes", "auth.permission", "sessions")
DATA, MANIFEST, MEDIA = "data.json", "manifest.json", "media"


# True while a restore loads its rows: what the rows say happened is not happening now (the audit
# log's handlers write nothing for it; loaddata's saves are `raw`, its many-to-many sets are not).
RESTORING: ContextVar[bool] = ContextVar("restoring", default=False)


class BackupError(Exception):
    """A dump that cannot be read, does not match its manifest, or a target that is not empty."""


@dataclass
class Restored:
    counts: dict[str, int] = field(default_factory=dict)
    files: int = 0


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def dumped_models() -> list[type[models.Model]]:
    out = []
    for model in apps.get_models():
        label = model._meta.label_lower
        if model._meta.app_label in EXCLUDED or label in EXCLUDED or model._meta.proxy:
            continue
        if not model._meta.managed:
            continue
        out.append(model)
    return out


def row_counts() -> dict[str, int]:
    return {m._meta.label: m._default_manager.count() for m in dumped_models()}


def _media_files() -> Iterator[tuple[str, Path]]:
    root = Path(settings.MEDIA_ROOT)
    if not root.is_dir():
        return
    for path in sorted(root.rglob("*")):
        if path.is_file() and not path.is_symlink():
            yield path.relative_to(root).as_posix(), path


def backup(out: Path) -> dict[str, Any]:
    """Write the dump to `out` (a .tar.gz); returns its manifest."""
    with tempfile.TemporaryDirectory() as tmp:
        data_path = Path(tmp) / DATA
        outermost = not connection.in_atomic_block
        with transaction.atomic():
            if connection.vendor == "postgresql" and outermost:  # (inside a transaction: its snapshot)
                with connection.cursor() as cursor:
                    cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ")
            counts = row_counts()
            call_command(
                "dumpdata",
                *[m._meta.label for m in dumped_models()],
                natural_foreign=True,
                output=str(data_path),
                verbosity=0,
            )
        data = data_path.read_bytes()
        manifest: dict[str, Any] = {
            "format": FORMAT,
            "created_at": timezone.now().isoformat(),
            "database": connection.vendor,
            "counts": counts,
            "data_sha256": _sha256(data),
            "files": {},
        }
        out.parent.mkdir(parents=True, exist_ok=True)
        with tarfile.open(out, "w:gz") as archive:
            archive.add(data_path, arcname=DATA)
            for name, path in _media_files():
                content = path.read_bytes()
                manifest["files"][name] = {"sha256": _sha256(content), "size": len(content)}
                info = tarfile.TarInfo(f"{MEDIA}/{name}")
                info.size = len(content)
                info.mtime = int(path.stat().st_mtime)
                archive.addfile(info, io.BytesIO(content))
            encoded = json.dumps(manifest, indent=2, sort_keys=True).encode()
            info = tarfile.TarInfo(MANIFEST)
            info.size = len(encoded)
            archive.addfile(info, io.BytesIO(encoded))
    return manifest


def _safe_member(name: str) -> str:
    """A member's path inside media/, refused when it would leave it."""
    path = PurePosixPath(name)
    if path.is_absolute() or ".." in path.parts or len(path.parts) < 2 or path.parts[0] != MEDIA:
        raise BackupError(f"unexpected member in the archive: {name}")
    return PurePosixPath(*path.parts[1:]).as_posix()


def read_manifest(archive: tarfile.TarFile) -> dict[str, Any]:
    try:
        member = archive.extractfile(MANIFEST)
    except KeyError as exc:
        raise BackupError("not an Inter Ventures backup: no manifest.json") from exc
    if member is None:
        raise BackupError("manifest.json is not a file")
    manifest: dict[str, Any] = json.loads(member.read())
    if manifest.get("format") != FORMAT:
        raise BackupError(f"unknown backup format {manifest.get('format')!r}")
    return manifest


def nonempty_models() -> list[str]:
    """Models holding rows a fresh `migrate` does not make (the content version's one row is made by
    the first write, not by data)."""
    return [label for label, n in row_counts().items() if n and label != "common.ContentVersion"]


def _stream_sha256(stream: Any, *, copy_to: Any = None) -> str:
    digest = hashlib.sha256()
    for chunk in iter(lambda: stream.read(1 << 20), b""):
        digest.update(chunk)
        if copy_to is not None:
            copy_to.write(chunk)
    return digest.hexdigest()


def _verified(source: Path, data_path: Path) -> dict[str, Any]:
    """Check every member against the manifest (streamed: files are not held in memory); the rows go
    to data_path."""
    with tarfile.open(source, "r:gz") as archive:
        manifest = read_manifest(archive)
        seen: set[str] = set()
        for member in archive:
            if member.name == MANIFEST:
                continue
            if not member.isfile():
                raise BackupError(f"unexpected member in the archive: {member.name}")
            stream = archive.extractfile(member)
            if member.name == DATA:
                with data_path.open("wb") as out:
                    if _stream_sha256(stream, copy_to=out) != manifest["data_sha256"]:
                        raise BackupError("data.json does not match its checksum in the manifest")
                seen.add(DATA)
                continue
            name = _safe_member(member.name)
            expected = manifest["files"].get(name)
            if expected is None or _stream_sha256(stream) != expected["sha256"]:
                raise BackupError(f"{member.name} does not match its checksum in the manifest")
            seen.add(name)
    if DATA not in seen:
        raise BackupError("no data.json in the archive")
    missing = set(manifest["files"]) - seen
    if missing:
        raise BackupError(f"{len(missing)} file(s) of the manifest are not in the archive")
    return manifest


def _extract_media(source: Path) -> int:
    root = Path(settings.MEDIA_ROOT)
    n = 0
    with tarfile.open(source, "r:gz") as archive:
        for member in archive:
            if member.name in (DATA, MANIFEST):
                continue
            target = root / _safe_member(member.name)
            target.parent.mkdir(parents=True, exist_ok=True)
            stream = archive.extractfile(member)
            with target.open("wb") as out:
                _stream_sha256(stream, copy_to=out)
            n += 1
    return n


def restore(source: Path, *, force: bool = False) -> Restored:
    """Load a dump into this (migrated) database and its files into MEDIA_ROOT, then check that
    every model holds as many rows as the manifest says. A database with data is refused unless
    `force` (then it is emptied first). Nothing is written before every checksum is verified."""
    with tempfile.TemporaryDirectory() as tmp:
        data_path = Path(tmp) / DATA
        manifest = _verified(source, data_path)
        unknown = set(manifest["counts"]) - {m._meta.label for m in dumped_models()}
        if unknown:
            raise BackupError(f"the backup has models this version does not: {', '.join(sorted(unknown))}")
        if nonempty_models() and not force:
            raise BackupError(
                "the database is not empty ("
                + ", ".join(nonempty_models()[:5])
                + ", …); restore into an empty migrated database, or give --force to replace its data"
            )
        if force:
            from django.contrib.contenttypes.models import ContentType

            call_command("flush", interactive=False, verbosity=0)
            ContentType.objects.clear_cache()
        flag = RESTORING.set(True)
        try:
            with transaction.atomic():
                call_command("loaddata", str(data_path), verbosity=0)
                counts = row_counts()
                wrong = {k: (counts.get(k), n) for k, n in manifest["counts"].items() if counts.get(k) != n}
                if wrong:
                    raise BackupError(
                        "rows after the restore differ from the manifest (now, expected): "
                        + ", ".join(f"{k} {v}" for k, v in sorted(wrong.items()))
                    )
        finally:
            RESTORING.reset(flag)
    return Restored(counts=counts, files=_extract_media(source))
