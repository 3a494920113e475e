"""The shared vocabulary: the border regions every domain belongs to, and the EU size classes of
enterprises. Defined once here, below every domain app (docs/architecture.md, "the floors")."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db import models
from django.utils.translation import gettext_lazy as _

from .translated import tr, translations_field

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise


class SizeClass(models.TextChoices):
    """Enterprise size classes of Commission Recommendation 2003/361/EC (headcount; an SME also
    stays within the turnover or balance-sheet ceiling). The preparedness test is for SMEs and
    offers the first three (`SME`); surveys and population figures use all four."""

    MICRO = "micro", _("Micro (fewer than 10 employees)")
    SMALL = "small", _("Small (10 to 49 employees)")
    MEDIUM = "medium", _("Medium-sized (50 to 249 employees)")
    LARGE = "large", _("Large (250 or more employees)")


SME = (SizeClass.MICRO, SizeClass.SMALL, SizeClass.MEDIUM)
SIZE_ORDER: tuple[str, ...] = tuple(SizeClass.values)
"""Size classes from the smallest: the order of every table and chart."""


def sme_choices() -> list[tuple[str, StrOrPromise]]:
    return [(c.value, c.label) for c in SME]


class Region(models.Model):
    """A border region: one of the partnership's (loaded from the reference data, with its chart
    colour) or another EU border region an agency adds."""

    code = models.SlugField(_("code"), max_length=20, unique=True)
    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=120, blank=True)
    countries = models.JSONField(_("countries"), default=list, blank=True)
    neighbouring_countries = models.JSONField(_("neighbouring countries"), default=list, blank=True)
    languages = models.JSONField(_("languages"), default=list, blank=True)
    nuts_level = models.PositiveSmallIntegerField(_("NUTS level"), null=True, blank=True)
    nuts = models.JSONField(
        _("NUTS codes"), default=dict, blank=True, help_text=_('By NUTS version, e.g. {"2016": ["ITC4"]}')
    )
    partner = models.BooleanField(
        _("partnership region"),
        default=False,
        help_text=_("One of the regions of the INTER VENTURES partnership"),
    )
    colour = models.CharField(
        _("chart colour"),
        max_length=7,
        blank=True,
        help_text=_("The region's colour on every chart, e.g. #1d4ed8"),
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    translations = translations_field()

    class Meta:
        ordering = ["order", "code"]
        verbose_name = _("region")
        verbose_name_plural = _("regions")

    def __str__(self) -> str:
        return self.label

    @property
    def label(self) -> str:
        """The region's name in the active language (English when no translation exists)."""
        return tr(self, "name")


class ContentVersion(models.Model):
    """One row: a random token that changes whenever content that pages build from is written
    (apps/common/versions.py). Kept in the database, so every server process and machine sees the
    same token (the embedded default's cache is per process)."""

    token = models.CharField(max_length=32)
    changed_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("content version")
        verbose_name_plural = _("content versions")

    def __str__(self) -> str:
        return self.token
