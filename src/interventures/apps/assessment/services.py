"""Writes of the preparedness test: start, answer, complete, share, claim, and the API's one-shot submit.

Every function is keyword-only and atomic; domain problems raise `AssessmentError` (or the core's
`AnswerError`, which names the item), and the views turn them into messages and status codes.
"""

from __future__ import annotations

import hashlib
import json
import re
import uuid
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from interventures.apps.accounts.models import Company
from interventures.apps.accounts.permissions import Action, can
from interventures.apps.classifications.selectors import NUTS_CURRENT, nuts3_border_regions, nuts_get
from interventures.apps.common.models import SME, Region
from interventures.core import capacity

from .models import Answer, Assessment, DimensionScore, Status


class AssessmentError(Exception):
    """A request the test cannot carry out (already completed, unknown sector, missing region...)."""


NACE_SECTIONS = "ABCDEFGHIJKLMNOPQRSTU"


def _check_profile(
    *, region: Region | None, country: str, nuts3: str, size_class: str, sector: str, language: str
) -> None:
    from django.conf import settings

    if region is None and not (len(country) == 2 and len(nuts3) == 5 and nuts3.startswith(country)):
        raise AssessmentError(
            _(
                "Choose one of the partnership's regions, or give a country and the NUTS 3 code of your region."
            )
        )
    if region is None and nuts_get(code=nuts3, version=NUTS_CURRENT) is None:
        raise AssessmentError(
            _("%(code)s is not a NUTS 3 code of NUTS 2024; check the code of your region (e.g. SK042).")
            % {"code": nuts3}
        )
    if region is None and not nuts3_border_regions(country).filter(code=nuts3).exists():
        raise AssessmentError(
            _("%(code)s is not an EU border region in Eurostat's NUTS 3 typology (NUTS 2024).")
            % {"code": nuts3}
        )
    if size_class not in SME:
        raise AssessmentError(_("Unknown size class %(value)s.") % {"value": size_class})
    if sector not in NACE_SECTIONS or len(sector) != 1:
        raise AssessmentError(_("Unknown NACE section %(value)s.") % {"value": sector})
    if language not in {code for code, _name in settings.LANGUAGES}:
        raise AssessmentError(_("Unknown language %(value)s.") % {"value": language})


def assessment_start(
    *,
    size_class: str,
    sector: str,
    language: str,
    region: Region | None = None,
    country: str = "",
    nuts3: str = "",
    user: Any = None,
    model_version: str | None = None,
    client_key: str | None = None,
    client_scope: str = "",
    client_fingerprint: str = "",
) -> Assessment:
    """Open a new assessment with the SME's profile, on the current (or a given) model version."""
    country, nuts3 = country.strip().upper(), nuts3.strip().upper()
    if region is not None:
        country, nuts3 = "", ""
    _check_profile(
        region=region, country=country, nuts3=nuts3, size_class=size_class, sector=sector, language=language
    )
    model = capacity.load_model(model_version)
    with transaction.atomic():
        assessment = Assessment.objects.create(
            region=region,
            country=country,
            nuts3=nuts3,
            size_class=size_class,
            sector=sector,
            language=language,
            model_version=model.version,
            client_key=client_key,
            client_scope=client_scope,
            client_fingerprint=client_fingerprint,
        )
        if user is not None and getattr(user, "is_authenticated", False) and _attach(assessment, user):
            assessment.save(update_fields=["user", "company", "updated_at"])
    return assessment


def _lock_open(assessment: Assessment) -> None:
    """Inside a transaction: lock the assessment's row and refuse if it was completed meanwhile.

    Completion takes the same lock, so an autosave that raced the final "Save and finish" either lands
    before the result is scored (and is part of it) or is refused: the stored result always matches
    the stored answers. (SQLite transactions here are IMMEDIATE, which takes the write lock at once.)"""
    status = Assessment.objects.select_for_update().filter(pk=assessment.pk).values_list("status", flat=True)
    if next(iter(status), None) == Status.COMPLETED:
        raise AssessmentError(_("This test is already completed; its answers can no longer change."))


