"""Forms of learning across regions: a good practice (create, edit, its text per language), an event's
participants (one by one or from a file), feedback after an event (the participant by the key of
their link, or the event's editors on their behalf) and lessons learnt. Access is decided in
accounts/permissions.py; the services check it again."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from interventures.apps.accounts.permissions import (
    Action,
    access,
    bound_region_id,
    can,
    can_edit_practice,
    can_propose_practice,
    can_record_feedback,
    can_see_personal_data,
    can_validate_practice,
    visible,
)
from interventures.apps.common.languages import endonym
from interventures.apps.common.models import Region
from interventures.apps.partnership.models import Organisation

from .. import exports, imports, labels, selectors, services
from ..forms import (
    FeedbackForm,
    LessonForm,
    ParticipantForm,
    ParticipantsUploadForm,
    PracticeForm,
    PracticeTranslationForm,
)
from ..models import (
    PRACTICE_TEXT,
    Event,
    Gender,
    GoodPractice,
    Participant,
    ParticipantImport,
    StakeholderType,
)

# ---- good practices -----------------------------------------------------------------------------


def _practice_regions(user: Any) -> QuerySet[Region]:
    regions = Region.objects.filter(partner=True).order_by("order", "code")
    bound = bound_region_id(user)
    return regions.filter(pk=bound) if bound is not None else regions


def _organisations(user: Any, region_id: int | None = None) -> QuerySet[Organisation]:
    qs = visible(user, Organisation.objects.all()).order_by("name")
    return qs.filter(region_id=region_id) if region_id is not None else qs


def _translation_languages() -> list[tuple[str, str]]:
    return [(code, endonym(code)) for code, _name in settings.LANGUAGES if code != "en"]


@login_required
def practice_create(request: HttpRequest) -> HttpResponse:
    if not can_propose_practice(request.user):
        raise PermissionDenied
    return _practice_form(request, GoodPractice())


@login_required
def practice_edit(request: HttpRequest, slug: str) -> HttpResponse:
    return _practice_form(request, _editable_practice(request, slug))


def _editable_practice(request: HttpRequest, slug: str) -> GoodPractice:
    practice = access(request.user, GoodPractice.objects.all(), slug=slug)
    if not can_edit_practice(request.user, practice):
        raise PermissionDenied
    return practice


def _practice_form(request: HttpRequest, practice: GoodPractice) -> HttpResponse:
    form = PracticeForm(
        request.POST or None,
        instance=practice,
        regions=_practice_regions(request.user),
        organisations=_organisations(request.user),
        blank_region=can_validate_practice(request.user),
    )
    if request.method == "POST" and form.is_valid():
        try:
            saved = services.practice_save(user=request.user, practice=form.save(commit=False))
        except PermissionDenied:
            form.add_error("region", _("You may file a practice only under your own region."))
        else:
            messages.success(request, _("The practice is saved."))
            return redirect("learning:practice_detail", slug=saved.slug)
    return render(
        request,
        "learning/practice_form.html",
        {
            "form": form,
            "practice": practice if practice.pk else None,
            "tag_fields": [form[name] for name in ("dimensions", "stages", "barriers", "services")],
            "languages": _translation_languages() if practice.pk else [],
        },
    )


@login_required
def practice_translate(request: HttpRequest, slug: str, lang: str) -> HttpResponse:
    practice = _editable_practice(request, slug)
    languages = dict(_translation_languages())
    if lang not in languages:
        raise Http404(_("No such language."))
    stored = (practice.translations or {}).get(lang) or {}
    form = PracticeTranslationForm(
        request.POST or None,
        practice=practice,
        lang=lang,
        initial={k: stored.get(k, "") for k in PRACTICE_TEXT},
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.practice_translations_save(
                user=request.user, practice=practice, lang=lang, texts=form.texts()
            )
        except services.LearningError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("The translation is saved."))
            return redirect("learning:practice_detail", slug=practice.slug)
    return render(
        request,
        "learning/practice_translate.html",
        {
            "form": form,
            "practice": practice,
            "lang": lang,
            "language": languages[lang],
            "languages": list(languages.items()),
        },
    )


# ---- participants -------------------------------------------------------------------------------


def _editable_event(request: HttpRequest, uid: str) -> Event:
    event = selectors.event_get(request.user, uid=uid)
    if event is None:
        raise Http404(_("No such event."))
    if not (can(request.user, Action.EDIT, event) and can_see_personal_data(request.user, event.region_id)):
        raise PermissionDenied
    return event


@login_required
def participant_add(request: HttpRequest, uid: str) -> HttpResponse:
    event = _editable_event(request, uid)
    form = ParticipantForm(request.POST or None, organisations=_organisations(request.user))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.participant_register(
                user=request.user,
                event=event,
                name=data["name"],
                email=data.get("email") or "",
                organisation=data.get("organisation"),
                organisation_name=data.get("organisation_name") or "",
                stakeholder_type=data["stakeholder_type"],
                gender=data["gender"],
                attended=bool(data.get("attended")),
            )
        except services.LearningError as exc:
            form.add_error("email" if "@" in str(exc) else None, str(exc))
        else:
            messages.success(request, _("The participant is registered."))
            if "another" in request.POST:
                return redirect("learning:participant_add", uid=event.uid)
            return redirect("learning:event_participants", uid=event.uid)
    return render(request, "learning/participant_form.html", {"event": event, "form": form})


@login_required
def participants_import(request: HttpRequest, uid: str) -> HttpResponse:
    event = _editable_event(request, uid)
    form = ParticipantsUploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            if upload.size > imports.LIMITS.max_bytes:  # refused before it is read into memory
                raise imports.ImportRefused(
                    "limit_too_large", size=upload.size, limit=imports.LIMITS.max_bytes
                )
            record = imports.participants_import(
                user=request.user, event=event, filename=upload.name, data=upload.read()
            )
        except imports.ImportRefused as exc:
            form.add_error("file", labels.import_reason(exc.code, exc.params))
        else:
            return redirect("learning:participants_import_result", uid=event.uid, pk=record.pk)
    return render(
        request,
        "learning/participants_import.html",
        {
            "event": event,
            "form": form,
            "columns": imports.COLUMNS,
            "required": imports.REQUIRED,
            "limits": imports.LIMITS,
            "types": StakeholderType.choices,
            "genders": Gender.choices,
            "past": list(event.imports.all()[:10]),
        },
    )


def _import_record(request: HttpRequest, uid: str, pk: int) -> tuple[Event, ParticipantImport]:
    event = _editable_event(request, uid)
    return event, get_object_or_404(ParticipantImport, pk=pk, event=event)


@login_required
def participants_import_result(request: HttpRequest, uid: str, pk: int) -> HttpResponse:
    event, record = _import_record(request, uid, pk)
    rows = [
        {
            "row": r["row"],
            "raw": r["raw"],
            "reasons": [
                (x.get("column") or "", labels.import_reason(x["code"], x.get("params")))
                for x in r["reasons"]
            ],
        }
        for r in record.rejected
    ]
    return render(
        request, "learning/participants_import_result.html", {"event": event, "record": record, "rows": rows}
    )


@login_required
def participants_import_rejected(request: HttpRequest, uid: str, pk: int) -> HttpResponse:
    event, record = _import_record(request, uid, pk)
    response = HttpResponse(exports.rejected_csv(record), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="participants-rejected-{record.pk}.csv"'
    return response


# ---- feedback -----------------------------------------------------------------------------------


def _feedback_form(
    request: HttpRequest, participant: Participant, *, token: str, done_url: str
) -> HttpResponse:
    existing = getattr(participant, "feedback", None) if participant.pk else None
    initial = (
        {
            "usefulness": str(existing.usefulness),
            "capacity_gain": "yes" if existing.capacity_gain else "no",
            "comment": existing.comment,
        }
        if existing is not None
        else {}
    )
    form = FeedbackForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.feedback_submit(
                user=request.user,
                participant=participant,
                token=token,
                usefulness=form.cleaned_data["usefulness"],
                capacity_gain=form.cleaned_data["capacity_gain"],
                comment=form.cleaned_data.get("comment") or "",
            )
        except services.LearningError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("Thank you: the feedback is saved."))
            return redirect(done_url)
    return render(
        request,
        "learning/feedback_form.html",
        {
            "event": participant.event,
            "participant": participant,
            "form": form,
            "by_partner": not token,
            "link": request.build_absolute_uri(
                reverse("learning:feedback", args=[participant.feedback_token])
            )
            if not token
            else "",
        },
    )


def feedback(request: HttpRequest, token: str) -> HttpResponse:
    """The participant's own questionnaire, reached by the random key of their link."""
    participant = (
        Participant.objects.select_related("event__region", "feedback").filter(feedback_token=token).first()
    )
    if participant is None or not can_record_feedback(request.user, participant, token=token):
        raise Http404(_("This feedback link does not work."))
    return _feedback_form(
        request, participant, token=token, done_url=reverse("learning:feedback", args=[token])
    )


