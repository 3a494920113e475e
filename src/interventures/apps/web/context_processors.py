from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext as _

from interventures.apps.accounts.permissions import is_staff_role

from . import selectors


def _entries(request: HttpRequest) -> list[tuple[str, str]]:
    staff = is_staff_role(request.user)
    entries = [("assessment:start", _("Preparedness test"))]
    if staff:
        entries.append(("assessment:region_results", _("Shared test results")))
    entries.append(("partnership:overview", _("Partnership and regions")))
    # Surveys are the partnership staff's work: a visitor would meet a bare login form and a logged-in
    # SME or stakeholder "forbidden". Staff log in first ("Log in" is in every page's header).
    if staff:
        entries.append(("surveys:campaign_list", _("Surveys")))
    entries += [
        ("analysis:comparison", _("Situation analysis")),
        ("learning:practice_list", _("Good practices and events")),
        ("web:method", _("About the method")),
    ]
    return entries


def _nav(request: HttpRequest) -> list[dict[str, Any]]:
    items: list[dict[str, Any]] = []
    for name, label in _entries(request):
        try:
            url = reverse(name)
        except NoReverseMatch:
            continue  # the domain's pages arrive with its issue
        items.append({"url": url, "label": label, "current": False})
    # The current entry is the one whose address is the longest prefix of the page's
    # (/test/region/ is "Shared test results", not "Preparedness test").
    matching = [item for item in items if request.path.startswith(item["url"])]
    if matching:
        max(matching, key=lambda item: len(item["url"]))["current"] = True
    return items


def platform(request: HttpRequest) -> dict[str, Any]:
    return {"nav_items": _nav(request), "demo_data_present": selectors.demo_data_present()}
