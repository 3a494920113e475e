"""Writes for the classifications domain: loading NUTS, NACE and the ESIF programme data from the
versioned files in interventures/reference/data, idempotently and in bulk."""

from __future__ import annotations

from collections.abc import Collection
from decimal import Decimal

from django.db import transaction

from interventures.apps.common import versions
from interventures.reference import files
from interventures.reference.sync import Counts, sync_rows

from .models import EsifPlannedAmount, EsifProgramme, NaceActivity, NutsRegion


@transaction.atomic
def nuts_load(*, countries: Collection[str] | None = None) -> Counts:
    """All NUTS regions, or only those of `countries` (a quicker partial load, e.g. for tests)."""
    rows = files.nuts_rows()
    scope = NutsRegion.objects.all()
    if countries is not None:
        rows = (r for r in rows if r["country"] in countries)
        scope = scope.filter(country__in=countries)
    return sync_rows(NutsRegion, rows, key=("code", "version"), scope=scope, delete_missing=True).counts


@transaction.atomic
def nace_load() -> Counts:
    return sync_rows(NaceActivity, files.nace_rows(), key=("code",), delete_missing=True).counts


@transaction.atomic
def esif_load(*, ccis: Collection[str] | None = None) -> dict[str, Counts]:
    """Programmes (one per CCI, with the ETC strand where it applies) and their planned amounts;
    all of them, or only the programmes in `ccis`."""
    rows = list(files.esif_rows(ccis))
    strands = {r["CCI"]: r["strand"] for r in files.etc_rows()}
    programmes: dict[str, dict[str, str]] = {}
    funds: dict[str, list[str]] = {}
    for row in rows:
        cci = row["cci"]
        programmes.setdefault(
            cci,
            {
                "cci": cci,
                "title": row["title"],
                "version": row["version"],
                "member_state": row["member_state"],
                "member_state_name": row["member_state_name"],
                "strand": strands.get(cci, ""),
            },
        )
        if row["fund"] not in funds.setdefault(cci, []):
            funds[cci].append(row["fund"])
    for cci, programme in programmes.items():
        programme["funds"] = "/".join(sorted(funds[cci]))
    programme_scope = (
        EsifProgramme.objects.all() if ccis is None else EsifProgramme.objects.filter(cci__in=ccis)
    )
    synced = sync_rows(
        EsifProgramme, programmes.values(), key=("cci",), scope=programme_scope, delete_missing=True
    )
    ids = {cci: obj.pk for (cci,), obj in synced.objects.items()}
    amounts = (
        {
            "programme_id": ids[row["cci"]],
            "fund": row["fund"],
            "priority": row["priority"],
            "to_code": row["to_code"],
            "to_short": row["to_short"],
            "to_long": row["to_long"],
            "category_of_region": row["category_of_region"],
            "measure_code": row["measure_code"],
            "measure": row["measure"],
            "focus_area_code": row["focus_area_code"],
            "focus_area": row["focus_area"],
            "eu_amount": Decimal(row["eu_amount"]).quantize(Decimal("0.01")),
            "national_amount": Decimal(row["national_amount"]).quantize(Decimal("0.01")),
            "total_amount": Decimal(row["total_amount"]).quantize(Decimal("0.01")),
            "eu_cofinancing_rate": Decimal(row["eu_cofinancing_rate"]).quantize(Decimal("0.001")),
        }
        for row in rows
    )
    key = (
        "programme_id",
        "fund",
        "priority",
        "to_code",
        "category_of_region",
        "measure_code",
        "focus_area_code",
    )
    amount_scope = EsifPlannedAmount.objects.filter(programme__in=programme_scope)
    amount_counts = sync_rows(
        EsifPlannedAmount, amounts, key=key, scope=amount_scope, delete_missing=True
    ).counts
    return {"ESIF programmes": synced.counts, "ESIF planned amounts": amount_counts}


def classifications_load() -> dict[str, Counts]:
    """Load every classification; returns counts per table (created / updated / unchanged / deleted)."""
    counts = {"NUTS regions": nuts_load(), "NACE activities": nace_load(), **esif_load()}
    versions.changed()  # bulk writes send no model signals
    return counts
