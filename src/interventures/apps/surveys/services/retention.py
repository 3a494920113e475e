"""The retention of raw survey microdata (INTERVENTURES_MICRODATA_RETENTION_DAYS).

A campaign closed longer ago than the retention loses its raw data: its responses (answers, kept
columns, respondent ids), invitations, imports (the uploaded file, the tables read from it and the
rejected rows). What was published from it stays: the analysis runs keep their figures
(analysis.Figure is stored, not computed from the responses), so the reports and the API show the
same numbers; a new analysis of a purged campaign has nothing to read. Each purge is written to the
audit log (who: the system or the operator; what: the campaign and the counts)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from ..models import Campaign, ImportJob, Invitation, RejectedRow, Response


@dataclass
class PurgeCounts:
    campaigns: list[int] = field(default_factory=list)
    responses: int = 0
    invitations: int = 0
    imports: int = 0
    rejected_rows: int = 0
    files: int = 0


def retention_days() -> int:
    return int(settings.INTERVENTURES_MICRODATA_RETENTION_DAYS)


def campaigns_past_retention(*, now: dt.datetime | None = None, days: int | None = None) -> list[Campaign]:
    """Closed campaigns whose closing lies more than the retention in the past (0: keep for ever)."""
    days = retention_days() if days is None else days
    if days <= 0:
        return []
    cutoff = (now or timezone.now()) - dt.timedelta(days=days)
    return list(Campaign.objects.filter(closes_at__isnull=False, closes_at__lt=cutoff).order_by("pk"))


def microdata_purge(
    *, now: dt.datetime | None = None, days: int | None = None, dry_run: bool = False
) -> PurgeCounts:
    """Remove the raw microdata of every campaign past its retention (see the module)."""
    from interventures.apps.audit.models import Area, Kind
    from interventures.apps.audit.services import entry_record
    from interventures.apps.common import versions

    from .imports import PARSED_SUFFIX

    counts = PurgeCounts()
    for campaign in campaigns_past_retention(now=now, days=days):
        responses = Response.objects.filter(campaign=campaign)
        jobs = ImportJob.objects.filter(campaign=campaign)
        n = {
            "responses": responses.count(),
            "invitations": Invitation.objects.filter(campaign=campaign).count(),
            "imports": jobs.count(),
            "rejected_rows": RejectedRow.objects.filter(job__campaign=campaign).count(),
        }
        if not any(n.values()):
            continue
        counts.campaigns.append(campaign.pk)
        counts.responses += n["responses"]
        counts.invitations += n["invitations"]
        counts.imports += n["imports"]
        counts.rejected_rows += n["rejected_rows"]
        if dry_run:
            continue
        names = [str(job.file.name) for job in jobs if job.file]
        with transaction.atomic():
            responses.delete()
            RejectedRow.objects.filter(job__campaign=campaign).delete()
            jobs.delete()
            Invitation.objects.filter(campaign=campaign).delete()
            versions.changed()
            entry_record(
                area=Area.MICRODATA,
                kind=Kind.DELETE,
                obj=campaign,
                changes={"retention_days": days if days is not None else retention_days(), **n},
            )
        # Files go once the rows are gone for good (a rolled-back purge keeps its files).
        storage = ImportJob._meta.get_field("file").storage
        for name in names:
            for path in (name, name + PARSED_SUFFIX):
                if storage.exists(path):
                    storage.delete(path)
                    counts.files += 1
    return counts
