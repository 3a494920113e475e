"""Rate limits of the API, per caller: a signed-in caller (token or session) by its account, the
anonymous public by its client address (the same address rule as login throttling). Counted in the
default cache, which is Redis (REDIS_URL) when several app servers share the load."""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest
from ninja.throttling import BaseThrottle, SimpleRateThrottle

from interventures.apps.accounts.throttling import client_address

from .auth import Caller


class _CallerThrottle(SimpleRateThrottle):
    for_signed_in: bool

    def get_cache_key(self, request: HttpRequest) -> str | None:
        auth = getattr(request, "auth", None)
        signed_in = isinstance(auth, Caller) and auth.is_authenticated
        if signed_in != self.for_signed_in:
            return None
        ident = f"user-{auth.user.pk}" if signed_in and isinstance(auth, Caller) else client_address(request)
        return self.cache_format % {"scope": self.scope, "ident": ident}


class AnonymousThrottle(_CallerThrottle):
    scope = "api-anonymous"
    for_signed_in = False


class UserThrottle(_CallerThrottle):
    scope = "api-user"
    for_signed_in = True


def throttles() -> list[BaseThrottle]:
    return [AnonymousThrottle(settings.API_RATE_ANONYMOUS), UserThrottle(settings.API_RATE_USER)]
