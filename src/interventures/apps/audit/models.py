"""The audit log: who changed what, and who exported microdata, and when.

Written by the signal handlers of signals.py for the watched models (action plans, good practices,
policy instruments, directory entries, users' roles and staff flags) and by services.export_record
for every microdata export; read by the coordinator (views.py) and, read-only, in the admin."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Area(models.TextChoices):
    ACTION_PLANS = "action_plans", _("Action Plans")
    GOOD_PRACTICES = "good_practices", _("Good practices")
    INSTRUMENTS = "instruments", _("Policy instruments")
    DIRECTORY = "directory", _("Key players directory")
    PERMISSIONS = "permissions", _("Roles and permissions")
    MICRODATA = "microdata", _("Microdata exports")


class Kind(models.TextChoices):
    CREATE = "create", _("created")
    UPDATE = "update", _("changed")
    DELETE = "delete", _("deleted")
    EXPORT = "export", _("exported")


class AuditEntry(models.Model):
    at = models.DateTimeField(_("when"), default=timezone.now, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("who"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # The user name when it was written (the account may be deleted since); empty: the system
    # (the command line, a scheduled task, a demo or reference load).
    actor_label = models.CharField(_("who (as written)"), max_length=150, blank=True)
    area = models.CharField(_("area"), max_length=20, choices=Area.choices)
    kind = models.CharField(_("what"), max_length=10, choices=Kind.choices)
    target = models.CharField(_("record type"), max_length=100)  # the model's label
    object_id = models.CharField(_("record"), max_length=64, blank=True)
    object_label = models.CharField(_("record (as written)"), max_length=300, blank=True)
    region = models.ForeignKey(
        "common.Region", verbose_name=_("region"), null=True, blank=True, on_delete=models.SET_NULL
    )
    # {field: [before, after]} for a change; what was exported (format, filters, rows) for an export.
    changes = models.JSONField(_("details"), default=dict, blank=True)

    class Meta:
        ordering = ["-at", "-pk"]
        verbose_name = _("audit log entry")
        verbose_name_plural = _("audit log")
        indexes = [models.Index(fields=["area", "-at"], name="audit_area_at")]

    def __str__(self) -> str:
        return (
            f"{self.at:%Y-%m-%d %H:%M} {self.actor_label or '-'} {self.kind} {self.target} {self.object_id}"
        )

    def detail_lines(self) -> list[tuple[str, str, str | None]]:
        """(field, before, after) of a change, or (field, value, None) for an export's details; an
        empty value reads "—" (so a created record shows "— → its value")."""

        def text(value: object) -> str:
            return "—" if value is None or value == "" else str(value)

        out: list[tuple[str, str, str | None]] = []
        for field, change in (self.changes or {}).items():
            if isinstance(change, list) and len(change) == 2:
                out.append((str(field), text(change[0]), text(change[1])))
            else:
                out.append((str(field), text(change), None))
        return out
