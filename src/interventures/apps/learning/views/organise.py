"""Pages that organise learning: an event (create, edit, its files, attendance, the feedback links
e-mailed after it) and a fast-track initiative (create, edit, its status). Access is decided in
accounts/permissions.py; the services check it again."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from interventures.apps.accounts.permissions import (
    Action,
    access,
    bound_region_id,
    can,
    can_organise_learning,
    can_see_personal_data,
    visible,
)
from interventures.apps.common.models import Region
from interventures.apps.partnership.models import PolicyInstrument, Weakness

from .. import mailing, materials, selectors, services
from ..forms import EventForm, InitiativeForm, InitiativeStatusForm, MaterialForm
from ..models import Event, EventMaterial, FastTrackInitiative, GoodPractice, InitiativeStatus
from ..tasks import send_feedback_links_task


def _regions(user: Any) -> QuerySet[Region]:
    regions = Region.objects.filter(partner=True).order_by("order", "code")
    bound = bound_region_id(user)
    return regions.filter(pk=bound) if bound is not None else regions


def _practices(user: Any) -> QuerySet[GoodPractice]:
    return visible(user, GoodPractice.objects.all()).order_by("title")


# ---- events -------------------------------------------------------------------------------------


@login_required
def event_create(request: HttpRequest) -> HttpResponse:
    if not can_organise_learning(request.user):
        raise PermissionDenied
    return _event_form(request, Event())


def _editable_event(request: HttpRequest, uid: str) -> Event:
    event = selectors.event_get(request.user, uid=uid)
    if event is None:
        raise Http404(_("No such event."))
    if not can(request.user, Action.EDIT, event):
        raise PermissionDenied
    return event


@login_required
def event_edit(request: HttpRequest, uid: str) -> HttpResponse:
    return _event_form(request, _editable_event(request, uid))


def _event_form(request: HttpRequest, event: Event) -> HttpResponse:
    form = EventForm(
        request.POST or None,
        instance=event,
        regions=_regions(request.user),
        practices=_practices(request.user),
    )
    if request.method == "POST" and form.is_valid():
        try:
            saved = services.event_save(
                user=request.user,
                event=form.save(commit=False),
                practices=list(form.cleaned_data.get("practices") or []),
                links=form.cleaned_data.get("links_text") or [],
            )
        except PermissionDenied:
            form.add_error("region", _("You may file an event only under your own region."))
        except services.LearningError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("The event is saved."))
            return redirect("learning:event_detail", uid=saved.uid)
    return render(request, "learning/event_form.html", {"form": form, "event": event if event.pk else None})


@login_required
def event_materials(request: HttpRequest, uid: str) -> HttpResponse:
    """The event's files: the list, and the upload form for its editors."""
    event = _editable_event(request, uid)
    form = MaterialForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            materials.material_add(user=request.user, event=event, upload=form.cleaned_data["file"])
        except services.LearningError as exc:
            form.add_error("file", str(exc))
        else:
            messages.success(request, _("The file is kept with the event."))
            return redirect("learning:event_materials", uid=event.uid)
    return render(
        request,
        "learning/event_materials.html",
        {
            "event": event,
            "form": form,
            "files": list(event.materials.all()),
            "max_files": materials.MAX_FILES,
        },
    )


