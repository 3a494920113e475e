"""Writes for the partnership domain: loading the partnership, its five policy instruments and the
methodology's activities from interventures/reference/data, checking every stated amount and share,
and cross-checking the instruments against the ESIF programme data.

The loader never changes a stated figure. Where a share does not match amount / total within the
precision the source states them, it records a DataInconsistency; where the ESIF data differs from the
seed, it records both figures (FigureComparison) with their sources and dates."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.db import transaction

from interventures.apps.common import versions
from interventures.apps.common.models import Region
from interventures.reference import files
from interventures.reference.figures import Figure, agrees, check_share, parse_figure
from interventures.reference.sync import Counts, sync_rows

from .models import (
    Activity,
    Call,
    ComparisonKind,
    DataInconsistency,
    EsifColumn,
    ExpectedResult,
    FigureComparison,
    Objective,
    Organisation,
    PolicyInstrument,
    PriorityAxis,
    Project,
    Scheme,
    Weakness,
)


class ReferenceDataError(Exception):
    """A reference file contradicts itself in a way the loader cannot record (e.g. an unknown region)."""


@dataclass
class LoadReport:
    counts: dict[str, Counts] = field(default_factory=dict)
    inconsistencies: list[str] = field(default_factory=list)
    differences: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


def _eur(value: Decimal) -> str:
    return f"{value:,.0f} €"


def _pct(value: Decimal, places: int = 2) -> str:
    return f"{value:.{places}f} %"


def _figure(spec: dict[str, Any] | None) -> Figure | None:
    if not spec:
        return None
    return parse_figure(spec["value"], stated=spec.get("stated", ""))


def _money(fig: Figure | None) -> Decimal | None:
    return None if fig is None else fig.value.quantize(Decimal("0.01"))


def _share(fig: Figure | None) -> Decimal | None:
    return None if fig is None else fig.value.quantize(Decimal("0.001"))


def _stated(fig: Figure | None) -> str:
    return "" if fig is None else fig.stated


@transaction.atomic
def partnership_reference_load() -> LoadReport:
    """Load partnership.yaml, instruments.yaml and activities.yaml (idempotent)."""
    report = LoadReport()
    _load_partnership(report)
    _load_instruments(report)
    _load_activities(report)
    versions.changed()  # bulk writes send no model signals
    return report


def _clean(text: Any) -> Any:
    """Whitespace as the base fields have it: folded YAML text on one line, items of lists alike."""
    if isinstance(text, str):
        return " ".join(text.split())
    if isinstance(text, list):
        return [_clean(t) for t in text]
    return text


def _translations(spec: dict[str, Any], fields: tuple[str, ...], where: str) -> dict[str, dict[str, Any]]:
    """The `translations` of a YAML entry, checked: platform languages only, translatable fields only."""
    languages = {code for code, _name in settings.LANGUAGES} - {"en"}
    found: dict[str, dict[str, Any]] = {}
    for lang, texts in (spec.get("translations") or {}).items():
        if lang not in languages:
            raise ReferenceDataError(f"{where}: translation into unknown language {lang!r}")
        unknown = set(texts or {}) - set(fields)
        if unknown:
            raise ReferenceDataError(f"{where}: no translatable field {', '.join(sorted(unknown))} ({lang})")
        found[lang] = {name: _clean(text) for name, text in (texts or {}).items()}
    return found


# The fields of each kind of entry that readers see, so translatable.
PROJECT_TEXT = ("title", "topic", "summary", "questions")
REGION_TEXT = ("name", "kind")
ORGANISATION_TEXT = ("name",)
INSTRUMENT_TEXT = ("name", "programme_type", "fund", "description", "comparison_note")
AXIS_TEXT = ("title",)
OBJECTIVE_TEXT = ("title", "beneficiaries", "supported_activities")
# Fields that are figures or codes as the source writes them, translated where they hold words
# ("2,48 billion €", "PA3 objective 1"), not where they are digits and signs ("117.878 €", "SO 1.1").
INSTRUMENT_WORDED = ("total_budget_stated",)
OBJECTIVE_WORDED = ("code",)
SCHEME_TEXT = ("name", "lead_beneficiary", "description")
CALL_TEXT = ("title", "description", "for_smes")
RESULT_TEXT = ("description", "unit")
WEAKNESS_TEXT = ("text",)
ACTIVITY_TEXT = ("name", "description")


def _load_partnership(report: LoadReport) -> None:
    data = files.read_yaml("partnership.yaml")
    project = dict(data["project"])
    project["questions"] = list(project.get("questions", []))
    project["translations"] = _translations(project, PROJECT_TEXT, "project")
    report.counts["projects"] = sync_rows(Project, [project], key=("acronym",)).counts
    regions = [
        {
            "code": r["code"],
            "name": r["name"],
            "kind": r.get("kind", ""),
            "countries": r.get("countries", []),
            "neighbouring_countries": r.get("neighbouring_countries", []),
            "languages": r.get("languages", []),
            "nuts_level": r.get("nuts_level"),
            "nuts": {str(k): v for k, v in (r.get("nuts") or {}).items()},
            "partner": True,
            "colour": r.get("colour", ""),
            "order": i,
            "translations": _translations(r, REGION_TEXT, f"region {r['code']}"),
        }
        for i, r in enumerate(data["regions"])
    ]
    # Regions are never deleted by the loader: users and companies point at them.
    synced = sync_rows(
        Region, regions, key=("code",), scope=Region.objects.filter(code__in=[r["code"] for r in regions])
    )
    report.counts["regions"] = synced.counts
    region_ids = {code: obj.pk for (code,), obj in synced.objects.items()}
    organisations = []
    for i, o in enumerate(data["organisations"]):
        if o.get("region") and o["region"] not in region_ids:
            raise ReferenceDataError(f"organisation {o['slug']}: unknown region {o['region']!r}")
        organisations.append(
            {
                "slug": o["slug"],
                "name": o["name"],
                "short_name": o.get("short_name", ""),
                "region_id": region_ids.get(o.get("region") or ""),
                "country": o.get("country", ""),
                "role": o["role"],
                "type": o.get("type", ""),
                # The partners are the first entries of the public key players directory.
                "published": True,
                "order": i,
                "translations": _translations(o, ORGANISATION_TEXT, f"organisation {o['slug']}"),
            }
        )
    report.counts["partner organisations"] = sync_rows(Organisation, organisations, key=("slug",)).counts


def _load_activities(report: LoadReport) -> None:
    data = files.read_yaml("activities.yaml")
    rows = [
        {
            "slug": a["slug"],
            "name": a["name"],
            "count": a.get("count"),
            "description": a.get("description", ""),
            "source": a.get("source", "seed"),
            "order": i,
            "translations": _translations(a, ACTIVITY_TEXT, f"activity {a['slug']}"),
        }
        for i, a in enumerate(data["activities"])
    ]
    report.counts["activities"] = sync_rows(Activity, rows, key=("slug",), delete_missing=True).counts


def _add(report: LoadReport, name: str, counts: Counts) -> None:
    report.counts.setdefault(name, Counts()).add(counts)


def _load_instruments(report: LoadReport) -> None:
    data = files.read_yaml("instruments.yaml")
    region_ids = dict(Region.objects.values_list("code", "pk"))
    specs = data["instruments"]
    rows = []
    for i, s in enumerate(specs):
        if s["region"] not in region_ids:
            raise ReferenceDataError(f"instrument {s['slug']}: unknown region {s['region']!r}")
        total = _figure(s.get("total_budget"))
        esif = s.get("esif") or {}
        rows.append(
            {
                "slug": s["slug"],
                "region_id": region_ids[s["region"]],
                "name": s["name"],
                "programme_type": s.get("programme_type", ""),
                "fund": s.get("fund", ""),
                "cci": esif.get("cci", ""),
                "description": s.get("description", ""),
                "total_budget": _money(total),
                "total_budget_stated": _stated(total),
                "priority_axes_count": s.get("priority_axes_count"),
                "technical_assistance": s.get("technical_assistance"),
                "esif_column": esif.get("column", ""),
                "comparison_note": esif.get("note", ""),
                "source": s.get("source", "seed"),
                "order": i,
                "translations": _translations(
                    s, INSTRUMENT_TEXT + INSTRUMENT_WORDED, f"instrument {s['slug']}"
                ),
            }
        )
    synced = sync_rows(PolicyInstrument, rows, key=("slug",), delete_missing=True)
    _add(report, "policy instruments", synced.counts)
    instruments = {slug: obj for (slug,), obj in synced.objects.items()}
    ids = [obj.pk for obj in instruments.values()]

    axes, objectives, schemes, calls, results, weaknesses = [], [], [], [], [], []
    for s in specs:
        inst = instruments[s["slug"]]
        default_source = s.get("source", "seed")  # a fact without its own source has its instrument's
        for i, a in enumerate(s.get("axes", [])):
            budget, share = _figure(a.get("budget")), _figure(a.get("share"))
            axes.append(
                {
                    "instrument_id": inst.pk,
                    "code": a["code"],
                    "esif_code": a.get("esif_code", ""),
                    "title": a["title"],
                    "addressed": bool(a.get("addressed")),
                    "budget": _money(budget),
                    "budget_stated": _stated(budget),
                    "share": _share(share),
                    "share_stated": _stated(share),
                    "source": a.get("source", default_source),
                    "order": i,
                    "translations": _translations(a, AXIS_TEXT, f"{s['slug']} axis {a['code']}"),
                }
            )
        for i, sc in enumerate(s.get("schemes", [])):
            budget = _figure(sc.get("budget"))
            schemes.append(
                {
                    "instrument_id": inst.pk,
                    "name": sc["name"],
                    "budget": _money(budget),
                    "budget_stated": _stated(budget),
                    "lead_beneficiary": sc.get("lead_beneficiary", ""),
                    "description": sc.get("description", ""),
                    "source": sc.get("source", default_source),
                    "order": i,
                    "translations": _translations(sc, SCHEME_TEXT, f"{s['slug']} scheme {sc['name']}"),
                }
            )
        for i, c in enumerate(s.get("calls", [])):
            share, amount = _figure(c.get("granted_share")), _figure(c.get("granted_amount"))
            calls.append(
                {
                    "instrument_id": inst.pk,
                    "title": c["title"],
                    "description": c.get("description", ""),
                    "for_smes": c.get("for_smes", ""),
                    "applications": c.get("applications"),
                    "granted_share": _share(share),
                    "granted_share_stated": _stated(share),
                    "granted_amount": _money(amount),
                    "granted_amount_stated": _stated(amount),
                    "contracts_signed": c.get("contracts_signed"),
                    "source": c.get("source", default_source),
                    "order": i,
                    "translations": _translations(c, CALL_TEXT, f"{s['slug']} call {c['title']}"),
                }
            )
        for i, r in enumerate(s.get("expected_results", [])):
            results.append(
                {
                    "instrument_id": inst.pk,
                    "kind": r.get("kind", "result"),
                    "description": r["description"],
                    "value": Decimal(r["value"]) if r.get("value") is not None else None,
                    "value_stated": r.get("value_stated", ""),
                    "unit": r.get("unit", ""),
                    "source": r.get("source", default_source),
                    "order": i,
                    "translations": _translations(r, RESULT_TEXT, f"{s['slug']} result {r['description']}"),
                }
            )
        for i, w in enumerate(s.get("weaknesses", [])):
            weaknesses.append(
                {
                    "instrument_id": inst.pk,
                    "kind": w["kind"],
                    "text": w["text"].strip(),
                    "source": w.get("source", default_source),
                    "order": i,
                    "translations": _translations(w, WEAKNESS_TEXT, f"{s['slug']} weakness {i + 1}"),
                }
            )

    def scoped(model: Any) -> Any:
        return model.objects.filter(instrument_id__in=ids)

    axis_sync = sync_rows(
        PriorityAxis, axes, key=("instrument_id", "code"), scope=scoped(PriorityAxis), delete_missing=True
    )
    _add(report, "priority axes", axis_sync.counts)
    axis_ids = {k: obj.pk for k, obj in axis_sync.objects.items()}
    for s in specs:
        inst = instruments[s["slug"]]
        default_source = s.get("source", "seed")
        for i, o in enumerate(s.get("objectives", [])):
            budget = _figure(o.get("budget"))
            axis_key = (inst.pk, o["axis"]) if o.get("axis") else None
            if axis_key is not None and axis_key not in axis_ids:
                raise ReferenceDataError(
                    f"{s['slug']}: objective {o['code']} names unknown axis {o['axis']!r}"
                )
            objectives.append(
                {
                    "instrument_id": inst.pk,
                    "axis_id": axis_ids[axis_key] if axis_key else None,
                    "code": o["code"],
                    "kind": o["kind"],
                    "title": " ".join(o["title"].split()),
                    "beneficiaries": " ".join(o.get("beneficiaries", "").split()),
                    "budget": _money(budget),
                    "budget_stated": _stated(budget),
                    "supported_activities": [" ".join(t.split()) for t in o.get("supported_activities", [])],
                    "source": o.get("source", default_source),
                    "order": i,
                    "translations": _translations(
                        o, OBJECTIVE_TEXT + OBJECTIVE_WORDED, f"{s['slug']} objective {o['code']}"
                    ),
                }
            )
    for name, model, rows_, key in (
        ("objectives and actions", Objective, objectives, ("instrument_id", "code")),
        ("schemes", Scheme, schemes, ("instrument_id", "name")),
        ("calls", Call, calls, ("instrument_id", "title")),
        ("expected results", ExpectedResult, results, ("instrument_id", "description")),
        ("weaknesses and improvements", Weakness, weaknesses, ("instrument_id", "order")),
    ):
        _add(report, name, sync_rows(model, rows_, key=key, scope=scoped(model), delete_missing=True).counts)

    inconsistencies, comparisons = [], []
    for s in specs:
        inst = instruments[s["slug"]]
        esif = _esif_figures(s, inst, report)
        inconsistencies.extend(_check_shares(s, inst, report, esif))
        comparisons.extend(_compare_with_esif(s, inst, report, esif))
    _add(
        report,
        "data inconsistencies",
        sync_rows(
            DataInconsistency,
            inconsistencies,
            key=("instrument_id", "subject"),
            scope=scoped(DataInconsistency),
            delete_missing=True,
        ).counts,
    )
    _add(
        report,
        "figure comparisons",
        sync_rows(
            FigureComparison,
            comparisons,
            key=("instrument_id", "subject"),
            scope=scoped(FigureComparison),
            delete_missing=True,
        ).counts,
    )


@dataclass(frozen=True)
class _EsifFigures:
    column: EsifColumn
    version: str
    total: Decimal
    axes: dict[str, Decimal]  # ESIF priority code -> amount in `column`


def _esif_figures(spec: dict[str, Any], inst: PolicyInstrument, report: LoadReport) -> _EsifFigures | None:
    from interventures.apps.classifications.selectors import (
        esif_axis_totals,
        esif_programme_get,
        esif_programme_totals,
    )

    esif = spec.get("esif") or {}
    if not esif.get("cci"):
        return None
    programme = esif_programme_get(cci=esif["cci"])
    if programme is None:
        report.warnings.append(
            f"{inst.slug}: programme {esif['cci']} is not in the ESIF data (load the classifications first); "
            "no cross-check."
        )
        return None
    column = EsifColumn(esif.get("column", "total"))
    attr = "eu" if column == EsifColumn.EU else "total"
    return _EsifFigures(
        column=column,
        version=programme.version,
        total=esif_programme_totals(programme)[attr],
        axes={a.priority: getattr(a, attr) for a in esif_axis_totals(programme)},
    )


def _check_shares(
    spec: dict[str, Any], inst: PolicyInstrument, report: LoadReport, esif: _EsifFigures | None
) -> list[dict[str, Any]]:
    """Every axis with a stated amount and share: is share = amount / total within the stated precision?"""
    found = []
    total = _figure(spec.get("total_budget"))
    for axis in spec.get("axes", []):
        amount, share = _figure(axis.get("budget")), _figure(axis.get("share"))
        if total is None or amount is None or share is None:
            continue
        check = check_share(amount=amount, total=total, share=share)
        if check.consistent:
            continue
        subject = f"{axis['code']} budget and share"
        message = (
            f"The source states {axis['code']}'s budget as {amount.stated} and its share as {share.stated} "
            f"of the total {total.stated}. {_eur(amount.value)} is {_pct(check.computed_share)} of "
            f"{_eur(total.value)}; {share.stated} of the total would be {_eur(check.implied_amount)}. "
            f"Both figures are kept as the source states them."
        )
        esif_amount = esif.axes.get(axis.get("esif_code", "")) if esif else None
        hint_amount: Decimal | None = None
        if (
            esif is not None
            and esif_amount is not None
            and esif_amount / total.value * 100 >= share.low
            and (esif_amount / total.value * 100 <= share.high)
        ):
            hint_amount = esif_amount.quantize(Decimal("0.01"))
            message += (
                f" The ESIF data ({esif.column.label}, programme version {esif.version}, {files.ESIF_DATE}) "
                f"has {_eur(esif_amount)} for this axis, which is the stated share of the stated total: "
                f"the stated budget has probably lost digits."
            )
        found.append(
            {
                "instrument_id": inst.pk,
                "subject": subject,
                "stated": f"{amount.stated} ({share.stated})",
                "expected": f"{_pct(check.computed_share)} / {_eur(check.implied_amount)}",
                "message": message,
                "source": files.SEED_SOURCE,
                "axis_code": axis["code"],
                "amount_stated": amount.stated,
                "share_stated": share.stated,
                "total_stated": total.stated,
                "computed_share": check.computed_share.quantize(Decimal("0.0001")),
                "implied_amount": check.implied_amount.quantize(Decimal("0.01")),
                "esif_amount": hint_amount,
                "esif_version": esif.version if hint_amount is not None and esif is not None else "",
            }
        )
        report.inconsistencies.append(f"{inst.slug}: {message}")
    return found


def _compare_with_esif(
    spec: dict[str, Any], inst: PolicyInstrument, report: LoadReport, esif: _EsifFigures | None
) -> list[dict[str, Any]]:
    """The seed's total, addressed-axis budget and share next to the ESIF planned figures."""
    if esif is None:
        return []
    column = esif.column
    rows: list[dict[str, Any]] = []

    def compare(
        subject: str,
        seed: Figure,
        esif_value: Decimal,
        *,
        kind: ComparisonKind,
        axis: str = "",
        unit: str = "EUR",
    ) -> None:
        differs = not agrees(seed, esif_value)
        rows.append(
            {
                "instrument_id": inst.pk,
                "subject": subject,
                "unit": unit,
                "order": len(rows),
                "kind": kind.value,
                "axis_code": axis,
                "seed_value": seed.value,
                "seed_stated": seed.stated,
                "seed_source": files.SEED_SOURCE,
                "seed_date": files.SEED_DATE,
                "esif_value": esif_value.quantize(Decimal("0.0001")),
                "esif_column": column.value,
                "esif_source": files.ESIF_SOURCE,
                "esif_version": esif.version,
                "esif_date": files.ESIF_DATE,
                "differs": differs,
            }
        )
        if differs:
            shown = _pct(esif_value) if unit == "%" else _eur(esif_value)
            report.differences.append(
                f"{inst.slug}: {subject}: seed {seed.stated} ≠ ESIF {shown} ({column.label}, version "
                f"{esif.version}, {files.ESIF_DATE})"
            )

    total = _figure(spec.get("total_budget"))
    if total is not None:
        compare("Programme total", total, esif.total, kind=ComparisonKind.TOTAL)
    for axis in spec.get("axes", []):
        axis_value = esif.axes.get(axis.get("esif_code", ""))
        if axis_value is None:
            report.warnings.append(f"{inst.slug}: axis {axis['code']} not found in the ESIF data")
            continue
        budget, share = _figure(axis.get("budget")), _figure(axis.get("share"))
        if budget is not None:
            compare(
                f"{axis['code']} budget",
                budget,
                axis_value,
                kind=ComparisonKind.AXIS_BUDGET,
                axis=axis["code"],
            )
        if share is not None and esif.total:
            compare(
                f"{axis['code']} share of the total",
                share,
                axis_value / esif.total * 100,
                kind=ComparisonKind.AXIS_SHARE,
                axis=axis["code"],
                unit="%",
            )
    return rows


def partnership_ccis() -> list[str]:
    """The CCIs of the five instruments, as the instrument file names them."""
    return [s["esif"]["cci"] for s in files.read_yaml("instruments.yaml")["instruments"] if s.get("esif")]
