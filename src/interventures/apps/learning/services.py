"""Writes for learning across regions. Each operation that acts for a user takes `user=` and checks
it through accounts.permissions (OPERATOR for the command line, the reference loader and the demo)."""

from __future__ import annotations

import datetime as dt
import secrets
from collections.abc import Mapping
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from interventures.apps.accounts.permissions import (
    OPERATOR,
    Action,
    Operator,
    can,
    can_edit_practice,
    can_organise_learning,
    can_propose_practice,
    can_record_feedback,
    can_see_personal_data,
    can_validate_practice,
    require,
)
from interventures.apps.common import versions
from interventures.apps.common.models import Region
from interventures.apps.partnership.models import Organisation
from interventures.core.learning.search import search_text, tag_text
from interventures.core.learning.transferability import CRITERIA, ScoreError, region_score
from interventures.reference import files
from interventures.reference.sync import Counts, sync_rows

from .models import (
    PRACTICE_TEXT,
    Event,
    EventLink,
    FastTrackInitiative,
    Feedback,
    GoodPractice,
    InitiativeComment,
    InitiativeStatus,
    Lesson,
    Participant,
    PracticeStatus,
    Transferability,
)

PRACTICES_FILE = "good_practices.yaml"
PRACTICE_TRANSLATIONS = "good_practices/translations"


class LearningError(Exception):
    """Input a learning operation refuses, with a message naming what is wrong."""


def _acting(user: Any) -> Any:
    return None if isinstance(user, Operator) else user


def practice_search_fields(practice: GoodPractice) -> tuple[str, str]:
    """The practice's search text (every text field in every language, its place and organisation)
    and its tag column."""
    texts: list[str] = [str(getattr(practice, f) or "") for f in PRACTICE_TEXT]
    for values in (practice.translations or {}).values():
        texts += [str(v) for v in (values or {}).values()]
    texts += [practice.origin_region, practice.country, practice.nuts, practice.interreg_project]
    org = practice.organisation
    if org is not None:
        texts += [org.name, org.short_name] + [
            str(v.get("name", "")) for v in (org.translations or {}).values()
        ]
    tags = (
        [("dim", d) for d in practice.dimensions]
        + [("stage", s) for s in practice.stages]
        + [("barrier", b) for b in practice.barriers]
        + [("service", s) for s in practice.services]
    )
    return search_text(texts), tag_text(tags)


def _refresh_search(practice: GoodPractice) -> None:
    practice.search_text, practice.tag_text = practice_search_fields(practice)


# ---- reference content --------------------------------------------------------------------------


@transaction.atomic
def practices_reference_load() -> Counts:
    """Load the 16 Interreg Europe practices of reference/data/good_practices.yaml (idempotent): they
    are reference content, validated, and tied to a partner region and organisation where one runs
    them."""
    data = files.read_yaml(PRACTICES_FILE)
    regions = {r.code: r.pk for r in Region.objects.all()}
    organisations = {o.slug: o for o in Organisation.objects.all()}
    languages = {code for code, _name in settings.LANGUAGES} - {"en"}
    texts_by_language = _practice_translation_files(
        languages, {s["slug"] for s in data.get("practices") or []}
    )
    rows = []
    for spec in data.get("practices") or []:
        slug = spec["slug"]
        for lang, by_slug in texts_by_language.items():
            if slug in by_slug:
                spec.setdefault("translations", {})
                spec["translations"][lang] = {**(spec["translations"].get(lang) or {}), **by_slug[slug]}
        region_code, org_slug = spec.get("partner_region") or "", spec.get("organisation") or ""
        if region_code and region_code not in regions:
            raise LearningError(f"{PRACTICES_FILE}: {slug}: unknown partner region {region_code!r}")
        if org_slug and org_slug not in organisations:
            raise LearningError(f"{PRACTICES_FILE}: {slug}: unknown organisation {org_slug!r}")
        translations = {}
        for lang, texts in (spec.get("translations") or {}).items():
            if lang not in languages:
                raise LearningError(f"{PRACTICES_FILE}: {slug}: translation into unknown language {lang!r}")
            unknown = set(texts) - set(PRACTICE_TEXT)
            if unknown:
                raise LearningError(
                    f"{PRACTICES_FILE}: {slug}: no translatable field {', '.join(sorted(unknown))}"
                )
            translations[lang] = {k: " ".join(str(v).split()) for k, v in texts.items()}
        published = spec.get("published")
        practice = GoodPractice(
            slug=slug,
            title=spec["title"],
            region_id=regions.get(region_code),
            organisation=organisations.get(org_slug),
            country=spec.get("country", ""),
            origin_region=spec.get("origin_region", ""),
            nuts=spec.get("nuts", ""),
            interreg_project=spec.get("interreg_project", ""),
            published_on=dt.date.fromisoformat(str(published)) if published else None,
            contact=spec.get("contact", ""),
            sources=list(spec.get("sources") or []),
            dimensions=list(spec.get("dimensions") or []),
            stages=list(spec.get("stages") or []),
            barriers=list(spec.get("barriers") or []),
            services=list(spec.get("services") or []),
            translations=translations,
            **{f: " ".join(str(spec.get(f) or "").split()) for f in PRACTICE_TEXT if f != "title"},
        )
        _refresh_search(practice)
        row = {
            f.attname: getattr(practice, f.attname)
            for f in GoodPractice._meta.concrete_fields
            if f.attname not in ("id", "validated_by_id", "is_demo")
        }
        row.update(status=PracticeStatus.VALIDATED, validated=True, is_reference=True)
        rows.append(row)
    counts = sync_rows(
        GoodPractice, rows, key=("slug",), scope=GoodPractice.objects.filter(is_reference=True)
    ).counts
    versions.changed()  # bulk writes send no model signals
    return counts


