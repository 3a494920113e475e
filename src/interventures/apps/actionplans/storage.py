"""Stored evidence files leave the disk with their records: a monitoring entry's or an improvement's
file, whether it is deleted by itself, with its entry, its action or its plan (a cascade sends
`post_delete` for every row it removes). The file goes only once the deletion is committed, so a
rolled-back deletion keeps both the record and its file."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.db.models.signals import post_delete


def _remove_stored_file(sender: type[Any], instance: Any, **kwargs: Any) -> None:
    field = instance.file
    if not field.name:
        return
    storage, name = field.storage, field.name
    transaction.on_commit(lambda: storage.delete(name))


def connect() -> None:
    from .models import ImprovementFile, MonitoringFile

    for model in (MonitoringFile, ImprovementFile):
        post_delete.connect(
            _remove_stored_file, sender=model, dispatch_uid=f"actionplans-file-{model.__name__}"
        )
