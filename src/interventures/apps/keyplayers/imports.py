"""`interventures ecosystem import`: a region's directory from three CSV or XLSX files, checked row by
row (core/ecosystem/rows.py) and written in one transaction: a bad row refuses the whole import.

Organisation ids are the directory's slugs: an id that is already a slug of the region (a partner,
e.g. `pannon-egtc`) updates that organisation's directory fields; a new id creates an organisation.
With `replace`, the region's directory becomes what the files say: its services and ties (those whose
source is in the region) are removed first, and so are its organisations that are neither project
partners nor in ORGS (an organisation in ORGS is updated in place, keeping its comments and the ties
other regions record to it). Optional columns (core/ecosystem/rows.py) carry what the directory's
export writes besides the documented ones, so that an export imported again gives the same
directory. A tie's target may be an organisation of another region that the importer may see."""

from __future__ import annotations

from base64 import b64encode
from dataclasses import asdict, dataclass
from datetime import date, timedelta
from typing import Any

from django.db import transaction
from django.utils import timezone

from interventures.apps.accounts.permissions import OPERATOR, Operator, visible
from interventures.apps.classifications.models import NutsRegion
from interventures.apps.common.languages import codes
from interventures.apps.common.models import Region
from interventures.apps.partnership.models import Call, Organisation, OrganisationType, PolicyInstrument
from interventures.core import capacity
from interventures.core.ecosystem.rows import Problem, Vocabulary, check
from interventures.core.survey.tabular import Format, LimitError, Limits, TableError, read_limited

from .models import (
    WORKING_LANGUAGES,
    Cost,
    DirectoryImport,
    ImportStatus,
    Service,
    ServiceType,
    Tie,
    TieKind,
)
from .services import NotAllowed, _may_edit_region


class ImportRejected(ValueError):
    """The import's problems; `rows` holds each file's rows by number, for the refused-rows file."""

    def __init__(
        self, problems: list[Problem], rows: dict[tuple[str, int], dict[str, Any]] | None = None
    ) -> None:
        self.problems = problems
        self.rows = rows or {}
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
        table = read_limited(data, fmt, import_limits())
    except (TableError, LimitError) as exc:
        raise ImportRejected([Problem(name, 0, "", str(exc))]) from exc
    return table.columns, [(n, dict(zip(table.columns, cells, strict=False))) for n, cells in table.rows]


Table = tuple[tuple[str, ...], list[tuple[int, dict[str, Any]]]]


@dataclass
class _Checked:
    checked: Any
    existing: dict[str, Organisation]
    instruments: dict[str, PolicyInstrument]
    columns: dict[str, set[str]]


def _check(*, user: Any, region: Region, files: dict[str, tuple[str, bytes]], replace: bool) -> _Checked:
    """Read and check the three files; ImportRejected with every problem (nothing is written)."""
    if not isinstance(user, Operator):
        _may_edit_region(user, region)
    tables: dict[str, Table] = {}
    problems: list[Problem] = []
    for name in ("ORGS", "SERVICES", "TIES"):
        try:
            tables[name] = _rows(name, *files[name])
        except ImportRejected as exc:
            problems += exc.problems
    if problems:
        raise ImportRejected(problems)
    orgs, services, ties = tables["ORGS"], tables["SERVICES"], tables["TIES"]
    model = capacity.load_model()
    existing = {o.slug: o for o in Organisation.objects.filter(region=region)}
    instruments = {i.slug: i for i in PolicyInstrument.objects.filter(region=region)}
    nuts_codes = set(NutsRegion.objects.values_list("code", flat=True))
    calls = set(Call.objects.filter(instrument__region=region).values_list("instrument__slug", "title"))
    elsewhere = Organisation.objects.exclude(region=region)
    if not isinstance(user, Operator):
        elsewhere = visible(user, elsewhere)
    other_ids = set(elsewhere.values_list("slug", flat=True))
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
            other_ids=other_ids,
            calls=calls,
            translation_languages=[c for c in codes() if c != "en"],
        ),
    )
    others = set(Organisation.objects.exclude(region=region).values_list("slug", flat=True))
    for i, o in enumerate(checked.organisations):
        if o["id"] in others:
            checked.problems.append(
                Problem("ORGS", orgs[1][i][0], "id", f"{o['id']!r} belongs to another region")
            )
    if checked.problems:
        rows = {(name, n): r for name, table in tables.items() for n, r in table[1]}
        raise ImportRejected(checked.problems, rows)
    return _Checked(checked, existing, instruments, {k: set(t[0]) for k, t in tables.items()})


