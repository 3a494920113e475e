"""Writes of the key players directory. Each takes the acting user (or OPERATOR for the command
line and the demo) and checks it through the permissions module: the region's partner edits its
region's entries, stakeholders comment, the coordinator and administrators edit every region."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import Any

from django.db import transaction
from django.utils.text import slugify

from interventures.apps.accounts.permissions import OPERATOR, Action, Operator, can, can_edit_directory
from interventures.apps.classifications.models import NutsRegion
from interventures.apps.common.models import Region
from interventures.apps.partnership.models import Call, Organisation, OrganisationType, PolicyInstrument
from interventures.core import capacity

from .models import (
    WORKING_LANGUAGES,
    Comment,
    Cost,
    Improvement,
    ImprovementStatus,
    Service,
    ServiceType,
    Tie,
    TieKind,
)
from .selectors import region_ecosystem


class DirectoryError(ValueError):
    """Input the directory refuses, with a message naming what is wrong."""


class NotAllowed(PermissionError):
    """The user may not do this to this entry."""


def _check(user: Any, action: Action, obj: Any) -> None:
    if isinstance(user, Operator):
        return
    if not can(user, action, obj):
        raise NotAllowed(action.value)


def _may_edit_region(user: Any, region: Region) -> None:
    if isinstance(user, Operator) or can_edit_directory(user, region.pk):
        return
    raise NotAllowed("edit")


def _codes(values: Iterable[str], allowed: Iterable[str], what: str) -> list[str]:
    allowed = list(allowed)
    out = []
    for v in values:
        v = v.strip()
        if not v:
            continue
        if v not in allowed:
            raise DirectoryError(f"{what}: unknown value {v!r}; expected one of {', '.join(allowed)}")
        if v not in out:
            out.append(v)
    return out


def _unique_slug(name: str, region: Region | None) -> str:
    base = slugify(f"{region.code if region else 'eu'}-{name}")[:50] or "organisation"
    slug, n = base, 2
    while Organisation.objects.filter(slug=slug).exists():
        slug, n = f"{base}-{n}", n + 1
    return slug


ORGANISATION_FIELDS = (
    "name",
    "short_name",
    "type",
    "description",
    "country",
    "cross_border",
    "cross_border_countries",
    "languages",
    "website",
    "contact",
    "rsg_member",
    "published",
    "translations",
)

#: The directory's content that carries translations (docs/architecture.md: `translations_field`).
TRANSLATED_FIELDS = ("name", "description")


def _clean_translations(value: Any) -> dict[str, dict[str, str]]:
    """{lang: {field: text}} for the platform's languages other than English, the translated fields
    only, texts trimmed and bounded."""
    from interventures.apps.common.languages import codes

    if not isinstance(value, dict):
        raise DirectoryError("translations: expected {language: {field: text}}")
    out: dict[str, dict[str, str]] = {}
    for lang, fields in value.items():
        if lang not in codes() or lang == "en":
            raise DirectoryError(f"translations: unknown language {lang!r}")
        if not isinstance(fields, dict):
            raise DirectoryError(f"translations: {lang}: expected {{field: text}}")
        clean = {}
        for name, text in fields.items():
            if name not in TRANSLATED_FIELDS:
                raise DirectoryError(f"translations: {lang}: {name!r} is not translated")
            text = str(text or "").strip()
            if len(text) > 4000:
                raise DirectoryError(f"translations: {lang}: {name}: at most 4000 characters")
            if text:
                clean[name] = text
        if clean:
            out[lang] = clean
    return out


def _clean_organisation(values: dict[str, Any]) -> dict[str, Any]:
    out = {k: values[k] for k in ORGANISATION_FIELDS if k in values}
    if "name" in out and not str(out["name"]).strip():
        raise DirectoryError("name: required")
    if out.get("type"):
        _codes([out["type"]], OrganisationType.values, "type")
    if "languages" in out:
        out["languages"] = _codes(out["languages"], WORKING_LANGUAGES, "languages")
    if "translations" in out:
        out["translations"] = _clean_translations(out["translations"])
    if "cross_border_countries" in out:
        out["cross_border_countries"] = [
            c.strip().upper() for c in out["cross_border_countries"] if c.strip()
        ]
        bad = [c for c in out["cross_border_countries"] if len(c) != 2 or not c.isalpha()]
        if bad:
            raise DirectoryError(f"cross_border_countries: not a two-letter country code: {', '.join(bad)}")
    return out


@transaction.atomic
def organisation_create(
    *,
    user: Any,
    region: Region,
    values: dict[str, Any],
    nuts: Iterable[NutsRegion] = (),
    is_demo: bool = False,
) -> Organisation:
    _may_edit_region(user, region)
    clean = _clean_organisation(values)
    org = Organisation.objects.create(
        region=region,
        slug=_unique_slug(str(clean["name"]), region),
        order=1000,
        is_demo=is_demo,
        **clean,
    )
    org.nuts_regions.set(list(nuts))
    return org


@transaction.atomic
def organisation_update(
    *, user: Any, organisation: Organisation, values: dict[str, Any], nuts: Iterable[NutsRegion] | None = None
) -> Organisation:
    _check(user, Action.EDIT, organisation)
    clean = _clean_organisation(values)
    for k, v in clean.items():
        setattr(organisation, k, v)
    organisation.save(update_fields=list(clean))
    if nuts is not None:
        organisation.nuts_regions.set(list(nuts))
    return organisation


def _clean_service(values: dict[str, Any]) -> dict[str, Any]:
    model = capacity.load_model()
    out = dict(values)
    if not str(out.get("name", "")).strip():
        raise DirectoryError("name: required")
    _codes([out.get("service_type", "")], ServiceType.values, "service_type")
    out["dimensions"] = _codes(out.get("dimensions", []), [d.id for d in model.dimensions], "dimensions")
    out["stages"] = _codes(out.get("stages", []), [s.id for s in model.stages], "stages")
    _codes([out.get("cost", Cost.FREE)], Cost.values, "cost")
    out["languages"] = _codes(out.get("languages", []), WORKING_LANGUAGES, "languages")
    if "translations" in out:
        out["translations"] = _clean_translations(out["translations"])
    return out


def _check_funding(
    organisation: Organisation, instrument: PolicyInstrument | None, call: Call | None
) -> None:
    if call is not None and instrument is not None and call.instrument_id != instrument.pk:
        raise DirectoryError("call: it belongs to another policy instrument")


@transaction.atomic
def service_create(
    *, user: Any, organisation: Organisation, values: dict[str, Any], is_demo: bool = False
) -> Service:
    _check(user, Action.EDIT, organisation)
    clean = _clean_service(values)
    _check_funding(organisation, clean.get("instrument"), clean.get("call"))
    return Service.objects.create(organisation=organisation, is_demo=is_demo, **clean)


@transaction.atomic
def service_update(*, user: Any, service: Service, values: dict[str, Any]) -> Service:
    _check(user, Action.EDIT, service)
    clean = _clean_service(values)
    _check_funding(service.organisation, clean.get("instrument"), clean.get("call"))
    for k, v in clean.items():
        setattr(service, k, v)
    service.save(update_fields=list(clean))
    return service


@transaction.atomic
def service_delete(*, user: Any, service: Service) -> None:
    _check(user, Action.EDIT, service)
    service.delete()


@transaction.atomic
def tie_create(
    *,
    user: Any,
    source: Organisation,
    target: Organisation,
    kind: str,
    strength: int | None = None,
    start_date: date | None = None,
    cross_border: bool | None = None,
    is_demo: bool = False,
) -> Tie:
    _check(user, Action.EDIT, source)
    _codes([kind], TieKind.values, "kind")
    if source.pk == target.pk:
        raise DirectoryError("target: an organisation cannot be tied to itself")
    if strength is not None and not 1 <= strength <= 3:
        raise DirectoryError("strength: expected 1, 2 or 3")
    if Tie.objects.filter(source=source, target=target, kind=kind).exists():
        raise DirectoryError("target: this tie is already recorded")
    if cross_border is None:
        cross_border = bool(source.country and target.country and source.country != target.country)
    return Tie.objects.create(
        source=source,
        target=target,
        kind=kind,
        strength=strength,
        start_date=start_date,
        cross_border=cross_border,
        is_demo=is_demo,
    )


@transaction.atomic
def tie_delete(*, user: Any, tie: Tie) -> None:
    _check(user, Action.EDIT, tie)
    tie.delete()


@transaction.atomic
def comment_add(*, user: Any, organisation: Organisation, text: str) -> Comment:
    _check(user, Action.COMMENT, organisation)
    text = text.strip()
    if not text:
        raise DirectoryError("text: required")
    if len(text) > 4000:
        raise DirectoryError("text: at most 4000 characters")
    return Comment.objects.create(
        organisation=organisation, author=None if isinstance(user, Operator) else user, text=text
    )


@transaction.atomic
def improvements_refresh(*, user: Any, region: Region) -> list[Improvement]:
    """Bring the region's improvement list in line with the latest findings. A partner's decision
    (accepted, edited, dismissed) stays with its item; items no longer found are kept, marked."""
    _may_edit_region(user, region)
    eco = region_ecosystem(user=OPERATOR if isinstance(user, Operator) else user, region=region)
    existing = {i.key: i for i in Improvement.objects.select_for_update().filter(region=region)}
    found = set()
    for f in eco.findings:
        found.add(f.key)
        item = existing.get(f.key)
        if item is None:
            existing[f.key] = Improvement.objects.create(
                region=region, key=f.key, kind=f.kind, rank=f.rank, evidence=dict(f.evidence)
            )
        else:
            item.rank, item.evidence, item.current = f.rank, dict(f.evidence), True
            item.save(update_fields=["rank", "evidence", "current", "updated_at"])
    for key, item in existing.items():
        if key not in found and item.current:
            item.current = False
            item.save(update_fields=["current", "updated_at"])
    return list(Improvement.objects.filter(region=region))


@transaction.atomic
def improvement_decide(
    *,
    user: Any,
    improvement: Improvement,
    status: str,
    note: str | None = None,
    for_action_plan: bool = False,
) -> Improvement:
    _check(user, Action.EDIT, improvement)
    _codes([status], ImprovementStatus.values, "status")
    improvement.status = status
    if note is not None:
        improvement.note = note.strip()[:4000]
    improvement.for_action_plan = bool(for_action_plan) and status == ImprovementStatus.ACCEPTED
    improvement.save(update_fields=["status", "note", "for_action_plan", "updated_at"])
    return improvement
