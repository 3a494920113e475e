"""The retention of raw microdata: a campaign closed longer ago than
INTERVENTURES_MICRODATA_RETENTION_DAYS loses its responses, invitations and imports (files too);
a campaign still within it keeps them; the published figures of its analysis are unchanged."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.core.files.base import ContentFile
from django.core.management import call_command
from django.utils import timezone

from interventures.apps.audit.models import Area, AuditEntry, Kind
from interventures.apps.surveys.models import (
    ImportJob,
    Invitation,
    RejectedRow,
    Response,
    ResponseFile,
    ResponseStatus,
)
from interventures.apps.surveys.services.retention import microdata_purge

pytestmark = pytest.mark.django_db


def _fill(campaign: Any, n: int) -> ImportJob:
    for i in range(n):
        Response.objects.create(
            campaign=campaign,
            idempotency_key=f"k{i}",
            respondent_id=f"resp-{i}",
            status=ResponseStatus.SUBMITTED,
            answers={"q1": i},
            submitted_at=timezone.now(),
        )
    photo = ResponseFile(
        response=Response.objects.filter(campaign=campaign).first(),
        key="photo",
        token=f"tok-{campaign.pk}",
        name="shop.jpg",
        extension=".jpg",
        content_type="image/jpeg",
        size=4,
    )
    photo.file.save("shop.jpg", ContentFile(b"\xff\xd8\xff\x00"), save=True)
    Invitation.objects.create(campaign=campaign, token=f"inv-{campaign.pk}")
    job = ImportJob(campaign=campaign, original_name="raw.csv", format="csv")
    job.file.save("raw.csv", ContentFile(b"q1\n1\n"), save=True)
    RejectedRow.objects.create(job=job, row_number=3, raw={"q1": "x"}, reasons=["bad"])
    return job


def _published(client: Any, region: Any) -> list[dict[str, Any]]:
    answer = client.get("/api/v1/aggregates/figures", {"region": region.code})
    assert answer.status_code == 200
    return list(answer.json()["items"])


def test_raw_microdata_past_the_retention_goes_and_the_published_figures_stay(
    client: Any,
    make_campaign: Any,
    make_region: Any,
    settings: Any,
    django_capture_on_commit_callbacks: Any,
) -> None:
    from interventures.apps.analysis.models import AnalysisRun, Figure, RunStatus
    from interventures.apps.analysis.selectors import DISCLOSURE_RULE
    from interventures.apps.common.disclosure import min_cell

    settings.INTERVENTURES_MICRODATA_RETENTION_DAYS = 365
    region = make_region("hu-hr", "Hungary–Croatia")
    now = timezone.now()
    old = make_campaign(region=region, name="2023 survey")
    old.closes_at = now - dt.timedelta(days=400)
    old.save(update_fields=["closes_at"])
    recent = make_campaign(region=region, name="2026 survey")
    recent.closes_at = now - dt.timedelta(days=30)
    recent.save(update_fields=["closes_at"])
    old_job = _fill(old, 6)
    _fill(recent, 4)
    path = old_job.file.path
    old_photo = ResponseFile.objects.get(response__campaign=old).file
    recent_photo = ResponseFile.objects.get(response__campaign=recent).file
    run = AnalysisRun.objects.create(
        region=region,
        status=RunStatus.DONE,
        finished_at=now,
        progress=100,
        diagnostics={"disclosure_rule": DISCLOSURE_RULE, "min_cell": min_cell()},
    )
    run.campaigns.add(old)
    Figure.objects.create(
        run=run,
        identifier="hu-hr.export.share",
        variable="exports",
        section="3.1",
        kind="proportion",
        estimate=0.42,
        se=0.05,
        ci_low=0.32,
        ci_high=0.52,
        n=6,
    )
    before = _published(client, region)
    assert before
    assert before[0]["estimate"] == 0.42

    dry = microdata_purge(dry_run=True)
    assert dry.campaigns == [old.pk]
    assert dry.responses == 6
    assert Response.objects.filter(campaign=old).count() == 6

    with django_capture_on_commit_callbacks(execute=True):
        call_command("purge_microdata")

    assert not Response.objects.filter(campaign=old).exists()
    assert not Invitation.objects.filter(campaign=old).exists()
    assert not ImportJob.objects.filter(campaign=old).exists()
    assert not RejectedRow.objects.filter(job__campaign=old).exists()
    assert not old_job.file.storage.exists(old_job.file.name)
    assert path
    # The respondents' own files go with their responses; the recent campaign's stay.
    assert not old_photo.storage.exists(old_photo.name)
    assert recent_photo.storage.exists(recent_photo.name)
    # The campaign within its retention keeps everything.
    assert Response.objects.filter(campaign=recent).count() == 4
    assert ImportJob.objects.filter(campaign=recent).count() == 1
    # What was published from the purged campaign is the same.
    assert _published(client, region) == before
    entry = AuditEntry.objects.get(area=Area.MICRODATA, kind=Kind.DELETE)
    assert entry.object_id == str(old.pk)
    assert entry.changes["responses"] == 6
    # Nothing left to purge: a second run removes nothing more.
    assert microdata_purge().campaigns == []


def test_a_retention_of_zero_keeps_everything(make_campaign: Any, settings: Any) -> None:
    settings.INTERVENTURES_MICRODATA_RETENTION_DAYS = 0
    campaign = make_campaign()
    campaign.closes_at = timezone.now() - dt.timedelta(days=5000)
    campaign.save(update_fields=["closes_at"])
    _fill(campaign, 2)
    assert microdata_purge().campaigns == []
    assert Response.objects.filter(campaign=campaign).count() == 2


def test_the_beat_task_purges(make_campaign: Any, settings: Any) -> None:
    from interventures.apps.surveys.tasks import microdata_purge_task

    settings.INTERVENTURES_MICRODATA_RETENTION_DAYS = 10
    campaign = make_campaign()
    campaign.closes_at = timezone.now() - dt.timedelta(days=11)
    campaign.save(update_fields=["closes_at"])
    _fill(campaign, 3)
    assert microdata_purge_task.delay().get()["responses"] == 3
    assert "surveys-microdata-purge" in settings.CELERY_BEAT_SCHEDULE
