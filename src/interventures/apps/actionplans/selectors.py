"""Reads of the Action Plans domain, scoped through accounts.permissions."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.db.models import Prefetch, QuerySet
from django.urls import reverse

from interventures.apps.accounts.permissions import Action as Action_
from interventures.apps.accounts.permissions import visible
from interventures.apps.common.languages import endonym
from interventures.apps.common.models import Region
from interventures.apps.common.translated import tr
from interventures.apps.common.usage import Use
from interventures.apps.learning.models import GoodPractice
from interventures.apps.learning.selectors import capacity_indicator
from interventures.apps.partnership.models import Organisation, PartnerRole
from interventures.core import actionplans as core

from . import evidence as kinds
from .models import (
    APPROVED,
    Action,
    ActionPlan,
    Comment,
    Evidence,
    ImprovementFile,
    MonitoringEntry,
    MonitoringFile,
    PlanVersion,
    PolicyImprovement,
)


def _plans() -> QuerySet[ActionPlan]:
    return ActionPlan.objects.select_related("region", "instrument", "organisation", "status_by")


def plan_list(*, user: Any) -> QuerySet[ActionPlan]:
    return visible(user, _plans()).order_by("region__order", "pk")


def plan_get(*, user: Any, pk: int) -> ActionPlan | None:
    """The plan with its actions (players, indicators, evidence, monitoring) and its improvements
    (with their files) if the user may see it."""
    return (
        visible(user, _plans())
        .prefetch_related(
            "other_organisations",
            "improvements__files",
            Prefetch(
                "actions",
                queryset=Action.objects.prefetch_related(
                    "players", "indicators", "evidence", "monitoring", "monitoring__files"
                ),
            ),
        )
        .filter(pk=pk)
        .first()
    )


def planned_instruments() -> list[int]:
    """The policy instruments that have a plan (whoever may see it: one plan per instrument)."""
    return list(ActionPlan.objects.values_list("instrument_id", flat=True))


def plan_for_export(*, region_code: str) -> ActionPlan | None:
    """The region's plan in any status: for the command line, which has database access."""
    return _plans().filter(region__code=region_code).order_by("pk").first()


def organisations_for(plan: ActionPlan) -> QuerySet[Organisation]:
    """The directory's organisations, the plan's region's first."""
    return Organisation.objects.select_related("region").order_by("order", "name")


def plan_facts(plan: ActionPlan) -> core.PlanFacts:
    actions = []
    for a in plan.actions.all():
        actions.append(
            core.ActionFacts(
                title=a.title,
                background=a.background,
                description=a.description,
                players=len(a.players.all()),
                timeframe=a.timeframe,
                costs=a.costs,
                funding=a.funding,
                evidence=len(a.evidence.all()),
                indicators=tuple(
                    core.IndicatorFacts(i.name, i.unit, i.baseline, i.target, i.source)
                    for i in a.indicators.all()
                ),
            )
        )
    return core.PlanFacts(
        organisation=plan.organisation_id is not None,
        contact=plan.contact,
        instrument=plan.instrument_id is not None,
        improvement_type=plan.improvement_type,
        context=plan.context,
        actions=tuple(actions),
    )


def plan_checklist(plan: ActionPlan) -> list[core.Missing]:
    return core.missing(plan_facts(plan))


@dataclass(frozen=True)
class EvidenceRow:
    evidence: Evidence
    kind_label: str
    label: str
    url: str
    freshness: core.Freshness
    current_value: str


def evidence_rows(action: Action) -> list[EvidenceRow]:
    """Each citation of the action with where it leads and whether it changed since it was cited."""
    rows = []
    for e in action.evidence.all():
        target = kinds.resolve(e.kind, e.target_key)
        kind = kinds.KINDS.get(e.kind)
        state = core.freshness(
            core.Cited(e.cited_version, e.cited_value), target.state if target is not None else None
        )
        rows.append(
            EvidenceRow(
                evidence=e,
                kind_label=str(kind.label) if kind is not None else e.kind,
                label=target.label if target is not None else e.target_key,
                url=target.url if target is not None else "",
                freshness=state,
                current_value=str(target.state.value) if target is not None else "",
            )
        )
    return rows


def evidence_usage(user: Any, kind: str, key: str) -> list[Use]:
    """The actions the user may see that cite `kind`/`key` (the "used by" list of a practice or a
    figure, registered in apps/common/usage.py)."""
    plans = visible(user, ActionPlan.objects.all())
    cites = (
        Evidence.objects.filter(kind=kind, target_key=key, action__plan__in=plans)
        .select_related("action__plan__region")
        .order_by("action__plan__region__order", "action__order")
    )
    return [
        Use(
            label=f"{c.action.plan.region.label}: {c.action.title}",
            url=reverse("actionplans:plan", args=[c.action.plan_id]) + f"#action-{c.action_id}",
            note=c.note,
            lang=c.language,
        )
        for c in cites
    ]


