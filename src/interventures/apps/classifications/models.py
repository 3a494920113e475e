"""Classifications and programme data: NUTS regions (2016, 2021, 2024) with Eurostat's border
typology, NACE Rev. 2 with titles in the partnership's languages, and the planned finances of every
2014–2020 ESIF programme. Loaded from reference/data by services.classifications_load."""

from __future__ import annotations

from typing import TypedDict

from django.db import models
from django.utils.translation import gettext_lazy as _


class _Digits(TypedDict):
    max_digits: int
    decimal_places: int


MONEY: _Digits = {"max_digits": 16, "decimal_places": 2}


class BorderType(models.TextChoices):
    NON_BORDER = "Non-border", _("Non-border")
    INTERNAL = "Land border (internal)", _("Internal land border")
    EXTERNAL = "Land border (external)", _("External land border")
    POPULATION = "Border with population threshold", _("Border (population threshold)")


class NutsRegion(models.Model):
    code = models.CharField(_("code"), max_length=9)
    version = models.PositiveSmallIntegerField(_("NUTS version"))
    level = models.PositiveSmallIntegerField(_("level"))
    country = models.CharField(_("country"), max_length=2)
    name = models.CharField(_("name"), max_length=200)
    border = models.CharField(
        _("border typology"),
        max_length=40,
        blank=True,
        choices=BorderType.choices,
        help_text=_("Eurostat's typology of NUTS 3 regions (NUTS 2024)"),
    )

    class Meta:
        ordering = ["version", "code"]
        constraints = [models.UniqueConstraint(fields=["code", "version"], name="uniq_nuts_code_version")]
        indexes = [models.Index(fields=["version", "level", "country"], name="nuts_version_level_country")]
        verbose_name = _("NUTS region")
        verbose_name_plural = _("NUTS regions")

    def __str__(self) -> str:
        return f"{self.code} {self.name} (NUTS {self.version})"


class NaceActivity(models.Model):
    code = models.CharField(_("code"), max_length=8, unique=True)
    level = models.PositiveSmallIntegerField(_("level"))
    parent_code = models.CharField(_("parent"), max_length=8, blank=True)
    section = models.CharField(_("section"), max_length=1)
    isic_rev4 = models.CharField(_("ISIC Rev. 4"), max_length=20, blank=True)
    titles = models.JSONField(_("titles"), default=dict, help_text=_("By language code"))

    class Meta:
        ordering = ["code"]
        indexes = [models.Index(fields=["level"], name="nace_level")]
        verbose_name = _("NACE activity")
        verbose_name_plural = _("NACE activities")

    def __str__(self) -> str:
        return f"{self.code} {self.title()}"

    def title(self, lang: str = "en") -> str:
        """The title in `lang` (English where missing). Eurostat writes section titles in capitals;
        they are shown in sentence case, as the divisions are, while the stored source text stays as is."""
        text = str(self.titles.get(lang) or self.titles.get("en") or self.code)
        if self.level == 1:
            return text[:1].upper() + text[1:].lower()
        return text


class EsifProgramme(models.Model):
    cci = models.CharField(_("CCI"), max_length=20, unique=True)
    title = models.CharField(_("title"), max_length=200)
    version = models.CharField(_("programme version"), max_length=10)
    member_state = models.CharField(_("member state"), max_length=2)
    member_state_name = models.CharField(_("member state name"), max_length=60)
    funds = models.CharField(_("funds"), max_length=60)
    strand = models.CharField(
        _("ETC strand"),
        max_length=60,
        blank=True,
        help_text=_("For European Territorial Cooperation programmes"),
    )

    class Meta:
        ordering = ["cci"]
        verbose_name = _("ESIF programme")
        verbose_name_plural = _("ESIF programmes")

    def __str__(self) -> str:
        return f"{self.cci} {self.title}"


class EsifPlannedAmount(models.Model):
    programme = models.ForeignKey(
        EsifProgramme, verbose_name=_("ESIF programme"), on_delete=models.CASCADE, related_name="amounts"
    )
    fund = models.CharField(_("fund"), max_length=10)
    priority = models.CharField(_("priority axis"), max_length=10)
    to_code = models.CharField(_("thematic objective"), max_length=10, blank=True)
    to_short = models.CharField(_("thematic objective (short)"), max_length=80, blank=True)
    to_long = models.CharField(_("thematic objective (long)"), max_length=200, blank=True)
    category_of_region = models.CharField(_("category of region"), max_length=60, blank=True)
    measure_code = models.CharField(_("EAFRD measure"), max_length=10, blank=True)
    measure = models.CharField(_("EAFRD measure description"), max_length=100, blank=True)
    focus_area_code = models.CharField(_("EAFRD focus area"), max_length=10, blank=True)
    focus_area = models.CharField(_("EAFRD focus area description"), max_length=100, blank=True)
    eu_amount = models.DecimalField(_("EU amount"), **MONEY)
    national_amount = models.DecimalField(_("national amount"), **MONEY)
    total_amount = models.DecimalField(_("total amount"), **MONEY)
    eu_cofinancing_rate = models.DecimalField(_("EU co-financing rate (%)"), max_digits=7, decimal_places=3)

    class Meta:
        ordering = ["programme", "priority", "fund"]
        constraints = [
            models.UniqueConstraint(
                fields=[
                    "programme",
                    "fund",
                    "priority",
                    "to_code",
                    "category_of_region",
                    "measure_code",
                    "focus_area_code",
                ],
                name="uniq_esif_planned_row",
            )
        ]
        verbose_name = _("ESIF planned amount")
        verbose_name_plural = _("ESIF planned amounts")

    def __str__(self) -> str:
        return f"{self.programme.cci} {self.fund} {self.priority}"