def _practice_translation_files(languages: set[str], slugs: set[str]) -> dict[str, dict[str, dict[str, str]]]:
    """good_practices/translations/<lang>.yaml: {practices: {slug: {field: text}}}, the practices'
    text in that language (the project's own translations, SOURCES.md), laid over good_practices.yaml."""
    out: dict[str, dict[str, dict[str, str]]] = {}
    folder = files.DATA_DIR / PRACTICE_TRANSLATIONS
    for path in sorted(folder.glob("*.yaml")) if folder.is_dir() else []:
        lang = path.stem
        name = f"{PRACTICE_TRANSLATIONS}/{path.name}"
        if lang not in languages:
            raise LearningError(f"{name}: translation into unknown language {lang!r}")
        data = files.read_yaml(name)
        if data.get("language", lang) != lang:
            raise LearningError(f"{name}: says language {data.get('language')!r}")
        by_slug = data.get("practices") or {}
        unknown = set(by_slug) - slugs
        if unknown:
            raise LearningError(f"{name}: no practice {', '.join(sorted(unknown))}")
        out[lang] = {slug: {k: str(v) for k, v in (texts or {}).items()} for slug, texts in by_slug.items()}
    return out


# ---- good practices -----------------------------------------------------------------------------


@transaction.atomic
def practice_save(*, user: Any, practice: GoodPractice) -> GoodPractice:
    """Create or update a practice (its region's partner or the coordinator). A change makes a
    validated practice a draft again unless the coordinator makes it."""
    if not isinstance(user, Operator):
        if practice.pk is None:
            if not (can_propose_practice(user) and can(user, Action.EDIT, practice)):
                raise PermissionDenied
        else:
            stored = GoodPractice.objects.get(pk=practice.pk)
            if not can_edit_practice(user, stored):
                raise PermissionDenied
            if not can(user, Action.EDIT, practice):
                raise PermissionDenied  # moving it to another region
        if not can_validate_practice(user):
            practice.status = PracticeStatus.DRAFT
    if not practice.slug:
        from django.utils.text import slugify

        base = slugify(practice.title)[:60] or "practice"
        practice.slug = f"{base}-{secrets.token_hex(3)}"
    practice.validated = practice.status == PracticeStatus.VALIDATED
    _refresh_search(practice)
    practice.save()
    return practice