def answer_save(*, assessment: Assessment, item_id: str, value: str) -> Answer | None:
    """Save one answer as given (idempotent: saving the same answer twice changes nothing).

    An empty value withdraws the answer (the item counts as skipped again); None is returned then."""
    if assessment.is_completed:
        raise AssessmentError(_("This test is already completed; its answers can no longer change."))
    model = capacity.load_model(assessment.model_version)
    clean = capacity.validate_answers(model, {item_id: value})
    with transaction.atomic():
        _lock_open(assessment)
        Assessment.objects.filter(pk=assessment.pk).update(updated_at=timezone.now())
        if item_id not in clean:
            Answer.objects.filter(assessment=assessment, item_id=item_id).delete()
            return None
        answer, _created = Answer.objects.update_or_create(
            assessment=assessment, item_id=item_id, defaults={"value": clean[item_id]}
        )
    return answer


def answers_save(*, assessment: Assessment, answers: Mapping[str, str]) -> None:
    """Save a page's answers at once (the form's "Save and continue"); all or nothing."""
    if assessment.is_completed:
        raise AssessmentError(_("This test is already completed; its answers can no longer change."))
    model = capacity.load_model(assessment.model_version)
    clean = capacity.validate_answers(model, dict(answers))
    with transaction.atomic():
        _lock_open(assessment)
        for item_id, value in clean.items():
            Answer.objects.update_or_create(assessment=assessment, item_id=item_id, defaults={"value": value})
        Assessment.objects.filter(pk=assessment.pk).update(updated_at=timezone.now())


def _store_result(assessment: Assessment, scored: tuple[capacity.Result, capacity.StageProgress]) -> None:
    """Store the complete result once: what every view of it shows is read from here."""
    result, progress = scored
    data = result.to_dict()
    assessment.result = data
    assessment.progress = progress.to_dict()
    assessment.stage = data["stage"]
    assessment.overall = data["overall"]
    assessment.status = Status.COMPLETED
    assessment.completed_at = timezone.now()
    assessment.save(
        update_fields=["result", "progress", "stage", "overall", "status", "completed_at", "updated_at"]
    )
    DimensionScore.objects.filter(assessment=assessment).delete()
    DimensionScore.objects.bulk_create(
        DimensionScore(assessment=assessment, dimension=dim, score=value)
        for dim, value in data["dimension_scores"].items()
    )


def assessment_complete(*, assessment: Assessment) -> Assessment:
    """Score the saved answers with the model version the test was taken with, and store the result."""
    if assessment.is_completed:
        return assessment
    model = capacity.load_model(assessment.model_version)
    with transaction.atomic():
        locked = Assessment.objects.select_for_update().get(pk=assessment.pk)
        if locked.is_completed:
            return locked
        answers = dict(locked.answers.values_list("item_id", "value"))
        _store_result(locked, capacity.score_with_progress(model, answers))
    return locked


BULK_SCOPE = "bulk"
"""The scope of keys of demo data and bulk imports: no API caller's scope is ever this one."""
ANONYMOUS_SCOPE = "anonymous"
ANONYMOUS_KEY = re.compile(r"[A-Za-z0-9_-]{22,100}")


class IdempotencyConflict(AssessmentError):
    """The idempotency key was already used by this caller for a different submission."""


class IdempotencyKeyError(AssessmentError):
    """The idempotency key is missing, too long or (for an anonymous caller) not random enough."""


def client_scope(user: Any) -> str:
    """The scope of a caller's idempotency keys: its account, or the one scope of anonymous callers."""
    if getattr(user, "is_authenticated", False):
        return f"user:{user.pk}"
    return ANONYMOUS_SCOPE


def _fingerprint(submission: Mapping[str, Any]) -> str:
    canonical = json.dumps(submission, sort_keys=True, ensure_ascii=False, separators=(",", ":"), default=str)
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def _by_client_key(scope: str, client_key: str) -> Assessment | None:
    return Assessment.objects.filter(client_scope=scope, client_key=client_key).first()


def _check_key(client_key: str, scope: str) -> None:
    if not client_key or len(client_key) > 100 or not client_key.isprintable():
        raise IdempotencyKeyError(_("An idempotency key of 1 to 100 characters is required."))
    if scope == ANONYMOUS_SCOPE and not ANONYMOUS_KEY.fullmatch(client_key):
        # Without an account the key is all that tells one caller's retry from another caller's
        # request, so it must be one nobody else would choose.
        raise IdempotencyKeyError(
            _(
                "Without an account, the idempotency key must be random: 22 to 100 letters, digits, "
                "hyphens or underscores (a UUID will do)."
            )
        )


