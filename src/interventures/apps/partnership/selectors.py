"""Reads for the partnership domain. Reference data is public: no access scoping applies."""

from __future__ import annotations

from typing import Any

from django.db.models import Prefetch, QuerySet

from interventures.apps.accounts.permissions import visible
from interventures.apps.common.models import Region
from interventures.apps.common.translated import tr

from .models import Activity, Organisation, PolicyInstrument, PriorityAxis, Project


def project_get() -> Project | None:
    return Project.objects.order_by("pk").first()


def region_list() -> QuerySet[Region]:
    """The regions with their partner organisations and instruments (addressed axes included)."""
    return Region.objects.prefetch_related(
        Prefetch("organisations", queryset=organisation_list()),
        Prefetch(
            "instruments",
            queryset=PolicyInstrument.objects.prefetch_related(
                "inconsistencies",
                Prefetch(
                    "axes",
                    queryset=PriorityAxis.objects.filter(addressed=True),
                    to_attr="addressed_axes",
                ),
            ),
        ),
    )


def region_get(*, code: str) -> Region | None:
    return region_list().filter(code=code).first()


def region_by_code(*, code: str) -> Region | None:
    """The region alone, without region_list()'s organisations and instruments."""
    return Region.objects.filter(code=code).first()


def region_plain_list() -> list[Region]:
    """The regions alone, in their order (region_list() with none of its prefetches)."""
    return list(Region.objects.all())


def region_names(lang: str) -> dict[str, str]:
    """Every region's name in `lang`, by code."""
    return {r.code: tr(r, "name", lang) for r in Region.objects.all()}


def region_languages(region: Region) -> list[str]:
    """The region's official languages, as interface language codes."""
    return list(region.languages or [])


def region_partners(region: Region | None) -> list[Organisation]:
    """The region's partner organisations in the project (whom an SME of the region can ask)."""
    if region is None:
        return []
    return list(organisation_list().filter(region=region).order_by("order", "name"))


def organisation_list() -> QuerySet[Organisation]:
    """The partnership's partner organisations (the directory's other organisations have no role)."""
    return Organisation.objects.exclude(role="").select_related("region")


def _instrument_qs() -> QuerySet[PolicyInstrument]:
    return PolicyInstrument.objects.select_related("region").prefetch_related(
        "axes",
        "objectives__axis",
        "schemes",
        "calls",
        "expected_results",
        "weaknesses",
        "inconsistencies",
        "comparisons",
    )


def instrument_list() -> QuerySet[PolicyInstrument]:
    return _instrument_qs()


def instrument_for_region(region: Region) -> PolicyInstrument | None:
    """The region's policy instrument with its axes, objectives, schemes, calls, results, weaknesses,
    inconsistencies and ESIF comparisons prefetched."""
    return _instrument_qs().filter(region=region).first()


def instrument_get(*, slug: str) -> PolicyInstrument | None:
    return _instrument_qs().filter(slug=slug).first()


def activity_list() -> QuerySet[Activity]:
    return Activity.objects.all()


def partner_region_get(*, code: str) -> Region | None:
    """One of the partnership's regions by its code (None for any other code)."""
    return Region.objects.filter(code=code, partner=True).first()


def organisation_visible(*, user: Any, slug: str) -> Organisation | None:
    """The directory entry `slug`, if the user may see it."""
    return visible(user, Organisation.objects.all()).filter(slug=slug).first()


def instrument_in_region(*, region: Region | None, slug: str) -> PolicyInstrument | None:
    """The region's policy instrument `slug` (None when the region has no such instrument)."""
    return PolicyInstrument.objects.filter(slug=slug, region=region).first()