@transaction.atomic
def practice_translations_save(
    *, user: Any, practice: GoodPractice, lang: str, texts: Mapping[str, str]
) -> GoodPractice:
    """The practice's text in one language (its editors: the region's partner, the coordinator). Empty
    fields are dropped, so the English text shows, marked as English. Keeps the practice's status: a
    translation does not change what was validated."""
    if not isinstance(user, Operator) and not can_edit_practice(user, practice):
        raise PermissionDenied
    languages = {code for code, _name in settings.LANGUAGES} - {"en"}
    if lang not in languages:
        raise LearningError(_("Translations are kept for the platform's languages other than English."))
    unknown = set(texts) - set(PRACTICE_TEXT)
    if unknown:
        raise LearningError(_("A practice has no field %(name)s.") % {"name": ", ".join(sorted(unknown))})
    kept = {k: " ".join(str(v).split()) for k, v in texts.items() if str(v or "").strip()}
    translations = dict(practice.translations or {})
    if kept:
        translations[lang] = kept
    else:
        translations.pop(lang, None)
    practice.translations = translations
    _refresh_search(practice)
    practice.save(update_fields=["translations", "search_text", "tag_text"])
    return practice


@transaction.atomic
def practice_validate(*, user: Any, practice: GoodPractice, validated: bool = True) -> GoodPractice:
    if not isinstance(user, Operator) and not can_validate_practice(user):
        raise PermissionDenied
    practice.status = PracticeStatus.VALIDATED if validated else PracticeStatus.DRAFT
    practice.validated = validated
    practice.validated_by = _acting(user) if validated else None
    practice.save(update_fields=["status", "validated", "validated_by"])
    return practice


# ---- transferability ----------------------------------------------------------------------------


@transaction.atomic
def transferability_save(
    *,
    user: Any,
    practice: GoodPractice,
    region: Region,
    scores: Mapping[str, int | None],
    notes: Mapping[str, str],
    final: bool,
) -> Transferability:
    """The receiving region's assessment (its partner or the coordinator). A final assessment needs
    every criterion scored and is shown to everyone beside the other regions'."""
    try:
        checked = region_score(region.code, scores)
    except ScoreError as exc:
        raise LearningError(_("A score is outside the scale from 0 to 4, or names no criterion.")) from exc
    if final and not checked.complete:
        raise LearningError(_("A final assessment scores every criterion."))
    obj = Transferability.objects.filter(practice=practice, region=region).first() or Transferability(
        practice=practice, region=region
    )
    if not isinstance(user, Operator):
        require(user, Action.EDIT, obj)
    for criterion in CRITERIA:
        setattr(obj, criterion.value, checked.scores[criterion])
        setattr(obj, f"{criterion.value}_note", (notes.get(criterion.value) or "").strip())
    obj.final = final
    obj.assessed_by = _acting(user)
    obj.save()
    return obj


# ---- events -------------------------------------------------------------------------------------


def event_uid() -> str:
    return secrets.token_hex(12)


@transaction.atomic
def event_save(
    *,
    user: Any,
    event: Event,
    practices: list[GoodPractice] | None = None,
    links: list[tuple[str, str]] | None = None,
) -> Event:
    """Create or update an event (its host region's partner or the coordinator; a partner files it
    under its own region only). `links` ((title, address) pairs) replace the event's links when given;
    the practices presented must be ones the user may see."""
    if event.ends_at < event.starts_at:
        raise LearningError(_("The event ends before it starts."))
    if timezone.is_naive(event.starts_at) or timezone.is_naive(event.ends_at):
        raise LearningError(_("Give the event's times with their time zone."))
    closes = event.registration_closes_at
    if closes is not None and (timezone.is_naive(closes) or closes > event.ends_at):
        raise LearningError(_("Registration closes by the end of the event at the latest."))
    if not isinstance(user, Operator):
        if event.pk is None and not can_organise_learning(user):
            raise PermissionDenied
        if event.pk is not None:
            require(user, Action.EDIT, Event.objects.get(pk=event.pk))
        require(user, Action.EDIT, event)  # the region it is filed under
        for practice in practices or []:
            if not can(user, Action.VIEW, practice):
                raise PermissionDenied
    if not event.uid:
        event.uid = event_uid()
    event.agenda = [" ".join(str(a).split()) for a in event.agenda or [] if str(a).strip()]
    event.save()
    if practices is not None:
        event.practices.set(practices)
    if links is not None:
        event.links.all().delete()
        EventLink.objects.bulk_create(
            [EventLink(event=event, title=title[:200], url=url) for title, url in links]
        )
        versions.changed()  # bulk writes send no model signals
    return event


