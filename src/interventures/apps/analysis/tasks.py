"""Background work of the analysis domain (eager, in-process, when no broker is configured)."""

from __future__ import annotations

from celery import shared_task


@shared_task(name="analysis.run")
def analysis_run_task(run_id: int) -> str:
    from .services import analysis_run_execute

    return str(analysis_run_execute(run_id=run_id).status)
