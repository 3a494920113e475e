"""Writes for the classifications domain: loading NUTS, NACE and the ESIF programme data from the
versioned files in interventures/reference/data, idempotently and in bulk."""

from __future__ import annotations

from decimal import Decimal

from django.db import transaction

from interventures.reference import files
from interventures.reference.sync import Counts, sync_rows

from .models import EsifPlannedAmount, EsifProgramme, NaceActivity, NutsRegion


@transaction.atomic
def nuts_load() -> Counts:
    return sync_rows(NutsRegion, files.nuts_rows(), key=("code", "version"), delete_missing=True).counts


@transaction.atomic
def nace_load() -> Counts:
    return sync_rows(NaceActivity, files.nace_rows(), key=("code",), delete_missing=True).counts


@transaction.atomic
def esif_load() -> dict[str, Counts]:
    """Programmes (one per CCI, with the ETC strand where it applies) and their planned amounts."""
    rows = list(files.esif_rows())
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
    synced = sync_rows(EsifProgramme, programmes.values(), key=("cci",), delete_missing=True)
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
    key = ("programme_id", "fund", "priority", "to_code", "category_of_region", "measure_code", "focus_area_code")
    amount_counts = sync_rows(EsifPlannedAmount, amounts, key=key, delete_missing=True).counts
    return {"ESIF programmes": synced.counts, "ESIF planned amounts": amount_counts}


def classifications_load() -> dict[str, Counts]:
    """Load every classification; returns counts per table (created / updated / unchanged / deleted)."""
    return {"NUTS regions": nuts_load(), "NACE activities": nace_load(), **esif_load()}