def ecosystem_preview(
    *, user: Any, region: Region, files: dict[str, tuple[str, bytes]], replace: bool = False
) -> dict[str, Any]:
    """What `ecosystem_import` would do with these files, without writing: the organisations it
    creates and updates (id, name), the services and ties it writes, and with `replace` what it
    removes first. ImportRejected as the import would be."""
    found = _check(user=user, region=region, files=files, replace=replace)
    orgs = found.checked.organisations
    listed_ids = {o["id"] for o in orgs}
    kept = (
        {slug: o for slug, o in found.existing.items() if o.role or slug in listed_ids}
        if replace
        else dict(found.existing)
    )
    removed: dict[str, int] = {}
    if replace:
        listed = [o["id"] for o in orgs]
        removed = {
            "services": Service.objects.filter(organisation__region=region).count(),
            "ties": Tie.objects.filter(source__region=region).count(),
            "organisations": Organisation.objects.filter(region=region, role="")
            .exclude(slug__in=listed)
            .count(),
        }
    return {
        "created": [[o["id"], o["name"]] for o in orgs if o["id"] not in kept],
        "updated": [[o["id"], o["name"]] for o in orgs if o["id"] in kept],
        "services": len(found.checked.services),
        "ties": len(found.checked.ties),
        "replace": replace,
        "removed": removed,
    }


