"""Reads of the API app."""

from __future__ import annotations

import hmac
from typing import Any

from django.db.models import QuerySet

from interventures.apps.accounts.permissions import visible

from .models import ApiToken
from .services import TOKEN_PREFIX, token_digest


def token_list(*, user: Any) -> QuerySet[ApiToken]:
    """The user's own tokens, newest first (the permissions module: personal objects)."""
    if getattr(user, "pk", None) is None:
        return ApiToken.objects.none()
    return visible(user, ApiToken.objects.filter(user_id=user.pk))


def token_for_secret(secret: str) -> ApiToken | None:
    """The active token whose secret this is, with its owner, or None."""
    if not secret.startswith(f"{TOKEN_PREFIX}_") or len(secret) > 200:
        return None
    digest = token_digest(secret)
    token = (
        ApiToken.objects.select_related("user", "user__profile")
        .filter(digest=digest, revoked_at__isnull=True, user__is_active=True)
        .first()
    )
    if token is None or not hmac.compare_digest(token.digest, digest):
        return None
    return token
