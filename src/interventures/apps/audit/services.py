"""Writes of the audit log: an entry per change of a watched record (signals.py) and per microdata
export (export_record, called by the views and API operations that export)."""

from __future__ import annotations

from typing import Any

from django.db import models, transaction

from .context import current_user
from .models import Area, AuditEntry, Kind

DELETED = "(deleted account)"


def _region_id(obj: models.Model) -> int | None:
    """The region the record belongs to, by its AccessFields declaration (`region="plan__region"`)."""
    access = getattr(type(obj), "access", None)
    path = getattr(access, "region", None)
    if not path:
        return None
    value: Any = obj
    parts = path.split("__")
    for part in parts[:-1]:
        value = getattr(value, part, None)
        if value is None:
            return None
    return getattr(value, f"{parts[-1]}_id", None)


def entry_record(
    *,
    area: Area,
    kind: Kind,
    obj: models.Model | None = None,
    target: str = "",
    object_id: str = "",
    object_label: str = "",
    region_id: int | None = None,
    changes: dict[str, Any] | None = None,
    user: Any = None,
    anonymous: bool = False,
) -> AuditEntry:
    """One entry; the actor is `user`, else the request's user (context.py), else the system.
    `region_id=0`: no region (a deletion's region may be deleted with it). `anonymous`: an account
    deleting itself (written as "(deleted account)")."""
    actor = user if user is not None and getattr(user, "is_authenticated", False) else current_user()
    if anonymous:
        actor = None
    if obj is not None:
        target = target or obj._meta.label
        object_id = object_id or str(obj.pk)
        object_label = object_label or str(obj)[:300]
        region_id = region_id if region_id is not None else _region_id(obj)
    region_id = region_id or None
    with transaction.atomic():
        return AuditEntry.objects.create(
            actor=actor,
            actor_label=DELETED if anonymous else (actor.get_username() if actor is not None else ""),
            area=area,
            kind=kind,
            target=target,
            object_id=object_id,
            object_label=object_label[:300],
            region_id=region_id,
            changes=changes or {},
        )


def export_record(
    *,
    user: Any,
    what: str,
    object_id: str = "",
    object_label: str = "",
    region_id: int | None = None,
    details: dict[str, Any] | None = None,
) -> AuditEntry:
    """A microdata export: who, when, what (the export's kind, the record it is of, its format and
    filters)."""
    return entry_record(
        area=Area.MICRODATA,
        kind=Kind.EXPORT,
        target=what,
        object_id=object_id,
        object_label=object_label,
        region_id=region_id,
        changes=details,
        user=user,
    )


def entries_erase_for(user: Any) -> None:
    """An account is deleted (accounts/personal_data.py): entries keep what happened, not its name."""
    from interventures.apps.accounts.models import Profile

    with transaction.atomic():
        AuditEntry.objects.filter(actor=user).update(actor_label=DELETED)
        profile_ids = [str(pk) for pk in Profile.objects.filter(user=user).values_list("pk", flat=True)]
        AuditEntry.objects.filter(target="auth.User", object_id=str(user.pk)).update(object_label=DELETED)
        AuditEntry.objects.filter(target="accounts.Profile", object_id__in=profile_ids).update(
            object_label=DELETED
        )