def assessment_submit(
    *,
    caller: Any,
    client_key: str,
    answers: Mapping[str, Any],
    size_class: str,
    sector: str,
    language: str,
    region: Region | None = None,
    country: str = "",
    nuts3: str = "",
) -> tuple[Assessment, bool]:
    """The API's one-shot test: validate, store and score; (assessment, created).

    Idempotent per caller: the key lives in the caller's scope (`client_scope`) with the fingerprint
    of the submission it came with. The same key and the same submission return the first assessment
    and store nothing; the same key with another submission raises IdempotencyConflict, so a replayed
    key never hands anyone a result it did not submit. Bad answers raise the core's AnswerError before
    anything is stored."""
    scope = client_scope(caller)
    _check_key(client_key, scope)
    fingerprint = _fingerprint(
        {
            "answers": dict(answers) if isinstance(answers, Mapping) else answers,
            "size_class": size_class,
            "sector": sector,
            "language": language,
            "region": region.code if region is not None else None,
            "country": country,
            "nuts3": nuts3,
        }
    )

    def replay(found: Assessment) -> tuple[Assessment, bool]:
        if found.client_fingerprint != fingerprint:
            raise IdempotencyConflict(
                _("This idempotency key was already used for a different submission; use a new key.")
            )
        return found, False

    existing = _by_client_key(scope, client_key)
    if existing is not None:
        return replay(existing)
    model = capacity.load_model()
    clean = capacity.validate_answers(model, answers)
    try:
        with transaction.atomic():
            assessment = assessment_start(
                size_class=size_class,
                sector=sector,
                language=language,
                region=region,
                country=country,
                nuts3=nuts3,
                model_version=model.version,
                client_key=client_key,
                client_scope=scope,
                client_fingerprint=fingerprint,
            )
            Answer.objects.bulk_create(
                Answer(assessment=assessment, item_id=item_id, value=value)
                for item_id, value in clean.items()
            )
            _store_result(assessment, capacity.score_with_progress(model, clean))
    except IntegrityError:
        # Two retries raced past the lookup; the unique key let exactly one of them in.
        return replay(Assessment.objects.get(client_scope=scope, client_key=client_key))
    return assessment, True


def assessment_share(*, assessment: Assessment) -> Assessment:
    """The SME consents to its region's partner seeing this result."""
    if not assessment.is_completed:
        raise AssessmentError(_("Only a completed result can be shared."))
    if assessment.region_id is None:
        raise AssessmentError(
            _("Your region is not one of the partnership's regions, so no partner can see it.")
        )
    with transaction.atomic():
        assessment.shared_with_region = True
        assessment.shared_at = timezone.now()
        assessment.save(update_fields=["shared_with_region", "shared_at", "updated_at"])
    return assessment


def assessment_unshare(*, assessment: Assessment) -> Assessment:
    """Withdraw the consent; the partner no longer sees the result."""
    with transaction.atomic():
        assessment.shared_with_region = False
        assessment.unshared_at = timezone.now()
        assessment.save(update_fields=["shared_with_region", "unshared_at", "updated_at"])
    return assessment


def _attach(assessment: Assessment, user: Any) -> bool:
    """Give the test to `user` (and its company) if the user may then act on it as its owner.

    An adviser or the coordinator who tries the test keeps it anonymous instead: the access rules let
    them read confidential results only when shared, so owning one would lock them out of it."""
    profile = getattr(user, "profile", None)
    company: Company | None = getattr(profile, "company", None)
    previous = assessment.user, assessment.company
    assessment.user = user
    if company is not None:
        assessment.company = company
    if not can(user, Action.EDIT, assessment):
        assessment.user, assessment.company = previous
        return False
    return True


