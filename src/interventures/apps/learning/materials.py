"""An event's files (slides, minutes, a programme): uploaded by whoever may edit the event, checked
by content (common/uploads.py), stored under a random name in MEDIA_ROOT/learning/materials/, served
to whoever may see the event, and removed from disk when their record goes: by `material_delete`,
or with their event (the post_delete receiver connected in apps.py), once the transaction commits."""

from __future__ import annotations

import secrets
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.translation import gettext as _

from interventures.apps.accounts.permissions import Action, Operator, can
from interventures.apps.common import uploads

from .models import Event, EventMaterial
from .services import LearningError

MAX_BYTES = 20 * 1024 * 1024
MAX_FILES = 20
KINDS: dict[str, uploads.Kind] = {
    ".pdf": uploads.PDF,
    ".png": uploads.PNG,
    ".jpg": uploads.JPEG,
    ".jpeg": uploads.JPEG,
    ".docx": uploads.DOCX,
    ".xlsx": uploads.XLSX,
    ".pptx": uploads.PPTX,
    ".odt": uploads.ODT,
    ".odp": uploads.ODP,
}


def refusal(exc: uploads.UploadRefused) -> str:
    if exc.code == "kind":
        return _("%(name)s: only PDF, PNG, JPEG, DOCX, XLSX, PPTX, ODT or ODP files are accepted.") % {
            "name": exc.name
        }
    if exc.code == "size":
        return _("%(name)s is empty or larger than %(mb)s MB.") % {
            "name": exc.name,
            "mb": MAX_BYTES // (1024 * 1024),
        }
    return _("%(name)s is not the kind of file its name says.") % {"name": exc.name}


@transaction.atomic
def material_add(*, user: Any, event: Event, upload: Any) -> EventMaterial:
    """Keep a file of the event (whoever may edit it); LearningError says why a file is refused."""
    if not isinstance(user, Operator) and not can(user, Action.EDIT, event):
        raise PermissionDenied
    if EventMaterial.objects.filter(event=event).count() >= MAX_FILES:
        raise LearningError(_("An event holds at most %(n)s files.") % {"n": MAX_FILES})
    try:
        checked = uploads.check_upload(upload, kinds=KINDS, max_bytes=MAX_BYTES)
    except uploads.UploadRefused as exc:
        raise LearningError(refusal(exc)) from exc
    record = EventMaterial(
        event=event,
        token=secrets.token_urlsafe(32),
        extension=checked.extension,
        name=checked.name,
        content_type=checked.content_type,
        size=checked.size,
        uploaded_by=None if isinstance(user, Operator) else user,
    )
    record.file.save("upload", upload, save=False)
    try:
        record.save()
    except Exception:
        _remove_file(record.file.name or "")  # its record was never written
        raise
    return record


def _remove_file(name: str | None) -> None:
    from django.core.files.storage import default_storage

    if name and default_storage.exists(name):
        default_storage.delete(name)


def remove_file_on_commit(name: str | None) -> None:
    """Delete a stored file once the transaction that deleted its record commits."""
    transaction.on_commit(lambda: _remove_file(name))


@transaction.atomic
def material_delete(*, user: Any, material: EventMaterial) -> None:
    if not isinstance(user, Operator) and not can(user, Action.EDIT, material.event):
        raise PermissionDenied
    material.delete()  # the post_delete receiver removes the file on commit


def materials_sweep() -> list[str]:
    """Files under learning/materials/ that no record names (left by a rolled-back upload): removed."""
    from django.core.files.storage import default_storage

    folder = "learning/materials"
    try:
        _dirs, names = default_storage.listdir(folder)
    except FileNotFoundError:
        return []
    known = set(EventMaterial.objects.values_list("file", flat=True))
    removed = [f"{folder}/{n}" for n in names if f"{folder}/{n}" not in known]
    for name in removed:
        default_storage.delete(name)
    return removed
