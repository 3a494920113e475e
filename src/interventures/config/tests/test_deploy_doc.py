"""docs/deploy.md's example configuration, run: Django's deployment checks pass with it, and its
REDIS_URL gives the shared cache and the Celery broker. The placeholders are filled with fresh
secrets; the example's hosts (a real network's) are replaced by a SQLite file and the local Redis."""

from __future__ import annotations

import re
import secrets
from pathlib import Path

from .test_settings import run

DOC = Path(__file__).resolve().parents[4] / "docs" / "deploy.md"


def example_env() -> dict[str, str]:
    block = re.search(r"```env\n(.*?)```", DOC.read_text(encoding="utf-8"), re.S)
    assert block, "docs/deploy.md has no ```env block"
    env = {}
    for line in block.group(1).splitlines():
        name, _sep, value = line.partition("=")
        env[name] = value
    return env


def test_the_documented_configuration_passes_the_deployment_checks(tmp_path):
    env = example_env()
    assert {
        "DATABASE_URL",
        "REDIS_URL",
        "DJANGO_ALLOWED_HOSTS",
        "DJANGO_CSRF_TRUSTED_ORIGINS",
        "EMAIL_HOST",
    } <= set(env)
    env.update(
        DJANGO_SECRET_KEY=secrets.token_urlsafe(64),
        INTERVENTURES_PSEUDONYM_KEY=secrets.token_urlsafe(64),
        EMAIL_HOST_PASSWORD="x",
        DATABASE_URL=f"sqlite:///{tmp_path / 'db.sqlite3'}",
        REDIS_URL="redis://127.0.0.1:6379/15",
    )
    env.pop("INTERVENTURES_VAR_DIR")
    result = run(
        tmp_path, "-m", "interventures.cli", "manage", "check", "--deploy", "--fail-level", "WARNING", **env
    )
    assert result.returncode == 0, result.stdout + result.stderr[-3000:]
    assert "no issues" in result.stdout
    show = (
        "import django; from django.conf import settings; django.setup();"
        "from interventures.config.celery import app;"
        "print(settings.CACHES['default']['BACKEND'], app.conf.broker_url, settings.CELERY_TASK_ALWAYS_EAGER,"
        " settings.SESSION_COOKIE_SECURE, settings.SECURE_PROXY_SSL_HEADER[0])"
    )
    shown = run(tmp_path, "-c", show, **env)
    assert shown.returncode == 0, shown.stderr[-3000:]
    assert shown.stdout.split() == [
        "django.core.cache.backends.redis.RedisCache",
        "redis://127.0.0.1:6379/15",
        "False",
        "True",
        "HTTP_X_FORWARDED_PROTO",
    ]
