"""People registering themselves for an event (signed in or not), and the registration's own page,
reached by the random key of its link, to see or cancel it."""

from __future__ import annotations

from collections.abc import Callable

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from interventures.apps.accounts.permissions import visible
from interventures.apps.partnership.models import Organisation

from .. import registration, selectors, services
from ..forms import RegistrationForm
from ..models import Event, Participant


def _link_of(request: HttpRequest) -> Callable[[Participant], str]:
    return lambda p: request.build_absolute_uri(reverse("learning:registration", args=[p.registration_token]))


def register(request: HttpRequest, uid: str) -> HttpResponse:
    event = selectors.event_get(request.user, uid=uid)
    if event is None:
        raise Http404(_("No such event."))
    state = registration.registration_state(event)
    user = request.user
    initial = {"submission": registration.form_key()}
    if user.is_authenticated:
        initial |= {"name": user.get_full_name() or user.get_username(), "email": user.email}
    organisations = visible(user, Organisation.objects.all()).order_by("name")
    form = RegistrationForm(request.POST or None, initial=initial, organisations=organisations)
    if request.method == "POST":
        if state != registration.State.OPEN and not _is_retry(request, event):
            form.add_error(None, _("Registration for this event is closed."))
        elif form.is_valid():
            data = form.cleaned_data
            try:
                done = registration.self_register(
                    user=user,
                    event=event,
                    submission=data["submission"],
                    name=data["name"],
                    email=data["email"],
                    organisation=data.get("organisation"),
                    organisation_name=data.get("organisation_name") or "",
                    stakeholder_type=data["stakeholder_type"],
                    gender=data["gender"],
                    listed=bool(data.get("listed")),
                    language=get_language() or "",
                    link_of=_link_of(request),
                )
            except registration.AlreadyRegistered as exc:
                messages.info(request, str(exc))
                return redirect("learning:event_detail", uid=event.uid)
            except PermissionDenied:
                raise Http404(_("No such event.")) from None
            except services.LearningError as exc:
                form.add_error(None, str(exc))
            else:
                if done.created:
                    messages.success(request, _("You are registered."))
                return redirect("learning:registration", token=done.participant.registration_token)
    return render(
        request,
        "learning/register.html",
        {
            "event": event,
            "form": form,
            "state": state,
            "closes": registration.closes_at(event),
            "places_left": registration.places_left(event),
        },
    )


def _is_retry(request: HttpRequest, event: Event) -> bool:
    """A form sent again after the registration it made filled the last place: not refused as full."""
    try:
        key = registration.submitted_key(request.POST.get("submission", ""))
    except services.LearningError:
        return False
    return Participant.objects.filter(event=event, submission_key=key).exists()


def registration_page(request: HttpRequest, token: str) -> HttpResponse:
    participant = registration.registration_get(token=token)
    if participant is None:
        raise Http404(_("This registration link does not work."))
    return render(
        request,
        "learning/registration.html",
        {
            "participant": participant,
            "event": participant.event,
            "may_cancel": registration.may_cancel(participant),
        },
    )


@require_POST
def registration_cancel(request: HttpRequest, token: str) -> HttpResponse:
    participant = registration.registration_get(token=token)
    if participant is None:
        raise Http404(_("This registration link does not work."))
    try:
        event = registration.registration_cancel(participant=participant, token=token)
    except services.LearningError as exc:
        messages.error(request, str(exc))
        return redirect("learning:registration", token=token)
    messages.success(request, _("Your registration is cancelled, and your details are deleted."))
    return redirect("learning:event_detail", uid=event.uid)
