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
