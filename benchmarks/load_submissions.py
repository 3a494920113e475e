"""Load: concurrent clients submit survey responses and preparedness tests through the API of the
production server (gunicorn), then every acknowledged submission is counted in the database.

    .venv/bin/python benchmarks/load_submissions.py                          # SQLite, 10,000 × 64 clients
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/test \\
        .venv/bin/python benchmarks/load_submissions.py --total 10000 --clients 64

Half the submissions are survey responses (POST /api/v1/surveys/campaigns/{id}/responses with a
partner's token), half are preparedness tests (POST /api/v1/assessment/submissions). A share of the
requests (--retry-share, default 5 %) is sent a second time with the same Idempotency-Key, as a client
does after a lost answer. At the end: stored == acknowledged (none lost), no key stored twice (none
duplicated by retries), and the throughput and latency percentiles. Writes to a fresh var directory
(a new SQLite file; on PostgreSQL the tables of DATABASE_URL, which it migrates and adds to).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
import uuid
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

HERE = Path(__file__).resolve().parent
SRC = HERE.parent / "src"
ANSWERS = {"employees": "12", "exports": "yes", "where": "hr us", "us_share": "30", "turnover": "1,5"}


def prepare(env: dict[str, str]) -> dict[str, object]:
    """Migrate, and make a region's partner with a token, a campaign and the test's answers."""
    code = """
import json, django
django.setup()
from django.core.management import call_command
call_command("migrate", verbosity=0)
from interventures.apps.accounts.models import Role
from interventures.apps.accounts.services import user_create
from interventures.apps.api.services import token_create
from interventures.apps.common.models import Region
from interventures.apps.surveys.services import campaign_create, questionnaire_create
from interventures.core import capacity
from interventures.core.survey.tests.forms import small_form
import secrets
region, _ = Region.objects.get_or_create(code="hu-hr", defaults={"name": "Hungary-Croatia", "partner": True})
user = user_create(username="load-" + secrets.token_hex(4), password=secrets.token_urlsafe(16),
                   role=Role.REGIONAL_PARTNER, region_id=region.pk)
_t, secret = token_create(user=user, name="load", can_write=True)
q = questionnaire_create(name="Load", form=small_form(), published=True)
c = campaign_create(region_id=region.pk, name="Load " + secrets.token_hex(3), version=q.current, languages=["en"])
model = capacity.load_model()
print(json.dumps({"token": secret, "campaign": c.pk, "answers": {i.id: i.options[0].id for i in model.items}}))
"""
    out = subprocess.run(  # noqa: S603 - our own interpreter
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True, timeout=600
    )
    return json.loads(out.stdout.strip().splitlines()[-1])


def count(env: dict[str, str], campaign: int, keys: list[str]) -> dict[str, int]:
    code = f"""
