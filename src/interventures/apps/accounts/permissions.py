"""Who may do what: every role and object-level rule of the platform lives in this module.

Views, the API, the CLI and the admin never decide access themselves. They call
`can`/`require` for one object, `visible` to scope a queryset, or `access` to fetch one
object by primary key (404 when the user may not even see it, 403 when they may see but
not act on it).

An object takes part by declaring, on its model, which of its fields carry ownership:

    class Assessment(models.Model):
        access = AccessFields(region="region", company="company", user="user",
                              confidential=True, shared="shared_with_region")

Partner search (apps/matchmaking): a profile declares `company` and `published`, so its company's
users see and edit it and everybody sees it once published. Its contact details are another rule
(`can_see_contact`): its own company's users, and the users of a company that both declared interest
in meeting it and received its interest back; nobody else, not even the coordinator or an
administrator on the platform's pages.

Rules (the tests in tests/test_permissions.py state each one):

| role              | view                                                     | edit                        | comment            | export microdata |
|-------------------|----------------------------------------------------------|-----------------------------|--------------------|------------------|
| anonymous public  | published                                                | –                           | –                  | –                |
| SME user          | published; its own company's and its own objects         | its own company's / own     | –                  | –                |
| stakeholder (RSG) | published; its region's non-confidential objects         | –                           | its region's       | –                |
| regional partner  | published; its region's objects, confidential ones only  | its region's non-confidential| its region's      | its region's     |
|                   | when the SME shared them                                 |                             |                    |                  |
| advisory partner  | published; every region's `advised` objects (the Action  | –                           | `advised` objects  | –                |
|                   | Plans and their review), never confidential ones         |                             | in every region    |                  |
| coordinator       | everything except unshared confidential objects          | all non-confidential        | all it can view    | all regions      |
| administrator     | everything                                               | everything                  | everything         | all regions      |

The key players directory follows the same rows: an organisation (partnership.Organisation), its
services and ties are region-owned and `published`, so the public sees published entries, the
region's partner edits its region's, and stakeholders comment on them; stakeholders' comments and
the improvement list belong to the region only (keyplayers.Comment, keyplayers.Improvement). The
directory of a region as a whole (adding, importing, refreshing the list, exporting drafts) is the
region's partner's, the coordinator's and the administrator's (`can_edit_directory`); its export
holds published entries for everyone else.
Beyond the matrix (learning app):

- good practices: a draft is its partner region's (edited by that region's partner and the
  coordinator; a practice from outside the partnership by the coordinator); only the coordinator
  (and the administrator) validates one, and a validated practice is public (`can_validate_practice`);
- event participants are personal data: only the host region's partner, the coordinator and the
  administrator see names, e-mails, organisations and gender; everyone else sees counts with the
  minimum cell (`can_see_personal_data`);
- a new good practice is proposed by a regional partner (for its own region), the coordinator or the
  administrator (`can_propose_practice`); a practice and its translations are edited by whoever the
  EDIT rule allows, except reference content (the Interreg Europe practices of reference/data), which
  is edited in its data files and never on the pages (`can_edit_practice`);
- feedback after an event: the participant, through the random key of their own feedback link, or
  whoever may edit the event (its host region's partner, the coordinator) on their behalf
  (`can_record_feedback`);
- events and fast-track initiatives are created by a regional partner (for its region), the
  coordinator or the administrator (`can_organise_learning`) and edited by whoever the EDIT rule
  allows; an event's files are seen by whoever sees the event;
- a participant who registered themselves sees and cancels the registration through the random key
  of their own registration link, and nobody else does on that page (`can_manage_registration`).
The advisory partner (AEBR in the project: "a step-by-step action planning process assisted by
advisory services") is bound to no region and no company and is not partnership staff: outside the
models that declare `advised=True` it reads what any signed-in outsider reads (published objects),
never microdata (no export, no survey responses, no personal data of participants), and it edits
nothing. On `advised` models (every Action Plan with its actions, indicators, evidence, comments,
versions, monitoring and improvements) it reads every region's rows, drafts included, and comments.
Personal objects (`AccessFields(user=..., personal=True)`: a user's API tokens) are outside the
table: their owner views and edits them, an administrator too, nobody else; nobody exports them.
"""

from __future__ import annotations

import hmac
from collections.abc import Collection
from dataclasses import dataclass
from enum import StrEnum
from typing import Any, TypeVar

from django.core.exceptions import ObjectDoesNotExist, PermissionDenied
from django.db import models
from django.db.models import Q
from django.http import Http404

from .models import Role
from .permissions_fields import AccessFields

M = TypeVar("M", bound=models.Model)


class Action(StrEnum):
    VIEW = "view"
    EDIT = "edit"
    COMMENT = "comment"
    EXPORT = "export"