@transaction.atomic
def attendance_set(*, user: Any, event: Event, attended: set[int]) -> int:
    """Record who attended (the participants' ids in `attended`; every other one did not), for the
    event's editors who see its personal data. Returns how many changed."""
    if not isinstance(user, Operator) and not (
        can(user, Action.EDIT, event) and can_see_personal_data(user, event.region_id)
    ):
        raise PermissionDenied
    changed = 0
    for participant in Participant.objects.filter(event=event).select_for_update():
        value = participant.pk in attended
        if participant.attended != value:
            participant.attended = value
            participant.save(update_fields=["attended"])
            changed += 1
    return changed


@transaction.atomic
def participant_register(
    *,
    user: Any,
    event: Event,
    name: str,
    email: str = "",
    organisation: Organisation | None = None,
    organisation_name: str = "",
    stakeholder_type: str,
    gender: str,
    attended: bool = False,
    listed: bool = False,
    language: str = "",
    is_demo: bool = False,
) -> Participant:
    """Register a participant (the host region's partner or the coordinator record the list; people
    register themselves through registration.py)."""
    if not isinstance(user, Operator):
        require(user, Action.EDIT, event)
    if not name.strip():
        raise LearningError(_("A participant needs a name."))
    email = email.strip().lower()
    if email and Participant.objects.filter(event=event, email=email).exists():
        raise LearningError(_("%(email)s is already registered for this event.") % {"email": email})
    participant = Participant(
        event=event,
        name=name.strip(),
        email=email,
        organisation=organisation,
        organisation_name=organisation_name.strip(),
        stakeholder_type=stakeholder_type,
        gender=gender,
        attended=attended,
        listed=listed,
        language=language,
        is_demo=is_demo,
    )
    participant.full_clean(exclude=["event", "organisation"])
    participant.save()
    return participant


@transaction.atomic
def feedback_submit(
    *,
    user: Any,
    participant: Participant,
    usefulness: int,
    capacity_gain: bool,
    comment: str = "",
    token: str = "",
) -> Feedback:
    """A participant's feedback (one per participant and event; a second one replaces the first): the
    participant with the key of their link (`token`), or the event's editors on their behalf."""
    if not isinstance(user, Operator) and not can_record_feedback(user, participant, token=token):
        raise PermissionDenied
    if not 1 <= usefulness <= 5:
        raise LearningError(_("Usefulness is scored from 1 to 5."))
    if not participant.attended:
        raise LearningError(_("Only a participant who attended gives feedback."))
    feedback, _created = Feedback.objects.update_or_create(
        participant=participant,
        defaults={"usefulness": usefulness, "capacity_gain": capacity_gain, "comment": comment.strip()},
    )
    return feedback


@transaction.atomic
def lesson_add(
    *,
    user: Any,
    event: Event,
    text: str,
    decision: str = "",
    practice: GoodPractice | None = None,
    organisation: Organisation | None = None,
    finding: str = "",
) -> Lesson:
    """A lesson learnt at an event (its host region's partner or the coordinator), linked to a good
    practice, an organisation or a finding (a figure identifier), with the decision taken."""
    if not isinstance(user, Operator):
        require(user, Action.EDIT, event)
    text, finding = text.strip(), finding.strip()
    if not text:
        raise LearningError(_("Write the lesson learnt."))
    if len(text) > 4000 or len(decision) > 4000:
        raise LearningError(_("A lesson and its decision hold at most 4000 characters each."))
    if practice is not None and not isinstance(user, Operator) and not can(user, Action.VIEW, practice):
        raise PermissionDenied
    return Lesson.objects.create(
        event=event,
        text=text,
        decision=decision.strip(),
        practice=practice,
        organisation=organisation,
        finding=finding,
    )


# ---- fast-track initiatives ---------------------------------------------------------------------

