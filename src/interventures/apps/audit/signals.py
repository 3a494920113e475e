"""The watched models and the signal handlers that write their changes to the audit log.

A watched model's save writes one entry (created, or changed with {field: [before, after]} for the
fields that changed; a save that changed none of them writes nothing), its deletion one entry; for
users only the fields that give power are watched (staff, superuser, active; a log-in's
`last_login` is no change of permission), and the groups and permissions given or taken. Saves of
fixtures (`loaddata`, a restore) are not changes and are not written. Writes that send no signals
(`QuerySet.update`, `bulk_create`) are not seen: the services of the watched models do not use them
for the watched fields."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any
from uuid import UUID

from django.apps import apps
from django.db import models
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_save

from .models import Area, Kind

# model label → (area, the fields watched: None for every concrete field)
WATCHED: dict[str, tuple[Area, tuple[str, ...] | None]] = {
    "actionplans.ActionPlan": (Area.ACTION_PLANS, None),
    "actionplans.Action": (Area.ACTION_PLANS, None),
    "actionplans.Indicator": (Area.ACTION_PLANS, None),
    "actionplans.Evidence": (Area.ACTION_PLANS, None),
    "actionplans.MonitoringEntry": (Area.ACTION_PLANS, None),
    "actionplans.PolicyImprovement": (Area.ACTION_PLANS, None),
    "learning.GoodPractice": (Area.GOOD_PRACTICES, None),
    "learning.Transferability": (Area.GOOD_PRACTICES, None),
    "partnership.PolicyInstrument": (Area.INSTRUMENTS, None),
    "partnership.Call": (Area.INSTRUMENTS, None),
    "partnership.Organisation": (Area.DIRECTORY, None),
    "keyplayers.Service": (Area.DIRECTORY, None),
    "keyplayers.Tie": (Area.DIRECTORY, None),
    "auth.User": (Area.PERMISSIONS, ("is_staff", "is_superuser", "is_active")),
    "accounts.Profile": (Area.PERMISSIONS, ("role", "region", "company")),
    "auth.Group": (Area.PERMISSIONS, ("name",)),
}
# Never written down: secrets, and what changes on every save without anyone changing it.
SKIPPED = frozenset({"password", "last_login", "search_text", "updated_at", "created_at"})
MAX_VALUE = 200


def _plain(value: Any) -> Any:
    if isinstance(value, dt.datetime | dt.date | dt.time):
        return value.isoformat()
    if isinstance(value, UUID | Decimal):
        return str(value)
    if isinstance(value, models.fields.files.FieldFile):
        return value.name or ""
    if isinstance(value, str) and len(value) > MAX_VALUE:
        return value[:MAX_VALUE] + "…"
    if isinstance(value, dict | list):
        text = str(value)
        return value if len(text) <= MAX_VALUE else text[:MAX_VALUE] + "…"
    return value


def _fields(model: type[models.Model]) -> list[models.Field[Any, Any]]:
    _area, names = WATCHED[model._meta.label]
    out = []
    for field in model._meta.concrete_fields:
        if field.primary_key or field.name in SKIPPED or getattr(field, "auto_now", False):
            continue
        if names is None or field.name in names:
            out.append(field)
    return out


def _values(obj: models.Model) -> dict[str, Any]:
    return {f.attname: _plain(f.value_from_object(obj)) for f in _fields(type(obj))}


def _before(sender: type[models.Model], instance: models.Model, raw: bool = False, **kwargs: Any) -> None:
    if raw or instance._state.adding or instance.pk is None:
        return
    old = sender._default_manager.filter(pk=instance.pk).first()
    instance._audit_before = _values(old) if old is not None else None  # type: ignore[attr-defined]  # carried to post_save


def _saved(
    sender: type[models.Model], instance: models.Model, created: bool, raw: bool = False, **kwargs: Any
) -> None:
    from .services import entry_record

    if raw:
        return
    area, _names = WATCHED[sender._meta.label]
    after = _values(instance)
    before = getattr(instance, "_audit_before", None)
    if created or before is None:
        changes = {k: [None, v] for k, v in after.items() if v not in (None, "", [], {})}
        kind = Kind.CREATE
    else:
        changes = {k: [before.get(k), v] for k, v in after.items() if before.get(k) != v}
        kind = Kind.UPDATE
        if not changes:
            return
    instance._audit_before = after  # type: ignore[attr-defined]  # a second save compares with this one
    entry_record(area=area, kind=kind, obj=instance, changes=changes)


def _deleted(sender: type[models.Model], instance: models.Model, **kwargs: Any) -> None:
    """A deletion names no region (the region may go in the same deletion; it stays in the details),
    and an account deleting itself is not named (accounts.services.account_delete)."""
    from .context import current_user
    from .services import DELETED, entry_record

    area, _names = WATCHED[sender._meta.label]
    label = sender._meta.label
    owner = instance.pk if label == "auth.User" else getattr(instance, "user_id", None)
    actor = current_user()
    itself = label in ("auth.User", "accounts.Profile") and actor is not None and actor.pk == owner
    entry_record(
        area=area,
        kind=Kind.DELETE,
        obj=instance,
        object_label=DELETED if itself else "",
        region_id=0,
        changes=_values(instance),
        anonymous=itself,
    )


def _m2m(sender: Any, instance: models.Model, action: str, pk_set: Any, model: Any, **kwargs: Any) -> None:
    """Groups and permissions given to or taken from a user or a group."""
    from interventures.apps.common.backup import RESTORING

    from .services import entry_record

    if action not in ("post_add", "post_remove", "post_clear") or RESTORING.get():
        return
    names = sorted(str(o) for o in model._default_manager.filter(pk__in=pk_set or [])) if pk_set else []
    field = {"post_add": "added", "post_remove": "removed", "post_clear": "cleared"}[action]
    relation = sender._meta.model_name or ""
    entry_record(
        area=Area.PERMISSIONS, kind=Kind.UPDATE, obj=instance, changes={relation: {field: names or ["*"]}}
    )


def connect() -> None:
    for label in WATCHED:
        model = apps.get_model(label)
        uid = f"audit.{label}"
        pre_save.connect(_before, sender=model, dispatch_uid=f"{uid}.pre")
        post_save.connect(_saved, sender=model, dispatch_uid=f"{uid}.post")
        post_delete.connect(_deleted, sender=model, dispatch_uid=f"{uid}.delete")
    user, group = apps.get_model("auth.User"), apps.get_model("auth.Group")
    for through in (user.groups.through, user.user_permissions.through, group.permissions.through):
        m2m_changed.connect(_m2m, sender=through, dispatch_uid=f"audit.m2m.{through._meta.label}")
