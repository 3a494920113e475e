"""selectors for the accounts domain."""

from __future__ import annotations

import io
import zipfile
from typing import Any

from django.contrib.auth.models import User

from .models import ConsentRecord


def user_by_pk(*, pk: str) -> User | None:
    """The user a link names by its primary key (text, as the link carries it); None for a key that
    names no one or is not a key at all."""
    try:
        return User.objects.get(pk=int(pk))
    except (ValueError, OverflowError, User.DoesNotExist):
        return None


def consent_list(*, user: Any) -> list[ConsentRecord]:
    return list(ConsentRecord.objects.filter(user=user).order_by("-given_at", "-pk"))


def consent_is_current(*, user: Any) -> bool:
    """Whether the user's latest consent is to the current version of the text."""
    from .consent import CONSENT_VERSION

    latest = ConsentRecord.objects.filter(user=user).order_by("-given_at", "-pk").first()
    return latest is not None and latest.version == CONSENT_VERSION


README = """Inter Ventures: all the data held about your account, as of {when}.

data.json holds your account, your company, and every record tied to them, by the model
that keeps it ("assessment.Assessment": your preparedness tests, with their answers and
scores; "matchmaking.PartnerProfile": your partner-search profile with its suggestions and
interests; "accounts.ConsentRecord": the consents you gave; comments you wrote; ...).
Survey responses are not linked to accounts, so none appear here.
Passwords and API token secrets are stored only as digests and are not included.
"""


def data_archive(*, user: User) -> bytes:
    """The account's data (personal_data.user_data) as data.json in a ZIP file, with a README."""
    from django.utils import timezone

    from .personal_data import user_data_json

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("data.json", user_data_json(user))
        archive.writestr("README.txt", README.format(when=timezone.now().isoformat(timespec="seconds")))
    return buffer.getvalue()
