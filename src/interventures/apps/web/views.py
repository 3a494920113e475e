from __future__ import annotations

from urllib.parse import urlsplit

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import translation
from django.views import i18n
from django.views.decorators.http import require_POST


def home(request: HttpRequest) -> HttpResponse:
    return render(request, "web/home.html")


def sources(request: HttpRequest) -> HttpResponse:
    return render(request, "web/sources.html")


def method(request: HttpRequest) -> HttpResponse:
    return render(request, "web/method.html")


@require_POST
def set_language(request: HttpRequest) -> HttpResponse:
    """Django's language switch, landing on the same page in the chosen language.

    Django translates `next` by resolving it in the language active for this request, which comes
    from the cookie or the browser (this URL has no language prefix). A link shared across the border
    (`/hr/...` opened by an English browser) then fails to resolve and the user stays on `/hr/`. The
    page's own language, read from the prefix of `next`, is the one to resolve it in."""
    next_url = request.POST.get("next", "")
    page_language = translation.get_language_from_path(urlsplit(next_url).path) if next_url else None
    with translation.override(page_language or translation.get_language()):
        return i18n.set_language(request)
