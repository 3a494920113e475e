"""Reads of the shared vocabulary."""

from __future__ import annotations

from collections.abc import Mapping

from django.db.models import QuerySet

from .models import Region

OTHER_COLOUR = "#6b7280"
"""The colour of a region without one of its own (grey, 4.8:1 on white)."""


def partner_regions() -> QuerySet[Region]:
    """The partnership's regions, in the reference data's order."""
    return Region.objects.filter(partner=True)


def region_by_code(*, code: str) -> Region | None:
    """Any region (a partner's or another border region) by its code."""
    return Region.objects.filter(code=code).first()


def partner_region_codes() -> tuple[str, ...]:
    return tuple(partner_regions().values_list("code", flat=True))


def region_colours(names: Mapping[str, str]) -> dict[str, str]:
    """The chart colour of each region by its displayed name, from {region code: name}."""
    colours = dict(Region.objects.filter(code__in=list(names)).values_list("code", "colour"))
    return {name: colours.get(code) or OTHER_COLOUR for code, name in names.items()}
