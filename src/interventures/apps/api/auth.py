"""Who calls the API: a bearer token, a signed-in browser session, or the anonymous public.

- `Authorization: Bearer iv_…` acts as the token's owner (a revoked, unknown or malformed token is
  refused with 401, never taken as anonymous); a read-only token is refused (403) on a create.
- Without a token, the session: a signed-in user of the pages, with Django's CSRF check on every
  unsafe method (the cookie is an ambient credential).
- Otherwise anonymous: the public endpoints answer, the others say 401.

What each caller may then see is decided by apps/accounts/permissions.py, as for the pages.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.contrib.auth.models import AnonymousUser
from django.http import HttpRequest
from ninja.errors import AuthenticationError, HttpError
from ninja.security import HttpBearer
from ninja.utils import check_csrf

from .models import ApiToken
from .selectors import token_for_secret
from .services import token_mark_used

SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})


@dataclass(frozen=True)
class Caller:
    user: Any
    token: ApiToken | None = None

    @property
    def is_authenticated(self) -> bool:
        return bool(getattr(self.user, "is_authenticated", False))


class CallerAuth(HttpBearer):
    """The API's one authentication: always resolves a Caller (truthy), or raises 401/403."""

    def __init__(self, *, required: bool) -> None:
        super().__init__()
        self.required = required

    def __call__(self, request: HttpRequest) -> Caller:
        header = request.headers.get("Authorization", "")
        if header:
            scheme, _sep, secret = header.partition(" ")
            if scheme.lower() != "bearer" or not secret.strip():
                raise AuthenticationError(message="the Authorization header must be 'Bearer <token>'")
            return self.authenticate(request, secret.strip())
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            if request.method not in SAFE_METHODS and check_csrf(request) is not None:
                raise HttpError(403, "CSRF check failed: a session needs the CSRF token on this request")
            return Caller(user=user)
        if self.required:
            raise AuthenticationError(
                message="sign in, or send an API token as 'Authorization: Bearer <token>'"
            )
        return Caller(user=AnonymousUser())

    def authenticate(self, request: HttpRequest, token: str) -> Caller:
        found = token_for_secret(token)
        if found is None:
            raise AuthenticationError(message="this API token is unknown or revoked")
        if request.method not in SAFE_METHODS and not found.can_write:
            raise HttpError(403, "this API token is read-only; create a token that may create")
        token_mark_used(token=found)
        return Caller(user=found.user, token=found)


public = CallerAuth(required=False)
signed_in = CallerAuth(required=True)


def caller(request: HttpRequest) -> Caller:
    """The caller resolved by the operation's authentication."""
    auth = getattr(request, "auth", None)
    if isinstance(auth, Caller):
        return auth
    return Caller(user=AnonymousUser())
