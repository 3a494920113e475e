"""Reads for the classifications domain."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Count, Q, QuerySet, Sum

from .models import BorderType, EsifPlannedAmount, EsifProgramme, NaceActivity, NutsRegion

NUTS_CURRENT = 2024


def nace_sections(lang: str = "en") -> list[dict[str, str]]:
    """The 21 NACE Rev. 2 sections with their titles in `lang` (English where a title is missing)."""
    return [
        {"code": a.code, "title": a.title(lang)}
        for a in NaceActivity.objects.filter(level=1).order_by("code")
    ]


def nace_get(*, code: str) -> NaceActivity | None:
    return NaceActivity.objects.filter(code=code).first()


def nuts_get(*, code: str, version: int = 2016) -> NutsRegion | None:
    return NutsRegion.objects.filter(code=code, version=version).first()


def nuts_names(codes: list[str], *, version: int) -> dict[str, str]:
    return dict(NutsRegion.objects.filter(code__in=codes, version=version).values_list("code", "name"))


def nuts3_within(codes: Iterable[str], *, version: int = NUTS_CURRENT) -> list[NutsRegion]:
    """The NUTS 3 regions (of one NUTS version) that a list of codes covers: the NUTS 3 codes it
    names and every NUTS 3 region under a shorter code it names (a country, NUTS 1 or NUTS 2), in
    code order. One query."""
    codes = [c.strip().upper() for c in codes if c and c.strip()]
    if not codes:
        return []
    covered = Q(code__in=[c for c in codes if len(c) == 5])
    for prefix in (c for c in codes if len(c) < 5):
        covered |= Q(code__startswith=prefix)
    return list(NutsRegion.objects.filter(covered, version=version, level=3).order_by("code"))


def nuts3_border_regions(country: str | None = None, *, border: str | None = None) -> QuerySet[NutsRegion]:
    """NUTS 3 regions (NUTS 2024) Eurostat classifies as border regions, optionally of one country
    and of one border type."""
    qs = (
        NutsRegion.objects.filter(version=NUTS_CURRENT, level=3)
        .exclude(border="")
        .exclude(border=BorderType.NON_BORDER)
    )
    if country:
        qs = qs.filter(country=country.upper())
    if border:
        qs = qs.filter(border=border)
    return qs.order_by("country", "code")


def nuts_countries(version: int = NUTS_CURRENT) -> list[str]:
    return list(
        NutsRegion.objects.filter(version=version)
        .values_list("country", flat=True)
        .distinct()
        .order_by("country")
    )


def esif_programmes(query: str = "", *, country: str = "") -> QuerySet[EsifProgramme]:
    """Programmes whose title or CCI contains `query`, optionally of one member state
    ("TC" lists the territorial cooperation programmes)."""
    qs = EsifProgramme.objects.all()
    if query:
        qs = qs.filter(Q(title__icontains=query) | Q(cci__icontains=query))
    if country:
        qs = qs.filter(member_state=country.upper())
    return qs.annotate(total=Sum("amounts__total_amount"), eu=Sum("amounts__eu_amount")).order_by("cci")


def esif_member_states() -> list[tuple[str, str]]:
    return list(
        EsifProgramme.objects.values_list("member_state", "member_state_name")
        .distinct()
        .order_by("member_state")
    )


def esif_programme_get(*, cci: str) -> EsifProgramme | None:
    return EsifProgramme.objects.filter(cci=cci).first()


@dataclass(frozen=True)
class AxisTotal:
    priority: str
    funds: str
    thematic_objectives: str
    eu: Decimal
    national: Decimal
    total: Decimal


def _priority_sort_key(code: str) -> tuple[int, int | str]:
    roman = {
        "I": 1,
        "II": 2,
        "III": 3,
        "IV": 4,
        "V": 5,
        "VI": 6,
        "VII": 7,
        "VIII": 8,
        "IX": 9,
        "X": 10,
        "XI": 11,
        "XII": 12,
        "XIII": 13,
        "XIV": 14,
        "XV": 15,
    }
    if code.isdigit():
        return (0, int(code))
    if code in roman:
        return (0, roman[code])
    return (1, code)


def esif_axis_totals(programme: EsifProgramme) -> list[AxisTotal]:
    """Planned amounts summed by priority axis (over funds, thematic objectives, categories of region)."""
    rows = (
        EsifPlannedAmount.objects.filter(programme=programme)
        .values("priority")
        .annotate(
            eu=Sum("eu_amount"), national=Sum("national_amount"), total=Sum("total_amount"), n=Count("id")
        )
    )
    details: dict[str, tuple[set[str], set[str]]] = {}
    for fund, priority, to_code in EsifPlannedAmount.objects.filter(programme=programme).values_list(
        "fund", "priority", "to_code"
    ):
        f, t = details.setdefault(priority, (set(), set()))
        f.add(fund)
        if to_code:
            t.add(to_code)
    result = [
        AxisTotal(
            priority=r["priority"],
            funds="/".join(sorted(details[r["priority"]][0])),
            thematic_objectives=", ".join(sorted(details[r["priority"]][1])),
            eu=r["eu"],
            national=r["national"],
            total=r["total"],
        )
        for r in rows
    ]
    return sorted(result, key=lambda a: _priority_sort_key(a.priority))


def esif_programme_totals(programme: EsifProgramme) -> dict[str, Decimal]:
    agg = EsifPlannedAmount.objects.filter(programme=programme).aggregate(
        eu=Sum("eu_amount"), national=Sum("national_amount"), total=Sum("total_amount")
    )
    return {k: v or Decimal(0) for k, v in agg.items()}


def nuts_list(
    *, version: int = NUTS_CURRENT, level: int | None = None, country: str = "", border: str = "", q: str = ""
) -> QuerySet[NutsRegion]:
    """NUTS regions of one version, filtered (the API's list; codes ascending)."""
    qs = NutsRegion.objects.filter(version=version)
    if level is not None:
        qs = qs.filter(level=level)
    if country:
        qs = qs.filter(country=country.upper())
    if border:
        qs = qs.filter(border=border)
    if q:
        qs = qs.filter(Q(code__istartswith=q) | Q(name__icontains=q))
    return qs.order_by("code")


def nace_list(*, level: int | None = None, section: str = "", parent: str = "") -> QuerySet[NaceActivity]:
    """NACE activities, filtered (the API's list; codes ascending)."""
    qs = NaceActivity.objects.all()
    if level is not None:
        qs = qs.filter(level=level)
    if section:
        qs = qs.filter(section=section.upper())
    if parent:
        qs = qs.filter(parent_code=parent)
    return qs.order_by("code")
