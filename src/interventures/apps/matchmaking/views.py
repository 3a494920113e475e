"""Partner-search pages: the SME's profile, its suggestions with their reasons, a partner, interest."""

from __future__ import annotations

import uuid

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from interventures.apps.common.languages import current
from interventures.core.capacity import load_model
from interventures.reference.countries import country_name

from . import selectors, services
from .forms import ProfileForm
from .models import Cooperation, PartnerProfile

ERRORS = {
    "no_profile": lambda: _("Fill in and publish your profile first."),
    "not_published": lambda: _("Publish your profile first: a partner sees who asks to meet."),
    "self": lambda: _("This is your own company."),
    "not_available": lambda: _("This profile is no longer published."),
    "no_request": lambda: _("There is no request to answer."),
}


def _parts_explained() -> dict[str, str]:
    return {
        "complementarity": _("What you offer is what they look for, and the other way round"),
        "relatedness": _("Related activities (NACE) and similar descriptions, across languages"),
        "languages": _("Working languages you share"),
        "stages": _("How close your readiness stages are"),
        "distance": _("How close both are to the border"),
    }


def _stage_name(stage_id: str) -> str:
    lang = current()
    for s in load_model().stages:
        if s.id == stage_id:
            return s.name.get(lang) or s.name["en"]
    return ""


def _company_or_403(request: HttpRequest):  # type: ignore[no-untyped-def]
    company = selectors.company_of(request.user)
    if company is None:
        raise PermissionDenied
    return company


@login_required
@require_http_methods(["GET", "POST"])
def profile(request: HttpRequest) -> HttpResponse:
    company = _company_or_403(request)
    existing = selectors.profile_of(user=request.user)
    if request.method == "POST":
        form = ProfileForm(request.POST)
        if form.is_valid():
            services.profile_save(
                user=request.user, company=company, data=services.ProfileData(**form.cleaned_data)
            )
            messages.success(request, _("Your profile is saved."))
            return redirect("matchmaking:suggestions")
    else:
        if existing is not None:
            initial = {f: getattr(existing, f) for f in ProfileForm.base_fields}
            initial["nace"] = "; ".join(existing.nace)
            if not existing.stage:
                initial["stage"] = selectors.latest_stage(user=request.user)
        else:
            initial = selectors.profile_prefill(user=request.user, company=company)
        form = ProfileForm(initial=initial)
    return render(request, "matchmaking/profile.html", {"form": form, "profile": existing})


@login_required
def suggestions(request: HttpRequest) -> HttpResponse:
    _company_or_403(request)
    own = selectors.profile_of(user=request.user)
    if own is None:
        return redirect("matchmaking:profile")
    lang = current()
    rows = selectors.suggestion_list(user=request.user, profile=own) if own.published else []
    return render(
        request,
        "matchmaking/suggestions.html",
        {
            "profile": own,
            "rows": rows,
            "requests": selectors.requests_received(profile=own) if own.published else [],
            "parts_explained": _parts_explained(),
            "country": lambda code: country_name(code, lang, code),
            "stage_name": _stage_name,
        },
    )


@login_required
def partner(request: HttpRequest, token: uuid.UUID) -> HttpResponse:
    _company_or_403(request)
    other = selectors.partner_get(user=request.user, token=token)
    own = selectors.profile_of(user=request.user)
    lang = current()
    coop = dict(Cooperation.choices)
    return render(
        request,
        "matchmaking/partner.html",
        {
            "partner": other,
            "own": own,
            "state": selectors.interest_state(profile=own, partner=other),
            "contact": selectors.contact_of(user=request.user, partner=other),
            "support": selectors.support_offer(user=request.user, partner=other, lang=lang),
            "country_label": country_name(other.country, lang, other.country),
            "stage_label": _stage_name(other.stage),
            "cooperation_labels": [coop[c] for c in other.cooperation if c in coop],
        },
    )


def _do(request: HttpRequest, token: uuid.UUID, action: str) -> HttpResponse:
    _company_or_403(request)
    other: PartnerProfile = selectors.partner_get(user=request.user, token=token)
    try:
        if action == "interest":
            services.interest_declare(user=request.user, target=other)
            messages.success(
                request, _("Your interest is sent. Contact details are shown when both sides agree.")
            )
        else:
            services.interest_decline(user=request.user, source=other)
            messages.info(request, _("You declined this request."))
    except services.MatchmakingError as exc:
        messages.error(request, ERRORS.get(str(exc), ERRORS["not_available"])())
    return redirect("matchmaking:partner", token=other.token)


@login_required
@require_POST
def interest(request: HttpRequest, token: uuid.UUID) -> HttpResponse:
    return _do(request, token, "interest")


@login_required
@require_POST
def decline(request: HttpRequest, token: uuid.UUID) -> HttpResponse:
    return _do(request, token, "decline")
