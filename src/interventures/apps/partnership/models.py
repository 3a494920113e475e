"""The partnership: project, border regions, partner organisations, policy instruments, activities.

Reference data arrives from versioned files in interventures/reference/data via
services.reference_load; nothing here is typed into migrations.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class Region(models.Model):
    """One of the partnership's border regions (or another EU border region an agency adds)."""

    code = models.SlugField(_("code"), max_length=20, unique=True)
    name = models.CharField(_("name"), max_length=200)

    class Meta:
        ordering = ["code"]
        verbose_name = _("region")
        verbose_name_plural = _("regions")

    def __str__(self) -> str:
        return self.name
