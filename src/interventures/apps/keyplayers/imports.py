"""`interventures ecosystem import`: a region's directory from three CSV or XLSX files, checked row by
row (core/ecosystem/rows.py) and written in one transaction: a bad row refuses the whole import.

Organisation ids are the directory's slugs: an id that is already a slug of the region (a partner,
e.g. `pannon-egtc`) updates that organisation's directory fields; a new id creates an organisation.
With `replace`, the region's services and ties, and its organisations that are not project partners,
are removed first."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.db.models import Q

from interventures.apps.accounts.permissions import OPERATOR, Operator
from interventures.apps.classifications.models import NutsRegion
from interventures.apps.common.models import Region
from interventures.apps.partnership.models import Organisation, OrganisationType, PolicyInstrument
from interventures.core import capacity
from interventures.core.ecosystem.rows import Problem, Vocabulary, check
from interventures.core.survey.tabular import Format, LimitError, TableError, read_limited

from .models import WORKING_LANGUAGES, Cost, Service, ServiceType, Tie, TieKind
from .services import NotAllowed, _may_edit_region


class ImportRejected(ValueError):
    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))


@dataclass(frozen=True)
class ImportResult:
    organisations_created: int
    organisations_updated: int
    services: int
    ties: int


def _rows(name: str, filename: str, data: bytes) -> tuple[tuple[str, ...], list[tuple[int, dict[str, Any]]]]:
    fmt = Format.XLSX if filename.lower().endswith(".xlsx") else Format.CSV
    try:
        table = read_limited(data, fmt)
    except (TableError, LimitError) as exc:
        raise ImportRejected([Problem(name, 0, "", str(exc))]) from exc
    return table.columns, [(n, dict(zip(table.columns, cells, strict=False))) for n, cells in table.rows]


def ecosystem_import(
    *, user: Any, region: Region, files: dict[str, tuple[str, bytes]], replace: bool = False
) -> ImportResult:
    """files: {"ORGS": (filename, bytes), "SERVICES": …, "TIES": …}."""
    if not isinstance(user, Operator):
        _may_edit_region(user, region)
    orgs, services, ties = (_rows(name, *files[name]) for name in ("ORGS", "SERVICES", "TIES"))
    model = capacity.load_model()
    existing = {o.slug: o for o in Organisation.objects.filter(region=region)}
    instruments = {i.slug: i for i in PolicyInstrument.objects.filter(region=region)}
    nuts_codes = set(NutsRegion.objects.values_list("code", flat=True))
    checked = check(
        orgs,
        services,
        ties,
        Vocabulary(
            org_types=OrganisationType.values,
            service_types=ServiceType.values,
            dimensions=[d.id for d in model.dimensions],
            stages=[s.id for s in model.stages],
            costs=Cost.values,
            languages=WORKING_LANGUAGES,
            tie_kinds=TieKind.values,
            nuts=nuts_codes,
            instruments=instruments,
            existing_ids=() if replace else existing,
        ),
    )
    others = set(Organisation.objects.exclude(region=region).values_list("slug", flat=True))
    for i, o in enumerate(checked.organisations):
        if o["id"] in others:
            checked.problems.append(
                Problem("ORGS", orgs[1][i][0], "id", f"{o['id']!r} belongs to another region")
            )
    if checked.problems:
        raise ImportRejected(checked.problems)
    with transaction.atomic():
        if replace:
            Tie.objects.filter(Q(source__region=region) | Q(target__region=region)).delete()
            Service.objects.filter(organisation__region=region).delete()
            Organisation.objects.filter(region=region, role="").delete()
            existing = {o.slug: o for o in Organisation.objects.filter(region=region)}
        created = updated = 0
        by_id: dict[str, Organisation] = dict(existing)
        country = (region.countries or [""])[0]
        for o in checked.organisations:
            values = {
                "name": o["name"],
                "type": o["type"],
                "cross_border": bool(o["cross_border_countries"]),
                "cross_border_countries": o["cross_border_countries"],
                "languages": o["languages"],
                "website": o["website"],
                "rsg_member": o["rsg_member"],
                "published": True,
            }
            org = by_id.get(o["id"])
            if org is None:
                org = Organisation.objects.create(
                    slug=o["id"], region=region, country=country, order=1000, **values
                )
                created += 1
            else:
                if org.role:
                    values.pop("name")  # a partner's name comes from the reference data
                for k, v in values.items():
                    setattr(org, k, v)
                org.save(update_fields=list(values))
                updated += 1
            org.nuts_regions.set(NutsRegion.objects.filter(code__in=o["nuts"]))
            by_id[o["id"]] = org
        n_services = 0
        for s in checked.services:
            Service.objects.create(
                organisation=by_id[s["organisation_id"]],
                service_type=s["service_type"],
                name=str(ServiceType(s["service_type"]).label),
                dimensions=s["dimensions"],
                stages=s["stages"],
                cost=s["cost"],
                languages=s["languages"],
                instrument=instruments.get(s["instrument"] or ""),
            )
            n_services += 1
        n_ties = 0
        for t in checked.ties:
            source, target = by_id[t["source_id"]], by_id[t["target_id"]]
            crossing = t["cross_border"]
            if crossing is None:
                crossing = bool(source.country and target.country and source.country != target.country)
            Tie.objects.update_or_create(
                source=source,
                target=target,
                kind=t["kind"],
                defaults={"strength": t["strength"], "cross_border": crossing},
            )
            n_ties += 1
    return ImportResult(created, updated, n_services, n_ties)


__all__ = ["OPERATOR", "ImportRejected", "ImportResult", "NotAllowed", "ecosystem_import"]
