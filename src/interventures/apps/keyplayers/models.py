"""The key players directory: the services of a region's support organisations, the ties between
them, stakeholders' comments and the list of improvements the platform proposes.

The organisations themselves are `partnership.Organisation` (one model for the whole platform: the
partnership's partners are organisations of the directory, not a second list)."""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from interventures.apps.accounts.permissions_fields import AccessFields
from interventures.apps.common.models import Region
from interventures.apps.common.translated import translations_field
from interventures.apps.partnership.models import Call, Organisation, PolicyInstrument

WORKING_LANGUAGES = ("en", "hu", "hr", "it", "pl", "es", "lt", "de", "sk", "sl", "fr", "ru")
"""Languages a service or an organisation may work in: the partnership's and its neighbours'."""


class ServiceType(models.TextChoices):
    INFORMATION = "information", _("Information and awareness")
    TRAINING = "training", _("Training")
    COACHING = "coaching", _("Coaching and advisory")
    MATCHMAKING = "matchmaking", _("Partner search and B2B matchmaking")
    FAIRS = "fairs", _("Trade fairs and missions")
    MARKET_INTELLIGENCE = "market_intelligence", _("Market intelligence")
    GRANTS = "grants", _("Grants")
    LOANS = "loans", _("Loans and guarantees")
    CERTIFICATION = "certification", _("Certification and standards")
    LEGAL_TAX = "legal_tax", _("Legal and tax advice")
    LANGUAGE = "language", _("Language and translation")
    DIGITAL_EXPORT = "digital_export", _("Digital export")


class Cost(models.TextChoices):
    FREE = "free", _("Free")
    SUBSIDISED = "subsidised", _("Subsidised")
    PAID = "paid", _("Paid")


