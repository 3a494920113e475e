"""Learning across regions: good practices, their transferability to the partner regions, the events
where partners and stakeholders learn (with participants, lessons and feedback), and the fast-track
policy initiatives those events prepare.

Organisations are the partnership's directory (partnership.Organisation). Text users read carries a
`translations` field (common.translated); `search_text` holds every field in every language,
normalised by core.learning.search, so that search works alike on SQLite and PostgreSQL.
"""

from __future__ import annotations

import secrets

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from interventures.apps.accounts.permissions_fields import AccessFields
from interventures.apps.common.models import Region
from interventures.apps.common.translated import translations_field
from interventures.apps.partnership.models import Organisation, PolicyInstrument, Weakness

PRACTICE_TEXT = (
    "title",
    "problem",
    "description",
    "resources",
    "timescale",
    "evidence",
    "difficulties",
    "transfer",
)


class PracticeStatus(models.TextChoices):
    DRAFT = "draft", _("draft")
    VALIDATED = "validated", _("validated by the partnership")


class GoodPractice(models.Model):
    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    title = models.CharField(_("title"), max_length=300)
    region = models.ForeignKey(
        Region,
        verbose_name=_("partner region"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="practices",
        help_text=_("The partner region that brought the practice; empty for a practice from elsewhere."),
    )
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="practices",
    )
    country = models.CharField(_("country"), max_length=10, blank=True)
    origin_region = models.CharField(_("region where it runs"), max_length=200, blank=True)
    nuts = models.CharField(_("NUTS codes"), max_length=300, blank=True)
    problem = models.TextField(_("problem addressed"), blank=True)
    description = models.TextField(_("description"), blank=True)
    resources = models.TextField(_("resources needed"), blank=True)
    timescale = models.CharField(_("timescale"), max_length=300, blank=True)
    evidence = models.TextField(_("evidence of success"), blank=True)
    difficulties = models.TextField(_("difficulties encountered"), blank=True)
    transfer = models.TextField(_("potential for learning or transfer"), blank=True)
    contact = models.CharField(_("contact"), max_length=300, blank=True)
    sources = models.JSONField(_("sources"), default=list, blank=True)
    interreg_project = models.CharField(_("Interreg Europe project"), max_length=200, blank=True)
    published_on = models.DateField(_("published on"), null=True, blank=True)
    dimensions = models.JSONField(_("capacity dimensions"), default=list, blank=True)
    stages = models.JSONField(_("stages"), default=list, blank=True)
    barriers = models.JSONField(_("barriers"), default=list, blank=True)
    services = models.JSONField(_("service types"), default=list, blank=True)
    status = models.CharField(
        _("status"), max_length=12, choices=PracticeStatus.choices, default=PracticeStatus.DRAFT
    )
    validated = models.BooleanField(_("validated"), default=False, editable=False)
    """Mirrors status == validated (the permissions module reads a boolean)."""
    validated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("validated by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    is_reference = models.BooleanField(_("reference content"), default=False)
    is_demo = models.BooleanField(_("synthetic demo data"), default=False)
    search_text = models.TextField(_("search text"), blank=True, editable=False)
    tag_text = models.TextField(_("tags"), blank=True, editable=False)
    translations = translations_field()

    access = AccessFields(region="region", published="validated")

    class Meta:
        ordering = ["title"]
        verbose_name = _("good practice")
        verbose_name_plural = _("good practices")

    def __str__(self) -> str:
        return self.title


class Transferability(models.Model):
    """A receiving region's assessment of one practice against the five criteria
    (core.learning.transferability), each scored 0–4 with a note."""

    practice = models.ForeignKey(
        GoodPractice, verbose_name=_("good practice"), on_delete=models.CASCADE, related_name="assessments"
    )
    region = models.ForeignKey(
        Region,
        verbose_name=_("receiving region"),
        on_delete=models.CASCADE,
        related_name="practice_assessments",
    )
    instrument_fit = models.PositiveSmallIntegerField(
        _("fit with the policy instrument"), null=True, blank=True
    )
    instrument_fit_note = models.TextField(_("note"), blank=True)
    resources = models.PositiveSmallIntegerField(_("resources available"), null=True, blank=True)
    resources_note = models.TextField(_("note"), blank=True)
    stakeholders = models.PositiveSmallIntegerField(_("stakeholder support"), null=True, blank=True)
    stakeholders_note = models.TextField(_("note"), blank=True)
    legal_fit = models.PositiveSmallIntegerField(_("legal and administrative fit"), null=True, blank=True)
    legal_fit_note = models.TextField(_("note"), blank=True)
    gap_effect = models.PositiveSmallIntegerField(
        _("expected effect on the measured gaps"), null=True, blank=True
    )
    gap_effect_note = models.TextField(_("note"), blank=True)
    final = models.BooleanField(_("final"), default=False)
    assessed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("assessed by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    is_demo = models.BooleanField(_("synthetic demo data"), default=False)

    access = AccessFields(region="region", published="final")

    class Meta:
        ordering = ["practice", "region__order"]
        constraints = [
            models.UniqueConstraint(fields=["practice", "region"], name="learning_transfer_unique")
        ]
        verbose_name = _("transferability assessment")
        verbose_name_plural = _("transferability assessments")

    def __str__(self) -> str:
        return f"{self.practice} → {self.region}"


class EventKind(models.TextChoices):
    STUDY_VISIT = "study_visit", _("thematic study visit")
    INTERREGIONAL = "interregional", _("interregional meeting")
    RSG = "rsg", _("Regional Stakeholder Group meeting")
    WEBINAR = "webinar", _("webinar")
    POLICY = "policy", _("fast-track policy event")


PARTNERSHIP_KINDS = (EventKind.STUDY_VISIT, EventKind.INTERREGIONAL)
"""Events of the whole partnership (the host region organises them); the others are regional."""


class EventFormat(models.TextChoices):
    ON_SITE = "on_site", _("on site")
    ONLINE = "online", _("online")
    HYBRID = "hybrid", _("hybrid")


class Event(models.Model):
    uid = models.CharField(_("calendar identifier"), max_length=80, unique=True, editable=False)
    kind = models.CharField(_("type"), max_length=16, choices=EventKind.choices)
    title = models.CharField(_("title"), max_length=300)
    region = models.ForeignKey(
        Region, verbose_name=_("host region"), on_delete=models.PROTECT, related_name="events"
    )
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"))
    timezone = models.CharField(_("time zone"), max_length=60, default="Europe/Brussels")
    format = models.CharField(
        _("format"), max_length=10, choices=EventFormat.choices, default=EventFormat.ON_SITE
    )
    location = models.CharField(_("place"), max_length=300, blank=True)
    online_url = models.URLField(_("online link"), blank=True)
    description = models.TextField(_("description"), blank=True)
    agenda = models.JSONField(_("agenda items"), default=list, blank=True)
    rsg_round = models.PositiveSmallIntegerField(_("RSG round"), null=True, blank=True)
    practices = models.ManyToManyField(
        GoodPractice, verbose_name=_("good practices presented"), blank=True, related_name="events"
    )
    published = models.BooleanField(_("published"), default=True)
    registration_open = models.BooleanField(_("open for registration"), default=False)
    registration_closes_at = models.DateTimeField(
        _("registration closes"),
        null=True,
        blank=True,
        help_text=_("Empty: registration closes when the event starts."),
    )
    capacity = models.PositiveIntegerField(
        _("places"), null=True, blank=True, help_text=_("Empty: no limit.")
    )
    is_demo = models.BooleanField(_("synthetic demo data"), default=False)
    translations = translations_field()

    access = AccessFields(region="region", published="published")

    class Meta:
        ordering = ["starts_at"]
        verbose_name = _("event")
        verbose_name_plural = _("events")

    def __str__(self) -> str:
        return self.title


class EventLink(models.Model):
    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="links")
    title = models.CharField(_("title"), max_length=200)
    url = models.URLField(_("address"))
    translations = translations_field()

    class Meta:
        ordering = ["event", "pk"]
        verbose_name = _("material")
        verbose_name_plural = _("materials")

    def __str__(self) -> str:
        return self.title


class StakeholderType(models.TextChoices):
    PUBLIC = "public", _("public authority")
    BSO = "bso", _("business support organisation")
    SME = "sme", _("SME")
    ACADEMIA = "academia", _("academia")
    OTHER = "other", _("other")


class Gender(models.TextChoices):
    WOMAN = "woman", _("woman")
    MAN = "man", _("man")
    OTHER = "other", _("other")
    UNDISCLOSED = "undisclosed", _("prefer not to say")


def feedback_token() -> str:
    return secrets.token_urlsafe(24)


def registration_token() -> str:
    return secrets.token_urlsafe(24)


class Participant(models.Model):
    """Personal data: seen only by the host region's partner and the coordinator
    (permissions.can_see_personal_data); the public sees counts with the minimum cell. The participant
    reaches the feedback questionnaire by a random token of their own (`feedback_token`)."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="participants")
    name = models.CharField(_("name"), max_length=200)
    email = models.EmailField(_("e-mail"), blank=True)
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    organisation_name = models.CharField(_("organisation (not in the directory)"), max_length=300, blank=True)
    stakeholder_type = models.CharField(_("stakeholder type"), max_length=10, choices=StakeholderType.choices)
    gender = models.CharField(_("gender"), max_length=12, choices=Gender.choices, default=Gender.UNDISCLOSED)
    attended = models.BooleanField(_("attended"), default=False)
    feedback_token = models.CharField(
        _("feedback key"), max_length=64, unique=True, default=feedback_token, editable=False
    )
    registration_token = models.CharField(
        _("registration key"), max_length=64, unique=True, default=registration_token, editable=False
    )
    """The key of the participant's own link to see or cancel their registration."""
    submission_key = models.CharField(max_length=64, blank=True, editable=False)
    """The self-registration form's one-time key: a retried POST finds the registration it made."""
    self_registered = models.BooleanField(_("registered themselves"), default=False, editable=False)
    listed = models.BooleanField(_("agrees to be listed on the event's page"), default=False)
    language = models.CharField(_("language"), max_length=10, blank=True)
    feedback_sent_at = models.DateTimeField(_("feedback link sent"), null=True, blank=True, editable=False)
    is_demo = models.BooleanField(_("synthetic demo data"), default=False)

    access = AccessFields(region="event__region")

    class Meta:
        ordering = ["event", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["event", "submission_key"],
                condition=~models.Q(submission_key=""),
                name="learning_participant_submission_unique",
            )
        ]
        verbose_name = _("participant")
        verbose_name_plural = _("participants")

    def __str__(self) -> str:
        return self.name


