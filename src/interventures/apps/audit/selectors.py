"""Reads of the audit log: the entries the coordinator filters, newest first."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet

from interventures.apps.accounts.permissions import can_read_audit_log

from .models import AuditEntry


def entry_list(
    *,
    user: Any,
    area: str = "",
    kind: str = "",
    actor: str = "",
    region_id: int | None = None,
    since: dt.date | None = None,
    until: dt.date | None = None,
) -> QuerySet[AuditEntry]:
    if not can_read_audit_log(user):
        raise PermissionDenied
    queryset = AuditEntry.objects.select_related("region", "actor")
    if area:
        queryset = queryset.filter(area=area)
    if kind:
        queryset = queryset.filter(kind=kind)
    if actor:
        queryset = queryset.filter(actor_label__icontains=actor)
    if region_id is not None:
        queryset = queryset.filter(region_id=region_id)
    if since is not None:
        queryset = queryset.filter(at__date__gte=since)
    if until is not None:
        queryset = queryset.filter(at__date__lte=until)
    return queryset.order_by("-at", "-pk")
