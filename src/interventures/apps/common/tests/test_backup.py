"""`interventures backup` / `restore`: a dump of this database and its uploaded files restored into
an empty migrated database, SQLite or PostgreSQL (so SQLite → PostgreSQL on a SQLite run, and
PostgreSQL → SQLite on a PostgreSQL run), holds as many rows of every model and the same files; a
database with data is refused without --force; a changed archive is refused before anything is
written."""

from __future__ import annotations

import hashlib
import io
import json
import os
import subprocess
import sys
import tarfile
import uuid
from pathlib import Path
from typing import Any

import pytest

from interventures.apps.accounts.models import Role
from interventures.apps.common.backup import BackupError, backup, restore
from interventures.cli.main import main

pytestmark = pytest.mark.django_db

SRC = Path(__file__).resolve().parents[4]
PG_SERVER = os.environ.get("INTERVENTURES_TEST_PG_SERVER", "postgres://postgres@127.0.0.1:5432")

COUNT = """
import hashlib, json, django
django.setup()
from pathlib import Path
from django.conf import settings
from interventures.apps.common.backup import row_counts
root = Path(settings.MEDIA_ROOT)
files = {p.relative_to(root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
         for p in sorted(root.rglob("*")) if p.is_file()} if root.is_dir() else {}
from django.contrib.auth.models import Group
print(json.dumps({"counts": row_counts(), "files": files,
                  "perms": sorted(p.codename for p in Group.objects.get(name="reviewers").permissions.all())}))
"""

# New rows after a restore get new keys (loaddata kept the primary keys; PostgreSQL's sequences must
# have been moved past them, or these inserts collide with restored rows).
NEW_ROWS = """
import django
django.setup()
from django.contrib.auth.models import Group
from interventures.apps.assessment.models import Answer, Assessment
Answer.objects.create(assessment=Assessment.objects.get(), item_id="ex_2", value="1")
print(Group.objects.create(name="after-restore").pk > Group.objects.get(name="reviewers").pk)
"""


def _world(make_user: Any, make_region: Any, media: Path) -> dict[str, str]:
    from django.contrib.auth.models import Group, Permission

    from interventures.apps.assessment.models import Answer, Assessment

    region = make_region("hu-hr", "Hungary–Croatia")
    sme = make_user(Role.SME)
    partner = make_user(Role.REGIONAL_PARTNER, region=region)
    group = Group.objects.create(name="reviewers")
    group.permissions.add(Permission.objects.get(codename="view_assessment"))
    partner.groups.add(group)  # an audit log entry too
    a = Assessment.objects.create(
        region=region,
        user=sme,
        size_class="small",
        sector="C",
        language="hu",
        model_version="1",
        result={"nested": {"ő": [1, 2.5, None]}},
    )
    Answer.objects.create(assessment=a, item_id="ex_1", value="2")
    files = {
        "survey-imports/2026/12/raw.csv": b"q1,q2\n1,\xc5\x91\n",
        "actionplans/evidence/x.pdf": b"%PDF-1.7\n",
    }
    for name, content in files.items():
        (media / name).parent.mkdir(parents=True, exist_ok=True)
        (media / name).write_bytes(content)
    return {name: hashlib.sha256(content).hexdigest() for name, content in files.items()}


