"""Everything the platform holds about one account: found by walking the models, exported as one
JSON document, and erased when the account is deleted.

The walk is generic: every model with a foreign key (or one-to-one field) to the user or to its
company contributes the rows that point at them, with the rows that hang from those by a cascading
foreign key (an assessment's answers and scores, a profile's suggestions and interests). So a model
added later is exported without a change here. Apps whose data needs more than Django's `on_delete`
to be erased (an assessment kept as an anonymous record, event participants found by e-mail, the
audit log's names) register an eraser (and, for data reached otherwise than by a key, an exporter)
in their `AppConfig.ready()`:

    personal_data.register(name="assessment", erase=erase_fn, export=export_fn)

An eraser runs inside the deletion's transaction, before the user (and a company left without
users) is deleted; Django's `on_delete` then removes what cascades and empties authors' keys
(SET_NULL), which leaves comments and other writings anonymous."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import Any
from uuid import UUID

from django.apps import apps
from django.contrib.auth.models import User
from django.db import models

from .models import Company

Exporter = Callable[[User], list[dict[str, Any]]]
Eraser = Callable[[User], None]

# Fields that are never exported: credentials and secrets at rest, not data about the person.
SECRET_FIELDS = frozenset({"password", "digest", "client_fingerprint"})


@dataclass(frozen=True)
class Holder:
    name: str
    erase: Eraser | None = None
    export: Exporter | None = None


_holders: dict[str, Holder] = {}


def register(*, name: str, erase: Eraser | None = None, export: Exporter | None = None) -> None:
    """Register an app's eraser and/or exporter (idempotent by name)."""
    _holders[name] = Holder(name=name, erase=erase, export=export)


def holders() -> list[Holder]:
    return [_holders[k] for k in sorted(_holders)]


def _plain(value: Any) -> Any:
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, UUID | Decimal):
        return str(value)
    if isinstance(value, models.fields.files.FieldFile):
        return value.name or ""
    return value


def row(obj: models.Model) -> dict[str, Any]:
    """A row as plain JSON values: its concrete fields (foreign keys as their ids), secrets left out."""
    out: dict[str, Any] = {}
    for field in obj._meta.concrete_fields:
        if field.name in SECRET_FIELDS:
            continue
        out[field.attname] = _plain(getattr(obj, field.attname))
    return out


def owner_links() -> Iterator[tuple[type[models.Model], models.Field[Any, Any], type[models.Model]]]:
    """(model, field, User or Company) for every foreign key or one-to-one field to a user or company."""
    for model in apps.get_models():
        for field in model._meta.concrete_fields:
            if field.is_relation and field.related_model in (User, Company):
                yield model, field, field.related_model


def _children(obj: models.Model) -> dict[str, list[dict[str, Any]]]:
    """Rows that cascade from obj (its answers, scores, suggestions...), by model label."""
    out: dict[str, list[dict[str, Any]]] = {}
    for rel in obj._meta.related_objects:
        # (a hidden relation, related_name="+", is another record's pointer at this one: a
        # suggestion made to someone else names this profile, and is not this account's data)
        if not rel.one_to_many or rel.on_delete is not models.CASCADE or rel.hidden:
            continue
        related = rel.related_model
        if not isinstance(related, type) or related in (User, Company):
            continue
        rows = [
            row(o) | {"_linked_by": rel.field.name}
            for o in related._default_manager.filter(**{rel.field.name: obj}).order_by("pk")
        ]
        if rows:
            out.setdefault(related._meta.label, []).extend(rows)
    return out


def user_data(user: User) -> dict[str, Any]:
    """The whole of one account's data as one JSON-able document."""
    company: Company | None = getattr(getattr(user, "profile", None), "company", None)
    data: dict[str, Any] = {
        "account": row(user),
        "company": row(company) if company is not None else None,
        "records": {},
    }
    records: dict[str, list[dict[str, Any]]] = data["records"]
    for model, field, target in owner_links():
        if model in (User, Company):
            continue
        owner = user if target is User else company
        if owner is None:
            continue
        for obj in model._default_manager.filter(**{field.name: owner}).order_by("pk"):
            entry = row(obj) | {"_linked_by": field.name}
            children = _children(obj)
            if children:
                entry["_children"] = children
            records.setdefault(model._meta.label, []).append(entry)
    for holder in holders():
        if holder.export is not None:
            extra = holder.export(user)
            if extra:
                records.setdefault(holder.name, []).extend(extra)
    return data


def user_data_json(user: User) -> str:
    return json.dumps(user_data(user), ensure_ascii=False, indent=2, sort_keys=True)