def _material_path(instance: EventMaterial, filename: str) -> str:
    """Stored under a random name chosen by the service; the uploader's file name is never a path."""
    return f"learning/materials/{instance.token}{instance.extension}"


class EventMaterial(models.Model):
    """A file of an event (slides, minutes, a programme): stored under a random name, served only to
    those who may see the event, removed from disk when the record goes (services, signals)."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="materials")
    token = models.CharField(max_length=43, unique=True, editable=False)
    extension = models.CharField(max_length=8, editable=False)
    file = models.FileField(_("file"), upload_to=_material_path, max_length=200)
    name = models.CharField(_("file name"), max_length=120)
    """The uploader's file name, cleaned, for display and for the download's name only."""
    content_type = models.CharField(max_length=100, editable=False)
    size = models.PositiveIntegerField(_("size (bytes)"), editable=False)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("uploaded by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    uploaded_at = models.DateTimeField(_("uploaded on"), auto_now_add=True)

    access = AccessFields(region="event__region", published="event__published")

    class Meta:
        ordering = ["event", "pk"]
        verbose_name = _("event file")
        verbose_name_plural = _("event files")

    def __str__(self) -> str:
        return self.name


class ParticipantImport(models.Model):
    """A participants list uploaded for an event: how many rows were registered, and the rows refused,
    each with its cells as read and its reasons (codes and parameters, said in the reader's language
    by labels.import_reason)."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="imports")
    filename = models.CharField(_("file"), max_length=200)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("imported"), auto_now_add=True)
    imported = models.PositiveIntegerField(_("registered"), default=0)
    columns = models.JSONField(default=list, blank=True)
    rejected = models.JSONField(default=list, blank=True)
    """[{"row": n, "raw": {column: cell}, "reasons": [{"code", "column", "params"}]}]"""

    access = AccessFields(region="event__region")

    class Meta:
        ordering = ["event", "-created_at"]
        verbose_name = _("participants import")
        verbose_name_plural = _("participants imports")

    def __str__(self) -> str:
        return self.filename