def _target_url(kind: str, tmp_path: Path) -> tuple[str, Any]:
    if kind == "sqlite":
        return f"sqlite:///{tmp_path / 'target.sqlite3'}", None
    psycopg = pytest.importorskip("psycopg")
    name = f"iv_restore_{uuid.uuid4().hex[:12]}"
    try:
        with psycopg.connect(f"{PG_SERVER}/postgres", autocommit=True, connect_timeout=5) as conn:
            conn.execute(f'CREATE DATABASE "{name}"')
    except psycopg.OperationalError as exc:
        pytest.skip(f"no PostgreSQL server at {PG_SERVER}: {exc}")

    def drop() -> None:
        with psycopg.connect(f"{PG_SERVER}/postgres", autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')

    return f"{PG_SERVER}/{name}", drop


def _run(args: list[str], env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(  # noqa: S603 - our own interpreter and code
        [sys.executable, *args], env=env, capture_output=True, text=True, timeout=600
    )


@pytest.mark.parametrize("target", ["sqlite", "postgresql"])
def test_a_restore_into_an_empty_database_finds_every_row_and_file(
    make_user: Any, make_region: Any, settings: Any, tmp_path: Path, target: str
) -> None:
    from django.db import connection

    from interventures.apps.common.backup import row_counts

    media = tmp_path / "source-media"
    settings.MEDIA_ROOT = str(media)
    files = _world(make_user, make_region, media)
    archive = tmp_path / "backup.tar.gz"
    assert main(["backup", "--out", str(archive)]) == 0
    source_counts = row_counts()
    with tarfile.open(archive) as tar:
        manifest = json.loads(tar.extractfile("manifest.json").read())  # type: ignore[union-attr]
    assert manifest["counts"] == source_counts
    assert manifest["database"] == connection.vendor
    assert {k: v["sha256"] for k, v in manifest["files"].items()} == files
    assert source_counts["assessment.Answer"] == 1

    url, drop = _target_url(target, tmp_path)
    var = tmp_path / "target-var"
    env = {
        **os.environ,
        "PYTHONPATH": str(SRC),
        "DJANGO_SETTINGS_MODULE": "interventures.config.test_settings",
        "DATABASE_URL": url,
        "INTERVENTURES_VAR_DIR": str(var),
        "CELERY_BROKER_URL": "",
        "REDIS_URL": "",
    }
    try:
        migrated = _run(["-m", "interventures.cli", "manage", "migrate", "--noinput", "-v0"], env)
        assert migrated.returncode == 0, migrated.stderr[-3000:]
        restored = _run(["-m", "interventures.cli", "restore", str(archive)], env)
        assert restored.returncode == 0, restored.stderr[-3000:]
        assert "every count matches the manifest" in restored.stdout

        found = json.loads(_run(["-c", COUNT], env).stdout)
        assert found["counts"] == source_counts  # every model, as many rows
        assert found["files"] == files  # every file, byte for byte
        assert found["perms"] == ["view_assessment"]  # a permission found again by its natural key

        again = _run(["-m", "interventures.cli", "restore", str(archive)], env)
        assert again.returncode == 2
        assert "not empty" in again.stderr
        forced = _run(["-m", "interventures.cli", "restore", "--force", str(archive)], env)
        assert forced.returncode == 0, forced.stderr[-3000:]
        assert json.loads(_run(["-c", COUNT], env).stdout)["counts"] == source_counts
        added = _run(["-c", NEW_ROWS], env)
        assert added.returncode == 0, added.stderr[-3000:]
        assert added.stdout.strip() == "True"
    finally:
        if drop is not None:
            drop()


def test_a_changed_archive_is_refused_before_anything_is_written(
    make_user: Any, make_region: Any, settings: Any, tmp_path: Path
) -> None:
    media = tmp_path / "media"
    settings.MEDIA_ROOT = str(media)
    _world(make_user, make_region, media)
    archive = tmp_path / "backup.tar.gz"
    backup(archive)
    tampered = tmp_path / "tampered.tar.gz"
    with tarfile.open(archive) as src, tarfile.open(tampered, "w:gz") as out:
        for member in src.getmembers():
            data = src.extractfile(member).read()  # type: ignore[union-attr]
            if member.name.endswith("raw.csv"):
                data = data.replace(b"1", b"9")
            member.size = len(data)
            out.addfile(member, io.BytesIO(data))
    settings.MEDIA_ROOT = str(tmp_path / "elsewhere")
    with pytest.raises(BackupError, match="checksum"):
        restore(tampered, force=True)
    assert not (tmp_path / "elsewhere").exists()
