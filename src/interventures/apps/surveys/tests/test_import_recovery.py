"""Issue #16, fault tests: an import whose worker dies keeps nothing, is never left "running", and its
retry stores each row exactly once. The lease (a heartbeat while it runs) and its recovery."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone

from interventures.apps.accounts.models import Role
from interventures.apps.surveys import services
from interventures.apps.surveys.models import ImportJob, ImportStatus, Response, ResponseStatus
from interventures.apps.surveys.services import imports
from interventures.apps.surveys.tasks import import_recover_task, import_run_task

from .test_imports import GOOD, HEADER

N_ROWS = 120
SRC = Path(__file__).resolve().parents[4]


def rows(n: int) -> str:
    """n valid rows with respondent ids r0..r{n-1} (each one may be stored once only)."""
    template = GOOD[0].split(",", 1)[1]
    return "\n".join([HEADER, *(f"r{i},{template}" for i in range(n))])


def upload(campaign: Any, text: str) -> ImportJob:
    return services.import_upload(
        campaign=campaign, data=text.encode(), filename="f.csv", fmt="csv", mode="valid_only"
    )


def running(job: ImportJob, *, seconds_ago: float) -> None:
    """The job as a worker left it when it died `seconds_ago`: RUNNING, one batch staged."""
    ImportJob.objects.filter(pk=job.pk).update(
        status=ImportStatus.RUNNING,
        attempt=1,
        heartbeat_at=timezone.now() - timedelta(seconds=seconds_ago),
        n_imported=1,
    )
    Response.objects.create(
        campaign=job.campaign,
        idempotency_key=f"import-{job.pk}-2",
        respondent_id="r0",
        status=ResponseStatus.IMPORTING,
        source="import",
        import_job=job,
    )


@pytest.mark.django_db
def test_a_job_silent_past_its_lease_is_failed_with_the_reason_and_keeps_nothing(campaign: Any) -> None:
    job = upload(campaign, rows(3))
    running(job, seconds_ago=services.import_lease_seconds() + 5)
    (recovered,) = services.import_recover()
    assert recovered.pk == job.pk
    assert recovered.status == ImportStatus.FAILED
    assert "stopped" in recovered.message
    assert not Response.objects.filter(campaign=campaign).exists()
    assert services.import_recover() == []  # once


@pytest.mark.django_db
def test_a_job_whose_worker_still_beats_is_left_alone(campaign: Any) -> None:
    job = upload(campaign, rows(3))
    running(job, seconds_ago=1)
    assert services.import_recover() == []
    assert import_recover_task() == []
    job.refresh_from_db()
    assert job.status == ImportStatus.RUNNING
    assert Response.objects.filter(import_job=job).count() == 1


@pytest.mark.django_db
def test_a_worker_whose_job_was_recovered_stops_writing_and_leaves_the_retry_alone(
    campaign: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A worker that stalled past its lease (the job was recovered meanwhile) finds out at its next
    heartbeat and stops; it does not undo or finish the job."""
    monkeypatch.setattr(imports, "IMPORT_BATCH", 1)
    job = upload(campaign, rows(3))
    real_bulk_create = Response.objects.bulk_create
    calls = {"n": 0}

    def stall(objs: Any, *args: Any, **kwargs: Any) -> Any:
        calls["n"] += 1
        created = real_bulk_create(objs, *args, **kwargs)
        if calls["n"] == 1:  # the lease expires while this worker is stalled after its first batch
            services.import_recover(now=timezone.now() + timedelta(days=1))
        return created

    monkeypatch.setattr(Response.objects, "bulk_create", stall)
    with pytest.raises(services.ImportLeaseLost):
        services.import_run(job=job)
    job.refresh_from_db()
    assert job.status == ImportStatus.FAILED
    assert calls["n"] == 1
    # The first batch landed after the recovery removed the staged rows: the retry sweeps it.
    monkeypatch.setattr(Response.objects, "bulk_create", real_bulk_create)
    job = services.import_retry(job=job)
    assert job.status == ImportStatus.DONE
    assert job.attempt == 2
    assert sorted(Response.objects.filter(campaign=campaign).values_list("respondent_id", flat=True)) == [
        "r0",
        "r1",
        "r2",
    ]


@pytest.mark.django_db
def test_the_result_page_recovers_a_lost_job_says_why_and_runs_it_again(
    client_as: Any, campaign: Any
) -> None:
    client, _user = client_as(Role.COORDINATOR)
    job = upload(campaign, rows(3))
    running(job, seconds_ago=services.import_lease_seconds() + 5)
    url = reverse("surveys:import_result", args=[job.pk])
    page = client.get(url).content.decode()
    assert "The worker running this import stopped" in page
    assert "Run the import again" in page
    assert 'http-equiv="refresh"' not in page
    assert client.post(url).status_code == 302
    job.refresh_from_db()
    assert (job.status, job.n_imported) == (ImportStatus.DONE, 3)
    assert Response.objects.filter(campaign=campaign, status=ResponseStatus.SUBMITTED).count() == 3


