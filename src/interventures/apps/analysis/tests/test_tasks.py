"""The background run goes through a real Celery worker and Redis when a broker is configured."""

from __future__ import annotations

import os
import time
import uuid
from typing import Any

import pytest

from interventures.apps.accounts.permissions import OPERATOR
from interventures.apps.analysis.models import AnalysisRun, RunStatus

REDIS_URL = os.environ.get("INTERVENTURES_TEST_REDIS_URL", "redis://127.0.0.1:6379/15")


def _forget_connections(app: Any) -> None:
    """Drop what the app built for an earlier setting: its connection pool and its `amqp` (a cached
    property holding the producer pool, the queues and the router: a queue renamed here would
    otherwise stay the one later tests publish to or listen on)."""
    app._pool = None  # not app.close(): it also takes the app off the list shared tasks register on
    app.__dict__.pop("amqp", None)
    app._local.__dict__.pop("backend", None)  # the result backend of the earlier setting


@pytest.fixture
def celery_with_redis() -> Any:
    import redis
    from celery.contrib.testing.worker import start_worker

    from interventures.apps.analysis import tasks  # noqa: F401  (registers the task)
    from interventures.config.celery import app

    redis.Redis.from_url(REDIS_URL).ping()  # Redis is part of the platform: fail loudly if it is missing
    keys = ("broker_url", "task_always_eager", "result_backend", "task_default_queue")
    saved = {k: app.conf[k] for k in keys}
    # A queue of its own, so that no other test run's worker on this Redis takes the task.
    app.conf.update(
        broker_url=REDIS_URL,
        task_always_eager=False,
        result_backend=None,
        task_default_queue=f"interventures-test-{uuid.uuid4().hex}",
    )
    _forget_connections(app)
    try:
        with start_worker(app, pool="solo", perform_ping_check=False, shutdown_timeout=30):
            yield app
    finally:
        app.conf.update(saved)
        _forget_connections(app)


@pytest.mark.django_db(transaction=True)
def test_analysis_run_is_executed_by_a_celery_worker_through_redis(make_survey: Any, celery_with_redis: Any):
    from interventures.apps.analysis.services import analysis_run_create

    assert celery_with_redis.conf.task_always_eager is False
    region = make_survey("lt-klaipeda", n=30)
    run = analysis_run_create(user=OPERATOR, region=region)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        run = AnalysisRun.objects.get(pk=run.pk)
        if run.status in (RunStatus.DONE, RunStatus.FAILED):
            break
        time.sleep(0.2)
    assert run.status == RunStatus.DONE, run.error
    assert run.progress == 100
    assert run.figures.exists()
