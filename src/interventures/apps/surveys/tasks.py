"""Background work of the surveys domain (eager, in-process, when no broker is configured)."""

from __future__ import annotations

from celery import shared_task


@shared_task(name="surveys.import_run")
def import_run_task(job_id: int) -> str:
    """Run a mapped import; a problem found on the way is kept on the job for its result page."""
    from .models import ImportJob, ImportStatus
    from .services import SurveyError, import_run

    job = ImportJob.objects.get(pk=job_id)
    try:
        return str(import_run(job=job).status)
    except SurveyError as exc:
        ImportJob.objects.filter(pk=job_id, status=ImportStatus.UPLOADED).update(
            status=ImportStatus.FAILED, message=" ".join([str(exc), *exc.problems])[:2000]
        )
        return str(ImportStatus.FAILED)
