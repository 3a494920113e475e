"""`interventures manage purge_microdata [--days N] [--dry-run]`: remove the raw survey microdata of
campaigns closed longer ago than the retention (INTERVENTURES_MICRODATA_RETENTION_DAYS); the
published figures of their analyses stay. The daily Celery beat task `surveys.microdata_purge` does
the same."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser


class Command(BaseCommand):
    help = __doc__.splitlines()[0] if __doc__ else ""

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--days", type=int, default=None, help="retention in days (default: the setting)")
        parser.add_argument("--dry-run", action="store_true", help="count what would go; remove nothing")

    def handle(self, *args: Any, **options: Any) -> None:
        from interventures.apps.surveys.services.retention import microdata_purge, retention_days

        days = options["days"] if options["days"] is not None else retention_days()
        counts = microdata_purge(days=days, dry_run=options["dry_run"])
        verb = "would remove" if options["dry_run"] else "removed"
        self.stdout.write(
            f"retention {days} days: {verb} the raw microdata of {len(counts.campaigns)} campaign(s): "
            f"{counts.responses} responses, {counts.invitations} invitations, {counts.imports} imports "
            f"({counts.rejected_rows} rejected rows, {counts.files} files)"
        )
