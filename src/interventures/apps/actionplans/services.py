"""Writes of the Action Plans domain. Every write takes the acting user, checks it through the
permissions module, and records a new version of the whole plan (the history and the diff)."""

from __future__ import annotations

import re
import secrets
from collections.abc import Iterable, Sequence
from decimal import Decimal
from typing import Any

from django.core.files.uploadedfile import UploadedFile
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
    can_translate_plan_text,
)
from interventures.apps.accounts.permissions import (
    Action as Act,
)
from interventures.apps.common import uploads
from interventures.apps.common.models import Region
from interventures.apps.partnership.models import Organisation, PolicyInstrument

from . import evidence as kinds
from .models import (
    APPROVED,
    Action,
    ActionPlan,
    Comment,
    Evidence,
    ImprovementFile,
    Indicator,
    MonitoringEntry,
    MonitoringFile,
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
def evidence_add(
    *, user: Any, action: Action, kind: str, key: str, note: str = "", language: str = ""
) -> Evidence:
    """Cite a finding: it must exist now; its current state is kept to detect later changes. The
    note is kept with the language it is written in (the page's, as a comment's)."""
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
        language=_language(language) if note.strip() else "",
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


ACTION_TRANSLATED = ("title", "background", "description", "timeframe", "funding")
INDICATOR_TRANSLATED = ("name", "unit", "source")


def _translated(
    current: dict[str, Any], lang: str, fields: dict[str, str], allowed: tuple[str, ...]
) -> dict[str, Any]:
    unknown = set(fields) - set(allowed)
    if unknown:
        raise ActionPlanError(
            _("These texts cannot be translated: %(names)s.") % {"names": ", ".join(sorted(unknown))}
        )
    out = {k: dict(v) for k, v in (current or {}).items()}
    texts = dict(out.get(lang, {}))
    for name, text in fields.items():
        if text.strip():
            texts[name] = text.strip()
        else:
            texts.pop(name, None)
    if texts:
        out[lang] = texts
    else:
        out.pop(lang, None)
    return out


@transaction.atomic
def plan_translation_save(
    *,
    user: Any,
    plan: ActionPlan,
    lang: str,
    context: str | None = None,
    actions: dict[int, dict[str, str]] | None = None,
    indicators: dict[int, dict[str, str]] | None = None,
) -> ActionPlan:
    """The plan's texts in another language than English (the region's, for the copy the managing
    authority reads): the policy context, and per action and indicator the texts named in
    ACTION_TRANSLATED and INDICATOR_TRANSLATED. An empty text removes its translation (the copy then
    shows the English)."""
    from interventures.apps.common.languages import codes

    _check(can_edit_action_plan(user, plan), user)
    if lang == "en" or lang not in codes():
        raise ActionPlanError(_("Choose one of the platform's languages other than English."))
    if context is not None:
        plan.translations = _translated(plan.translations, lang, {"context": context}, ("context",))
        plan.save(update_fields=["translations", "updated_at"])
    mine = {a.pk: a for a in Action.objects.filter(plan=plan)}
    for pk, fields in (actions or {}).items():
        if pk not in mine:
            raise ActionPlanError(_("The action is not this plan's."))
        mine[pk].translations = _translated(mine[pk].translations, lang, fields, ACTION_TRANSLATED)
        mine[pk].save(update_fields=["translations"])
    ours = {i.pk: i for i in Indicator.objects.filter(action__plan=plan)}
    for pk, fields in (indicators or {}).items():
        if pk not in ours:
            raise ActionPlanError(_("The indicator is not this plan's."))
        ours[pk].translations = _translated(ours[pk].translations, lang, fields, INDICATOR_TRANSLATED)
        ours[pk].save(update_fields=["translations"])
    _version(plan, user=user, what="translation")
    return plan


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


PLAN_SECTIONS = ("part1", "part2", "part3", "improvements")
_TARGET_SECTION = re.compile(r"^(action|indicator|evidence)-([0-9]{1,18})$")


def comment_section_valid(plan: ActionPlan, section: str) -> bool:
    """A comment is on a part of the plan, or on one of its actions, indicators or evidence links
    (`action-<id>`, `indicator-<id>`, `evidence-<id>`), never on another plan's."""
    if section in PLAN_SECTIONS:
        return True
    match = _TARGET_SECTION.match(section)
    if match is None:
        return False
    kind, pk = match.group(1), int(match.group(2))
    if kind == "action":
        return Action.objects.filter(plan=plan, pk=pk).exists()
    if kind == "indicator":
        return Indicator.objects.filter(action__plan=plan, pk=pk).exists()
    return Evidence.objects.filter(action__plan=plan, pk=pk).exists()


def _language(code: str) -> str:
    """A text's language: one of the platform's, by its base code ("" when unknown)."""
    from interventures.apps.common.languages import base, codes

    found = base(code or "")
    return found if found in codes() else ""


@transaction.atomic
def comment_add(*, user: Any, plan: ActionPlan, section: str, text: str, language: str = "") -> Comment:
    if user is not OPERATOR and not can(user, Act.COMMENT, plan):
        raise NotAllowed(_("You may not comment on this Action Plan."))
    if not text.strip():
        raise ActionPlanError(_("The comment is empty."))
    if len(text) > COMMENT_MAX:
        raise ActionPlanError(_("A comment holds at most %(n)s characters.") % {"n": COMMENT_MAX})
    if not comment_section_valid(plan, section):
        raise ActionPlanError(_("There is no such part of this Action Plan to comment on."))
    return Comment.objects.create(
        plan=plan,
        section=section,
        text=text.strip(),
        language=_language(language),
        author=None if user is OPERATOR else user,
    )


COMMENT_MAX = 5000


# ---- evidence files of monitoring entries ----------------------------------------------------------

FILE_MAX_BYTES = 10 * 1024 * 1024
FILES_PER_ENTRY = 5
# extension -> its kind: the content type it is served with, checked by its content (common/uploads.py)
FILE_TYPES: dict[str, uploads.Kind] = {
    ".pdf": uploads.PDF,
    ".png": uploads.PNG,
    ".jpg": uploads.JPEG,
    ".jpeg": uploads.JPEG,
    ".docx": uploads.DOCX,
    ".xlsx": uploads.XLSX,
    ".odt": uploads.ODT,
}


Upload = UploadedFile
"""What a view passes: Django's uploaded file (name, size, chunks)."""


def _display_name(raw: str) -> str:
    return uploads.display_name(raw, "evidence")


def _check_upload(upload: Upload) -> tuple[str, str, int]:
    """(extension, content type, size) of an acceptable file, or ActionPlanError naming why not."""
    try:
        checked = uploads.check_upload(upload, kinds=FILE_TYPES, max_bytes=FILE_MAX_BYTES)
    except uploads.UploadRefused as refused:
        name = refused.name
        if refused.code == "kind":
            raise ActionPlanError(
                _("%(name)s: only PDF, PNG, JPEG, DOCX, XLSX or ODT files are accepted.") % {"name": name}
            ) from None
        if refused.code == "size" and upload.size:  # (an empty file is refused as not its kind)
            raise ActionPlanError(
                _("%(name)s is larger than %(mb)s MB.")
                % {"name": name, "mb": FILE_MAX_BYTES // (1024 * 1024)}
            ) from None
        raise ActionPlanError(_("%(name)s is not the kind of file its name says.") % {"name": name}) from None
    return checked.extension, checked.content_type, checked.size


def _too_many(entry: Any) -> ActionPlanError:
    if entry is PolicyImprovement:
        return ActionPlanError(_("An improvement holds at most %(n)s files.") % {"n": FILES_PER_ENTRY})
    return ActionPlanError(_("A monitoring entry holds at most %(n)s files.") % {"n": FILES_PER_ENTRY})


def _store_files(
    *, user: Any, entry: MonitoringEntry | PolicyImprovement, files: Sequence[Upload]
) -> list[Any]:
    """Check every file first (a refused one stores none), then store each under a random name."""
    if len(files) + entry.files.count() > FILES_PER_ENTRY:
        raise _too_many(type(entry))
    checked = [(_check_upload(f), f) for f in files]
    stored = []
    for (ext, content_type, size), upload in checked:
        owner = {"entry": entry} if isinstance(entry, MonitoringEntry) else {"improvement": entry}
        model: type[MonitoringFile] | type[ImprovementFile] = (
            MonitoringFile if isinstance(entry, MonitoringEntry) else ImprovementFile
        )
        record = model(
            **owner,
            token=secrets.token_urlsafe(32),
            extension=ext,
            name=_display_name(upload.name or ""),
            content_type=content_type,
            size=size,
            uploaded_by=None if user is OPERATOR else user,
        )
        record.file.save("upload", upload, save=False)
        record.save()
        stored.append(record)
    return stored


@transaction.atomic
def monitoring_file_add(
    *, user: Any, entry: MonitoringEntry, files: Sequence[Upload]
) -> list[MonitoringFile]:
    """Attach evidence files to a monitoring entry (whoever may monitor the plan)."""
    _check(can_monitor_action_plan(user, entry.action.plan), user)
    stored = _store_files(user=user, entry=entry, files=files)
    _version(entry.action.plan, user=user, what="monitoring")
    return stored


@transaction.atomic
def monitoring_file_delete(*, user: Any, file: MonitoringFile) -> None:
    """Remove one evidence file of a monitoring entry; its stored copy goes once the removal is
    committed (common.uploads.delete_files_with_records)."""
    plan = file.entry.action.plan
    _check(can_monitor_action_plan(user, plan), user)
    file.delete()
    _version(plan, user=user, what="monitoring")


@transaction.atomic
def improvement_file_delete(*, user: Any, file: ImprovementFile) -> None:
    """Remove one evidence file of a policy instrument improvement (as a monitoring entry's: whoever
    may monitor the plan; the stored copy goes once the removal is committed)."""
    plan = file.improvement.plan
    _check(can_monitor_action_plan(user, plan), user)
    file.delete()
    _version(plan, user=user, what="improvements")


@transaction.atomic
def monitoring_delete(*, user: Any, entry: MonitoringEntry) -> None:
    """Remove a monitoring entry with its evidence files (a mistaken entry: the history keeps it)."""
    plan = entry.action.plan
    _check(can_monitor_action_plan(user, plan), user)
    entry.delete()
    _version(plan, user=user, what="monitoring")


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
    files: Sequence[Upload] = (),
    language: str = "",
    is_demo: bool = False,
) -> MonitoringEntry:
    """A dated entry on an action, with its indicator values and evidence files (checked before
    anything is stored: a refused file leaves no entry behind)."""
    _check(can_monitor_action_plan(user, action.plan), user)
    if len(files) > FILES_PER_ENTRY:
        raise _too_many(MonitoringEntry)
    for f in files:
        _check_upload(f)
    known = {str(pk) for pk in action.indicators.values_list("pk", flat=True)}
    clean: dict[str, str] = {}
    for key, value in (values or {}).items():
        if key not in known:
            raise ActionPlanError(_("The indicator %(key)s is not this action's.") % {"key": key})
        if value != "":
            clean[key] = str(Decimal(value))
    entry = MonitoringEntry.objects.create(
        action=action,
        date=date,
        status=status,
        progress=progress.strip(),
        obstacles=obstacles.strip(),
        evidence_url=evidence_url,
        values=clean,
        language=_language(language),
        author=None if user is OPERATOR else user,
        is_demo=is_demo,
    )
    if files:
        _store_files(user=user, entry=entry, files=files)
    _version(action.plan, user=user, what="monitoring")
    return entry


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
    files: Sequence[Upload] = (),
    language: str = "",
    is_demo: bool = False,
) -> PolicyImprovement:
    """Record a change of the plan's policy instrument (the region's partner, once endorsed), with
    its evidence files (checked before anything is stored, as a monitoring entry's)."""
    _check(can_monitor_action_plan(user, plan), user)
    if funds_influenced < 0:
        raise ActionPlanError(_("The funds influenced cannot be negative."))
    if not description.strip():
        raise ActionPlanError(_("Say what changed."))
    if len(files) > FILES_PER_ENTRY:
        raise _too_many(PolicyImprovement)
    for f in files:
        _check_upload(f)
    improvement = PolicyImprovement.objects.create(
        plan=plan,
        kind=kind,
        description=description.strip(),
        date=date,
        evidence_url=evidence_url,
        funds_influenced=funds_influenced,
        language=_language(language),
        author=None if user is OPERATOR else user,
        is_demo=is_demo,
    )
    if files:
        _store_files(user=user, entry=improvement, files=files)
    _version(plan, user=user, what="improvements")
    return improvement


