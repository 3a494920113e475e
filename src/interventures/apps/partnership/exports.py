"""The partnership's reference data as one JSON-able document (decimals as strings, dates ISO)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from . import selectors


def _d(value: Decimal | None) -> str | None:
    return None if value is None else format(value.normalize(), "f")


def reference_document() -> dict[str, Any]:
    project = selectors.project_get()
    doc: dict[str, Any] = {
        "format": "interventures-reference",
        "version": 1,
        "project": None,
        "partners": [],
        "regions": [],
        "instruments": [],
        "activities": [],
    }
    if project is not None:
        doc["project"] = {
            "acronym": project.acronym,
            "title": project.title,
            "programme": project.programme,
            "topic": project.topic,
            "start_date": project.start_date.isoformat(),
            "end_date": project.end_date.isoformat(),
            "summary": project.summary,
            "questions": project.questions,
            "source": project.source,
            "translations": project.translations,
        }
    for o in selectors.organisation_list():
        doc["partners"].append(
            {
                "slug": o.slug,
                "name": o.name,
                "short_name": o.short_name,
                "role": o.role,
                "region": o.region.code if o.region else None,
                "country": o.country,
                "translations": o.translations,
            }
        )
    for r in selectors.region_list():
        doc["regions"].append(
            {
                "code": r.code,
                "name": r.name,
                "kind": r.kind,
                "countries": r.countries,
                "neighbouring_countries": r.neighbouring_countries,
                "languages": r.languages,
                "nuts_level": r.nuts_level,
                "nuts": r.nuts,
                "translations": r.translations,
            }
        )
    for i in selectors.instrument_list():
        doc["instruments"].append(
            {
                "slug": i.slug,
                "region": i.region.code,
                "name": i.name,
                "programme_type": i.programme_type,
                "fund": i.fund,
                "cci": i.cci,
                "description": i.description,
                "total_budget": _d(i.total_budget),
                "total_budget_stated": i.total_budget_stated,
                "priority_axes_count": i.priority_axes_count,
                "technical_assistance": i.technical_assistance,
                "source": i.source,
                "comparison_note": i.comparison_note,
                "translations": i.translations,
                "axes": [
                    {
                        "code": a.code,
                        "esif_code": a.esif_code,
                        "title": a.title,
                        "addressed": a.addressed,
                        "budget": _d(a.budget),
                        "budget_stated": a.budget_stated,
                        "share": _d(a.share),
                        "share_stated": a.share_stated,
                        "source": a.source,
                        "translations": a.translations,
                    }
                    for a in i.axes.all()
                ],
                "objectives": [
                    {
                        "code": o.code,
                        "kind": o.kind,
                        "axis": o.axis.code if o.axis else None,
                        "title": o.title,
                        "beneficiaries": o.beneficiaries,
                        "budget": _d(o.budget),
                        "budget_stated": o.budget_stated,
                        "supported_activities": o.supported_activities,
                        "source": o.source,
                        "translations": o.translations,
                    }
                    for o in i.objectives.all()
                ],
                "schemes": [
                    {
                        "name": s.name,
                        "budget": _d(s.budget),
                        "budget_stated": s.budget_stated,
                        "lead_beneficiary": s.lead_beneficiary,
                        "description": s.description,
                        "source": s.source,
                        "translations": s.translations,
                    }
                    for s in i.schemes.all()
                ],
                "calls": [
                    {
                        "title": c.title,
                        "description": c.description,
                        "for_smes": c.for_smes,
                        "applications": c.applications,
                        "granted_share": _d(c.granted_share),
                        "granted_share_stated": c.granted_share_stated,
                        "granted_amount": _d(c.granted_amount),
                        "granted_amount_stated": c.granted_amount_stated,
                        "contracts_signed": c.contracts_signed,
                        "source": c.source,
                        "translations": c.translations,
                    }
                    for c in i.calls.all()
                ],
                "expected_results": [
                    {
                        "kind": r.kind,
                        "description": r.description,
                        "value": _d(r.value),
                        "value_stated": r.value_stated,
                        "unit": r.unit,
                        "source": r.source,
                        "translations": r.translations,
                    }
                    for r in i.expected_results.all()
                ],
                "weaknesses": [
                    {"kind": w.kind, "text": w.text, "source": w.source, "translations": w.translations}
                    for w in i.weaknesses.all()
                ],
                "inconsistencies": [
                    {
                        "subject": d.subject,
                        "stated": d.stated,
                        "expected": d.expected,
                        "message": d.message,
                        "source": d.source,
                    }
                    for d in i.inconsistencies.all()
                ],
                "comparisons": [
                    {
                        "subject": c.subject,
                        "unit": c.unit,
                        "differs": c.differs,
                        "seed": {
                            "value": _d(c.seed_value),
                            "stated": c.seed_stated,
                            "source": c.seed_source,
                            "date": c.seed_date,
                        },
                        "esif": {
                            "value": _d(c.esif_value),
                            "column": c.esif_column,
                            "source": c.esif_source,
                            "programme_version": c.esif_version,
                            "date": c.esif_date,
                        },
                    }
                    for c in i.comparisons.all()
                ],
            }
        )
    for a in selectors.activity_list():
        doc["activities"].append(
            {
                "slug": a.slug,
                "name": a.name,
                "count": a.count,
                "description": a.description,
                "source": a.source,
                "translations": a.translations,
            }
        )
    return doc
