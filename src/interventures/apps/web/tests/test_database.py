from __future__ import annotations

import pytest
from django.conf import settings
from django.db import connection


@pytest.mark.skipif(connection.vendor != "sqlite", reason="the embedded database only")
def test_embedded_sqlite_database_runs_in_wal_mode(tmp_path, django_db_blocker):
    from django.db.backends.sqlite3.base import DatabaseWrapper

    wrapper = DatabaseWrapper({**settings.DATABASES["default"], "NAME": str(tmp_path / "iv.sqlite3")})
    try:
        with django_db_blocker.unblock(), wrapper.cursor() as cursor:
            cursor.execute("PRAGMA journal_mode")
            assert cursor.fetchone()[0] == "wal"
            cursor.execute("PRAGMA busy_timeout")
            assert cursor.fetchone()[0] == 5000
    finally:
        wrapper.close()
