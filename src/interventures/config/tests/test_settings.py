"""The settings module, imported as a deployment imports it: in a fresh process with only the
environment to go on."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

import interventures

SRC = str(Path(interventures.__file__).resolve().parent.parent)
SECRET = "s" + "Rq8vN2xL5tPz" * 5
PSEUDONYM = "p" + "Hw3cK9dM4yJb" * 5
SHOW = (
    "import django; from django.conf import settings; django.setup();"
    "print(settings.PRODUCTION, settings.DEBUG, settings.SECRET_KEY, settings.PSEUDONYM_KEY)"
)


def run(var_dir: Path, *args: str, **env: str) -> subprocess.CompletedProcess[str]:
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "INTERVENTURES_"))}
    clean.update(
        PYTHONPATH=SRC,
        DJANGO_SETTINGS_MODULE="interventures.config.settings",
        INTERVENTURES_VAR_DIR=str(var_dir),
        **env,
    )
    return subprocess.run(  # noqa: S603 - our own interpreter, no shell
        [sys.executable, *args], env=clean, capture_output=True, text=True, timeout=120, check=False
    )


@pytest.mark.parametrize(
    ("env", "named"),
    [
        ({"DJANGO_DEBUG": "0"}, "DJANGO_SECRET_KEY is not set"),
        ({"INTERVENTURES_ENV": "production"}, "DJANGO_SECRET_KEY is not set"),
        (
            {"DJANGO_DEBUG": "0", "DJANGO_SECRET_KEY": "insecure-development-key-change-me-in-production"},
            "DJANGO_SECRET_KEY (from DJANGO_SECRET_KEY) is not a usable secret",
        ),
        ({"DJANGO_DEBUG": "0", "DJANGO_SECRET_KEY": SECRET}, "INTERVENTURES_PSEUDONYM_KEY is not set"),
        (
            {"DJANGO_DEBUG": "0", "DJANGO_SECRET_KEY": SECRET, "INTERVENTURES_PSEUDONYM_KEY": SECRET},
            "must differ",
        ),
    ],
)
def test_production_without_its_secrets_refuses_to_start(tmp_path, env, named):
    result = run(tmp_path, "-c", SHOW, **env)
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr, result.stderr[-2000:]
    assert named in result.stderr, result.stderr[-2000:]
    assert not list(tmp_path.glob("*key*"))


def test_development_keeps_its_generated_keys_across_restarts(tmp_path):
    first = run(tmp_path, "-c", SHOW)
    second = run(tmp_path, "-c", SHOW)
    assert first.returncode == 0, first.stderr[-2000:]
    production, debug, secret_key, pseudonym_key = first.stdout.split()
    assert (production, debug) == ("False", "True")
    assert secret_key != pseudonym_key
    assert second.stdout == first.stdout
    assert (tmp_path / "secret-key.txt").read_text().strip() == secret_key
    assert (tmp_path / "secret-key.txt").stat().st_mode & 0o777 == 0o600
    assert (tmp_path / "pseudonym-key.txt").stat().st_mode & 0o777 == 0o600


def test_production_passes_the_deployment_checks_without_a_warning(tmp_path):
    result = run(
        tmp_path,
        "-m",
        "interventures.cli",
        "manage",
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        DJANGO_DEBUG="0",
        DJANGO_SECRET_KEY=SECRET,
        INTERVENTURES_PSEUDONYM_KEY=PSEUDONYM,
        DJANGO_ALLOWED_HOSTS="example.org",
    )
    assert result.returncode == 0, result.stdout + result.stderr[-3000:]
    assert "no issues" in result.stdout


def test_an_application_server_starts_in_production_mode_by_default(tmp_path):
    result = run(tmp_path, "-c", "import interventures.config.wsgi")
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY is not set" in result.stderr, result.stderr[-2000:]
