"""Login throttling with django-axes (settings: AXES_*): the page a locked-out client sees, and the client
address it is counted under.

The page is the login page with one neutral message and the time to wait. It is the same for a user
name that exists and one that does not (axes counts failures per submitted name, whether or not an
account has it), and locked attempts are refused before any password is checked, so neither the text
nor the time taken tells an attacker which names are real.
"""

from __future__ import annotations

import math
from datetime import timedelta
from typing import Any

from axes.helpers import get_client_username, get_cool_off
from axes.models import AccessAttempt
from django.conf import settings
from django.contrib.auth.forms import AuthenticationForm
from django.db.models import Max, Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import ngettext


def client_address(request: HttpRequest) -> str:
    """The address failures are counted under: REMOTE_ADDR, or behind INTERVENTURES_PROXY_COUNT
    proxies the entry the outermost of them appended to X-Forwarded-For (entries to its left come
    from the client and can be forged)."""
    remote = str(request.META.get("REMOTE_ADDR", ""))
    count = settings.PROXY_COUNT
    if not count:
        return remote
    entries = [e.strip() for e in str(request.META.get("HTTP_X_FORWARDED_FOR", "")).split(",") if e.strip()]
    if len(entries) < count:
        return remote  # the request did not pass through every proxy
    return entries[-count]


def retry_after(request: HttpRequest, credentials: dict[str, Any] | None) -> timedelta:
    """How long until the lock on this user name or this address ends: the cool-off after the most
    recent counted failure of either (an upper bound when only one of them is locked)."""
    cool_off = get_cool_off(request) or timedelta(0)
    now = timezone.now()
    username = get_client_username(request, credentials)
    address = getattr(request, "axes_ip_address", None) or client_address(request)
    latest = AccessAttempt.objects.filter(
        Q(username=username) | Q(ip_address=address), attempt_time__gte=now - cool_off
    ).aggregate(latest=Max("attempt_time"))["latest"]
    if latest is None:
        return cool_off
    return max(latest + cool_off - now, timedelta(seconds=1))


def lockout_response(
    request: HttpRequest, original_response: HttpResponse | None, credentials: dict[str, Any] | None
) -> HttpResponse:
    """AXES_LOCKOUT_CALLABLE: the login page (also for the admin's login) with status 429."""
    wait = retry_after(request, credentials)
    minutes = max(1, math.ceil(wait.total_seconds() / 60))
    message = ngettext(
        "Too many failed attempts to log in. For your security, logging in is paused: "
        "please try again in %(minutes)s minute.",
        "Too many failed attempts to log in. For your security, logging in is paused: "
        "please try again in %(minutes)s minutes.",
        minutes,
    ) % {"minutes": minutes}
    form = AuthenticationForm(request, initial={"username": request.POST.get("username", "")[:150]})
    response = render(
        request,
        "accounts/login.html",
        {"form": form, "lockout": message, "next": request.POST.get("next", "")},
        status=settings.AXES_HTTP_RESPONSE_CODE,
    )
    response["Retry-After"] = str(math.ceil(wait.total_seconds()))
    return response
