"""Background work of the surveys domain (eager, in-process, when no broker is configured)."""

from __future__ import annotations

from celery import shared_task


@shared_task(name="surveys.import_run")
def import_run_task(job_id: int) -> str:
    """Run a mapped import; a problem found on the way is kept on the job for its result page.

    Delivered again after its worker died (tasks acknowledge late), it finds the job RUNNING: a job
    whose lease expired is recovered and run again here; one still within its lease is left to the
    periodic `surveys.import_recover` (its worker may be alive)."""
    from .models import ImportJob, ImportStatus
    from .services import ImportLeaseLost, SurveyError, import_recover, import_retry, import_run

    job = ImportJob.objects.get(pk=job_id)
    if job.status == ImportStatus.RUNNING:
        if not any(j.pk == job.pk for j in import_recover(campaign=job.campaign)):
            return str(ImportStatus.RUNNING)
        job.refresh_from_db()
        try:
            return str(import_retry(job=job).status)
        except SurveyError:
            return str(ImportStatus.FAILED)
    try:
        return str(import_run(job=job).status)
    except ImportLeaseLost:
        return str(ImportStatus.FAILED)  # recovered while this worker stalled: the job says why
    except SurveyError as exc:
        ImportJob.objects.filter(pk=job_id, status=ImportStatus.UPLOADED).update(
            status=ImportStatus.FAILED, message=" ".join([str(exc), *exc.problems])[:2000]
        )
        return str(ImportStatus.FAILED)


@shared_task(name="surveys.import_recover")
def import_recover_task() -> list[int]:
    """Periodic (CELERY_BEAT_SCHEDULE): imports whose worker was lost become FAILED with the reason."""
    from .services import import_recover

    return [job.pk for job in import_recover()]


@shared_task(name="surveys.microdata_purge")
def microdata_purge_task() -> dict[str, int]:
    """Daily (CELERY_BEAT_SCHEDULE): raw microdata of campaigns past the retention is removed."""
    from .services.retention import microdata_purge

    counts = microdata_purge()
    return {"campaigns": len(counts.campaigns), "responses": counts.responses, "imports": counts.imports}
