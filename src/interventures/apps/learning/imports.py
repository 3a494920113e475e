"""A participants list for an event, from a CSV or XLSX file: read within the platform's upload limits
(core/survey/tabular.py, the reader and limits the survey imports use), checked row by row, and the
good rows registered in one transaction with the record of the import. A refused row registers
nobody: it is kept on the record with its cells and its reasons, to be downloaded, corrected and
uploaded again.

Columns (headers in any case; `name` and `stakeholder_type` are required): name, email, organisation
(a directory slug or name; otherwise kept as text), stakeholder_type and gender (codes, or their
names in English or the reader's language), attended (yes/no, 1/0, true/false, x)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils import translation

from interventures.apps.accounts.permissions import Action, Operator, require
from interventures.apps.partnership.models import Organisation
from interventures.core.survey.tabular import (
    Format,
    LimitError,
    Limits,
    TableError,
    UnreadFormula,
    read_limited,
)

from .models import Event, Gender, Participant, ParticipantImport, StakeholderType

LIMITS = Limits(max_bytes=2 * 1024 * 1024, max_rows=5_000, max_columns=50)
"""A participants list is short: a large event has a few hundred people."""

COLUMNS = ("name", "email", "organisation", "stakeholder_type", "gender", "attended")
REQUIRED = ("name", "stakeholder_type")
YES = {"yes", "y", "1", "true", "x", "igen", "da", "sì", "si", "tak", "sí", "taip"}
NO = {"", "no", "n", "0", "false", "nem", "ne", "nie", "non"}


class ImportRefused(ValueError):
    """The whole file is refused (unreadable, over a limit, required columns missing): `code` and
    `params` let the page say why in the reader's language (labels.import_reason)."""

    def __init__(self, code: str, **params: Any) -> None:
        super().__init__(code)
        self.code, self.params = code, params


@dataclass(frozen=True)
class Reason:
    code: str
    column: str = ""
    params: dict[str, Any] | None = None

    def as_dict(self) -> dict[str, Any]:
        return {"code": self.code, "column": self.column, "params": dict(self.params or {})}


def _choice_lookup(choices: Any) -> dict[str, str]:
    """code, English name and the active language's name → code (casefolded)."""
    out: dict[str, str] = {}
    for value, label in choices.choices:
        out[value.casefold()] = value
        out[str(label).casefold()] = value
        with translation.override("en"):
            out[str(label).casefold()] = value
    return out


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return " ".join(str(value).split())


def _table(filename: str, data: bytes) -> tuple[tuple[str, ...], list[tuple[int, dict[str, Any]]]]:
    fmt = Format.XLSX if filename.lower().endswith(".xlsx") else Format.CSV
    try:
        table = read_limited(data, fmt, LIMITS)
    except LimitError as exc:
        raise ImportRefused(f"limit_{exc.code}", **exc.params) from exc
    except TableError as exc:
        raise ImportRefused("unreadable", detail=str(exc)) from exc
    columns = tuple(c.strip().casefold() for c in table.columns)
    missing = [c for c in REQUIRED if c not in columns]
    if missing:
        raise ImportRefused("missing_columns", columns=", ".join(missing))
    return table.columns, [(n, dict(zip(columns, cells, strict=False))) for n, cells in table.rows]


def participants_import(*, user: Any, event: Event, filename: str, data: bytes) -> ParticipantImport:
    """Register the file's good rows for `event` (its host region's partner or the coordinator) and
    keep the refused ones with their reasons. Raises ImportRefused for a file refused as a whole."""
    if not isinstance(user, Operator):
        require(user, Action.EDIT, event)
    if len(data) > LIMITS.max_bytes:  # before anything parses it
        raise ImportRefused("limit_too_large", size=len(data), limit=LIMITS.max_bytes)
    header, rows = _table(filename, data)
    types, genders = _choice_lookup(StakeholderType), _choice_lookup(Gender)
    organisations: dict[str, Organisation] = {}
    for known in Organisation.objects.all():
        organisations.setdefault(known.slug.casefold(), known)
        for name in (known.name, known.short_name):
            if name:
                organisations.setdefault(name.casefold(), known)
    taken = set(Participant.objects.filter(event=event).exclude(email="").values_list("email", flat=True))
    good: list[Participant] = []
    rejected: list[dict[str, Any]] = []
    for number, raw in rows:
        reasons: list[Reason] = []
        if any(isinstance(v, UnreadFormula) for v in raw.values()):
            reasons.append(Reason("formula"))
        cells = {c: _cell(raw.get(c)) for c in COLUMNS}
        if not cells["name"]:
            reasons.append(Reason("name_missing", "name"))
        elif len(cells["name"]) > 200:
            reasons.append(Reason("too_long", "name", {"limit": 200}))
        email = cells["email"].lower()
        if email:
            try:
                validate_email(email)
            except ValidationError:
                reasons.append(Reason("email_invalid", "email", {"value": email}))
            else:
                if email in taken:
                    reasons.append(Reason("email_taken", "email", {"value": email}))
        kind = types.get(cells["stakeholder_type"].casefold())
        if kind is None:
            reasons.append(Reason("type_unknown", "stakeholder_type", {"value": cells["stakeholder_type"]}))
        gender = genders.get(cells["gender"].casefold()) if cells["gender"] else Gender.UNDISCLOSED
        if gender is None:
            reasons.append(Reason("gender_unknown", "gender", {"value": cells["gender"]}))
        attended = cells["attended"].casefold()
        if attended not in YES | NO:
            reasons.append(Reason("attended_unknown", "attended", {"value": cells["attended"]}))
        org_text = cells["organisation"]
        if len(org_text) > 300:
            reasons.append(Reason("too_long", "organisation", {"limit": 300}))
        if reasons:
            rejected.append(
                {
                    "row": number,
                    "raw": {h: _cell(raw.get(h.strip().casefold())) for h in header},
                    "reasons": [r.as_dict() for r in reasons],
                }
            )
            continue
        if email:
            taken.add(email)
        org: Organisation | None = organisations.get(org_text.casefold()) if org_text else None
        good.append(
            Participant(
                event=event,
                name=cells["name"],
                email=email,
                organisation=org,
                organisation_name="" if org is not None else org_text,
                stakeholder_type=kind or StakeholderType.OTHER,
                gender=gender or Gender.UNDISCLOSED,
                attended=attended in YES,
            )
        )
    with transaction.atomic():
        for p in good:  # one by one: each gets its own random feedback key
            p.save()
        return ParticipantImport.objects.create(
            event=event,
            filename=filename[:200],
            created_by=None if isinstance(user, Operator) else user,
            imported=len(good),
            columns=list(header),
            rejected=rejected,
        )
