"""Requests the platform refuses before any view: text with a NUL character.

A NUL (U+0000) cannot be stored or searched (PostgreSQL refuses it in text, SQLite cuts text at it),
and no person types one. Forms refuse it field by field (Django's ProhibitNullCharactersValidator);
this refuses it, with 400 and a message that names it, in the address's parameters and in JSON
bodies, which reach filters and API schemas that have no such validator."""

from __future__ import annotations

from collections.abc import Callable

from django.core.exceptions import RequestDataTooBig
from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest, JsonResponse

MESSAGE = "the request contains a NUL character (U+0000), which no text may hold"


def _has_nul(request: HttpRequest) -> bool:
    if any("\x00" in key or any("\x00" in v for v in values) for key, values in request.GET.lists()):
        return True
    if request.content_type == "application/json":
        try:
            body = request.body
        except RequestDataTooBig:
            return False  # the view answers 413
        return b"\\u0000" in body or b"\x00" in body
    return False


class RefuseNulMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if _has_nul(request):
            if request.path.startswith("/api/"):
                return JsonResponse({"detail": MESSAGE}, status=400)
            return HttpResponseBadRequest(MESSAGE, content_type="text/plain; charset=utf-8")
        return self.get_response(request)


class DatabaseUnavailableMiddleware:
    """A database that cannot be reached (restarting, failing over, the network down) is a 503 with a
    page that says so and asks to try again, not a 500 "error on our side": nothing the user sent is
    lost by it (an answer that was not saved is kept by the page's script, which retries).

    The page is rendered without the request (no context processor reads the database) in the
    language LocaleMiddleware chose; JSON callers (the API, the autosave script) get JSON."""

    RETRY_AFTER_SECONDS = 10

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        from django.db import InterfaceError, OperationalError
        from django.template.loader import render_to_string
        from django.utils.translation import gettext

        if not isinstance(exception, OperationalError | InterfaceError):
            return None
        message = gettext(
            "The database cannot be reached for a moment. Nothing you saved is lost; please try again in a minute."
        )
        response: HttpResponse
        if request.path.startswith("/api/") or "application/json" in request.headers.get("Accept", ""):
            response = JsonResponse({"detail": message, "saved": False}, status=503)
        else:
            response = HttpResponse(render_to_string("503.html", {"message": message}), status=503)
        response["Retry-After"] = str(self.RETRY_AFTER_SECONDS)
        return response