def comments_by_section(plan: ActionPlan) -> dict[str, list[Comment]]:
    out: dict[str, list[Comment]] = {}
    for c in Comment.objects.filter(plan=plan).select_related("author__profile"):
        out.setdefault(c.section, []).append(c)
    return out


def advisory_partner() -> Organisation | None:
    """The partnership's advisory partner (AEBR), whose role the advisory partner's accounts hold."""
    return Organisation.objects.filter(role=PartnerRole.ADVISORY_PARTNER).order_by("order", "pk").first()


def version_list(plan: ActionPlan) -> QuerySet[PlanVersion]:
    return PlanVersion.objects.filter(plan=plan).select_related("author").order_by("-number")


def version_diff(plan: ActionPlan, a: int, b: int) -> list[core.Change] | None:
    found = {v.number: v.document for v in PlanVersion.objects.filter(plan=plan, number__in=[a, b])}
    if a not in found or b not in found:
        return None
    return [_language_named(c) for c in core.diff(found[a], found[b])]


def _language_named(change: core.Change) -> core.Change:
    """A change of a text's `language` shows the language by its own name ("italiano", in Italian),
    not its code, which a reader (and a screen reader) would take for a word of the page."""
    if change.path.rsplit(".", 1)[-1] != "language":
        return change
    known = {code for code, _name in settings.LANGUAGES}

    def named(code: str | None) -> tuple[str | None, str | None]:
        return (endonym(code), code) if code in known else (code, None)

    (before, before_lang), (after, after_lang) = named(change.before), named(change.after)
    return dataclasses.replace(
        change, before=before, after=after, before_lang=before_lang, after_lang=after_lang
    )


def latest_status(action: Action) -> MonitoringEntry | None:
    entries = list(action.monitoring.all())
    return max(entries, key=lambda m: (m.date, m.pk)) if entries else None


def indicator_progress(action: Action) -> dict[int, Decimal | None]:
    """Indicator id -> the share of the way from baseline to target of its latest monitored value."""
    latest: dict[str, Decimal] = {}
    for m in sorted(action.monitoring.all(), key=lambda m: (m.date, m.pk)):
        for key, value in (m.values or {}).items():
            latest[key] = Decimal(value)
    return {
        i.pk: core.indicator_progress(i.baseline, i.target, latest.get(str(i.pk)))
        for i in action.indicators.all()
    }


def plan_status_counts(plan: ActionPlan) -> dict[core.ActionStatus, int]:
    statuses = []
    for a in plan.actions.all():
        m = latest_status(a)
        statuses.append(m.status if m is not None else None)
    return core.status_counts(statuses)


def plan_document(plan: ActionPlan, *, lang: str) -> dict[str, Any]:
    """The plan as a document: the JSON export, and the snapshot each version keeps."""
    actions = []
    for a in plan.actions.all().prefetch_related("players", "indicators", "evidence", "monitoring"):
        actions.append(
            {
                "key": f"a{a.pk}",
                "title": tr(a, "title", lang),
                "background": tr(a, "background", lang),
                "action": tr(a, "description", lang),
                "players": [o.name for o in a.players.all()],
                "timeframe": tr(a, "timeframe", lang),
                "costs": None if a.costs is None else str(a.costs),
                "funding": tr(a, "funding", lang),
                "indicators": [
                    {
                        "key": f"i{i.pk}",
                        "name": tr(i, "name", lang),
                        "unit": tr(i, "unit", lang),
                        "baseline": str(i.baseline),
                        "target": str(i.target),
                        "source": tr(i, "source", lang),
                        "translations": i.translations or {},
                    }
                    for i in a.indicators.all()
                ],
                "evidence": [
                    {
                        "key": f"{e.kind}:{e.target_key}",
                        "kind": e.kind,
                        "id": e.target_key,
                        "note": e.note,
                        "language": e.language,
                    }
                    for e in a.evidence.all()
                ],
                "translations": a.translations or {},
            }
        )
    # Monitoring and improvements are part of the document, so that the history shows an entry
    # added, changed or deleted (keyed by id: deleting one does not shift the others).
    monitoring = [
        {
            "key": f"m{m.pk}",
            "action": m.action.title,
            "date": m.date.isoformat(),
            "status": m.status,
            "progress": m.progress,
            "obstacles": m.obstacles,
            "language": m.language or "en",
            "values": m.values,
            "evidence_url": m.evidence_url,
            "files": [f.name for f in m.files.all()],
            "translations": m.translations or {},
        }
        for m in MonitoringEntry.objects.filter(action__plan=plan)
        .select_related("action")
        .prefetch_related("files")
        .order_by("date", "pk")
    ]
    improvements = [
        {
            "key": f"p{i.pk}",
            "date": i.date.isoformat(),
            "kind": i.kind,
            "description": i.description,
            "language": i.language or "en",
            "funds_influenced": str(i.funds_influenced),
            "evidence_url": i.evidence_url,
            "files": [f.name for f in i.files.all()],
            "translations": i.translations or {},
        }
        for i in PolicyImprovement.objects.filter(plan=plan).prefetch_related("files").order_by("date", "pk")
    ]
    return {
        "region": plan.region.code,
        "region_name": tr(plan.region, "name", lang),
        "instrument": plan.instrument.name,
        "organisation": plan.organisation.name if plan.organisation is not None else "",
        "other_organisations": sorted(o.name for o in plan.other_organisations.all()),
        "contact": plan.contact,
        "improvement_type": plan.improvement_type,
        "context": tr(plan, "context", lang),
        "status": plan.status,
        "actions": actions,
        "monitoring": monitoring,
        "improvements": improvements,
        "translations": plan.translations or {},
    }