def material_download(request: HttpRequest, uid: str, token: str) -> FileResponse:
    """A file of an event, for whoever may see the event (404 otherwise): always as a download, under
    its cleaned name and the content type its kind was checked against."""
    event = selectors.event_get(request.user, uid=uid)
    found = event and EventMaterial.objects.filter(event=event, token=token).first()
    if not found:
        raise Http404(_("No such file."))
    response = FileResponse(
        found.file.open("rb"), as_attachment=True, filename=found.name, content_type=found.content_type
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    response["Cache-Control"] = "private, no-store"
    return response


@require_POST
@login_required
def material_delete(request: HttpRequest, uid: str, token: str) -> HttpResponse:
    event = _editable_event(request, uid)
    material = get_object_or_404(EventMaterial, event=event, token=token)
    materials.material_delete(user=request.user, material=material)
    messages.success(request, _("The file is removed."))
    return redirect("learning:event_materials", uid=event.uid)


def _personal_event(request: HttpRequest, uid: str) -> Event:
    event = _editable_event(request, uid)
    if not can_see_personal_data(request.user, event.region_id):
        raise PermissionDenied
    return event


@require_POST
@login_required
def attendance(request: HttpRequest, uid: str) -> HttpResponse:
    """Who attended, ticked on the participants page."""
    event = _personal_event(request, uid)
    ids = {int(v) for v in request.POST.getlist("attended") if v.isdigit()}
    changed = services.attendance_set(user=request.user, event=event, attended=ids)
    messages.success(request, _("Attendance is saved (%(n)s changed).") % {"n": changed})
    return redirect("learning:event_participants", uid=event.uid)


@require_POST
@login_required
def feedback_links(request: HttpRequest, uid: str) -> HttpResponse:
    """E-mail each participant who attended their own feedback link (a background task)."""
    event = _personal_event(request, uid)
    try:
        mailing.feedback_links_check(user=request.user, event=event)
    except mailing.MailingError as exc:
        messages.error(request, str(exc))
        return redirect("learning:event_participants", uid=event.uid)
    result = send_feedback_links_task.delay(event.pk, request.build_absolute_uri("/"))
    if result.ready():  # in-process without a broker: the figures are known now
        counts = result.get()
        messages.success(
            request,
            _(
                "Feedback links sent: %(sent)s; sent before: %(already)s; without an e-mail address: "
                "%(without)s; not sent (tried again next time): %(failed)s."
            )
            % {
                "sent": counts["sent"],
                "already": counts["already"],
                "without": counts["without_address"],
                "failed": counts["failed"],
            },
        )
    else:
        messages.success(request, _("The feedback links are being sent."))
    return redirect("learning:event_participants", uid=event.uid)


# ---- fast-track initiatives ---------------------------------------------------------------------


@login_required
def initiative_create(request: HttpRequest) -> HttpResponse:
    if not can_organise_learning(request.user):
        raise PermissionDenied
    return _initiative_form(request, FastTrackInitiative())


def _editable_initiative(request: HttpRequest, pk: int) -> FastTrackInitiative:
    return access(request.user, selectors.initiative_list(request.user), pk=pk, action=Action.EDIT)


@login_required
def initiative_edit(request: HttpRequest, pk: int) -> HttpResponse:
    return _initiative_form(request, _editable_initiative(request, pk))


def _initiative_form(request: HttpRequest, initiative: FastTrackInitiative) -> HttpResponse:
    regions = _regions(request.user)
    events = visible(request.user, Event.objects.filter(region__in=regions)).order_by("-starts_at")
    form = InitiativeForm(
        request.POST or None,
        instance=initiative,
        regions=regions,
        instruments=PolicyInstrument.objects.filter(region__in=regions).order_by("region__order", "order"),
        weaknesses=Weakness.objects.filter(instrument__region__in=regions).select_related("instrument"),
        events=events,
        practices=_practices(request.user),
    )
    if request.method == "POST" and form.is_valid():
        try:
            saved = services.initiative_save(
                user=request.user,
                initiative=form.save(commit=False),
                practices=list(form.cleaned_data.get("practices") or []),
            )
        except PermissionDenied:
            form.add_error("region", _("You may file an initiative only under your own region."))
        except services.LearningError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("The initiative is saved."))
            return redirect("learning:initiative_detail", pk=saved.pk)
    return render(
        request,
        "learning/initiative_form.html",
        {"form": form, "initiative": initiative if initiative.pk else None},
    )


def status_choices(initiative: FastTrackInitiative) -> list[tuple[str, Any]]:
    names = dict(InitiativeStatus.choices)
    return [(s, names[s]) for s in services.STATUS_NEXT.get(initiative.status, ())]


@require_POST
@login_required
def initiative_status(request: HttpRequest, pk: int) -> HttpResponse:
    initiative = _editable_initiative(request, pk)
    form = InitiativeStatusForm(request.POST, choices=status_choices(initiative))
    if not form.is_valid():
        messages.error(request, _("The initiative cannot go to that status from where it is."))
    else:
        try:
            services.initiative_status_set(
                user=request.user, initiative=initiative, status=form.cleaned_data["status"]
            )
        except services.LearningError as exc:
            messages.error(request, str(exc))
        else:
            messages.success(request, _("The initiative's status is saved."))
    return redirect(reverse("learning:initiative_detail", args=[initiative.pk]))