# The follow-up an initiative goes through: one step on, or dropped, or a dropped one proposed again.
STATUS_NEXT: dict[str, tuple[str, ...]] = {
    InitiativeStatus.PROPOSED: (InitiativeStatus.TAKEN_UP, InitiativeStatus.DROPPED),
    InitiativeStatus.TAKEN_UP: (
        InitiativeStatus.ADOPTED,
        InitiativeStatus.PROPOSED,
        InitiativeStatus.DROPPED,
    ),
    InitiativeStatus.ADOPTED: (
        InitiativeStatus.IMPLEMENTED,
        InitiativeStatus.TAKEN_UP,
        InitiativeStatus.DROPPED,
    ),
    InitiativeStatus.IMPLEMENTED: (InitiativeStatus.ADOPTED,),
    InitiativeStatus.DROPPED: (InitiativeStatus.PROPOSED,),
}


def _initiative_checked(initiative: FastTrackInitiative) -> None:
    """What a status needs: taken up at an event; adopted or implemented with the decision and its date."""
    status = initiative.status
    if status in (InitiativeStatus.TAKEN_UP, InitiativeStatus.ADOPTED, InitiativeStatus.IMPLEMENTED):
        if initiative.event_id is None:
            raise LearningError(_("Name the event where policymakers took the initiative up."))
    if status in (InitiativeStatus.ADOPTED, InitiativeStatus.IMPLEMENTED):
        if not initiative.decision.strip() or initiative.decided_on is None:
            raise LearningError(_("An adopted initiative records the decision and its date."))
    event, instrument, weakness = initiative.event, initiative.instrument, initiative.weakness
    if event is not None and event.region_id != initiative.region_id:
        raise LearningError(_("The event is another region's."))
    if instrument is not None and instrument.region_id != initiative.region_id:
        raise LearningError(_("The policy instrument is another region's."))
    if weakness is not None and weakness.instrument_id != initiative.instrument_id:
        raise LearningError(_("The weakness is not one of the instrument's."))
    if initiative.funds_concerned is not None and initiative.funds_concerned < 0:
        raise LearningError(_("The funds concerned are not negative."))


@transaction.atomic
def initiative_save(
    *, user: Any, initiative: FastTrackInitiative, practices: list[GoodPractice] | None = None
) -> FastTrackInitiative:
    """Create or update a fast-track initiative (its region's partner or the coordinator). A new one
    starts as proposed; its status then changes through `initiative_status_set`."""
    if not isinstance(user, Operator):
        if initiative.pk is None and not can_organise_learning(user):
            raise PermissionDenied
        if initiative.pk is not None:
            stored = FastTrackInitiative.objects.get(pk=initiative.pk)
            require(user, Action.EDIT, stored)
            initiative.status = stored.status
        require(user, Action.EDIT, initiative)
        for practice in practices or []:
            if not can(user, Action.VIEW, practice):
                raise PermissionDenied
    if initiative.pk is None and not isinstance(user, Operator):
        initiative.status = InitiativeStatus.PROPOSED
    initiative.title, initiative.change = initiative.title.strip(), initiative.change.strip()
    if not initiative.title or not initiative.change:
        raise LearningError(_("An initiative has a title and the change it proposes."))
    _initiative_checked(initiative)
    initiative.save()
    if practices is not None:
        initiative.practices.set(practices)
    return initiative


@transaction.atomic
def initiative_status_set(*, user: Any, initiative: FastTrackInitiative, status: str) -> FastTrackInitiative:
    """Move an initiative along its follow-up (STATUS_NEXT), checking what the new status needs."""
    if not isinstance(user, Operator):
        require(user, Action.EDIT, initiative)
    if status not in STATUS_NEXT.get(initiative.status, ()):
        raise LearningError(_("The initiative cannot go to that status from where it is."))
    initiative.status = status
    _initiative_checked(initiative)
    initiative.save(update_fields=["status"])
    return initiative


@transaction.atomic
def initiative_comment_add(*, user: Any, initiative: FastTrackInitiative, text: str) -> InitiativeComment:
    """The region's stakeholders, its partner and the coordinator comment on an initiative."""
    require(user, Action.COMMENT, initiative)
    text = text.strip()
    if not text:
        raise LearningError(_("The comment is empty."))
    if len(text) > 4000:
        raise LearningError(_("A comment holds at most 4000 characters."))
    return InitiativeComment.objects.create(initiative=initiative, author=user, text=text)


__all__ = ["OPERATOR", "LearningError"]
