"""Pages of learning across regions: good practices (search, detail, transferability), events (list,
detail, participants, calendar), the method's plan against what was done, fast-track initiatives."""

from __future__ import annotations

import json
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from interventures.apps.accounts.permissions import (
    Action,
    access,
    can,
    can_edit_practice,
    can_organise_learning,
    can_propose_practice,
    can_see_personal_data,
    can_validate_practice,
)
from interventures.apps.common.languages import endonym
from interventures.apps.common.models import Region
from interventures.apps.common.translated import tr
from interventures.apps.common.usage import used_by
from interventures.apps.partnership.selectors import project_get

from .. import exports, labels, registration, selectors, services
from ..forms import (
    CRITERION_LABELS,
    CommentForm,
    InitiativeStatusForm,
    PracticeSearchForm,
    TransferabilityForm,
)
from ..models import Event, EventKind, FastTrackInitiative, GoodPractice, Transferability
from ..phases import SETTING
from .organise import status_choices


def _regions() -> list[Region]:
    return list(Region.objects.filter(partner=True).order_by("order", "code"))


def _tag_labels(practice: GoodPractice) -> list[tuple[str, str]]:
    out = [(_("Capacity dimension"), labels.label("dim", d)) for d in practice.dimensions]
    out += [(_("Stage"), labels.label("stage", s)) for s in practice.stages]
    out += [(_("Barrier"), labels.label("barrier", b)) for b in practice.barriers]
    out += [(_("Service type"), labels.label("service", s)) for s in practice.services]
    return out


# ---- good practices -----------------------------------------------------------------------------


def practice_list(request: HttpRequest) -> HttpResponse:
    lang = get_language()
    regions = _regions()
    form = PracticeSearchForm(request.GET or None, regions=[(r.code, tr(r, "name", lang)) for r in regions])
    filters = selectors.PracticeFilters()
    if form.is_valid():
        filters = selectors.PracticeFilters(**{k: v or "" for k, v in form.cleaned_data.items()})
    practices = list(selectors.practice_list(request.user, filters))
    return render(
        request,
        "learning/practice_list.html",
        {
            "form": form,
            "practices": practices,
            "searched": bool(request.GET),
            "may_propose": can_propose_practice(request.user),
        },
    )


def practice_detail(request: HttpRequest, slug: str) -> HttpResponse:
    practice = selectors.practice_get(request.user, slug=slug)
    if practice is None:
        raise Http404(_("No such good practice."))
    side = selectors.transferability_side_by_side(request.user, practice)
    editable = [
        r
        for r in side.regions
        if can(request.user, Action.EDIT, Transferability(practice=practice, region=r))
    ]
    return render(
        request,
        "learning/practice_detail.html",
        {
            "practice": practice,
            "tags": _tag_labels(practice),
            "side": side,
            "criterion_labels": CRITERION_LABELS,
            "editable_regions": editable,
            "may_validate": can_validate_practice(request.user),
            "may_edit": can_edit_practice(request.user, practice),
            "languages": [(c, endonym(c)) for c, _n in settings.LANGUAGES if c != "en"],
            "events": list(practice.events.all()),
            "lessons": list(practice.lessons.all()),
            "used_by": used_by(request.user, "practice", practice.slug),
        },
    )


@require_POST
def practice_validate(request: HttpRequest, slug: str) -> HttpResponse:
    practice = access(request.user, GoodPractice.objects.all(), slug=slug)
    if not can_validate_practice(request.user):
        raise PermissionDenied
    services.practice_validate(
        user=request.user, practice=practice, validated=request.POST.get("validated") != "0"
    )
    messages.success(request, _("The practice's status is saved."))
    return redirect("learning:practice_detail", slug=practice.slug)


@login_required
def transferability_edit(request: HttpRequest, slug: str, code: str) -> HttpResponse:
    practice = access(request.user, GoodPractice.objects.all(), slug=slug)
    region = Region.objects.filter(code=code, partner=True).first()
    if region is None:
        raise Http404(_("No such region."))
    existing = Transferability.objects.filter(practice=practice, region=region).first()
    if not can(request.user, Action.EDIT, existing or Transferability(practice=practice, region=region)):
        if existing is not None and not can(request.user, Action.VIEW, existing):
            raise Http404
        raise PermissionDenied
    initial: dict[str, Any] = {}
    if existing is not None:
        initial = {f: getattr(existing, f) for f in ("final",)}
        for c in CRITERION_LABELS:
            initial[c] = "" if getattr(existing, c) is None else str(getattr(existing, c))
            initial[f"{c}_note"] = getattr(existing, f"{c}_note")
    form = TransferabilityForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.transferability_save(
                user=request.user,
                practice=practice,
                region=region,
                scores=form.scores(),
                notes=form.notes(),
                final=bool(form.cleaned_data.get("final")),
            )
        except services.LearningError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("The assessment is saved."))
            return redirect("learning:practice_detail", slug=practice.slug)
    return render(
        request, "learning/transferability_form.html", {"practice": practice, "region": region, "form": form}
    )


def practice_export(request: HttpRequest, fmt: str) -> HttpResponse:
    lang = get_language()
    practices = selectors.practice_list(request.user)
    if fmt == "json":
        body = json.dumps(
            [exports.practice_document(p, lang=lang) for p in practices], ensure_ascii=False, indent=2
        )
        return HttpResponse(body, content_type="application/json; charset=utf-8")
    if fmt == "csv":
        response = HttpResponse(
            exports.practices_csv(practices, lang=lang), content_type="text/csv; charset=utf-8"
        )
        response["Content-Disposition"] = 'attachment; filename="good-practices.csv"'
        return response
    raise Http404


