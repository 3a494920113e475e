from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext as _

from . import selectors


def _nav(request: HttpRequest) -> list[dict[str, Any]]:
    entries = [
        ("assessment:start", _("Preparedness test")),
        ("partnership:overview", _("Partnership and regions")),
        ("surveys:campaign_list", _("Surveys")),
        ("analysis:comparison", _("Situation analysis")),
        ("web:method", _("About the method")),
    ]
    items = []
    for name, label in entries:
        try:
            url = reverse(name)
        except NoReverseMatch:
            continue  # the domain's pages arrive with its issue
        items.append({"url": url, "label": label, "current": request.path.startswith(url)})
    return items


def platform(request: HttpRequest) -> dict[str, Any]:
    return {"nav_items": _nav(request), "demo_data_present": selectors.demo_data_present()}