@dataclass(frozen=True)
class Actor:
    role: Role | None  # None: the anonymous public
    user_id: int | None = None
    region_id: int | None = None
    company_id: int | None = None


class Operator:
    """Whoever runs the command line, a demo load or a scheduled task on the server: trusted, and
    acting for no user. Services that act for a user take `user=` and check it; these callers pass
    OPERATOR instead, so that no caller can skip the check by leaving the user out."""

    def __repr__(self) -> str:
        return "OPERATOR"


OPERATOR = Operator()


def actor_of(user: Any) -> Actor:
    if user is None or not getattr(user, "is_authenticated", False):
        return Actor(role=None)
    if user.is_superuser:
        return Actor(role=Role.ADMIN, user_id=user.pk)
    profile = getattr(user, "profile", None)
    if profile is None:
        return Actor(role=Role.SME, user_id=user.pk)
    return Actor(
        role=Role(profile.role), user_id=user.pk, region_id=profile.region_id, company_id=profile.company_id
    )


def _fields(model: type[models.Model]) -> AccessFields:
    fields = getattr(model, "access", None)
    if not isinstance(fields, AccessFields):
        raise TypeError(f"{model.__name__} declares no `access = AccessFields(...)`")
    return fields


def _value(obj: models.Model, field: str | None) -> Any:
    """The value behind a field path such as "region" or "campaign__region" (ids for relations)."""
    if field is None:
        return None
    *hops, last = field.split("__")
    for hop in hops:
        obj = getattr(obj, hop)
        if obj is None:
            return None
    target = obj._meta.get_field(last)
    if not isinstance(target, models.Field):  # a reverse relation has no single value
        raise TypeError(f"{type(obj).__name__}.{last} is a reverse relation, not a field")
    return getattr(obj, target.attname)


def can(user: Any, action: Action, obj: models.Model) -> bool:
    actor = actor_of(user)
    f = _fields(type(obj))
    region_id = _value(obj, f.region)
    company_id = _value(obj, f.company)
    owner_id = _value(obj, f.user)
    published = bool(_value(obj, f.published)) if f.published else False
    shared = bool(_value(obj, f.shared)) if f.shared else False

    own_region = actor.region_id is not None and region_id == actor.region_id
    own = (actor.company_id is not None and company_id == actor.company_id) or (
        actor.user_id is not None and owner_id == actor.user_id
    )
    regional_ok = own_region and (not f.confidential or shared)

    role = actor.role
    if f.personal:
        return role == Role.ADMIN or (
            action in (Action.VIEW, Action.EDIT) and actor.user_id is not None and owner_id == actor.user_id
        )
    if role == Role.ADMIN:
        return True
    if action == Action.VIEW:
        if published and not f.confidential:
            return True
        if role == Role.COORDINATOR:
            return not f.confidential or shared
        if role == Role.REGIONAL_PARTNER:
            return regional_ok
        if role == Role.STAKEHOLDER:
            return own_region and not f.confidential
        if role == Role.SME:
            return own
        if role == Role.ADVISOR:
            return f.advised and not f.confidential
        return False
    if action == Action.EDIT:
        if role == Role.COORDINATOR:
            return not f.confidential
        if role == Role.REGIONAL_PARTNER:
            return own_region and not f.confidential
        if role == Role.SME:
            return own
        return False
    if action == Action.COMMENT:
        if role == Role.COORDINATOR:
            return can(user, Action.VIEW, obj)
        if role in (Role.REGIONAL_PARTNER, Role.STAKEHOLDER):
            return own_region and not f.confidential
        if role == Role.ADVISOR:
            return f.advised and not f.confidential
        return False
    if action == Action.EXPORT:
        if role == Role.COORDINATOR:
            return True
        if role == Role.REGIONAL_PARTNER:
            return own_region
        return False
    return False


def require(user: Any, action: Action, obj: models.Model) -> None:
    if not can(user, action, obj):
        raise PermissionDenied


def _q(field: str | None, value: Any) -> Q:
    if field is None or value is None:
        return Q(pk__in=[])
    return Q(**{field: value})