@dataclass(frozen=True)
class Dashboard:
    """The Interreg Europe performance indicators over the plans the reader may see."""

    instruments_addressed: int
    instruments_improved: int
    funds_influenced: Decimal
    practices_identified: int
    practices_transferred: int
    people_capacity: int
    actions: dict[core.ActionStatus, int]
    improvements: list[PolicyImprovement]


def dashboard(*, user: Any, region: Region | None) -> Dashboard:
    """One region's dashboard, or the partnership's (region None). A practice is transferred when an
    action of an endorsed or signed plan cites it."""
    plans = visible(user, ActionPlan.objects.all())
    practices = GoodPractice.objects.filter(validated=True)
    if region is not None:
        plans = plans.filter(region=region)
        practices = practices.filter(region=region)
    improvements = list(
        visible(user, PolicyImprovement.objects.filter(plan__in=plans))
        .select_related("plan__region")
        .order_by("date")
    )
    approved = plans.filter(status__in=APPROVED)
    transferred = (
        Evidence.objects.filter(kind="practice", action__plan__in=approved)
        .values("target_key")
        .distinct()
        .count()
    )
    statuses = []
    for a in Action.objects.filter(plan__in=plans).prefetch_related("monitoring"):
        m = latest_status(a)
        statuses.append(m.status if m is not None else None)
    return Dashboard(
        instruments_addressed=plans.values("instrument").distinct().count(),
        instruments_improved=len({i.plan.instrument_id for i in improvements}),
        funds_influenced=sum((i.funds_influenced for i in improvements), Decimal(0)),
        practices_identified=practices.count(),
        practices_transferred=transferred,
        people_capacity=capacity_indicator(region=region).people,
        actions=core.status_counts(statuses),
        improvements=improvements,
    )


def monitoring_file_get(*, user: Any, plan: ActionPlan, token: str) -> MonitoringFile | None:
    """An evidence file of the plan's monitoring, if the user may see it (the plan's VIEW rule)."""
    return (
        visible(user, MonitoringFile.objects.filter(entry__action__plan=plan, token=token))
        .select_related("entry")
        .first()
    )


def improvement_file_get(*, user: Any, plan: ActionPlan, token: str) -> ImprovementFile | None:
    """An evidence file of the plan's improvements, if the user may see it (the plan's VIEW rule)."""
    return visible(user, ImprovementFile.objects.filter(improvement__plan=plan, token=token)).first()


def plan_document_cited(plan: ActionPlan, *, lang: str) -> dict[str, Any]:
    """The plan's document with, on each citation, whether its target changed since it was cited
    (`freshness`: current, changed or gone) and where it leads; with the ids comments are made on
    (`comment_on`: action-<id>, indicator-<id>, evidence-<id>)."""
    doc = plan_document(plan, lang=lang)
    rows = {
        f"a{a.pk}": {f"{r.evidence.kind}:{r.evidence.target_key}": r for r in evidence_rows(a)}
        for a in plan.actions.all()
    }
    for action in doc["actions"]:
        action["comment_on"] = f"action-{action['key'].removeprefix('a')}"
        for i in action["indicators"]:
            i["comment_on"] = f"indicator-{i['key'].removeprefix('i')}"
        for e in action["evidence"]:
            row = rows.get(action["key"], {}).get(e["key"])
            e["freshness"] = row.freshness.value if row is not None else ""
            e["label"] = row.label if row is not None else e["id"]
            e["url"] = row.url if row is not None else ""
            e["comment_on"] = f"evidence-{row.evidence.pk}" if row is not None else ""
    return doc


def comment_list(*, user: Any, plan: ActionPlan) -> QuerySet[Comment]:
    """The plan's comments for those who may comment on it (the review's participants)."""
    return visible(user, Comment.objects.filter(plan=plan), Action_.COMMENT).select_related("author__profile")
