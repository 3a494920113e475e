from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render


def home(request: HttpRequest) -> HttpResponse:
    return render(request, "web/home.html")


def sources(request: HttpRequest) -> HttpResponse:
    return render(request, "web/sources.html")


def method(request: HttpRequest) -> HttpResponse:
    return render(request, "web/method.html")
