"""The Celery path for real: a worker consuming the local Redis (127.0.0.1:6379) runs a survey import
that the service queued, as a deployment's workers do (the rest of the suite runs tasks in-process).
Skipped, saying why, when no Redis answers."""

from __future__ import annotations

import time
from collections.abc import Iterator
from typing import Any

import pytest

REDIS_URL = "redis://127.0.0.1:6379/15"
HEADER = "respondent_id,employees,turnover,founded,exports,neighbours_only,where,us_share,comment"
ROWS = ['r1,12,"1,5",2001-03-04,yes,,hr us,30,Zsolnay', "r2,3,,,no,,,,", "r3,40,2.25,,yes,yes,hr,,"]


def _redis_up() -> bool:
    import redis

    try:
        return bool(redis.Redis.from_url(REDIS_URL, socket_connect_timeout=1).ping())
    except redis.RedisError:
        return False


def _forget_connections(app: Any) -> None:
    """Drop what the app built for an earlier broker setting: its connection pool, and its `amqp`
    (a cached property holding the producer pool, the queues and the router), so that an earlier
    test's broker or queue is not where this test's task goes, or where its worker listens."""
    app._pool = None  # not app.close(): it also takes the app off the list shared tasks register on
    app.__dict__.pop("amqp", None)
    app._local.__dict__.pop("backend", None)  # the result backend of the earlier setting


@pytest.fixture
def redis_worker(transactional_db: Any) -> Iterator[Any]:
    if not _redis_up():
        pytest.skip(f"no Redis at {REDIS_URL}")
    from celery.contrib.testing.worker import start_worker

    from interventures.apps.surveys import tasks as survey_tasks
    from interventures.config.celery import app

    # The worker knows the tasks its app has loaded: load them, whatever earlier tests did with the app.
    app.loader.import_default_modules()
    assert survey_tasks.import_run_task.name in app.tasks

    # Redis database 15 is this test's own (the Redis is shared). The default queue is kept: the app
    # caches its queues once used, so a queue renamed here could differ between producer and worker.
    saved = {k: app.conf[k] for k in ("task_always_eager", "broker_url", "result_backend")}
    app.conf.update(task_always_eager=False, broker_url=REDIS_URL, result_backend=REDIS_URL)
    _forget_connections(app)
    try:
        with start_worker(app, pool="solo", concurrency=1, perform_ping_check=False, shutdown_timeout=10):
            yield app
    finally:
        app.conf.update(saved)
        _forget_connections(app)


def test_an_import_queued_on_redis_is_run_by_a_worker_exactly_once(redis_worker, make_region):
    from interventures.apps.surveys import services
    from interventures.apps.surveys.models import ImportJob, ImportStatus, Response
    from interventures.core.survey.tests.forms import small_form

    q = services.questionnaire_create(name="Small", form=small_form(), published=True)
    campaign = services.campaign_create(region_id=make_region().pk, name="Redis", version=q.current)
    job = services.import_upload(
        campaign=campaign, data="\n".join([HEADER, *ROWS]).encode(), filename="f.csv", fmt="csv"
    )
    assert not redis_worker.conf.task_always_eager  # .delay() goes to Redis, not into this process
    services.import_start(job=job)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        job.refresh_from_db()
        if job.status in (ImportStatus.DONE, ImportStatus.FAILED):
            break
        time.sleep(0.2)
    assert job.status == ImportStatus.DONE, job.message
    assert job.n_imported == 3
    assert Response.objects.filter(campaign=campaign, status="submitted").count() == 3
    # Delivered again (a retry after a lost acknowledgement): the job is done, nothing is duplicated.
    redis_worker.send_task("surveys.import_run", args=[job.pk]).get(timeout=30)
    assert Response.objects.filter(campaign=campaign).count() == 3
    assert ImportJob.objects.get(pk=job.pk).status == ImportStatus.DONE