class Service(models.Model):
    """A service an organisation offers SMEs, described from one taxonomy. `dimensions` and `stages`
    are ids of the capacity model (core/capacity/data): what it builds and for whom."""

    organisation = models.ForeignKey(
        Organisation, verbose_name=_("organisation"), on_delete=models.CASCADE, related_name="services"
    )
    service_type = models.CharField(_("type of service"), max_length=30, choices=ServiceType.choices)
    name = models.CharField(_("name"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    dimensions = models.JSONField(_("capacity dimensions it builds"), default=list, blank=True)
    stages = models.JSONField(_("stages it serves"), default=list, blank=True)
    cost = models.CharField(_("cost to the SME"), max_length=20, choices=Cost.choices, default=Cost.FREE)
    languages = models.JSONField(_("languages"), default=list, blank=True)
    instrument = models.ForeignKey(
        PolicyInstrument,
        verbose_name=_("funding policy instrument"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="services",
    )
    call = models.ForeignKey(
        Call,
        verbose_name=_("funding call"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="services",
    )
    needs_cross_border = models.BooleanField(
        _("needs a partner across the border"),
        default=False,
        help_text=_("The service works only with an organisation on the other side of the border."),
    )
    website = models.URLField(_("website"), blank=True)
    is_demo = models.BooleanField(_("synthetic demo data"), default=False)
    translations = translations_field()

    access = AccessFields(region="organisation__region", published="organisation__published")

    class Meta:
        ordering = ["organisation", "service_type", "name"]
        verbose_name = _("service")
        verbose_name_plural = _("services")

    def __str__(self) -> str:
        return self.name


class TieKind(models.TextChoices):
    COOPERATES = "cooperates", _("cooperates with")
    FUNDS = "funds", _("funds")
    MEMBER = "member", _("is member of")
    REFERS = "refers", _("refers SMEs to")
    CO_DELIVERS = "co_delivers", _("co-delivers with")


class Tie(models.Model):
    """A tie from one organisation to another. It belongs to the region of its source; it is marked
    cross-border when the two organisations are in different countries (or the editor says so)."""

    source = models.ForeignKey(
        Organisation, verbose_name=_("from"), on_delete=models.CASCADE, related_name="ties_out"
    )
    target = models.ForeignKey(
        Organisation, verbose_name=_("to"), on_delete=models.CASCADE, related_name="ties_in"
    )
    kind = models.CharField(_("kind"), max_length=20, choices=TieKind.choices)
    strength = models.PositiveSmallIntegerField(
        _("strength"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(3)],
        help_text=_("1 occasional, 2 regular, 3 strategic"),
    )
    start_date = models.DateField(_("since"), null=True, blank=True)
    cross_border = models.BooleanField(_("cross-border"), default=False)
    is_demo = models.BooleanField(_("synthetic demo data"), default=False)

    access = AccessFields(region="source__region", published="source__published")

    class Meta:
        ordering = ["source", "kind", "target"]
        constraints = [
            models.UniqueConstraint(fields=["source", "target", "kind"], name="keyplayers_tie_once"),
            models.CheckConstraint(
                condition=~models.Q(source=models.F("target")), name="keyplayers_tie_not_self"
            ),
        ]
        verbose_name = _("tie")
        verbose_name_plural = _("ties")

    def __str__(self) -> str:
        return f"{self.source} → {self.target} ({self.kind})"


class Comment(models.Model):
    """A stakeholder's (or partner's) comment on a directory entry; read by the region's people."""

    organisation = models.ForeignKey(
        Organisation, verbose_name=_("organisation"), on_delete=models.CASCADE, related_name="comments"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("author"), null=True, on_delete=models.SET_NULL
    )
    text = models.TextField(_("comment"), max_length=4000)
    created_at = models.DateTimeField(_("written at"), auto_now_add=True)

    access = AccessFields(region="organisation__region")

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("comment")
        verbose_name_plural = _("comments")

    def __str__(self) -> str:
        return self.text[:60]


class ImprovementKind(models.TextChoices):
    NO_SERVICE = "no_service", _("No service where the need is high")
    LANGUAGE = "language", _("Services only in a language the region's SMEs do not work in")
    LANGUAGE_UNSERVED = "language_unserved", _("SMEs work in a language no service offers")
    NO_CROSS_BORDER_TIE = "no_cross_border_tie", _("No cross-border tie for a service that needs one")
    WEAK_INSTRUMENT = "weak_instrument", _("Funded by an instrument with a recorded weakness")


class ImprovementStatus(models.TextChoices):
    PROPOSED = "proposed", _("Proposed")
    ACCEPTED = "accepted", _("Accepted")
    DISMISSED = "dismissed", _("Dismissed")


class Improvement(models.Model):
    """One item of a region's "how could their activities be improved" list. The platform proposes it
    from the gaps (`key` is its stable identity across recomputations); the partner accepts, edits or
    dismisses it and may mark it for the Action Plan."""

    region = models.ForeignKey(
        Region, verbose_name=_("region"), on_delete=models.CASCADE, related_name="improvements"
    )
    key = models.CharField(_("key"), max_length=200)
    kind = models.CharField(_("kind"), max_length=30, choices=ImprovementKind.choices)
    rank = models.PositiveIntegerField(_("rank"), default=0)
    evidence = models.JSONField(_("evidence"), default=dict, blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=ImprovementStatus.choices, default=ImprovementStatus.PROPOSED
    )
    note = models.TextField(_("partner's wording"), blank=True, max_length=4000)
    for_action_plan = models.BooleanField(_("carried into the Action Plan"), default=False)
    current = models.BooleanField(_("still found by the latest computation"), default=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    access = AccessFields(region="region")

    class Meta:
        ordering = ["region", "-current", "rank"]
        constraints = [models.UniqueConstraint(fields=["region", "key"], name="keyplayers_improvement_key")]
        verbose_name = _("improvement")
        verbose_name_plural = _("improvements")

    def __str__(self) -> str:
        return self.key


def _import_token() -> str:
    import secrets

    return secrets.token_urlsafe(32)


class ImportStatus(models.TextChoices):
    CHECKED = "checked", _("Checked: ready to import")
    REFUSED = "refused", _("Refused")
    IMPORTED = "imported", _("Imported")


class DirectoryImport(models.Model):
    """Three uploaded files (organisations, services, ties) of a region's directory, checked and shown
    to the partner before they are imported (apps/keyplayers/imports.py). Reached by a random token,
    and only by those who edit the region's directory."""

    region = models.ForeignKey(
        Region, verbose_name=_("region"), on_delete=models.CASCADE, related_name="directory_imports"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("uploaded by"), null=True, on_delete=models.SET_NULL
    )
    token = models.CharField(_("token"), max_length=64, unique=True, default=_import_token, editable=False)
    replace = models.BooleanField(_("replace the region's directory"), default=False)
    organisations_name = models.CharField(max_length=200, blank=True)
    organisations_data = models.TextField(default="", blank=True)  # base64
    services_name = models.CharField(max_length=200, blank=True)
    services_data = models.TextField(default="", blank=True)  # base64
    ties_name = models.CharField(max_length=200, blank=True)
    ties_data = models.TextField(default="", blank=True)  # base64
    status = models.CharField(_("status"), max_length=20, choices=ImportStatus.choices)
    summary = models.JSONField(_("what it creates"), default=dict, blank=True)
    problems = models.JSONField(_("problems"), default=list, blank=True)
    created_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)
    imported_at = models.DateTimeField(_("imported at"), null=True, blank=True)

    access = AccessFields(region="region")

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("directory import")
        verbose_name_plural = _("directory imports")

    def __str__(self) -> str:
        return f"{self.region_id}: {self.status}"

    def files(self) -> dict[str, tuple[str, bytes]]:
        from base64 import b64decode

        return {
            "ORGS": (self.organisations_name, b64decode(self.organisations_data)),
            "SERVICES": (self.services_name, b64decode(self.services_data)),
            "TIES": (self.ties_name, b64decode(self.ties_data)),
        }
