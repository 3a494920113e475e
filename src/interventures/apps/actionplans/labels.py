"""Sentences for the checklist's codes and names of the steps (core.actionplans speaks in codes)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.utils.translation import gettext_lazy as _

from interventures.core.actionplans import Step

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

STEP_LABELS: dict[Step, StrOrPromise] = {
    Step.CONTEXT: _("Context"),
    Step.EVIDENCE: _("Evidence"),
    Step.ACTIONS: _("Actions"),
    Step.MONEY: _("Players and money"),
    Step.INDICATORS: _("Indicators"),
    Step.REVIEW: _("Review"),
}

MISSING: dict[str, StrOrPromise] = {
    "organisation": _("Part I: the partner organisation is missing."),
    "contact": _("Part I: the contact person is missing."),
    "instrument": _("Part II: the policy instrument is missing."),
    "improvement_type": _("Part II: the type of improvement is missing."),
    "context": _("Part II: the policy context is missing."),
    "no_action": _("Part III: the plan has no action yet."),
    "evidence": _("cites no evidence."),
    "background": _("has no background (lessons learnt)."),
    "description": _("does not describe the action."),
    "players": _("names no player."),
    "timeframe": _("has no timeframe."),
    "costs": _("has no costs."),
    "funding": _("names no funding source."),
    "no_indicator": _("has no indicator."),
    "indicator_incomplete": _("has an indicator without unit, baseline, target or source."),
}


def version_what(code: str) -> str:
    """What a version changed (PlanVersion.what, a code), as the reader's words."""
    from .models import PlanStatus

    steps = {
        "context": Step.CONTEXT,
        "evidence": Step.EVIDENCE,
        "actions": Step.ACTIONS,
        "money": Step.MONEY,
        "indicators": Step.INDICATORS,
    }
    if code in steps:
        return str(STEP_LABELS[steps[code]])
    if code.startswith("status:"):
        status = dict(PlanStatus.choices).get(code.removeprefix("status:"))
        if status is not None:
            return str(_("status: %(status)s") % {"status": status})
    return str(
        {
            "created": _("created"),
            "translation": _("translation"),
            "monitoring": _("monitoring"),
            "improvements": _("policy instrument improvements"),
        }.get(code, code)
    )
