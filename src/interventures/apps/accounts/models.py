"""Users' roles and the companies SME users act for."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from .permissions_fields import AccessFields


class Role(models.TextChoices):
    ADMIN = "admin", _("Platform administrator")
    COORDINATOR = "coordinator", _("Partnership coordinator")
    REGIONAL_PARTNER = "regional_partner", _("Regional partner")
    STAKEHOLDER = "stakeholder", _("Regional stakeholder")
    ADVISOR = "advisor", _("Advisory partner")
    SME = "sme", _("SME user")


class Company(models.Model):
    """An SME. Its data is confidential: only its own users (and those it consents to) see it."""

    name = models.CharField(_("name"), max_length=200)
    country = models.CharField(_("country"), max_length=2, help_text=_("ISO 3166 / Eurostat country code"))
    nuts3 = models.CharField(_("NUTS 3 region"), max_length=5, blank=True)
    region = models.ForeignKey(
        "common.Region", verbose_name=_("region"), null=True, blank=True, on_delete=models.SET_NULL
    )
    is_demo = models.BooleanField(_("synthetic demo data"), default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    # A company's own users see and edit it; its region's partner and stakeholders see it.
    access = AccessFields(region="region", company="id")

    class Meta:
        ordering = ["name"]
        verbose_name = _("company")
        verbose_name_plural = _("companies")

    def __str__(self) -> str:
        return self.name


class Profile(models.Model):
    """What a user may do: a role, and the region or company the role is bound to."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="profile")
    role = models.CharField(_("role"), max_length=20, choices=Role.choices, default=Role.SME)
    region = models.ForeignKey(
        "common.Region",
        verbose_name=_("region"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        help_text=_("Required for regional partners and stakeholders."),
    )
    company = models.ForeignKey(
        Company,
        verbose_name=_("company"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="users",
        help_text=_("Required for SME users."),
    )
    preferred_language = models.CharField(_("preferred language"), max_length=5, blank=True)

    class Meta:
        verbose_name = _("profile")
        verbose_name_plural = _("profiles")

    def __str__(self) -> str:
        return f"{self.user} ({self.get_role_display()})"


class ConsentRecord(models.Model):
    """A user's consent to the processing of its data: the text it was shown, in the language it was
    shown in, the version of that text and when (accounts/consent.py holds the current text). A new
    record is made at sign-up and each time the user accepts a new version."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("user"), on_delete=models.CASCADE, related_name="consents"
    )
    version = models.CharField(_("version of the text"), max_length=20)
    text = models.TextField(_("text agreed to"))
    language = models.CharField(_("language"), max_length=8)
    given_at = models.DateTimeField(_("given at"), auto_now_add=True)

    access = AccessFields(user="user", personal=True)

    class Meta:
        ordering = ["user", "-given_at", "-pk"]
        verbose_name = _("consent record")
        verbose_name_plural = _("consent records")

    def __str__(self) -> str:
        return f"{self.user} · {self.version}"
