"""The rows of a directory import (`interventures ecosystem import`), checked before anything is
written: every problem names its file, row, column and reason; one problem refuses the whole import.

ORGS:     id,name,type,nuts,cross_border_country,languages,website,rsg_member
SERVICES: organisation_id,service_type,dimensions,stages,cost,languages,instrument
TIES:     source_id,target_id,kind,strength,cross_border
Lists are `;`-separated. Booleans are yes/no, true/false or 1/0 (empty: no; for a tie's
cross_border, empty means "decided from the organisations' countries").

Optional columns (the directory's export writes them, so that an export imported again gives the
same directory); a file without them imports as before:
ORGS:     short_name, country, description, contact, cross_border, published (empty: yes), translations
SERVICES: name (empty: the type's name), description, call (a call's title), needs_cross_border,
          website, translations
TIES:     start_date (YYYY-MM-DD)
`translations` is JSON: {"hu": {"name": "…", "description": "…"}, …}."""

from __future__ import annotations

import json
import re
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

ORG_COLUMNS = ("id", "name", "type", "nuts", "cross_border_country", "languages", "website", "rsg_member")
SERVICE_COLUMNS = (
    "organisation_id",
    "service_type",
    "dimensions",
    "stages",
    "cost",
    "languages",
    "instrument",
)
TIE_COLUMNS = ("source_id", "target_id", "kind", "strength", "cross_border")
ORG_OPTIONAL = (
    "short_name",
    "country",
    "description",
    "contact",
    "cross_border",
    "published",
    "translations",
)
SERVICE_OPTIONAL = ("name", "description", "call", "needs_cross_border", "website", "translations")
TIE_OPTIONAL = ("start_date",)
TRANSLATED = ("name", "description")
_TRUE, _FALSE = {"yes", "true", "1", "y"}, {"no", "false", "0", "n", ""}
_ID = re.compile(r"^[a-z0-9][a-z0-9-]{0,59}$")
_URL = re.compile(r"^https?://[^\s/$.?#][^\s]*$", re.I)


@dataclass(frozen=True)
class Problem:
    file: str
    row: int
    column: str
    reason: str

    def __str__(self) -> str:
        return f"{self.file} row {self.row}, column {self.column}: {self.reason}"


@dataclass(frozen=True)
class Vocabulary:
    """What the values may be: the platform's codes, passed in by the caller."""

    org_types: Collection[str]
    service_types: Collection[str]
    dimensions: Collection[str]
    stages: Collection[str]
    costs: Collection[str]
    languages: Collection[str]
    tie_kinds: Collection[str]
    nuts: Collection[str]
    instruments: Collection[str]
    existing_ids: Collection[str] = ()
    other_ids: Collection[str] = ()  # organisations of other regions: a tie may point at one
    calls: Collection[tuple[str, str]] = ()  # (instrument, call title) of the region's instruments
    translation_languages: Collection[str] = ()


@dataclass
class Checked:
    organisations: list[dict[str, Any]] = field(default_factory=list)
    services: list[dict[str, Any]] = field(default_factory=list)
    ties: list[dict[str, Any]] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)


def _list(value: Any) -> list[str]:
    return [v.strip() for v in str(value or "").split(";") if v.strip()]


def _bool(value: Any) -> bool | None:
    text = str(value or "").strip().lower()
    if text in _TRUE:
        return True
    if text in _FALSE:
        return False
    return None


def _translations(
    file: str, row: int, value: Any, languages: Collection[str], out: list[Problem]
) -> dict[str, dict[str, str]]:
    text = str(value or "").strip()
    if not text:
        return {}
    try:
        data = json.loads(text)
    except ValueError:
        out.append(Problem(file, row, "translations", "expected JSON: {language: {field: text}}"))
        return {}
    if not isinstance(data, dict):
        out.append(Problem(file, row, "translations", "expected JSON: {language: {field: text}}"))
        return {}
    clean: dict[str, dict[str, str]] = {}
    for lang, fields in data.items():
        if lang not in languages:
            out.append(Problem(file, row, "translations", f"unknown language {lang!r}"))
            continue
        if not isinstance(fields, dict) or not all(
            k in TRANSLATED and isinstance(v, str) and len(v) <= 4000 for k, v in fields.items()
        ):
            out.append(
                Problem(file, row, "translations", f"{lang}: expected {{name, description}} texts (≤ 4000)")
            )
            continue
        kept = {k: v.strip() for k, v in fields.items() if v.strip()}
        if kept:
            clean[lang] = kept
    return clean


