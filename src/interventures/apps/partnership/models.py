"""The partnership: project, border regions, partner organisations, policy instruments, activities.

Reference data arrives from versioned files in interventures/reference/data via
services.partnership_reference_load; nothing here is typed into migrations. A figure is kept exactly as
its source states it (the value and, in `*_stated`, the text), with the source named.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, TypedDict

from django.db import models
from django.utils.translation import gettext_lazy as _

from interventures.apps.accounts.permissions_fields import AccessFields
from interventures.apps.classifications.models import NutsRegion
from interventures.apps.common import languages
from interventures.apps.common.models import Region
from interventures.apps.common.translated import translations_field

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise


class _Digits(TypedDict):
    max_digits: int
    decimal_places: int


MONEY: _Digits = {"max_digits": 16, "decimal_places": 2}
SHARE: _Digits = {"max_digits": 7, "decimal_places": 3}


def _money(label: StrOrPromise) -> models.DecimalField:
    return models.DecimalField(label, null=True, blank=True, help_text=_("EUR"), **MONEY)


def _stated() -> models.CharField:
    return models.CharField(_("as stated in the source"), max_length=60, blank=True)


def _source() -> models.CharField:
    return models.CharField(_("source"), max_length=200, default="seed")


class Project(models.Model):
    acronym = models.CharField(_("acronym"), max_length=40, unique=True)
    title = models.CharField(_("title"), max_length=300)
    programme = models.CharField(_("programme"), max_length=200)
    topic = models.CharField(_("topic"), max_length=200)
    start_date = models.DateField(_("start date"))
    end_date = models.DateField(_("end date"))
    summary = models.TextField(_("summary"), blank=True)
    questions = models.JSONField(_("questions"), default=list, blank=True)
    source = _source()
    translations = translations_field()

    class Meta:
        verbose_name = _("project")
        verbose_name_plural = _("projects")

    def __str__(self) -> str:
        return self.acronym


class PartnerRole(models.TextChoices):
    LEAD_PARTNER = "lead_partner", _("Lead partner")
    PARTNER = "partner", _("Partner")
    ADVISORY_PARTNER = "advisory_partner", _("Advisory partner")


class OrganisationType(models.TextChoices):
    """The kinds of organisation in a region's support ecosystem (the key players directory)."""

    CHAMBER = "chamber", _("Chamber of commerce")
    DEVELOPMENT_AGENCY = "development_agency", _("Regional development agency")
    EGTC = "egtc", _("European grouping of territorial cooperation")
    BIC = "bic", _("Business and innovation centre")
    CLUSTER = "cluster", _("Cluster")
    TRADE_PROMOTION = "trade_promotion", _("Trade promotion agency")
    EXPORT_CREDIT = "export_credit", _("Export credit or guarantee body")
    BANK_FUND = "bank_fund", _("Bank or fund")
    UNIVERSITY = "university", _("University or research centre")
    EEN = "een", _("Enterprise Europe Network partner")
    MUNICIPALITY = "municipality", _("Municipality")
    MANAGING_AUTHORITY = "managing_authority", _("Managing authority")
    INTERMEDIATE_BODY = "intermediate_body", _("Intermediate body")
    CONSULTANCY = "consultancy", _("Consultancy")
    BUSINESS_ASSOCIATION = "business_association", _("Business association")
    OTHER = "other", _("Other")


