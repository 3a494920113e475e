"""Writes of the Action Plans domain. Every write takes the acting user, checks it through the
permissions module, and records a new version of the whole plan (the history and the diff)."""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from interventures.apps.accounts.permissions import (
    OPERATOR,
    can,
    can_edit_action_plan,
    can_monitor_action_plan,
    can_review_action_plan,
    can_submit_action_plan,
)
from interventures.apps.accounts.permissions import (
    Action as Act,
)
from interventures.apps.common.models import Region
from interventures.apps.partnership.models import Organisation, PolicyInstrument

from . import evidence as kinds
from .models import (
    APPROVED,
    Action,
    ActionPlan,
    Comment,
    Evidence,
    Indicator,
    MonitoringEntry,
    PlanStatus,
    PlanVersion,
    PolicyImprovement,
)
from .selectors import plan_checklist, plan_document


class ActionPlanError(Exception):
    """A write that the plan's state or its input does not allow; the message names why."""


class NotAllowed(ActionPlanError):
    pass


def _check(allowed: bool, user: Any) -> None:
    if user is OPERATOR:
        return
    if not allowed:
        raise NotAllowed(_("You may not change this Action Plan."))


def _version(plan: ActionPlan, *, user: Any, what: str) -> PlanVersion:
    number = (plan.versions.aggregate(m=Max("number"))["m"] or 0) + 1
    author = None if user is OPERATOR else user
    return PlanVersion.objects.create(
        plan=plan, number=number, document=plan_document(plan, lang="en"), what=what, author=author
    )


@transaction.atomic
def plan_create(
    *, user: Any, region: Region, instrument: PolicyInstrument, is_demo: bool = False
) -> ActionPlan:
    if instrument.region_id != region.pk:
        raise ActionPlanError(_("The policy instrument is not the region's."))
    plan = ActionPlan(region=region, instrument=instrument, is_demo=is_demo)
    _check(can_edit_action_plan(user, plan), user)
    if ActionPlan.objects.filter(region=region, instrument=instrument).exists():
        raise ActionPlanError(_("The region already has an Action Plan for this policy instrument."))
    plan.organisation = Organisation.objects.filter(region=region).order_by("order", "pk").first()
    plan.save()
    _version(plan, user=user, what="created")
    return plan


@transaction.atomic
def plan_context_save(
    *,
    user: Any,
    plan: ActionPlan,
    organisation: Organisation | None,
    other_organisations: Iterable[Organisation],
    contact: str,
    improvement_type: str,
    context: str,
) -> ActionPlan:
    _check(can_edit_action_plan(user, plan), user)
    plan.organisation = organisation
    plan.contact = contact.strip()
    plan.improvement_type = improvement_type
    plan.context = context.strip()
    plan.save(update_fields=["organisation", "contact", "improvement_type", "context", "updated_at"])
    plan.other_organisations.set(list(other_organisations))
    _version(plan, user=user, what="context")
    return plan


@transaction.atomic
def action_save(
    *, user: Any, plan: ActionPlan, action: Action | None, title: str, background: str, description: str
) -> Action:
    _check(can_edit_action_plan(user, plan), user)
    if not title.strip():
        raise ActionPlanError(_("An action needs a title."))
    if action is None:
        order = (plan.actions.aggregate(m=Max("order"))["m"] or 0) + 1
        action = Action(plan=plan, order=order)
    elif action.plan_id != plan.pk:
        raise ActionPlanError(_("The action is not this plan's."))
    action.title, action.background, action.description = (
        title.strip(),
        background.strip(),
        description.strip(),
    )
    action.save()
    _version(plan, user=user, what="actions")
    return action


@transaction.atomic
def action_delete(*, user: Any, action: Action) -> None:
    plan = action.plan
    _check(can_edit_action_plan(user, plan), user)
    action.delete()
    _version(plan, user=user, what="actions")


@transaction.atomic
def action_money_save(
    *,
    user: Any,
    action: Action,
    players: Iterable[Organisation],
    timeframe: str,
    costs: Decimal | None,
    funding: str,
) -> Action:
    _check(can_edit_action_plan(user, action.plan), user)
    if costs is not None and costs < 0:
        raise ActionPlanError(_("Costs cannot be negative."))
    action.timeframe, action.costs, action.funding = timeframe.strip(), costs, funding.strip()
    action.save(update_fields=["timeframe", "costs", "funding"])
    action.players.set(list(players))
    _version(action.plan, user=user, what="money")
    return action


@transaction.atomic
def evidence_add(*, user: Any, action: Action, kind: str, key: str, note: str = "") -> Evidence:
    """Cite a finding: it must exist now; its current state is kept to detect later changes."""
    _check(can_edit_action_plan(user, action.plan), user)
    key = key.strip()
    if kind not in kinds.KINDS:
        raise ActionPlanError(_("Unknown kind of evidence: %(kind)s.") % {"kind": kind})
    target = kinds.resolve(kind, key)
    if target is None:
        raise ActionPlanError(
            _("No %(kind)s has the identifier %(key)s.") % {"kind": kinds.KINDS[kind].label, "key": key}
        )
    if action.evidence.filter(kind=kind, target_key=key).exists():
        raise ActionPlanError(_("The action already cites %(key)s.") % {"key": key})
    cited = Evidence.objects.create(
        action=action,
        kind=kind,
        target_key=key,
        cited_version=target.state.version,
        cited_value=str(target.state.value or "")[:60],
        note=note.strip(),
        cited_by=None if user is OPERATOR else user,
    )
    _version(action.plan, user=user, what="evidence")
    return cited