# ---- events -------------------------------------------------------------------------------------


def event_list(request: HttpRequest) -> HttpResponse:
    kind = request.GET.get("kind", "")
    region = request.GET.get("region", "")
    events = list(selectors.event_list(request.user, kind=kind, region=region))
    now = timezone.now()
    return render(
        request,
        "learning/event_list.html",
        {
            "upcoming": [e for e in events if e.ends_at >= now],
            "past": [e for e in events if e.ends_at < now],
            "kinds": EventKind.choices,
            "kind": kind,
            "regions": _regions(),
            "region": region,
            "indicator": selectors.capacity_indicator(),
            "may_create": can_organise_learning(request.user),
        },
    )


def _event(request: HttpRequest, uid: str) -> Event:
    event = selectors.event_get(request.user, uid=uid)
    if event is None:
        raise Http404(_("No such event."))
    return event


def event_detail(request: HttpRequest, uid: str) -> HttpResponse:
    event = _event(request, uid)
    return render(
        request,
        "learning/event_detail.html",
        {
            "event": event,
            "breakdown": selectors.attendance_breakdown(event),
            "personal": can_see_personal_data(request.user, event.region_id),
            "may_edit": can(request.user, Action.EDIT, event),
            "registration_state": registration.registration_state(event),
            "listed": list(
                event.participants.filter(listed=True).select_related("organisation").order_by("name")
            ),
            "local_start": exports._local(event.starts_at, event.timezone),
            "local_end": exports._local(event.ends_at, event.timezone),
        },
    )


@login_required
def event_participants(request: HttpRequest, uid: str) -> HttpResponse:
    event = _event(request, uid)
    if not can_see_personal_data(request.user, event.region_id):
        raise PermissionDenied
    participants = list(selectors.participant_list(event))
    return render(
        request,
        "learning/event_participants.html",
        {"event": event, "participants": participants, "may_edit": can(request.user, Action.EDIT, event)},
    )


def _event_url(request: HttpRequest) -> Any:
    return lambda e: request.build_absolute_uri(reverse("learning:event_detail", args=[e.uid]))


def event_export(request: HttpRequest, uid: str) -> HttpResponse:
    event = _event(request, uid)
    body = exports.events_ics([event], lang=get_language(), url_of=_event_url(request))
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="event-{event.uid}.ics"'
    return response


def events_export(request: HttpRequest, fmt: str) -> HttpResponse:
    lang = get_language()
    events = selectors.event_list(request.user).prefetch_related("practices")
    if fmt == "ics":
        body = exports.events_ics(events, lang=lang, url_of=_event_url(request), name="INTER VENTURES")
        return HttpResponse(body, content_type="text/calendar; charset=utf-8")
    if fmt == "json":
        data = json.dumps(
            [exports.event_document(e, lang=lang) for e in events], ensure_ascii=False, indent=2
        )
        return HttpResponse(data, content_type="application/json; charset=utf-8")
    raise Http404


def activity_plan(request: HttpRequest) -> HttpResponse:
    status = selectors.activity_status(today=timezone.localdate())
    names = dict(EventKind.choices)
    region_names = {r.code: tr(r, "name") for r in status["regions"]}
    rows = [
        {
            "kind": names.get(s.kind, s.kind),
            "region": region_names.get(s.region or "", "") if s.region else _("the partnership"),
            "summary": s,
        }
        for s in status["summaries"]
    ]
    return render(
        request,
        "learning/activity_plan.html",
        {
            "rows": rows,
            "slots": status["slots"],
            "names": names,
            "region_names": region_names,
            "today": status["today"],
            "phases": status["phases"],
            "setting": SETTING,
            "project": project_get(),
        },
    )


# ---- fast-track initiatives ---------------------------------------------------------------------


@login_required
def initiative_list(request: HttpRequest) -> HttpResponse:
    initiatives = list(selectors.initiative_list(request.user, region=request.GET.get("region", "")))
    return render(
        request,
        "learning/initiative_list.html",
        {
            "initiatives": initiatives,
            "regions": _regions(),
            "may_create": can_organise_learning(request.user),
        },
    )


@login_required
def initiative_detail(request: HttpRequest, pk: int) -> HttpResponse:
    initiative = access(request.user, selectors.initiative_list(request.user), pk=pk)
    may_comment = can(request.user, Action.COMMENT, initiative)
    form = CommentForm(request.POST or None)
    if request.method == "POST":
        if not may_comment:
            raise PermissionDenied
        if form.is_valid():
            try:
                services.initiative_comment_add(
                    user=request.user, initiative=initiative, text=form.cleaned_data["text"]
                )
            except services.LearningError as exc:
                form.add_error("text", str(exc))
            else:
                messages.success(request, _("Your comment is saved."))
                return redirect("learning:initiative_detail", pk=initiative.pk)
    return render(
        request,
        "learning/initiative_detail.html",
        {
            "initiative": initiative,
            "comments": list(initiative.comments.select_related("author")),
            "form": form,
            "may_comment": may_comment,
            "may_edit": can(request.user, Action.EDIT, initiative),
            "status_form": InitiativeStatusForm(choices=status_choices(initiative)),
        },
    )


__all__ = ["FastTrackInitiative"]