def _optional_bool(
    file: str, row: int, r: Mapping[str, Any], column: str, default: bool, p: list[Problem]
) -> bool:
    text = str(r.get(column) or "").strip()
    if not text:
        return default
    value = _bool(text)
    if value is None:
        p.append(Problem(file, row, column, "expected yes or no"))
        return default
    return value


def _text(r: Mapping[str, Any], column: str, limit: int, file: str, row: int, p: list[Problem]) -> str:
    text = str(r.get(column) or "").strip()
    if len(text) > limit:
        p.append(Problem(file, row, column, f"at most {limit} characters"))
    return text[:limit]


def _header(file: str, columns: Sequence[str], expected: Sequence[str], out: list[Problem]) -> bool:
    missing = [c for c in expected if c not in columns]
    for c in missing:
        out.append(Problem(file, 1, c, "missing column"))
    return not missing


def check(
    orgs: tuple[Sequence[str], Sequence[tuple[int, Mapping[str, Any]]]],
    services: tuple[Sequence[str], Sequence[tuple[int, Mapping[str, Any]]]],
    ties: tuple[Sequence[str], Sequence[tuple[int, Mapping[str, Any]]]],
    vocabulary: Vocabulary,
) -> Checked:
    """Each argument is (columns, [(row number, {column: value})]) of one file."""
    v = vocabulary
    out = Checked()
    p = out.problems
    ok = _header("ORGS", orgs[0], ORG_COLUMNS, p)
    ok = _header("SERVICES", services[0], SERVICE_COLUMNS, p) and ok
    ok = _header("TIES", ties[0], TIE_COLUMNS, p) and ok
    if not ok:
        return out

    def codes(file: str, row: int, column: str, value: Any, allowed: Collection[str]) -> list[str]:
        items = _list(value)
        for item in items:
            if item not in allowed:
                p.append(Problem(file, row, column, f"unknown code {item!r}"))
        return items

    ids: set[str] = set()
    for row, r in orgs[1]:
        oid = str(r.get("id") or "").strip().lower()
        if not _ID.match(oid):
            p.append(Problem("ORGS", row, "id", "required: lower-case letters, digits and -, at most 60"))
        elif oid in ids:
            p.append(Problem("ORGS", row, "id", f"{oid!r} appears twice"))
        ids.add(oid)
        name = str(r.get("name") or "").strip()
        if not name:
            p.append(Problem("ORGS", row, "name", "required"))
        kind = str(r.get("type") or "").strip()
        if kind not in v.org_types:
            p.append(Problem("ORGS", row, "type", f"unknown type {kind!r}"))
        countries = [c.upper() for c in _list(r.get("cross_border_country"))]
        for c in countries:
            if not re.fullmatch(r"[A-Z]{2}", c):
                p.append(
                    Problem("ORGS", row, "cross_border_country", f"{c!r} is not a two-letter country code")
                )
        website = str(r.get("website") or "").strip()
        if website and not _URL.match(website):
            p.append(Problem("ORGS", row, "website", f"{website!r} is not an http(s) address"))
        rsg = _bool(r.get("rsg_member"))
        if rsg is None:
            p.append(Problem("ORGS", row, "rsg_member", "expected yes or no"))
        country = str(r.get("country") or "").strip().upper()
        if country and not re.fullmatch(r"[A-Z]{2}", country):
            p.append(Problem("ORGS", row, "country", f"{country!r} is not a two-letter country code"))
        out.organisations.append(
            {
                "id": oid,
                "name": name,
                "type": kind,
                "nuts": codes("ORGS", row, "nuts", r.get("nuts"), v.nuts),
                "cross_border_countries": countries,
                "languages": codes("ORGS", row, "languages", r.get("languages"), v.languages),
                "website": website,
                "rsg_member": bool(rsg),
                "short_name": _text(r, "short_name", 60, "ORGS", row, p),
                "country": country or None,
                "description": _text(r, "description", 10000, "ORGS", row, p),
                "contact": _text(r, "contact", 300, "ORGS", row, p),
                "cross_border": _optional_bool("ORGS", row, r, "cross_border", bool(countries), p),
                "published": _optional_bool("ORGS", row, r, "published", True, p),
                "translations": _translations("ORGS", row, r.get("translations"), v.translation_languages, p),
            }
        )
    known = ids | set(v.existing_ids)
    for row, r in services[1]:
        oid = str(r.get("organisation_id") or "").strip().lower()
        if oid not in known:
            p.append(
                Problem("SERVICES", row, "organisation_id", f"no organisation {oid!r} in ORGS or the region")
            )
        stype = str(r.get("service_type") or "").strip()
        if stype not in v.service_types:
            p.append(Problem("SERVICES", row, "service_type", f"unknown service type {stype!r}"))
        cost = str(r.get("cost") or "").strip() or "free"
        if cost not in v.costs:
            p.append(Problem("SERVICES", row, "cost", f"unknown cost {cost!r}"))
        instrument = str(r.get("instrument") or "").strip()
        if instrument and instrument not in v.instruments:
            p.append(
                Problem("SERVICES", row, "instrument", f"no policy instrument {instrument!r} in this region")
            )
        call = str(r.get("call") or "").strip()
        if call and (instrument, call) not in set(v.calls):
            p.append(Problem("SERVICES", row, "call", f"no call {call!r} of the instrument {instrument!r}"))
        website = str(r.get("website") or "").strip()
        if website and not _URL.match(website):
            p.append(Problem("SERVICES", row, "website", f"{website!r} is not an http(s) address"))
        out.services.append(
            {
                "name": _text(r, "name", 200, "SERVICES", row, p),
                "description": _text(r, "description", 10000, "SERVICES", row, p),
                "call": call or None,
                "needs_cross_border": _optional_bool("SERVICES", row, r, "needs_cross_border", False, p),
                "website": website,
                "translations": _translations(
                    "SERVICES", row, r.get("translations"), v.translation_languages, p
                ),
                "organisation_id": oid,
                "service_type": stype,
                "dimensions": codes("SERVICES", row, "dimensions", r.get("dimensions"), v.dimensions),
                "stages": codes("SERVICES", row, "stages", r.get("stages"), v.stages),
                "cost": cost,
                "languages": codes("SERVICES", row, "languages", r.get("languages"), v.languages),
                "instrument": instrument or None,
            }
        )
    seen: set[tuple[str, str, str]] = set()
    others = set(v.other_ids)
    for row, r in ties[1]:
        source = str(r.get("source_id") or "").strip().lower()
        target = str(r.get("target_id") or "").strip().lower()
        if source not in known:
            p.append(Problem("TIES", row, "source_id", f"no organisation {source!r} in ORGS or the region"))
        if target not in known and target not in others:
            p.append(Problem("TIES", row, "target_id", f"no organisation {target!r} in the directory"))
        if source and source == target:
            p.append(Problem("TIES", row, "target_id", "an organisation cannot be tied to itself"))
        kind = str(r.get("kind") or "").strip()
        if kind not in v.tie_kinds:
            p.append(Problem("TIES", row, "kind", f"unknown kind {kind!r}"))
        if (source, target, kind) in seen:
            p.append(Problem("TIES", row, "kind", "the same tie appears twice"))
        seen.add((source, target, kind))
        strength_text = str(r.get("strength") or "").strip()
        strength = None
        if strength_text:
            if strength_text not in ("1", "2", "3"):
                p.append(Problem("TIES", row, "strength", "expected 1, 2 or 3"))
            else:
                strength = int(strength_text)
        crossing_text = str(r.get("cross_border") or "").strip()
        crossing = _bool(crossing_text) if crossing_text else None
        if crossing_text and crossing is None:
            p.append(Problem("TIES", row, "cross_border", "expected yes or no"))
        start = str(r.get("start_date") or "").strip()[:10]
        if start:
            try:
                date.fromisoformat(start)
            except ValueError:
                p.append(Problem("TIES", row, "start_date", "expected a date as YYYY-MM-DD"))
                start = ""
        out.ties.append(
            {
                "start_date": start or None,
                "source_id": source,
                "target_id": target,
                "kind": kind,
                "strength": strength,
                "cross_border": crossing,
            }
        )
    return out