@transaction.atomic
def improvement_delete(*, user: Any, improvement: PolicyImprovement) -> None:
    """Remove a recorded improvement with its evidence files."""
    plan = improvement.plan
    _check(can_monitor_action_plan(user, plan), user)
    improvement.delete()
    _version(plan, user=user, what="improvements")


# ---- translations of what users wrote (comments, monitoring, improvements) ----------------------

TEXT_FIELDS: dict[type[Any], tuple[str, ...]] = {
    Comment: ("text",),
    MonitoringEntry: ("progress", "obstacles"),
    PolicyImprovement: ("description",),
}
TEXT_MAX = 5000


def _plan_of(obj: Comment | MonitoringEntry | PolicyImprovement) -> ActionPlan:
    return obj.action.plan if isinstance(obj, MonitoringEntry) else obj.plan


@transaction.atomic
def text_translation_save(
    *, user: Any, obj: Comment | MonitoringEntry | PolicyImprovement, lang: str, fields: dict[str, str]
) -> Any:
    """A translation of a comment, a monitoring entry or an improvement into one of the platform's
    languages, other than the one it was written in (by its author, or the region's partner for its
    monitoring): readers in that language see it beside the original. An empty text removes it."""
    from interventures.apps.common.languages import codes

    plan = _plan_of(obj)
    allowed = can_translate_plan_text(
        user, plan=plan, author_id=obj.author_id, monitoring=not isinstance(obj, Comment)
    )
    _check(allowed, user)
    if lang not in codes() or lang == obj.language:
        raise ActionPlanError(_("Choose a language other than the one the text is written in."))
    if any(len(t) > TEXT_MAX for t in fields.values()):
        raise ActionPlanError(_("A text holds at most %(n)s characters.") % {"n": TEXT_MAX})
    obj.translations = _translated(obj.translations, lang, fields, TEXT_FIELDS[type(obj)])
    obj.save(update_fields=["translations"])
    if not isinstance(obj, Comment):
        _version(plan, user=user, what="translation")
    return obj
