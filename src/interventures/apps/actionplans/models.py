"""Regional Action Plans in the Interreg Europe structure: one per region and policy instrument, its
actions (Part III) with their players, money and indicators, the evidence each action cites, the
review (comments, statuses, versions) and the monitoring of phase 2."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from interventures.apps.accounts.permissions_fields import AccessFields
from interventures.apps.common.models import Region
from interventures.apps.common.translated import translations_field
from interventures.apps.partnership.models import Organisation, PolicyInstrument
from interventures.core.actionplans import ActionStatus as CoreActionStatus


class ImprovementType(models.TextChoices):
    NEW_PROJECTS = "new_projects", _("implementation of new projects")
    MANAGEMENT = "management", _("change in the management of the policy instrument")
    STRATEGIC_FOCUS = "strategic_focus", _("change in the strategic focus of the policy instrument")


class PlanStatus(models.TextChoices):
    DRAFT = "draft", _("draft")
    IN_REVIEW = "in_review", _("in review")
    ENDORSED = "endorsed", _("endorsed by the managing authority")
    SIGNED = "signed", _("signed")


APPROVED = (PlanStatus.ENDORSED, PlanStatus.SIGNED)


class ActionPlan(models.Model):
    region = models.ForeignKey(Region, verbose_name=_("region"), on_delete=models.PROTECT, related_name="+")
    instrument = models.ForeignKey(
        PolicyInstrument, verbose_name=_("policy instrument"), on_delete=models.PROTECT, related_name="+"
    )
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("partner organisation"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    other_organisations = models.ManyToManyField(
        Organisation, verbose_name=_("other partner organisations involved"), blank=True, related_name="+"
    )
    contact = models.CharField(_("contact person"), max_length=300, blank=True)
    improvement_type = models.CharField(
        _("type of improvement"), max_length=20, choices=ImprovementType.choices, blank=True
    )
    context = models.TextField(_("policy context"), blank=True)
    translations = translations_field()
    """The plan's text in other languages: {"hu": {"context": "…"}} (the fields hold English)."""
    status = models.CharField(
        _("status"), max_length=12, choices=PlanStatus.choices, default=PlanStatus.DRAFT
    )
    public = models.BooleanField(_("public"), default=False, editable=False)
    """Mirrors status endorsed or signed (the permissions module reads a boolean)."""
    status_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("status set by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    status_at = models.DateTimeField(_("status set on"), null=True, blank=True)
    is_demo = models.BooleanField(_("synthetic demo data"), default=False)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    access = AccessFields(region="region", published="public", advised=True)

    class Meta:
        ordering = ["region__order", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["region", "instrument"], name="actionplans_plan_unique")
        ]
        verbose_name = _("action plan")
        verbose_name_plural = _("action plans")

    def __str__(self) -> str:
        return f"{self.region} – {self.instrument}"


