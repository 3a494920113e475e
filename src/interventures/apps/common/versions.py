"""The content version: a token that changes whenever the content a built page rests on is written.

Some pages are laid out from content of several domains (a region's Situation Analysis Report takes
the partnership, the key-players directory, the good practices and the report's own texts). Building
them on every request is what makes them slow, and keeping them in the cache is only right if a
change of any of that content gives a new cache key. The apps that such pages read register their
label with `watch()`; a save, delete or many-to-many change of any of their models then writes a new
random token, in the same transaction as the change (a rolled-back change leaves the token as it
was; a random token never repeats, as a counter would after a rollback). `token()` reads it with one
query; a cache key that includes it can never serve content older than the last write.

Writes that send no signals (`QuerySet.update`, `bulk_create`) call `changed()` themselves.
"""

from __future__ import annotations

import secrets
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import Model
from django.db.models.signals import m2m_changed, post_delete, post_save

from .models import ContentVersion

_WATCHED: set[str] = set()
_ROW = 1


def watch(*labels: str) -> None:
    """Writes of these apps' models change the content version (call in `AppConfig.ready()`)."""
    _WATCHED.update(labels)


def watched() -> frozenset[str]:
    return frozenset(_WATCHED)


def changed() -> None:
    """Give the content a new version (for writes that send no model signals)."""
    new = secrets.token_hex(16)
    if ContentVersion.objects.filter(pk=_ROW).update(token=new):
        return
    try:
        with transaction.atomic():
            ContentVersion.objects.create(pk=_ROW, token=new)
    except IntegrityError:  # another writer created the row first
        ContentVersion.objects.filter(pk=_ROW).update(token=new)


def token() -> str:
    """The current content version ("" before the first watched write)."""
    return ContentVersion.objects.filter(pk=_ROW).values_list("token", flat=True).first() or ""


def _on_write(sender: type[Model], **kwargs: Any) -> None:
    if sender is ContentVersion or sender._meta.app_label not in _WATCHED:
        return
    if kwargs.get("raw") or sender.__module__ == "__fake__":
        return  # loaddata, or a migration's historical model: the table may not exist yet
    changed()


def connect() -> None:
    """Listen to every model's writes (CommonConfig.ready())."""
    post_save.connect(_on_write, dispatch_uid="iv-content-version-save")
    post_delete.connect(_on_write, dispatch_uid="iv-content-version-delete")
    m2m_changed.connect(_m2m, dispatch_uid="iv-content-version-m2m")


def _m2m(sender: type[Model], instance: Model, action: str, **kwargs: Any) -> None:
    if action in {"post_add", "post_remove", "post_clear"} and instance._meta.app_label in _WATCHED:
        changed()