@pytest.mark.django_db
def test_a_task_delivered_again_after_its_worker_died_recovers_and_runs_the_job(campaign: Any) -> None:
    job = upload(campaign, rows(3))
    running(job, seconds_ago=services.import_lease_seconds() + 5)
    assert import_run_task(job.pk) == ImportStatus.DONE
    assert Response.objects.filter(campaign=campaign).count() == 3


@pytest.mark.django_db
def test_the_recover_command_fails_lost_imports_and_reruns_them(campaign: Any, capsys: Any) -> None:
    from interventures.cli.main import main

    job = upload(campaign, rows(3))
    running(job, seconds_ago=30)
    assert main(["survey", "recover", "--lease", "10", "--retry"]) == 0
    out = capsys.readouterr().out
    assert f"import {job.pk}: run again: done, 3 imported" in out
    assert Response.objects.filter(campaign=campaign, status=ResponseStatus.SUBMITTED).count() == 3


# ---- a real worker process, killed ---------------------------------------------------------------

WORKER = """
import os, sys, django
django.setup()
from interventures.apps.surveys.models import Response
from interventures.apps.surveys.services import imports
from interventures.apps.surveys.tasks import import_run_task
imports.IMPORT_BATCH = 20
real = Response.objects.bulk_create
calls = []
def bulk_create(objs, *args, **kwargs):
    created = real(objs, *args, **kwargs)
    calls.append(len(objs))
    if len(calls) == 2:  # one batch committed, the second inside its transaction: kill me now
        print("STAGED", flush=True)
        import time
        time.sleep(600)
    return created
Response.objects.bulk_create = bulk_create
import_run_task(int(sys.argv[1]))
print("FINISHED", flush=True)
"""

CHECK = """
import json, sys, django
django.setup()
from interventures.apps.surveys.models import ImportJob, Response
job = ImportJob.objects.get(pk=int(sys.argv[1]))
responses = Response.objects.filter(campaign=job.campaign)
print(json.dumps({
    "status": job.status, "message": job.message, "attempt": job.attempt,
    "heartbeat": job.heartbeat_at is not None,
    "by_status": {s: responses.filter(status=s).count() for s in ("importing", "submitted")},
    "respondents": sorted(responses.values_list("respondent_id", flat=True)),
}))
"""


def _child_env(database_url: str) -> dict[str, str]:
    return {
        **os.environ,
        "PYTHONPATH": str(SRC),
        "DJANGO_SETTINGS_MODULE": "interventures.config.test_settings",
        "DATABASE_URL": database_url,
        "CELERY_BROKER_URL": "",
        "REDIS_URL": "",
    }


def _python(code: str, *args: str, env: dict[str, str]) -> Any:
    out = subprocess.run(  # noqa: S603 - our own interpreter and code
        [sys.executable, "-c", code, *args], env=env, capture_output=True, text=True, timeout=300
    )
    assert out.returncode == 0, out.stderr[-3000:]
    return out.stdout


@pytest.mark.django_db(transaction=True)
def test_a_worker_killed_mid_import_leaves_nothing_counted_and_the_retry_stores_each_row_once(
    transactional_db: Any, campaign: Any, shared_database: Any
) -> None:
    job = upload(campaign, rows(N_ROWS))
    env = _child_env(shared_database())  # the worker's database, with the job

    worker = subprocess.Popen(  # noqa: S603
        [sys.executable, "-c", WORKER, str(job.pk)],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        line = worker.stdout.readline() if worker.stdout else ""
        assert line.strip() == "STAGED", (worker.stderr.read() if worker.stderr else "")[-3000:]
        os.kill(worker.pid, signal.SIGKILL)
        assert worker.wait(timeout=30) == -signal.SIGKILL
    finally:
        if worker.poll() is None:
            worker.kill()
            worker.wait()
        for stream in (worker.stdout, worker.stderr):
            if stream:
                stream.close()

    # As the killed worker left it: running, with its heartbeat; the first batch staged (20 rows, none
    # counted), the second, uncommitted when the process died, gone with it.
    left = json.loads(_python(CHECK, str(job.pk), env=env))
    assert (left["status"], left["heartbeat"], left["attempt"]) == ("running", True, 1)
    assert left["by_status"] == {"importing": 20, "submitted": 0}

    # Recovery (the lease is 0 s here: the worker is known dead) fails it with the reason, then the
    # retry runs it again from the start.
    cli = [sys.executable, "-m", "interventures.cli.main", "survey", "recover", "--lease", "0", "--retry"]
    out = subprocess.run(cli, env=env, capture_output=True, text=True, timeout=300)  # noqa: S603
    assert out.returncode == 0, out.stderr[-3000:]
    assert f"import {job.pk}: The worker running this import stopped" in out.stdout
    assert f"import {job.pk}: run again: done, {N_ROWS} imported" in out.stdout

    done = json.loads(_python(CHECK, str(job.pk), env=env))
    assert (done["status"], done["attempt"]) == ("done", 2)
    assert done["by_status"] == {"importing": 0, "submitted": N_ROWS}
    assert done["respondents"] == sorted(f"r{i}" for i in range(N_ROWS))  # each row exactly once