class Action(models.Model):
    plan = models.ForeignKey(
        ActionPlan, verbose_name=_("action plan"), on_delete=models.CASCADE, related_name="actions"
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    title = models.CharField(_("title"), max_length=300)
    background = models.TextField(_("background (lessons learnt that inspired it)"), blank=True)
    description = models.TextField(_("the action"), blank=True)
    players = models.ManyToManyField(
        Organisation, verbose_name=_("players involved"), blank=True, related_name="+"
    )
    timeframe = models.CharField(_("timeframe"), max_length=200, blank=True)
    costs = models.DecimalField(_("costs (EUR)"), max_digits=14, decimal_places=2, null=True, blank=True)
    funding = models.CharField(_("funding sources"), max_length=400, blank=True)
    translations = translations_field()
    """{"hu": {"title": "…", "background": "…", "description": "…", "timeframe": "…", "funding": "…"}}"""

    access = AccessFields(region="plan__region", published="plan__public", advised=True)

    class Meta:
        ordering = ["plan", "order", "pk"]
        verbose_name = _("action")
        verbose_name_plural = _("actions")

    def __str__(self) -> str:
        return self.title


class Indicator(models.Model):
    action = models.ForeignKey(
        Action, verbose_name=_("action"), on_delete=models.CASCADE, related_name="indicators"
    )
    name = models.CharField(_("indicator"), max_length=300)
    unit = models.CharField(_("unit"), max_length=60)
    baseline = models.DecimalField(_("baseline"), max_digits=14, decimal_places=2)
    target = models.DecimalField(_("target"), max_digits=14, decimal_places=2)
    source = models.CharField(_("source"), max_length=300)
    translations = translations_field()
    """{"hu": {"name": "…", "unit": "…", "source": "…"}}"""

    access = AccessFields(region="action__plan__region", published="action__plan__public", advised=True)

    class Meta:
        ordering = ["action", "pk"]
        verbose_name = _("indicator")
        verbose_name_plural = _("indicators")

    def __str__(self) -> str:
        return self.name


class Evidence(models.Model):
    """One finding an action cites: a target of some kind (evidence.py registers what each kind
    resolves to) under a string key, with a snapshot of the target's state when it was cited."""

    action = models.ForeignKey(
        Action, verbose_name=_("action"), on_delete=models.CASCADE, related_name="evidence"
    )
    kind = models.CharField(_("kind of evidence"), max_length=20)
    target_key = models.CharField(_("identifier"), max_length=160)
    cited_version = models.CharField(_("version cited"), max_length=60, blank=True)
    cited_value = models.CharField(_("value cited"), max_length=60, blank=True)
    note = models.CharField(_("how it supports the action"), max_length=400, blank=True)
    language = models.CharField(_("language"), max_length=8, blank=True)
    """The language the note is written in (the page's language when it was cited; "" unknown)."""
    cited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("cited by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    cited_at = models.DateTimeField(_("cited on"), auto_now_add=True)

    access = AccessFields(region="action__plan__region", published="action__plan__public", advised=True)

    class Meta:
        ordering = ["action", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["action", "kind", "target_key"], name="actionplans_evidence_unique"
            )
        ]
        indexes = [models.Index(fields=["kind", "target_key"])]
        verbose_name = _("evidence")
        verbose_name_plural = _("evidence")

    def __str__(self) -> str:
        return f"{self.kind}:{self.target_key}"


class Comment(models.Model):
    plan = models.ForeignKey(
        ActionPlan, verbose_name=_("action plan"), on_delete=models.CASCADE, related_name="comments"
    )
    section = models.CharField(_("section"), max_length=40)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("author"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    text = models.TextField(_("comment"))
    language = models.CharField(_("language"), max_length=8, blank=True)
    """The language the author wrote `text` in (the page's language when it was written)."""
    translations = translations_field()
    """The text in other languages: {"en": {"text": "…"}} (by its author)."""
    created_at = models.DateTimeField(_("written"), auto_now_add=True)

    access = AccessFields(region="plan__region", advised=True)

    class Meta:
        ordering = ["plan", "created_at", "pk"]
        verbose_name = _("comment")
        verbose_name_plural = _("comments")

    def __str__(self) -> str:
        return self.text[:60]


class PlanVersion(models.Model):
    """The whole plan as a document after each saved step or status change: the history and the
    diff between any two versions read these."""

    plan = models.ForeignKey(
        ActionPlan, verbose_name=_("action plan"), on_delete=models.CASCADE, related_name="versions"
    )
    number = models.PositiveIntegerField(_("version"))
    document = models.JSONField(_("document"))
    what = models.CharField(_("what changed"), max_length=40)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("by"), null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("when"), auto_now_add=True)

    access = AccessFields(region="plan__region", published="plan__public", advised=True)

    class Meta:
        ordering = ["plan", "-number"]
        constraints = [models.UniqueConstraint(fields=["plan", "number"], name="actionplans_version_unique")]
        verbose_name = _("plan version")
        verbose_name_plural = _("plan versions")

    def __str__(self) -> str:
        return f"{self.plan} v{self.number}"


class ActionStatus(models.TextChoices):
    NOT_STARTED = CoreActionStatus.NOT_STARTED.value, _("not started")
    ON_TRACK = CoreActionStatus.ON_TRACK.value, _("on track")
    LATE = CoreActionStatus.LATE.value, _("late")
    DONE = CoreActionStatus.DONE.value, _("done")
    ABANDONED = CoreActionStatus.ABANDONED.value, _("abandoned")


class MonitoringEntry(models.Model):
    action = models.ForeignKey(
        Action, verbose_name=_("action"), on_delete=models.CASCADE, related_name="monitoring"
    )
    date = models.DateField(_("date"))
    status = models.CharField(_("status"), max_length=12, choices=ActionStatus.choices)
    progress = models.TextField(_("progress"), blank=True)
    obstacles = models.TextField(_("obstacles"), blank=True)
    evidence_url = models.URLField(_("evidence (link)"), blank=True)
    values = models.JSONField(_("indicator values"), default=dict, blank=True)
    """Indicator id (as text) -> the value reached at this date (a decimal as text)."""
    language = models.CharField(_("language"), max_length=8, blank=True)
    """The language `progress` and `obstacles` are written in."""
    translations = translations_field()
    """{"en": {"progress": "…", "obstacles": "…"}}"""
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("author"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    is_demo = models.BooleanField(_("synthetic demo data"), default=False)

    access = AccessFields(region="action__plan__region", published="action__plan__public", advised=True)

    class Meta:
        ordering = ["action", "-date", "-pk"]
        verbose_name = _("monitoring entry")
        verbose_name_plural = _("monitoring entries")

    def __str__(self) -> str:
        return f"{self.action} {self.date}"


def _evidence_file_path(instance: MonitoringFile, filename: str) -> str:
    """Stored under a random name chosen by the service; the uploader's file name is never a path."""
    return f"actionplans/evidence/{instance.token}{instance.extension}"


class MonitoringFile(models.Model):
    """A file that evidences a monitoring entry (minutes, a call's text, a screenshot). It is stored
    under a random name and served only to those who may see the plan."""

    entry = models.ForeignKey(
        MonitoringEntry, verbose_name=_("monitoring entry"), on_delete=models.CASCADE, related_name="files"
    )
    token = models.CharField(max_length=43, unique=True, editable=False)
    extension = models.CharField(max_length=8, editable=False)
    file = models.FileField(_("file"), upload_to=_evidence_file_path, max_length=200)
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

    access = AccessFields(
        region="entry__action__plan__region", published="entry__action__plan__public", advised=True
    )

    class Meta:
        ordering = ["entry", "pk"]
        verbose_name = _("evidence file")
        verbose_name_plural = _("evidence files")

    def __str__(self) -> str:
        return self.name


class ChangeKind(models.TextChoices):
    NEW_CALL = "new_call", _("a new call")
    ELIGIBILITY = "eligibility", _("amended eligibility")
    PREFINANCING = "prefinancing", _("a scheme's pre-financing rule")
    LANGUAGE = "language", _("the programme language")
    OTHER = "other", _("another change")


class PolicyImprovement(models.Model):
    """A change of the policy instrument, recorded as it happens (Interreg Europe's "policy
    instrument improved"), with the Structural Funds it influences in EUR (exact decimals)."""

    plan = models.ForeignKey(
        ActionPlan, verbose_name=_("action plan"), on_delete=models.CASCADE, related_name="improvements"
    )
    kind = models.CharField(_("what changed"), max_length=14, choices=ChangeKind.choices)
    description = models.TextField(_("description"))
    date = models.DateField(_("date"))
    evidence_url = models.URLField(_("evidence (link)"), blank=True)
    funds_influenced = models.DecimalField(
        _("Structural Funds influenced (EUR)"), max_digits=16, decimal_places=2, default=0
    )
    language = models.CharField(_("language"), max_length=8, blank=True)
    """The language `description` is written in."""
    translations = translations_field()
    """{"en": {"description": "…"}}"""
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("author"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    is_demo = models.BooleanField(_("synthetic demo data"), default=False)

    access = AccessFields(region="plan__region", published="plan__public", advised=True)

    class Meta:
        ordering = ["plan", "date", "pk"]
        verbose_name = _("policy instrument improvement")
        verbose_name_plural = _("policy instrument improvements")

    def __str__(self) -> str:
        return f"{self.plan} {self.date}"


def _improvement_file_path(instance: ImprovementFile, filename: str) -> str:
    return f"actionplans/improvements/{instance.token}{instance.extension}"


class ImprovementFile(models.Model):
    """A file that evidences a policy instrument improvement (the amended call, the managing
    authority's decision), stored and served as a monitoring entry's evidence files are."""

    improvement = models.ForeignKey(
        PolicyImprovement,
        verbose_name=_("policy instrument improvement"),
        on_delete=models.CASCADE,
        related_name="files",
    )
    token = models.CharField(max_length=43, unique=True, editable=False)
    extension = models.CharField(max_length=8, editable=False)
    file = models.FileField(_("file"), upload_to=_improvement_file_path, max_length=200)
    name = models.CharField(_("file name"), max_length=120)
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

    access = AccessFields(
        region="improvement__plan__region", published="improvement__plan__public", advised=True
    )

    class Meta:
        ordering = ["improvement", "pk"]
        verbose_name = _("improvement evidence file")
        verbose_name_plural = _("improvement evidence files")

    def __str__(self) -> str:
        return self.name
