"""Writes of the API app: tokens (create, revoke, note their use) and idempotent creates."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
import secrets
from collections.abc import Callable
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from interventures.apps.accounts.permissions import Action, access

from .models import ApiToken, IdempotencyRecord

TOKEN_PREFIX = "iv"  # noqa: S105 - the public start of every token, not a secret
SECRET_BYTES = 32
MAX_ACTIVE_TOKENS = 20
# Noting each use would be a write per request; once in this interval says enough.
USE_RESOLUTION = dt.timedelta(minutes=5)


class TokenError(Exception):
    """A token cannot be created or revoked; the message says why."""


def token_digest(secret: str) -> str:
    """SHA-256 of the whole token: tokens are 256 random bits, so a fast hash is enough (a slow
    password hash protects guessable secrets, which these are not)."""
    return hashlib.sha256(secret.encode()).hexdigest()


def token_create(*, user: Any, name: str, can_write: bool = False) -> tuple[ApiToken, str]:
    """A new token for `user`: (the stored token, its secret, shown once and never again)."""
    name = name.strip()
    if not name:
        raise TokenError(_("Give the token a name, so that you recognise it later."))
    if not getattr(user, "is_authenticated", False):
        raise TokenError(_("Sign in to create a token."))
    with transaction.atomic():
        if ApiToken.objects.filter(user=user, revoked_at__isnull=True).count() >= MAX_ACTIVE_TOKENS:
            raise TokenError(
                _("You have %(n)s active tokens; revoke one before creating another.")
                % {"n": MAX_ACTIVE_TOKENS}
            )
        prefix = secrets.token_hex(4)
        secret = f"{TOKEN_PREFIX}_{prefix}_{secrets.token_urlsafe(SECRET_BYTES)}"
        token = ApiToken.objects.create(
            user=user, name=name[:100], prefix=prefix, digest=token_digest(secret), can_write=can_write
        )
    return token, secret


def token_revoke(*, user: Any, pk: int) -> ApiToken:
    """Revoke one of the user's tokens (an administrator may revoke anyone's); 404 otherwise."""
    with transaction.atomic():
        token = access(user, ApiToken.objects.select_for_update(), pk=pk, action=Action.EDIT)
        if token.revoked_at is None:
            token.revoked_at = timezone.now()
            token.save(update_fields=["revoked_at"])
    return token


def token_mark_used(*, token: ApiToken) -> None:
    now = timezone.now()
    if token.last_used_at is None or now - token.last_used_at > USE_RESOLUTION:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
        token.last_used_at = now


# ---- idempotency ---------------------------------------------------------------------------------

KEY_RE = re.compile(r"^[A-Za-z0-9_.:-]{1,200}$")
ANONYMOUS_MIN_KEY = 16


class IdempotencyError(Exception):
    """A key that cannot be used (status 400) or reused with another body (status 409)."""

    def __init__(self, message: str, status: int) -> None:
        super().__init__(message)
        self.status = status


def idempotency_scope(user: Any) -> str:
    return f"user:{user.pk}" if getattr(user, "is_authenticated", False) else "anonymous"


def check_key(key: str, scope: str) -> None:
    if not KEY_RE.match(key or ""):
        raise IdempotencyError(
            "the Idempotency-Key header must be 1 to 200 letters, digits or . _ : - (a UUID will do)", 400
        )
    if scope == "anonymous" and len(key) < ANONYMOUS_MIN_KEY:
        raise IdempotencyError(
            f"without an account the Idempotency-Key must be random and at least {ANONYMOUS_MIN_KEY} "
            "characters long (a UUID will do)",
            400,
        )


def fingerprint(payload: Any) -> str:
    return hashlib.sha256(json.dumps(payload, sort_keys=True, default=str).encode()).hexdigest()


def idempotent_create(
    *,
    user: Any,
    operation: str,
    key: str,
    payload: Any,
    create: Callable[[], tuple[int, dict[str, Any]]],
) -> tuple[int, dict[str, Any]]:
    """Run `create` once per (caller, operation, key): (status, body). A replay with the same
    payload gets the first answer with status 200; the key with another payload raises
    IdempotencyError(409). The record is written in the transaction of the create, so a create that
    fails leaves no record (a retry runs again) and two racing requests leave one object."""
    scope = idempotency_scope(user)
    check_key(key, scope)
    fp = fingerprint(payload)

    def replay(record: IdempotencyRecord) -> tuple[int, dict[str, Any]]:
        if record.fingerprint != fp:
            raise IdempotencyError(
                "this Idempotency-Key was already used with a different request body; use a new key", 409
            )
        return 200, dict(record.body)

    found = IdempotencyRecord.objects.filter(scope=scope, operation=operation, key=key).first()
    if found is not None:
        return replay(found)
    try:
        with transaction.atomic():
            status, body = create()
            IdempotencyRecord.objects.create(
                scope=scope, operation=operation, key=key, fingerprint=fp, status=status, body=body
            )
    except IntegrityError:
        found = IdempotencyRecord.objects.filter(scope=scope, operation=operation, key=key).first()
        if found is None:
            raise
        return replay(found)
    return status, body