class Organisation(models.Model):
    """An organisation of a region's support ecosystem. The partnership's partners are organisations
    with a `role`; the key players directory (apps/keyplayers) lists them beside the region's other
    organisations (role left blank), with their services and ties."""

    slug = models.SlugField(_("slug"), max_length=60, unique=True)
    name = models.CharField(_("name"), max_length=300)
    short_name = models.CharField(_("short name"), max_length=60, blank=True)
    region = models.ForeignKey(
        Region,
        verbose_name=_("region"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="organisations",
    )
    country = models.CharField(_("country"), max_length=2, blank=True)
    role = models.CharField(
        _("role in the partnership"),
        max_length=20,
        choices=PartnerRole.choices,
        blank=True,
        default="",
        help_text=_("Empty for an organisation that is not a project partner."),
    )
    type = models.CharField(_("type"), max_length=30, choices=OrganisationType.choices, blank=True)
    description = models.TextField(_("description"), blank=True)
    nuts_regions = models.ManyToManyField(
        NutsRegion, verbose_name=_("NUTS regions served"), blank=True, related_name="organisations"
    )
    cross_border = models.BooleanField(_("works across the border"), default=False)
    cross_border_countries = models.JSONField(
        _("countries across the border"), default=list, blank=True, help_text=_("Country codes, e.g. HR")
    )
    languages = models.JSONField(_("working languages"), default=list, blank=True)
    website = models.URLField(_("website"), blank=True)
    contact = models.CharField(
        _("public contact"),
        max_length=200,
        blank=True,
        help_text=_("An e-mail address or a telephone number"),
    )
    rsg_member = models.BooleanField(_("in the Regional Stakeholder Group"), default=False)
    published = models.BooleanField(_("published"), default=False)
    is_demo = models.BooleanField(_("synthetic demo data"), default=False)
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    translations = translations_field()

    # The directory's rule: the public sees published entries; the region's partner edits its region.
    access = AccessFields(region="region", published="published")

    class Meta:
        ordering = ["order", "name"]
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")

    def __str__(self) -> str:
        return self.short_name or self.name

    @property
    def is_partner(self) -> bool:
        return bool(self.role)


class EsifColumn(models.TextChoices):
    EU = "eu", _("EU amount")
    TOTAL = "total", _("total amount (EU + national)")


class PolicyInstrument(models.Model):
    slug = models.SlugField(_("slug"), max_length=60, unique=True)
    region = models.ForeignKey(
        Region, verbose_name=_("region"), on_delete=models.PROTECT, related_name="instruments"
    )
    name = models.CharField(_("name"), max_length=300)
    programme_type = models.CharField(_("programme type"), max_length=200, blank=True)
    fund = models.CharField(_("fund"), max_length=40, blank=True)
    cci = models.CharField(_("CCI"), max_length=20, blank=True, help_text=_("The programme's EU identifier"))
    description = models.TextField(_("description"), blank=True)
    total_budget = _money(_("total budget"))
    total_budget_stated = _stated()
    priority_axes_count = models.PositiveSmallIntegerField(
        _("number of priority axes"), null=True, blank=True
    )
    technical_assistance = models.BooleanField(
        _("plus a technical assistance axis"), null=True, blank=True, help_text=_("Empty: not stated.")
    )
    esif_column = models.CharField(
        _("ESIF column the stated figures compare with"),
        max_length=10,
        choices=EsifColumn.choices,
        blank=True,
    )
    comparison_note = models.TextField(_("comparison note"), blank=True)
    source = _source()
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    translations = translations_field()

    class Meta:
        ordering = ["order", "name"]
        verbose_name = _("policy instrument")
        verbose_name_plural = _("policy instruments")

    def __str__(self) -> str:
        return self.name


class PriorityAxis(models.Model):
    instrument = models.ForeignKey(
        PolicyInstrument, verbose_name=_("policy instrument"), on_delete=models.CASCADE, related_name="axes"
    )
    code = models.CharField(_("code"), max_length=40)
    esif_code = models.CharField(_("code in the ESIF data"), max_length=10, blank=True)
    title = models.CharField(_("title"), max_length=300)
    addressed = models.BooleanField(_("addressed by the project"), default=False)
    budget = _money(_("budget"))
    budget_stated = _stated()
    share = models.DecimalField(_("share of the total (%)"), null=True, blank=True, **SHARE)
    share_stated = _stated()
    source = _source()
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    translations = translations_field()

    class Meta:
        ordering = ["instrument", "order"]
        constraints = [models.UniqueConstraint(fields=["instrument", "code"], name="uniq_axis_code")]
        verbose_name = _("priority axis")
        verbose_name_plural = _("priority axes")

    def __str__(self) -> str:
        return f"{self.code}: {self.title}"

    @property
    def inconsistency(self) -> DataInconsistency | None:
        """The source's contradiction about this axis's figures, if it has one: wherever the axis's
        budget or share is shown, it carries this flag. Reads the instrument's inconsistencies, which
        the selectors prefetch."""
        return next(
            (item for item in self.instrument.inconsistencies.all() if item.axis_code == self.code), None
        )


class ObjectiveKind(models.TextChoices):
    SPECIFIC_OBJECTIVE = "specific_objective", _("Specific objective")
    INVESTMENT_PRIORITY = "investment_priority", _("Investment priority")
    OBJECTIVE = "objective", _("Objective")
    ACTION = "action", _("Action")


class Objective(models.Model):
    """A specific objective, investment priority or action of an instrument, with what it supports."""

    instrument = models.ForeignKey(
        PolicyInstrument,
        verbose_name=_("policy instrument"),
        on_delete=models.CASCADE,
        related_name="objectives",
    )
    axis = models.ForeignKey(
        PriorityAxis,
        verbose_name=_("priority axis"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="objectives",
    )
    code = models.CharField(_("code"), max_length=60)
    kind = models.CharField(_("kind"), max_length=30, choices=ObjectiveKind.choices)
    title = models.CharField(_("title"), max_length=400)
    beneficiaries = models.TextField(_("beneficiaries"), blank=True)
    budget = _money(_("budget"))
    budget_stated = _stated()
    supported_activities = models.JSONField(_("supported activities"), default=list, blank=True)
    source = _source()
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    translations = translations_field()

    class Meta:
        ordering = ["instrument", "order"]
        constraints = [models.UniqueConstraint(fields=["instrument", "code"], name="uniq_objective_code")]
        verbose_name = _("objective or action")
        verbose_name_plural = _("objectives and actions")

    def __str__(self) -> str:
        return f"{self.code}: {self.title}"

    @property
    def supported_activities_translated(self) -> list[str]:
        """The supported activities in the active language; English unless every item is translated."""
        lang = languages.current()
        items = ((self.translations or {}).get(lang) or {}).get("supported_activities")
        if isinstance(items, list) and len(items) == len(self.supported_activities) and all(items):
            return [str(t) for t in items]
        return list(self.supported_activities)


class Scheme(models.Model):
    instrument = models.ForeignKey(
        PolicyInstrument,
        verbose_name=_("policy instrument"),
        on_delete=models.CASCADE,
        related_name="schemes",
    )
    name = models.CharField(_("name"), max_length=300)
    budget = _money(_("budget"))
    budget_stated = _stated()
    lead_beneficiary = models.CharField(_("lead beneficiary"), max_length=200, blank=True)
    description = models.TextField(_("description"), blank=True)
    source = _source()
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    translations = translations_field()

    class Meta:
        ordering = ["instrument", "order"]
        constraints = [models.UniqueConstraint(fields=["instrument", "name"], name="uniq_scheme_name")]
        verbose_name = _("scheme")
        verbose_name_plural = _("schemes")

    def __str__(self) -> str:
        return self.name


class Call(models.Model):
    instrument = models.ForeignKey(
        PolicyInstrument, verbose_name=_("policy instrument"), on_delete=models.CASCADE, related_name="calls"
    )
    title = models.CharField(_("title"), max_length=300)
    description = models.TextField(_("description"), blank=True)
    for_smes = models.TextField(
        _("in plain words for an SME"),
        blank=True,
        help_text=_(
            "What the call offers and what its state means for an SME owner, shown with the test result."
        ),
    )
    applications = models.PositiveIntegerField(_("applications"), null=True, blank=True)
    granted_share = models.DecimalField(_("granted (%)"), null=True, blank=True, **SHARE)
    granted_share_stated = _stated()
    granted_amount = _money(_("granted amount"))
    granted_amount_stated = _stated()
    contracts_signed = models.PositiveIntegerField(_("grant contracts signed"), null=True, blank=True)
    source = _source()
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    translations = translations_field()

    class Meta:
        ordering = ["instrument", "order"]
        constraints = [models.UniqueConstraint(fields=["instrument", "title"], name="uniq_call_title")]
        verbose_name = _("call")
        verbose_name_plural = _("calls")

    def __str__(self) -> str:
        return self.title


class ResultKind(models.TextChoices):
    RESULT = "result", _("Expected result")
    INDICATOR = "indicator", _("Indicator")


class ExpectedResult(models.Model):
    instrument = models.ForeignKey(
        PolicyInstrument,
        verbose_name=_("policy instrument"),
        on_delete=models.CASCADE,
        related_name="expected_results",
    )
    kind = models.CharField(_("kind"), max_length=20, choices=ResultKind.choices, default=ResultKind.RESULT)
    description = models.CharField(_("description"), max_length=400)
    value = models.DecimalField(_("value"), max_digits=16, decimal_places=2, null=True, blank=True)
    value_stated = _stated()
    unit = models.CharField(_("unit"), max_length=40, blank=True)
    source = _source()
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    translations = translations_field()

    class Meta:
        ordering = ["instrument", "order"]
        constraints = [models.UniqueConstraint(fields=["instrument", "description"], name="uniq_result")]
        verbose_name = _("expected result or indicator")
        verbose_name_plural = _("expected results and indicators")

    def __str__(self) -> str:
        return self.description


class WeaknessKind(models.TextChoices):
    WEAKNESS = "weakness", _("Weakness")
    IMPROVEMENT = "improvement", _("Needed improvement")


class Weakness(models.Model):
    instrument = models.ForeignKey(
        PolicyInstrument,
        verbose_name=_("policy instrument"),
        on_delete=models.CASCADE,
        related_name="weaknesses",
    )
    kind = models.CharField(_("kind"), max_length=20, choices=WeaknessKind.choices)
    text = models.TextField(_("text"))
    source = _source()
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    translations = translations_field()

    class Meta:
        ordering = ["instrument", "order"]
        constraints = [models.UniqueConstraint(fields=["instrument", "order"], name="uniq_weakness_order")]
        verbose_name = _("weakness or needed improvement")
        verbose_name_plural = _("weaknesses and needed improvements")

    def __str__(self) -> str:
        return self.text[:80]


class DataInconsistency(models.Model):
    """A stated figure that contradicts another stated figure of the same source. Kept, not fixed."""

    instrument = models.ForeignKey(
        PolicyInstrument,
        verbose_name=_("policy instrument"),
        on_delete=models.CASCADE,
        related_name="inconsistencies",
    )
    subject = models.CharField(_("subject"), max_length=200)
    stated = models.CharField(_("as stated"), max_length=200)
    expected = models.CharField(_("what the other figures imply"), max_length=300)
    message = models.TextField(_("explanation"))
    source = _source()
    # The parts of the message, so pages can say it in the reader's language.
    axis_code = models.CharField(_("priority axis"), max_length=40, blank=True)
    amount_stated = _stated()
    share_stated = _stated()
    total_stated = _stated()
    computed_share = models.DecimalField(
        _("stated amount / stated total (%)"), max_digits=12, decimal_places=4, null=True, blank=True
    )
    implied_amount = _money(_("amount the stated share implies"))
    esif_amount = _money(_("ESIF amount of the axis"))
    esif_version = models.CharField(_("programme version"), max_length=20, blank=True)

    class Meta:
        ordering = ["instrument", "subject"]
        constraints = [models.UniqueConstraint(fields=["instrument", "subject"], name="uniq_inconsistency")]
        verbose_name = _("data inconsistency")
        verbose_name_plural = _("data inconsistencies")

    def __str__(self) -> str:
        return f"{self.instrument}: {self.subject}"


class ComparisonKind(models.TextChoices):
    TOTAL = "total", _("Programme total")
    AXIS_BUDGET = "axis_budget", _("Budget of a priority axis")
    AXIS_SHARE = "axis_share", _("Share of a priority axis")


class FigureComparison(models.Model):
    """One figure as the project summary states it and as the ESIF planned-finances data has it."""

    instrument = models.ForeignKey(
        PolicyInstrument,
        verbose_name=_("policy instrument"),
        on_delete=models.CASCADE,
        related_name="comparisons",
    )
    subject = models.CharField(_("subject"), max_length=200)
    kind = models.CharField(
        _("kind"), max_length=20, choices=ComparisonKind.choices, default=ComparisonKind.TOTAL
    )
    axis_code = models.CharField(_("priority axis"), max_length=40, blank=True)
    unit = models.CharField(_("unit"), max_length=10, default="EUR")
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    seed_value = models.DecimalField(_("project summary value"), max_digits=18, decimal_places=4)
    seed_stated = _stated()
    seed_source = models.CharField(_("project summary source"), max_length=200)
    seed_date = models.CharField(_("project summary date"), max_length=20)
    esif_value = models.DecimalField(_("ESIF value"), max_digits=18, decimal_places=4)
    esif_column = models.CharField(_("ESIF column"), max_length=10, choices=EsifColumn.choices)
    esif_source = models.CharField(_("ESIF source"), max_length=200)
    esif_version = models.CharField(_("programme version"), max_length=20)
    esif_date = models.CharField(_("ESIF date"), max_length=20)
    differs = models.BooleanField(_("differs beyond the stated precision"), default=False)

    class Meta:
        ordering = ["instrument", "order"]
        constraints = [models.UniqueConstraint(fields=["instrument", "subject"], name="uniq_comparison")]
        verbose_name = _("figure comparison")
        verbose_name_plural = _("figure comparisons")

    def __str__(self) -> str:
        return f"{self.instrument}: {self.subject}"


class Activity(models.Model):
    """An activity the project's methodology prescribes."""

    slug = models.SlugField(_("slug"), max_length=60, unique=True)
    name = models.CharField(_("name"), max_length=200)
    count = models.PositiveSmallIntegerField(_("number"), null=True, blank=True)
    description = models.TextField(_("description"), blank=True)
    source = _source()
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    translations = translations_field()

    class Meta:
        ordering = ["order"]
        verbose_name = _("activity")
        verbose_name_plural = _("activities")

    def __str__(self) -> str:
        return self.name
