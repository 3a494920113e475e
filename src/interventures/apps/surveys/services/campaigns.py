"""Writes for campaigns and their personal invitations."""

from __future__ import annotations

import datetime as dt
import secrets
from collections.abc import Mapping, Sequence

from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from ..models import (
    Campaign,
    Invitation,
    QuestionnaireVersion,
)
from .errors import SurveyError

# ---- campaigns -----------------------------------------------------------------------------------


def campaign_create(
    *,
    region_id: int,
    name: str,
    version: QuestionnaireVersion,
    languages: Sequence[str] = (),
    opens_at: dt.datetime | None = None,
    closes_at: dt.datetime | None = None,
    target_n: int = 0,
    slug: str | None = None,
    public: bool = True,
    is_demo: bool = False,
    translations: Mapping[str, Mapping[str, str]] | None = None,
) -> Campaign:
    """`translations`: the name in other languages ({"hu": {"name": …}}), `name` holding English."""
    form = version.form
    languages = list(languages) or list(form.languages)
    unknown = [lang for lang in languages if lang not in form.languages]
    if unknown:
        raise SurveyError(
            _("The questionnaire has no labels in: %(languages)s") % {"languages": ", ".join(unknown)}
        )
    if opens_at and closes_at and closes_at <= opens_at:
        raise SurveyError(_("A campaign must close after it opens."))
    base = slugify(slug or name)[:40] or "survey"
    with transaction.atomic():
        candidate = base
        while Campaign.objects.filter(slug=candidate).exists():
            candidate = f"{base}-{secrets.token_hex(3)}"
        return Campaign.objects.create(
            region_id=region_id,
            name=name,
            version=version,
            languages=languages,
            opens_at=opens_at,
            closes_at=closes_at,
            target_n=target_n,
            slug=candidate,
            public=public,
            is_demo=is_demo,
            translations={lang: dict(t) for lang, t in (translations or {}).items()},
        )


def campaign_is_open(campaign: Campaign, now: dt.datetime | None = None) -> bool:
    now = now or timezone.now()
    return (campaign.opens_at is None or campaign.opens_at <= now) and (
        campaign.closes_at is None or now < campaign.closes_at
    )


def invitations_create(*, campaign: Campaign, n: int) -> list[Invitation]:
    with transaction.atomic():
        return Invitation.objects.bulk_create(
            [Invitation(campaign=campaign, token=secrets.token_urlsafe(24)) for _ in range(n)]
        )


# ---- responses -----------------------------------------------------------------------------------
