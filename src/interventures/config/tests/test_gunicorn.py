"""The production server for real: gunicorn started with config/gunicorn.py on a free port, in
production mode behind a TLS proxy (as docs/deploy.md's app servers), over this test's database (a
SQLite file in a temporary var directory, or the PostgreSQL test database). It serves a page, a static
file through WhiteNoise (compressed, with cache headers), and the API's OpenAPI document, then stops
cleanly on SIGTERM."""

from __future__ import annotations

import gzip
import json
import os
import secrets
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path
from typing import Any

import pytest

SRC = Path(__file__).resolve().parents[3]
STATIC = SRC / "interventures" / "static" / "interventures" / "site.css"
# The TLS proxy in front of an app server sets these (docs/deploy.md); gunicorn trusts 127.0.0.1.
PROXIED = {"X-Forwarded-Proto": "https", "X-Forwarded-For": "203.0.113.7"}


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _get(url: str, **headers: str) -> tuple[int, dict[str, str], bytes]:
    request = urllib.request.Request(url, headers={**PROXIED, **headers})  # noqa: S310 - 127.0.0.1
    try:
        with urllib.request.urlopen(request, timeout=30) as response:  # noqa: S310
            return response.status, {k.lower(): v for k, v in response.headers.items()}, response.read()
    except urllib.error.HTTPError as exc:
        return exc.code, {k.lower(): v for k, v in exc.headers.items()}, exc.read()


@pytest.fixture
def server(shared_database: Any, tmp_path: Path) -> Any:
    var = tmp_path / "var"
    var.mkdir()
    port = _free_port()
    env = {
        **os.environ,
        "PYTHONPATH": str(SRC),
        "DJANGO_SETTINGS_MODULE": "interventures.config.settings",
        "INTERVENTURES_ENV": "production",
        "DJANGO_DEBUG": "0",
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
        "INTERVENTURES_PSEUDONYM_KEY": secrets.token_urlsafe(50),
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
        "INTERVENTURES_PROXY_COUNT": "1",
        "INTERVENTURES_VAR_DIR": str(var),
        "DATABASE_URL": shared_database(),
        "REDIS_URL": "",
        "CELERY_BROKER_URL": "",
        "GUNICORN_BIND": f"127.0.0.1:{port}",
        "GUNICORN_WORKERS": "2",
        "GUNICORN_ACCESS_LOG": os.devnull,
    }
    # The release step of docs/deploy.md that writes WhiteNoise's compressed files, for the style
    # sheets only: compressing every vendored script (Brotli at its highest level) takes half a
    # minute of CPU, and the rest is served from the finders as without the step.
    skip = ["*.js", "*.map", "*.png", "*.svg", "*.gif", "*.woff*", "*.ttf", "*.eot", "*.txt", "*.md"]
    collect = subprocess.run(  # noqa: S603 - our own interpreter
        [sys.executable, "-m", "interventures.cli", "manage", "collectstatic", "--noinput", "-v", "0"]
        + [arg for pattern in [*skip, "LICENSE*", "*.html"] for arg in ("-i", pattern)],
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert collect.returncode == 0, collect.stderr[-3000:]
    log = (tmp_path / "gunicorn.log").open("w")
    process = subprocess.Popen(  # noqa: S603
        [sys.executable, "-m", "gunicorn", "-c", "python:interventures.config.gunicorn"]
        + ["interventures.config.wsgi"],
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 120
        while True:
            assert process.poll() is None, (tmp_path / "gunicorn.log").read_text()[-3000:]
            try:
                _get(f"{base}/api/v1/openapi.json")
                break
            except OSError:  # not listening yet, or its workers still starting
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.3)
        yield base, process, tmp_path / "gunicorn.log"
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
        log.close()


def test_gunicorn_serves_pages_static_files_and_the_api_and_stops_cleanly(server: Any) -> None:
    base, process, log = server

    status, headers, body = _get(f"{base}/en/")
    assert status == 200, body[-2000:]
    assert b"<html" in body
    assert headers["strict-transport-security"].startswith("max-age=")  # HTTPS as the proxy says
    assert "'unsafe-inline'" not in headers["content-security-policy"]
    assert (headers["x-frame-options"], headers["x-content-type-options"]) == ("DENY", "nosniff")
    assert headers["referrer-policy"] == "same-origin"

    # Production cookies: the login form's CSRF cookie is Secure, HttpOnly and SameSite.
    request = urllib.request.Request(f"{base}/en/accounts/login/", headers=PROXIED)  # noqa: S310
    with urllib.request.urlopen(request, timeout=30) as response:  # noqa: S310
        cookies = response.headers.get_all("Set-Cookie") or []
    (csrf,) = [c for c in cookies if c.startswith("csrftoken=")]
    attributes = {a.strip().split("=")[0].lower() for a in csrf.split(";")[1:]}
    assert {"secure", "httponly", "samesite"} <= attributes, csrf
    assert "samesite=lax" in csrf.lower()

    status, headers, body = _get(f"{base}/static/interventures/site.css", **{"Accept-Encoding": "gzip"})
    assert status == 200
    assert headers["content-encoding"] == "gzip"  # WhiteNoise's compressed variant, written by collectstatic
    assert gzip.decompress(body) == STATIC.read_bytes()
    assert "accept-encoding" in headers["vary"].lower()
    assert "max-age=" in headers["cache-control"]
    assert "public" in headers["cache-control"]
    assert headers["content-type"].startswith("text/css")
    status, headers, body = _get(f"{base}/static/interventures/site.css")
    assert (status, headers.get("content-encoding"), body) == (200, None, STATIC.read_bytes())

    status, headers, body = _get(f"{base}/api/v1/openapi.json")
    assert status == 200
    assert headers["content-type"].startswith("application/json")
    document = json.loads(body)
    assert document["openapi"].startswith("3.")
    assert "/api/v1/surveys/campaigns/{campaign_id}/responses" in document["paths"]

    process.send_signal(signal.SIGTERM)  # what systemd sends on stop
    assert process.wait(timeout=60) == 0
    text = log.read_text()
    assert "Shutting down: Master" in text
    assert "Traceback" not in text