@login_required
def participant_feedback(request: HttpRequest, uid: str, pk: int) -> HttpResponse:
    """The event's editors enter a participant's feedback on their behalf (e.g. from a paper form)."""
    event = _editable_event(request, uid)
    participant = get_object_or_404(Participant.objects.select_related("event__region"), pk=pk, event=event)
    if not can_record_feedback(request.user, participant):
        raise PermissionDenied
    return _feedback_form(
        request, participant, token="", done_url=reverse("learning:event_participants", args=[event.uid])
    )


# ---- lessons ------------------------------------------------------------------------------------


@login_required
def lesson_add(request: HttpRequest, uid: str) -> HttpResponse:
    event = selectors.event_get(request.user, uid=uid)
    if event is None:
        raise Http404(_("No such event."))
    if not can(request.user, Action.EDIT, event):
        raise PermissionDenied
    shown = list(event.practices.all())
    form = LessonForm(
        request.POST or None,
        practices=visible(request.user, GoodPractice.objects.all()).order_by("title"),
        organisations=_organisations(request.user),
        initial={"practice": shown[0].pk} if len(shown) == 1 else {},
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.lesson_add(
                user=request.user,
                event=event,
                text=data["text"],
                decision=data.get("decision") or "",
                practice=data.get("practice"),
                organisation=data.get("organisation"),
                finding=data.get("finding") or "",
            )
        except services.LearningError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("The lesson is saved."))
            return redirect("learning:event_detail", uid=event.uid)
    return render(request, "learning/lesson_form.html", {"event": event, "form": form})
