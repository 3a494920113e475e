"""Cross-border partner search: a company's profile, its stored suggestions, and the interest two
companies declare in meeting. The matching itself is `interventures.core.matching`.

A profile is private until published; its contact details are shown to another company only once
both have declared interest in meeting (accounts.permissions.can_see_contact)."""

from __future__ import annotations

import uuid

from django.db import models
from django.utils.translation import gettext_lazy as _

from interventures.apps.accounts.permissions_fields import AccessFields
from interventures.apps.common.models import sme_choices


class Cooperation(models.TextChoices):
    JOINT_DEVELOPMENT = "joint_development", _("Joint product or service development")
    SUBCONTRACTING = "subcontracting", _("Subcontracting")
    SUPPLIER = "supplier", _("Supplier")
    DISTRIBUTION = "distribution", _("Distribution or agency")
    JOINT_VENTURE = "joint_venture", _("Joint venture")
    JOINT_BID = "joint_bid", _("Joint bid for a grant")


class OfferKind(models.TextChoices):
    PRODUCT = "product", _("Product")
    SERVICE = "service", _("Service")
    TECHNOLOGY = "technology", _("Technology")
    CAPACITY = "capacity", _("Capacity")


class PartnerProfile(models.Model):
    """What a company tells partners across the border, and whether it is published."""

    # The key in every URL that reaches a profile: random, never the row number.
    token = models.UUIDField(_("token"), default=uuid.uuid4, unique=True, editable=False)
    company = models.OneToOneField(
        "accounts.Company",
        verbose_name=_("company"),
        on_delete=models.CASCADE,
        related_name="partner_profile",
    )
    name = models.CharField(_("name shown to partners"), max_length=200)
    country = models.CharField(_("country"), max_length=2)
    nuts3 = models.CharField(_("NUTS 3 region"), max_length=5, blank=True)
    size_class = models.CharField(_("size class"), max_length=10, choices=sme_choices(), blank=True)
    nace = models.JSONField(_("NACE codes"), default=list, blank=True)
    year_founded = models.PositiveSmallIntegerField(_("year founded"), null=True, blank=True)
    languages = models.JSONField(_("working languages"), default=list, blank=True)
    stage = models.CharField(_("readiness stage"), max_length=40, blank=True)
    offers = models.TextField(_("what we offer"), blank=True, max_length=2000)
    seeks = models.TextField(_("what we look for"), blank=True, max_length=2000)
    offer_kinds = models.JSONField(_("we offer"), default=list, blank=True)
    seek_kinds = models.JSONField(_("we look for"), default=list, blank=True)
    offer_nace = models.JSONField(_("NACE codes of what we offer"), default=list, blank=True)
    seek_nace = models.JSONField(_("NACE codes of what we look for"), default=list, blank=True)
    cooperation = models.JSONField(_("kinds of cooperation sought"), default=list, blank=True)
    target_countries = models.JSONField(_("target countries"), default=list, blank=True)
    contact_name = models.CharField(_("contact person"), max_length=200, blank=True)
    contact_email = models.EmailField(_("contact e-mail"), blank=True)
    contact_phone = models.CharField(_("contact telephone"), max_length=40, blank=True)
    published = models.BooleanField(_("published"), default=False)
    is_demo = models.BooleanField(_("synthetic demo data"), default=False)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    # The company's users see and edit it; nobody else, until it is published (then others see the
    # profile, never the contact details: those follow can_see_contact).
    access = AccessFields(company="company", published="published")

    class Meta:
        ordering = ["name"]
        verbose_name = _("partner-search profile")
        verbose_name_plural = _("partner-search profiles")
        indexes = [models.Index(fields=["published", "country"], name="mm_profile_pub_country")]

    def __str__(self) -> str:
        return self.name


class Suggestion(models.Model):
    """One stored suggestion: the engine's top-k of a profile, with its score part by part."""

    profile = models.ForeignKey(
        PartnerProfile, verbose_name=_("profile"), on_delete=models.CASCADE, related_name="suggestions"
    )
    partner = models.ForeignKey(
        PartnerProfile, verbose_name=_("suggested partner"), on_delete=models.CASCADE, related_name="+"
    )
    rank = models.PositiveSmallIntegerField(_("rank"))
    score = models.FloatField(_("score"))
    parts = models.JSONField(_("score parts"), default=dict)
    computed_at = models.DateTimeField(_("computed at"), auto_now=True)

    access = AccessFields(company="profile__company")

    class Meta:
        ordering = ["profile", "rank"]
        verbose_name = _("suggestion")
        verbose_name_plural = _("suggestions")
        constraints = [models.UniqueConstraint(fields=["profile", "partner"], name="mm_suggestion_once")]

    def __str__(self) -> str:
        return f"{self.profile} → {self.partner} ({self.score:.2f})"


class Interest(models.Model):
    """A company's wish to meet another (a meeting request; accepted when the other declares it back)."""

    source = models.ForeignKey(
        PartnerProfile, verbose_name=_("from"), on_delete=models.CASCADE, related_name="interests_sent"
    )
    target = models.ForeignKey(
        PartnerProfile, verbose_name=_("to"), on_delete=models.CASCADE, related_name="interests_received"
    )
    declined = models.BooleanField(_("declined by the other side"), default=False)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    access = AccessFields(company="source__company")

    class Meta:
        verbose_name = _("interest in meeting")
        verbose_name_plural = _("interests in meeting")
        constraints = [models.UniqueConstraint(fields=["source", "target"], name="mm_interest_once")]

    def __str__(self) -> str:
        return f"{self.source} → {self.target}"