def assessment_claim(*, assessment: Assessment, user: Any) -> Assessment:
    """Keep an anonymous assessment in a logged-in user's account (from then on, only they see it)."""
    if not getattr(user, "is_authenticated", False):
        raise AssessmentError(_("Log in to keep this result in your account."))
    if assessment.user_id is not None and assessment.user_id != user.pk:
        raise AssessmentError(_("This test already belongs to another account."))
    if not _attach(assessment, user):
        raise AssessmentError(_("Only the account of an enterprise can keep a test."))
    with transaction.atomic():
        assessment.save(update_fields=["user", "company", "updated_at"])
    return assessment


@dataclass(frozen=True)
class CompletedSpec:
    """A completed test to import in bulk (demo data, migrations from other tools)."""

    client_key: str
    region: Region | None
    size_class: str
    sector: str
    language: str
    answers: Mapping[str, str]
    completed_at: datetime
    company: Company | None = None
    shared: bool = False
    is_demo: bool = False


def assessments_import_completed(*, specs: Sequence[CompletedSpec]) -> int:
    """Store many completed tests at once, scored with the current model; idempotent on client_key.

    Bulk inserts keep a few hundred demo results to well under a second; each is scored exactly as
    `assessment_complete` would score it. Returns how many were new."""
    model = capacity.load_model()
    existing = set(
        Assessment.objects.filter(
            client_scope=BULK_SCOPE, client_key__in=[s.client_key for s in specs]
        ).values_list("client_key", flat=True)
    )
    todo = [s for s in specs if s.client_key not in existing]
    if not todo:
        return 0
    with transaction.atomic():
        assessments = []
        for spec in todo:
            clean = capacity.validate_answers(model, spec.answers)
            result, progress = capacity.score_with_progress(model, clean)
            data = result.to_dict()
            assessments.append(
                Assessment(
                    client_scope=BULK_SCOPE,
                    client_key=spec.client_key,
                    region=spec.region,
                    company=spec.company,
                    size_class=spec.size_class,
                    sector=spec.sector,
                    language=spec.language,
                    model_version=model.version,
                    status=Status.COMPLETED,
                    result=data,
                    progress=progress.to_dict(),
                    stage=data["stage"],
                    overall=data["overall"],
                    completed_at=spec.completed_at,
                    shared_with_region=spec.shared,
                    shared_at=spec.completed_at if spec.shared else None,
                    is_demo=spec.is_demo,
                )
            )
        Assessment.objects.bulk_create(assessments, batch_size=500)
        ids = dict(
            Assessment.objects.filter(
                client_scope=BULK_SCOPE, client_key__in=[s.client_key for s in todo]
            ).values_list("client_key", "pk")
        )
        Answer.objects.bulk_create(
            (
                Answer(assessment_id=ids[a.client_key], item_id=item_id, value=value)
                for a in todo
                for item_id, value in capacity.validate_answers(model, a.answers).items()
            ),
            batch_size=2000,
        )
        DimensionScore.objects.bulk_create(
            (
                DimensionScore(assessment_id=ids[a.client_key], dimension=dim, score=value)
                for a in assessments
                for dim, value in (a.result or {})["dimension_scores"].items()
            ),
            batch_size=2000,
        )
    return len(todo)


def assessments_erase_for(user: Any) -> None:
    """An account is deleted (accounts.services.account_delete): its tests, and its company's when it
    is the company's last user, lose every tie to it. A completed test stays as an anonymous record
    (region, size class, sector, scores: the regional figures are unchanged), reached by no link any
    more (a new token) and by no idempotency key; a test in progress is deleted."""
    from django.db.models import Q

    from interventures.apps.accounts.models import Profile

    mine = Q(user=user)
    profile = Profile.objects.filter(user=user).first()
    if profile is not None and profile.company_id is not None:
        if not Profile.objects.filter(company_id=profile.company_id).exclude(user=user).exists():
            mine |= Q(company_id=profile.company_id)
    with transaction.atomic():
        Assessment.objects.filter(mine).exclude(status=Status.COMPLETED).delete()
        for assessment in Assessment.objects.filter(mine):
            assessment.user = None
            assessment.company = None
            assessment.token = uuid.uuid4()
            assessment.client_scope = ""
            assessment.client_key = None
            assessment.client_fingerprint = ""
            assessment.save(
                update_fields=["user", "company", "token", "client_scope", "client_key", "client_fingerprint"]
            )