def visible_q(user: Any, model: type[models.Model], action: Action = Action.VIEW) -> Q:
    """The rows of `model` on which `user` may perform `action`, as a filter (mirrors `can`)."""
    actor = actor_of(user)
    f = _fields(model)
    nothing = Q(pk__in=[])
    everything = ~nothing
    published = Q(**{f.published: True}) if f.published and not f.confidential else nothing
    own_region = _q(f.region, actor.region_id)
    own = _q(f.company, actor.company_id) | _q(f.user, actor.user_id)
    shared = Q(**{f.shared: True}) if f.shared else nothing
    not_confidential = nothing if f.confidential else everything
    advised = everything if f.advised and not f.confidential else nothing

    role = actor.role
    if f.personal:
        if role == Role.ADMIN:
            return everything
        return _q(f.user, actor.user_id) if action in (Action.VIEW, Action.EDIT) else nothing
    if role == Role.ADMIN:
        return everything
    if action == Action.VIEW:
        if role == Role.COORDINATOR:
            return published | (not_confidential | shared)
        if role == Role.REGIONAL_PARTNER:
            return published | (own_region & (not_confidential | shared))
        if role == Role.STAKEHOLDER:
            return published | (own_region & not_confidential)
        if role == Role.SME:
            return published | own
        if role == Role.ADVISOR:
            return published | advised
        return published
    if action == Action.EDIT:
        if role == Role.COORDINATOR:
            return not_confidential
        if role == Role.REGIONAL_PARTNER:
            return own_region & not_confidential
        if role == Role.SME:
            return own
        return nothing
    if action == Action.COMMENT:
        if role == Role.COORDINATOR:
            return visible_q(user, model, Action.VIEW)
        if role in (Role.REGIONAL_PARTNER, Role.STAKEHOLDER):
            return own_region & not_confidential
        if role == Role.ADVISOR:
            return advised
        return nothing
    if action == Action.EXPORT:
        if role == Role.COORDINATOR:
            return everything
        if role == Role.REGIONAL_PARTNER:
            return own_region
        return nothing
    return nothing


def visible(user: Any, queryset: models.QuerySet[M], action: Action = Action.VIEW) -> models.QuerySet[M]:
    return queryset.filter(visible_q(user, queryset.model, action))


def access(user: Any, queryset: models.QuerySet[M], *, action: Action = Action.VIEW, **lookup: Any) -> M:
    """Fetch one object for `user`: 404 if they may not see it, 403 if they may see but not act."""
    try:
        obj = visible(user, queryset, Action.VIEW).get(**lookup)
    except ObjectDoesNotExist as exc:  # the model's DoesNotExist; `M` is any model
        raise Http404 from exc
    if action != Action.VIEW:
        require(user, action, obj)
    return obj


def can_export_region(user: Any, region_id: int | None) -> bool:
    """Microdata export for a region (or for all regions when region_id is None)."""
    actor = actor_of(user)
    if actor.role in (Role.ADMIN, Role.COORDINATOR):
        return True
    return actor.role == Role.REGIONAL_PARTNER and region_id is not None and actor.region_id == region_id


def can_edit_directory(user: Any, region_id: int | None) -> bool:
    """The key players directory of a region as a whole: adding organisations, importing files,
    refreshing the improvement list, and exporting its drafts (the public and stakeholders export
    its published entries only). The region's partner, the coordinator and administrators."""
    actor = actor_of(user)
    if actor.role in (Role.ADMIN, Role.COORDINATOR):
        return True
    return actor.role == Role.REGIONAL_PARTNER and region_id is not None and actor.region_id == region_id


def can_see_contact(user: Any, *, owner_company_id: int | None, agreed_company_ids: Collection[int]) -> bool:
    """Whether `user` may read the contact details of the company `owner_company_id`'s partner-search
    profile: its own users, or the users of a company in `agreed_company_ids` (the companies with
    which the owner and the other side both declared interest in meeting)."""
    actor = actor_of(user)
    if actor.company_id is None or owner_company_id is None:
        return False
    return actor.company_id == owner_company_id or actor.company_id in agreed_company_ids


def is_staff_role(user: Any) -> bool:
    """Partnership staff: administrators, the coordinator and regional partners (not the advisory
    partner, who advises on the Action Plans and handles no survey or microdata)."""
    return actor_of(user).role in (Role.ADMIN, Role.COORDINATOR, Role.REGIONAL_PARTNER)


def bound_region_id(user: Any) -> int | None:
    """The one region a regional partner works for; None for roles that span every region."""
    actor = actor_of(user)
    return actor.region_id if actor.role == Role.REGIONAL_PARTNER else None


def can_validate_practice(user: Any) -> bool:
    """Validating a good practice for the partnership is the coordinator's (and the administrator's)."""
    return actor_of(user).role in (Role.ADMIN, Role.COORDINATOR)


def can_see_personal_data(user: Any, region_id: int | None) -> bool:
    """Names, e-mails and other personal data of the people attached to a region's records (event
    participants): the region's partner, the coordinator and the administrator."""
    actor = actor_of(user)
    if actor.role in (Role.ADMIN, Role.COORDINATOR):
        return True
    return actor.role == Role.REGIONAL_PARTNER and region_id is not None and actor.region_id == region_id


