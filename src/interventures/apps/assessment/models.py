"""The preparedness test as an SME takes it: one Assessment per attempt, one Answer per item.

The capacity model itself is versioned data in `interventures.core.capacity`; an assessment only
records which model version it was taken with and which version scored it, so results of an older
model stay readable after the model changes.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from interventures.apps.accounts.permissions_fields import AccessFields
from interventures.apps.common.models import sme_choices


class Status(models.TextChoices):
    IN_PROGRESS = "in_progress", _("In progress")
    COMPLETED = "completed", _("Completed")


class Assessment(models.Model):
    """One SME's run through the preparedness test; public, the token is its resume link."""

    token = models.UUIDField(_("resume token"), default=uuid.uuid4, unique=True, editable=False)
    # A client-supplied idempotency key (API): a retried submission finds the first one. The key is
    # scoped to its caller (`client_scope`: an account, every anonymous caller, or bulk imports), and
    # the fingerprint of the submission it was first used with is kept, so that a key replayed by
    # someone else, or with another body, never returns this result.
    client_scope = models.CharField(_("client scope"), max_length=40, blank=True, default="")
    client_key = models.CharField(_("client key"), max_length=100, null=True, blank=True)  # noqa: DJ001 (NULL: no key; the per-scope unique constraint skips it)
    client_fingerprint = models.CharField(_("submission fingerprint"), max_length=64, blank=True, default="")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="assessments",
    )
    company = models.ForeignKey(
        "accounts.Company",
        verbose_name=_("company"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="assessments",
    )
    # One of the partnership's regions, or (region empty) another EU border region by country + NUTS 3.
    region = models.ForeignKey(
        "common.Region",
        verbose_name=_("region"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="assessments",
    )
    country = models.CharField(_("country"), max_length=2, blank=True)
    nuts3 = models.CharField(_("NUTS 3 region"), max_length=5, blank=True)
    size_class = models.CharField(_("size class"), max_length=10, choices=sme_choices())
    sector = models.CharField(_("sector (NACE section)"), max_length=1)
    language = models.CharField(_("language"), max_length=5)
    model_version = models.CharField(_("capacity model version"), max_length=20)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.IN_PROGRESS)
    # The core's Result.to_dict(); its "model_version" names the version that scored it.
    result = models.JSONField(_("result"), null=True, blank=True)
    # The core's StageProgress.to_dict(), scored with `result` at the same moment: what the next stage
    # asks for. With both stored, showing a result (page, PDF, API) never scores its answers again.
    progress = models.JSONField(_("progress towards the next stage"), null=True, blank=True)
    # Copied out of `result` so lists can filter and count without reading JSON.
    stage = models.CharField(_("stage"), max_length=40, blank=True)
    overall = models.FloatField(_("overall index"), null=True, blank=True)
    completed_at = models.DateTimeField(_("completed at"), null=True, blank=True)
    shared_with_region = models.BooleanField(_("shared with the regional partner"), default=False)
    shared_at = models.DateTimeField(_("shared at"), null=True, blank=True)
    unshared_at = models.DateTimeField(_("sharing withdrawn at"), null=True, blank=True)
    is_demo = models.BooleanField(_("synthetic demo data"), default=False)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    # Confidential: the SME (its user or company) sees it; its region's partner only once shared.
    access = AccessFields(
        region="region", company="company", user="user", confidential=True, shared="shared_with_region"
    )

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("assessment")
        verbose_name_plural = _("assessments")
        indexes = [models.Index(fields=["region", "status", "shared_with_region"], name="assess_region_idx")]
        constraints = [
            models.UniqueConstraint(
                fields=["client_scope", "client_key"],
                condition=models.Q(client_key__isnull=False),
                name="assess_client_key_per_scope",
            )
        ]

    def __str__(self) -> str:
        return str(_("Assessment %(token)s") % {"token": str(self.token)[:8]})

    @property
    def is_completed(self) -> bool:
        return self.status == Status.COMPLETED


class Answer(models.Model):
    """One item's answer exactly as given (an option id, or the core's "don't know" marker)."""

    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="answers")
    item_id = models.CharField(_("item"), max_length=60)
    value = models.CharField(_("answer"), max_length=60)
    answered_at = models.DateTimeField(_("answered at"), auto_now=True)

    class Meta:
        verbose_name = _("answer")
        verbose_name_plural = _("answers")
        constraints = [
            models.UniqueConstraint(fields=["assessment", "item_id"], name="assessment_answer_once_per_item")
        ]

    def __str__(self) -> str:
        return f"{self.item_id}={self.value}"


class DimensionScore(models.Model):
    """A completed result's score on one dimension, kept as rows so regional averages are one query."""

    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="dimension_scores")
    dimension = models.CharField(_("dimension"), max_length=60)
    score = models.FloatField(_("score"), null=True, blank=True)

    class Meta:
        verbose_name = _("dimension score")
        verbose_name_plural = _("dimension scores")
        constraints = [
            models.UniqueConstraint(
                fields=["assessment", "dimension"], name="assessment_score_once_per_dimension"
            )
        ]

    def __str__(self) -> str:
        return f"{self.dimension}={self.score}"
