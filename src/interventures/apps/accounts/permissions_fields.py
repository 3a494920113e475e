"""The declaration a model makes to take part in access control (see permissions.py)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class AccessFields:
    """Names of the fields (paths allowed: "campaign__region") that tie a model's rows to a region,
    a company or a user; whether its rows are published; whether they are confidential SME data
    that a region sees only when `shared` is true; whether they are `personal` (a user's own
    credentials, such as API tokens: only that user and an administrator reach them, whatever
    the role); whether its rows are `advised`: read and commented on by the advisory partner in
    every region (the Action Plans and their review)."""

    region: str | None = None
    company: str | None = None
    user: str | None = None
    published: str | None = None
    confidential: bool = False
    shared: str | None = None
    personal: bool = False
    advised: bool = False