def can_propose_practice(user: Any) -> bool:
    """Proposing a good practice: a regional partner (for its region), the coordinator, the administrator."""
    return actor_of(user).role in (Role.ADMIN, Role.COORDINATOR, Role.REGIONAL_PARTNER)


def can_edit_practice(user: Any, practice: Any) -> bool:
    """Editing a practice or its translations on the pages: its EDIT rule, and never reference content
    (`reference load` would overwrite the edit; its text lives in reference/data)."""
    return not getattr(practice, "is_reference", False) and can(user, Action.EDIT, practice)


def can_record_feedback(user: Any, participant: Any, *, token: str = "") -> bool:
    """A participant's feedback: the participant, holding the key of their feedback link, or whoever
    may edit the event (its host region's partner, the coordinator, the administrator)."""
    if token:
        return hmac.compare_digest(token, participant.feedback_token or "")
    return can(user, Action.EDIT, participant.event)


def can_organise_learning(user: Any) -> bool:
    """Creating an event or a fast-track initiative: a regional partner (under its own region, which
    the EDIT rule then checks), the coordinator, the administrator."""
    return actor_of(user).role in (Role.ADMIN, Role.COORDINATOR, Role.REGIONAL_PARTNER)


def can_manage_registration(participant: Any, *, token: str) -> bool:
    """A registration's own page (see it, cancel it): whoever holds the key of its link."""
    return bool(token) and hmac.compare_digest(token, participant.registration_token or "")


# ---- Action Plans (apps/actionplans) ------------------------------------------------------------
#
# - a plan is seen by the public once endorsed or signed (`published`), before that by its region's
#   partnership roles and the coordinator (the matrix's VIEW rule);
# - only the region's partner (and the administrator) writes the plan, and only while it is a draft
#   (`can_edit_action_plan`); the coordinator reads every plan but does not write one;
# - every plan model is `advised`: the advisory partner (Role.ADVISOR, AEBR) reads every region's
#   plans, drafts included, with their monitoring, improvements, history and comments, and comments
#   on each section, action, indicator and evidence link; it writes nothing else;
# - the region's stakeholders, the region's partner, the advisory partner and the coordinator comment
#   on its sections (the matrix's COMMENT rule);
# - the region's partner submits the draft for review; the coordinator returns it to draft, records
#   the managing authority's endorsement and the signature (`can_review_action_plan`);
# - monitoring entries are the region's partner's, once the plan is endorsed (`can_monitor_action_plan`);
#   so are policy instrument improvements and the evidence files of both (added and deleted);
# - what users wrote (a comment, a monitoring entry, an improvement) is written in the writer's
#   language; a translation of it is added by its author while they may still comment on the plan,
#   and for monitoring entries and improvements also by whoever may monitor the plan
#   (`can_translate_plan_text`).


def _plan_partner(user: Any, region_id: int | None) -> bool:
    actor = actor_of(user)
    if actor.role == Role.ADMIN:
        return True
    return actor.role == Role.REGIONAL_PARTNER and region_id is not None and actor.region_id == region_id


def can_edit_action_plan(user: Any, plan: Any) -> bool:
    return _plan_partner(user, plan.region_id) and plan.status == "draft"


def can_submit_action_plan(user: Any, plan: Any) -> bool:
    return _plan_partner(user, plan.region_id) and plan.status == "draft"


def can_review_action_plan(user: Any, plan: Any) -> bool:
    return actor_of(user).role in (Role.ADMIN, Role.COORDINATOR) and can(user, Action.VIEW, plan)


def can_monitor_action_plan(user: Any, plan: Any) -> bool:
    return _plan_partner(user, plan.region_id) and plan.status in ("endorsed", "signed")


def can_delete_own_account(user: Any) -> bool:
    """An SME user deletes its own account on its account page; partnership staff and stakeholders
    are removed by an administrator (their writings belong to the partnership's records)."""
    return actor_of(user).role == Role.SME


def can_read_audit_log(user: Any) -> bool:
    """The audit log (apps/audit): the coordinator and the administrator."""
    return actor_of(user).role in (Role.ADMIN, Role.COORDINATOR)


def can_translate_plan_text(user: Any, *, plan: Any, author_id: int | None, monitoring: bool) -> bool:
    """A translation of a text on `plan` written by `author_id`: a comment (`monitoring` False) or a
    monitoring entry or improvement (`monitoring` True)."""
    actor = actor_of(user)
    if actor.role == Role.ADMIN:
        return True
    if actor.user_id is not None and author_id == actor.user_id and can(user, Action.COMMENT, plan):
        return True
    return monitoring and can_monitor_action_plan(user, plan)


def is_advisor(user: Any) -> bool:
    """The advisory partner (AEBR): comments on every region's Action Plans, edits none."""
    return actor_of(user).role == Role.ADVISOR