class Feedback(models.Model):
    participant = models.OneToOneField(Participant, on_delete=models.CASCADE, related_name="feedback")
    usefulness = models.PositiveSmallIntegerField(_("usefulness (1–5)"))
    capacity_gain = models.BooleanField(_("my professional capacity increased"))
    comment = models.TextField(_("comment"), blank=True)

    class Meta:
        verbose_name = _("feedback")
        verbose_name_plural = _("feedback")

    def __str__(self) -> str:
        return str(self.participant)


class Lesson(models.Model):
    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="lessons")
    text = models.TextField(_("lesson learnt"))
    decision = models.TextField(_("decision"), blank=True)
    practice = models.ForeignKey(
        GoodPractice,
        verbose_name=_("good practice"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="lessons",
    )
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    finding = models.CharField(_("finding (figure identifier)"), max_length=120, blank=True)
    is_demo = models.BooleanField(_("synthetic demo data"), default=False)
    translations = translations_field()

    class Meta:
        ordering = ["event", "pk"]
        verbose_name = _("lesson learnt")
        verbose_name_plural = _("lessons learnt")

    def __str__(self) -> str:
        return self.text[:60]


class InitiativeStatus(models.TextChoices):
    PROPOSED = "proposed", _("proposed")
    TAKEN_UP = "taken_up", _("taken up by policymakers")
    ADOPTED = "adopted", _("decision adopted")
    IMPLEMENTED = "implemented", _("implemented")
    DROPPED = "dropped", _("dropped")


class FastTrackInitiative(models.Model):
    region = models.ForeignKey(
        Region, verbose_name=_("region"), on_delete=models.CASCADE, related_name="initiatives"
    )
    instrument = models.ForeignKey(
        PolicyInstrument,
        verbose_name=_("policy instrument"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    weakness = models.ForeignKey(
        Weakness,
        verbose_name=_("weakness it answers"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    title = models.CharField(_("title"), max_length=300)
    change = models.TextField(_("change proposed"))
    evidence_figures = models.JSONField(_("evidence (figure identifiers)"), default=list, blank=True)
    practices = models.ManyToManyField(
        GoodPractice, verbose_name=_("good practices"), blank=True, related_name="initiatives"
    )
    event = models.ForeignKey(
        Event,
        verbose_name=_("event where policymakers took it up"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="initiatives",
    )
    decision = models.TextField(_("decision"), blank=True)
    decided_on = models.DateField(_("decided on"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=12, choices=InitiativeStatus.choices, default=InitiativeStatus.PROPOSED
    )
    effect = models.TextField(_("effect"), blank=True)
    funds_concerned = models.DecimalField(
        _("funds concerned (EUR)"), max_digits=16, decimal_places=2, null=True, blank=True
    )
    is_demo = models.BooleanField(_("synthetic demo data"), default=False)
    translations = translations_field()

    access = AccessFields(region="region")

    class Meta:
        ordering = ["region__order", "pk"]
        verbose_name = _("fast-track initiative")
        verbose_name_plural = _("fast-track initiatives")

    def __str__(self) -> str:
        return self.title


class InitiativeComment(models.Model):
    initiative = models.ForeignKey(
        FastTrackInitiative,
        verbose_name=_("fast-track initiative"),
        on_delete=models.CASCADE,
        related_name="comments",
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("author"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    text = models.TextField(_("comment"))
    created_at = models.DateTimeField(_("written"), auto_now_add=True)

    access = AccessFields(region="initiative__region")

    class Meta:
        ordering = ["initiative", "created_at"]
        verbose_name = _("comment")
        verbose_name_plural = _("comments")

    def __str__(self) -> str:
        return self.text[:60]