def ecosystem_import(
    *, user: Any, region: Region, files: dict[str, tuple[str, bytes]], replace: bool = False
) -> ImportResult:
    """files: {"ORGS": (filename, bytes), "SERVICES": …, "TIES": …}."""
    found = _check(user=user, region=region, files=files, replace=replace)
    checked, existing, instruments = found.checked, found.existing, found.instruments
    with transaction.atomic():
        if replace:
            listed = [o["id"] for o in checked.organisations]
            Tie.objects.filter(source__region=region).delete()
            Service.objects.filter(organisation__region=region).delete()
            Organisation.objects.filter(region=region, role="").exclude(slug__in=listed).delete()
            existing = {o.slug: o for o in Organisation.objects.filter(region=region)}
        created = updated = 0
        by_id: dict[str, Organisation] = dict(existing)
        country = (region.countries or [""])[0]
        for o in checked.organisations:
            values = {
                "name": o["name"],
                "type": o["type"],
                "cross_border": o["cross_border"],
                "cross_border_countries": o["cross_border_countries"],
                "languages": o["languages"],
                "website": o["website"],
                "rsg_member": o["rsg_member"],
                "published": o["published"],
                "short_name": o["short_name"],
                "description": o["description"],
                "contact": o["contact"],
                "translations": o["translations"],
            }
            if o["country"]:
                values["country"] = o["country"]
            for optional in ("short_name", "description", "contact", "translations"):
                if optional not in found.columns["ORGS"]:  # an older file leaves them as they are
                    values.pop(optional)
            org = by_id.get(o["id"])
            if org is None:
                org = Organisation.objects.create(
                    slug=o["id"], region=region, order=1000, **({"country": country} | values)
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
        calls = {(c.instrument.slug, c.title): c for c in Call.objects.filter(instrument__region=region)}
        for s in checked.services:
            Service.objects.create(
                organisation=by_id[s["organisation_id"]],
                service_type=s["service_type"],
                name=s["name"] or str(ServiceType(s["service_type"]).label),
                description=s["description"],
                dimensions=s["dimensions"],
                stages=s["stages"],
                cost=s["cost"],
                languages=s["languages"],
                instrument=instruments.get(s["instrument"] or ""),
                call=calls.get((s["instrument"] or "", s["call"] or "")),
                needs_cross_border=s["needs_cross_border"],
                website=s["website"],
                translations=s["translations"],
            )
            n_services += 1
        elsewhere = {
            o.slug: o
            for o in Organisation.objects.exclude(region=region).filter(
                slug__in={t["target_id"] for t in checked.ties} - set(by_id)
            )
        }
        n_ties = 0
        for t in checked.ties:
            source = by_id[t["source_id"]]
            target = by_id.get(t["target_id"]) or elsewhere[t["target_id"]]
            crossing = t["cross_border"]
            if crossing is None:
                crossing = bool(source.country and target.country and source.country != target.country)
            defaults: dict[str, Any] = {"strength": t["strength"], "cross_border": crossing}
            if "start_date" in found.columns["TIES"]:
                defaults["start_date"] = date.fromisoformat(t["start_date"]) if t["start_date"] else None
            Tie.objects.update_or_create(source=source, target=target, kind=t["kind"], defaults=defaults)
            n_ties += 1
    return ImportResult(created, updated, n_services, n_ties)


# ---- the upload page: stage, show, then import ----------------------------------------------------

#: A staged upload not imported within this time is removed when the next one is staged.
STAGED_FOR = timedelta(days=1)


def import_limits() -> Limits:
    """The survey imports' limits for one file (INTERVENTURES_IMPORT_LIMITS changes both)."""
    from django.conf import settings

    return Limits(**getattr(settings, "INTERVENTURES_IMPORT_LIMITS", {}))


def _problem_dicts(exc: ImportRejected) -> list[dict[str, Any]]:
    return [
        {
            "file": p.file,
            "row": p.row,
            "column": p.column,
            "reason": p.reason,
            "value": "" if not p.column else str(exc.rows.get((p.file, p.row), {}).get(p.column) or ""),
            "cells": {
                str(k): "" if v is None else str(v) for k, v in exc.rows.get((p.file, p.row), {}).items()
            },
        }
        for p in exc.problems
    ]


@transaction.atomic
def directory_import_stage(
    *, user: Any, region: Region, files: dict[str, tuple[str, bytes]], replace: bool = False
) -> DirectoryImport:
    """Keep the three files and check them: the staged import says what it would create, or every
    problem (file, row, column, reason). Nothing of the directory is written."""
    _may_edit_region(user, region)
    limit = import_limits().max_bytes
    for name, (_filename, data) in files.items():
        if len(data) > limit:
            raise ImportRejected(
                [Problem(name, 0, "", f"the file has {len(data)} bytes; at most {limit} are accepted")]
            )
    DirectoryImport.objects.filter(
        created_at__lt=timezone.now() - STAGED_FOR, status__in=[ImportStatus.CHECKED, ImportStatus.REFUSED]
    ).delete()
    staged = DirectoryImport(
        region=region,
        created_by=user if getattr(user, "is_authenticated", False) else None,
        replace=replace,
        organisations_name=files["ORGS"][0][:200],
        organisations_data=b64encode(files["ORGS"][1]).decode("ascii"),
        services_name=files["SERVICES"][0][:200],
        services_data=b64encode(files["SERVICES"][1]).decode("ascii"),
        ties_name=files["TIES"][0][:200],
        ties_data=b64encode(files["TIES"][1]).decode("ascii"),
    )
    try:
        staged.summary = ecosystem_preview(user=user, region=region, files=staged.files(), replace=replace)
        staged.status = ImportStatus.CHECKED
    except ImportRejected as exc:
        staged.problems, staged.status = _problem_dicts(exc), ImportStatus.REFUSED
    staged.save()
    return staged


@transaction.atomic
def directory_import_commit(*, user: Any, staged: DirectoryImport) -> DirectoryImport:
    """Import a checked upload, all or nothing (checked again: the directory may have changed since).
    A refusal is kept on the staged import with its problems."""
    _may_edit_region(user, staged.region)
    staged = DirectoryImport.objects.select_for_update().get(pk=staged.pk)
    if staged.status != ImportStatus.CHECKED:
        raise ImportRejected([Problem("ORGS", 0, "", "this upload is not waiting to be imported")])
    try:
        result = ecosystem_import(
            user=user, region=staged.region, files=staged.files(), replace=staged.replace
        )
    except ImportRejected as exc:
        staged.problems, staged.status = _problem_dicts(exc), ImportStatus.REFUSED
        staged.save(update_fields=["problems", "status"])
        return staged
    staged.status, staged.imported_at = ImportStatus.IMPORTED, timezone.now()
    staged.summary = {**staged.summary, "result": asdict(result)}
    # The files are not needed once imported: the directory holds what they said.
    staged.organisations_data = staged.services_data = staged.ties_data = ""
    staged.save()
    return staged


def refused_rows_csv(staged: DirectoryImport) -> bytes:
    """The problems of a refused upload, one line each with the row's cells, formula-safe."""
    import io

    from interventures.core.cells import csv_writer

    columns: list[str] = []
    for p in staged.problems:
        columns += [c for c in (p.get("cells") or {}) if c not in columns]
    buf = io.StringIO()
    writer = csv_writer(buf)
    writer.writerow(["file", "row", "column", "reason", "value", *columns])
    for p in staged.problems:
        cells = p.get("cells") or {}
        writer.writerow(
            [
                p["file"],
                p["row"],
                p["column"],
                p["reason"],
                p.get("value", ""),
                *(cells.get(c, "") for c in columns),
            ]
        )
    return buf.getvalue().encode("utf-8-sig")


__all__ = [
    "OPERATOR",
    "ImportRejected",
    "ImportResult",
    "NotAllowed",
    "directory_import_commit",
    "directory_import_stage",
    "ecosystem_import",
    "ecosystem_preview",
    "refused_rows_csv",
]