import json, sys, django
django.setup()
from django.db.models import Count
from interventures.apps.assessment.models import Assessment
from interventures.apps.surveys.models import Response
keys = json.load(sys.stdin)
responses = Response.objects.filter(campaign_id={campaign})
tests = Assessment.objects.filter(client_key__in=keys)
print(json.dumps({{
    "responses": responses.count(),
    "responses_submitted": responses.filter(status="submitted").count(),
    "tests": tests.count(),
    "tests_duplicated": tests.values("client_scope", "client_key").annotate(n=Count("pk")).filter(n__gt=1).count(),
}}))
"""
    out = subprocess.run(  # noqa: S603
        [sys.executable, "-c", code],
        env=env,
        input=json.dumps(keys),
        capture_output=True,
        text=True,
        check=True,
        timeout=600,
    )
    return json.loads(out.stdout.strip().splitlines()[-1])


def post(url: str, body: dict[str, object], key: str, token: str | None) -> tuple[int, float, dict]:
    data = json.dumps(body).encode()
    headers = {"Content-Type": "application/json", "Idempotency-Key": key}
    if token:
        headers["Authorization"] = f"Bearer {token}"
    request = urllib.request.Request(url, data=data, headers=headers, method="POST")  # noqa: S310
    start = time.perf_counter()
    try:
        with urllib.request.urlopen(request, timeout=60) as response:  # noqa: S310 - 127.0.0.1
            status, payload = response.status, json.loads(response.read() or b"{}")
    except urllib.error.HTTPError as exc:
        status, payload = exc.code, {}
    except OSError:  # refused, reset or timed out: not acknowledged
        status, payload = 0, {}
    return status, time.perf_counter() - start, payload


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--total", type=int, default=10_000)
    parser.add_argument("--clients", type=int, default=64)
    parser.add_argument("--workers", type=int, default=4, help="gunicorn workers")
    parser.add_argument("--retry-share", type=float, default=0.05)
    parser.add_argument("--port", type=int, default=8799)
    args = parser.parse_args(argv)

    var = tempfile.mkdtemp(prefix="iv-load-")
    env = {
        **os.environ,
        "PYTHONPATH": str(SRC),
        "DJANGO_SETTINGS_MODULE": "interventures.config.settings",
        "INTERVENTURES_ENV": "development",
        "DJANGO_DEBUG": "0",
        "INTERVENTURES_VAR_DIR": var,
        "INTERVENTURES_API_RATE_USER": "1000000/m",
        "INTERVENTURES_API_RATE_ANONYMOUS": "1000000/m",
        "GUNICORN_BIND": f"127.0.0.1:{args.port}",
        "GUNICORN_WORKERS": str(args.workers),
        "GUNICORN_THREADS": "4",
        "GUNICORN_ACCESS_LOG": os.devnull,
    }
    database = "PostgreSQL" if env.get("DATABASE_URL", "").startswith("postgres") else "SQLite"
    setup = prepare(env)
    base = f"http://127.0.0.1:{args.port}"
    server = subprocess.Popen(  # noqa: S603
        [
            sys.executable,
            "-m",
            "gunicorn",
            "-c",
            "python:interventures.config.gunicorn",
            "interventures.config.wsgi",
        ],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=open(Path(var) / "gunicorn.log", "w"),  # noqa: SIM115 - closed with the process
    )
    try:
        for _ in range(120):
            try:
                urllib.request.urlopen(f"{base}/api/v1/reference/regions", timeout=5).read()  # noqa: S310
                break
            except OSError:  # not listening yet, or its workers still loading
                time.sleep(0.5)
        rng = random.Random(20261203)  # noqa: S311 - which requests are retried, not a secret
        jobs = []
        for i in range(args.total):
            key = str(uuid.UUID(int=rng.getrandbits(128)))
            jobs.append((i % 2 == 0, key, rng.random() < args.retry_share))
        lock = threading.Lock()
        latencies: list[float] = []
        acked = {"responses": set(), "tests": set()}
        failures: dict[int, int] = {}

        def one(job: tuple[bool, str, bool]) -> None:
            survey, key, retry = job
            if survey:
                url, body, token = (
                    f"{base}/api/v1/surveys/campaigns/{setup['campaign']}/responses",
                    {"answers": ANSWERS, "language": "en"},
                    str(setup["token"]),
                )
            else:
                url = f"{base}/api/v1/assessment/submissions"
                body, token = (
                    {"answers": setup["answers"], "size_class": "small", "sector": "C", "region": "hu-hr"},
                    None,
                )
            for _attempt in range(2 if retry else 1):
                status, seconds, payload = post(url, body, key, token)
                with lock:
                    latencies.append(seconds)
                    if status in (200, 201):
                        (acked["responses"] if survey else acked["tests"]).add(
                            payload.get("id") or payload.get("token")
                        )
                        if survey:
                            acked.setdefault("response_keys", set()).add(key)
                        else:
                            acked.setdefault("test_keys", set()).add(key)
                    else:
                        failures[status] = failures.get(status, 0) + 1

        start = time.perf_counter()
        with ThreadPoolExecutor(max_workers=args.clients) as pool:
            list(pool.map(one, jobs))
        wall = time.perf_counter() - start
    finally:
        server.terminate()
        server.wait(timeout=60)

    stored = count(env, int(setup["campaign"]), sorted(acked.get("test_keys", set())))
    q = statistics.quantiles(sorted(latencies), n=100)
    report = {
        "database": database,
        "submissions": args.total,
        "requests": len(latencies),
        "clients": args.clients,
        "gunicorn_workers": args.workers,
        "seconds": round(wall, 1),
        "requests_per_second": round(len(latencies) / wall, 1),
        "p50_ms": round(q[49] * 1000, 1),
        "p95_ms": round(q[94] * 1000, 1),
        "p99_ms": round(q[98] * 1000, 1),
        "acknowledged_responses": len(acked.get("response_keys", set())),
        "stored_responses": stored["responses"],
        "acknowledged_tests": len(acked.get("test_keys", set())),
        "stored_tests": stored["tests"],
        "duplicated_tests": stored["tests_duplicated"],
        "refused_or_failed": failures,
    }
    print(json.dumps(report, indent=2))
    ok = (
        len(acked["responses"]) + len(acked["tests"]) > 0
        and report["stored_responses"] == report["acknowledged_responses"] == len(acked["responses"])
        and report["stored_tests"] == report["acknowledged_tests"] == len(acked["tests"])
        and report["duplicated_tests"] == 0
    )
    print(
        "every acknowledged submission stored exactly once"
        if ok
        else "MISMATCH: lost or duplicated submissions"
    )
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
