"""The situation analysis: background analysis runs with their stored figures (so pages open from
stored results), and the partner-written part of each region's Situation Analysis Report."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from interventures.apps.accounts.permissions_fields import AccessFields
from interventures.apps.common.translated import translations_field
from interventures.core import situation as core


class RunStatus(models.TextChoices):
    QUEUED = "queued", _("queued")
    RUNNING = "running", _("running")
    DONE = "done", _("done")
    FAILED = "failed", _("failed")


class AnalysisRun(models.Model):
    """One analysis of a region's survey (region set) or of the five regions pooled (region empty)."""

    region = models.ForeignKey(
        "common.Region",
        verbose_name=_("region"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        help_text=_("Empty for the pooled five-region comparison."),
    )
    campaigns = models.ManyToManyField("surveys.Campaign", verbose_name=_("campaigns"), related_name="+")
    status = models.CharField(_("status"), max_length=10, choices=RunStatus.choices, default=RunStatus.QUEUED)
    progress = models.PositiveSmallIntegerField(_("progress (%)"), default=0)
    stage = models.CharField(_("stage"), max_length=40, blank=True)
    diagnostics = models.JSONField(_("diagnostics"), default=dict, blank=True)
    error = models.TextField(_("error message"), blank=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("requested by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    is_demo = models.BooleanField(_("synthetic demo data"), default=False)
    created_at = models.DateTimeField(auto_now_add=True)
    started_at = models.DateTimeField(_("started"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)

    access = AccessFields(region="region")

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("analysis run")
        verbose_name_plural = _("analysis runs")
        indexes = [models.Index(fields=["region", "status"])]

    def __str__(self) -> str:
        return f"{self.scope} #{self.pk} ({self.status})"

    @property
    def scope(self) -> str:
        return self.region.code if self.region is not None else "ALL"


class FigureKind(models.TextChoices):
    """core.situation.FigureKind with labels."""

    MEAN = core.FigureKind.MEAN.value, _("mean")
    PROPORTION = core.FigureKind.PROPORTION.value, _("proportion")
    DIFFERENCE = core.FigureKind.DIFFERENCE.value, _("difference")


class FigureUnit(models.TextChoices):
    """core.situation.FigureUnit with labels."""

    SHARE = core.FigureUnit.SHARE.value, _("share of SMEs")
    SCORE = core.FigureUnit.SCORE.value, _("score (0–100)")
    PERCENT = core.FigureUnit.PERCENT.value, _("per cent")


class SuppressedBy(models.TextChoices):
    """Why a figure is suppressed (core.stats.Suppression), so that the report can say it."""

    N = "n", _("fewer respondents than the minimum cell")
    COUNT = "count", _("fewer respondents with or without the answer than the minimum cell")
    SECONDARY = "secondary", _("would let a suppressed figure be worked out")
    COMPARED = "compared", _("a compared figure is suppressed")


class Figure(models.Model):
    """One published figure of a run, under a stable identifier an Action Plan can cite. Suppressed
    figures (those failing the threshold rule: docs/methods/situation-report.md) are stored without
    any value, with the reason."""

    run = models.ForeignKey(AnalysisRun, on_delete=models.CASCADE, related_name="figures")
    identifier = models.CharField(_("identifier"), max_length=120)
    variable = models.CharField(_("variable"), max_length=80)
    section = models.CharField(_("section"), max_length=8)
    kind = models.CharField(_("kind"), max_length=12, choices=FigureKind.choices)
    unit = models.CharField(_("unit"), max_length=10, choices=FigureUnit.choices, default=FigureUnit.SHARE)
    domain_var = models.CharField(_("domain variable"), max_length=20, blank=True)
    domain = models.CharField(_("domain"), max_length=40, blank=True)
    other = models.CharField(_("compared with"), max_length=40, blank=True)
    estimate = models.FloatField(_("estimate"), null=True, blank=True)
    se = models.FloatField(_("standard error"), null=True, blank=True)
    ci_low = models.FloatField(_("95 % CI, lower"), null=True, blank=True)
    ci_high = models.FloatField(_("95 % CI, upper"), null=True, blank=True)
    deff = models.FloatField(_("design effect"), null=True, blank=True)
    n = models.PositiveIntegerField(_("respondents"), default=0)
    n_other = models.PositiveIntegerField(_("respondents (compared domain)"), default=0)
    n_missing = models.PositiveIntegerField(_("item non-response"), default=0)
    p_value = models.FloatField(_("p-value"), null=True, blank=True)
    p_adjusted = models.FloatField(_("p-value (Holm)"), null=True, blank=True)
    suppressed = models.BooleanField(_("suppressed"), default=False)
    suppressed_by = models.CharField(
        _("suppressed because"), max_length=12, choices=SuppressedBy.choices, blank=True
    )

    access = AccessFields(region="run__region")

    class Meta:
        ordering = ["run", "pk"]
        constraints = [models.UniqueConstraint(fields=["run", "identifier"], name="analysis_figure_unique")]
        indexes = [models.Index(fields=["run", "section"])]
        verbose_name = _("figure")
        verbose_name_plural = _("figures")

    def __str__(self) -> str:
        return self.identifier


class SituationReport(models.Model):
    """The partner-written part of a region's Situation Analysis Report: SWOT and conclusions."""

    region = models.OneToOneField(
        "common.Region",
        verbose_name=_("region"),
        on_delete=models.CASCADE,
        related_name="situation_report",
    )
    strengths = models.JSONField(_("strengths"), default=list, blank=True)
    weaknesses = models.JSONField(_("weaknesses"), default=list, blank=True)
    opportunities = models.JSONField(_("opportunities"), default=list, blank=True)
    threats = models.JSONField(_("threats"), default=list, blank=True)
    conclusions = models.TextField(_("conclusions"), blank=True)
    translations = translations_field()
    published = models.BooleanField(_("published"), default=False)
    is_demo = models.BooleanField(_("synthetic demo data"), default=False)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("updated by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    access = AccessFields(region="region", published="published")

    class Meta:
        ordering = ["region"]
        verbose_name = _("situation analysis report")
        verbose_name_plural = _("situation analysis reports")

    def __str__(self) -> str:
        return str(self.region)

    def swot_in(self, lang: str) -> dict[str, list[str]]:
        """The SWOT lists in `lang` (translations: {"hu": {"strengths": [...]}}), else the base lists."""
        own = (self.translations or {}).get(lang) or {}
        return {
            key: list(own.get(key) or getattr(self, key) or [])
            for key in ("strengths", "weaknesses", "opportunities", "threats")
        }

    def text_language(self, lang: str) -> str:
        """The language the SWOT and conclusions are shown in for a reader of `lang`: `lang` when
        they are written in it, else English (the base fields)."""
        return lang if lang == "en" or (self.translations or {}).get(lang) else "en"

    def conclusions_in(self, lang: str) -> str:
        own = (self.translations or {}).get(lang) or {}
        return str(own.get("conclusions") or self.conclusions)