@transaction.atomic
def evidence_refresh(*, user: Any, evidence: Evidence) -> Evidence:
    """The author has reread the changed target: cite its current state."""
    _check(can_edit_action_plan(user, evidence.action.plan), user)
    target = kinds.resolve(evidence.kind, evidence.target_key)
    if target is None:
        raise ActionPlanError(_("The cited finding no longer exists; remove the link."))
    evidence.cited_version = target.state.version
    evidence.cited_value = str(target.state.value or "")[:60]
    evidence.save(update_fields=["cited_version", "cited_value"])
    _version(evidence.action.plan, user=user, what="evidence")
    return evidence


@transaction.atomic
def evidence_remove(*, user: Any, evidence: Evidence) -> None:
    plan = evidence.action.plan
    _check(can_edit_action_plan(user, plan), user)
    evidence.delete()
    _version(plan, user=user, what="evidence")


@transaction.atomic
def indicator_add(
    *, user: Any, action: Action, name: str, unit: str, baseline: Decimal, target: Decimal, source: str
) -> Indicator:
    _check(can_edit_action_plan(user, action.plan), user)
    if not name.strip() or not unit.strip() or not source.strip():
        raise ActionPlanError(_("An indicator needs a name, a unit and a source."))
    ind = Indicator.objects.create(
        action=action,
        name=name.strip(),
        unit=unit.strip(),
        baseline=baseline,
        target=target,
        source=source.strip(),
    )
    _version(action.plan, user=user, what="indicators")
    return ind


@transaction.atomic
def indicator_remove(*, user: Any, indicator: Indicator) -> None:
    plan = indicator.action.plan
    _check(can_edit_action_plan(user, plan), user)
    indicator.delete()
    _version(plan, user=user, what="indicators")


TRANSITIONS: dict[str, tuple[str, str]] = {
    "submit": (PlanStatus.DRAFT, PlanStatus.IN_REVIEW),
    "return": (PlanStatus.IN_REVIEW, PlanStatus.DRAFT),
    "endorse": (PlanStatus.IN_REVIEW, PlanStatus.ENDORSED),
    "sign": (PlanStatus.ENDORSED, PlanStatus.SIGNED),
}


@transaction.atomic
def plan_transition(*, user: Any, plan: ActionPlan, transition: str) -> ActionPlan:
    """Move the plan along draft → in review → endorsed → signed (or back to draft from review).
    Submitting needs a plan that misses nothing on the checklist."""
    if transition not in TRANSITIONS:
        raise ActionPlanError(_("Unknown step of the review."))
    source, target = TRANSITIONS[transition]
    if plan.status != source:
        raise ActionPlanError(_("The plan is not at the stage this step starts from."))
    allowed = (
        can_submit_action_plan(user, plan) if transition == "submit" else can_review_action_plan(user, plan)
    )
    _check(allowed, user)
    if transition == "submit" and plan_checklist(plan):
        raise ActionPlanError(_("The plan still misses parts listed in the checklist."))
    plan.status = target
    plan.public = target in APPROVED
    plan.status_by = None if user is OPERATOR else user
    plan.status_at = timezone.now()
    plan.save(update_fields=["status", "public", "status_by", "status_at", "updated_at"])
    _version(plan, user=user, what=f"status:{target}")
    return plan


@transaction.atomic
def comment_add(*, user: Any, plan: ActionPlan, section: str, text: str) -> Comment:
    if user is not OPERATOR and not can(user, Act.COMMENT, plan):
        raise NotAllowed(_("You may not comment on this Action Plan."))
    if not text.strip():
        raise ActionPlanError(_("The comment is empty."))
    return Comment.objects.create(
        plan=plan, section=section[:40], text=text.strip(), author=None if user is OPERATOR else user
    )


@transaction.atomic
def monitoring_add(
    *,
    user: Any,
    action: Action,
    date: Any,
    status: str,
    progress: str = "",
    obstacles: str = "",
    evidence_url: str = "",
    values: dict[str, str] | None = None,
    is_demo: bool = False,
) -> MonitoringEntry:
    _check(can_monitor_action_plan(user, action.plan), user)
    known = {str(pk) for pk in action.indicators.values_list("pk", flat=True)}
    clean: dict[str, str] = {}
    for key, value in (values or {}).items():
        if key not in known:
            raise ActionPlanError(_("The indicator %(key)s is not this action's.") % {"key": key})
        if value != "":
            clean[key] = str(Decimal(value))
    return MonitoringEntry.objects.create(
        action=action,
        date=date,
        status=status,
        progress=progress.strip(),
        obstacles=obstacles.strip(),
        evidence_url=evidence_url,
        values=clean,
        author=None if user is OPERATOR else user,
        is_demo=is_demo,
    )


@transaction.atomic
def improvement_add(
    *,
    user: Any,
    plan: ActionPlan,
    kind: str,
    description: str,
    date: Any,
    funds_influenced: Decimal,
    evidence_url: str = "",
    is_demo: bool = False,
) -> PolicyImprovement:
    """Record a change of the plan's policy instrument (the region's partner, once endorsed)."""
    _check(can_monitor_action_plan(user, plan), user)
    if funds_influenced < 0:
        raise ActionPlanError(_("The funds influenced cannot be negative."))
    if not description.strip():
        raise ActionPlanError(_("Say what changed."))
    return PolicyImprovement.objects.create(
        plan=plan,
        kind=kind,
        description=description.strip(),
        date=date,
        evidence_url=evidence_url,
        funds_influenced=funds_influenced,
        author=None if user is OPERATOR else user,
        is_demo=is_demo,
    )
