"""selectors for the accounts domain."""

from __future__ import annotations

from django.contrib.auth.models import User


def user_by_pk(*, pk: str) -> User | None:
    """The user a link names by its primary key (text, as the link carries it); None for a key that
    names no one or is not a key at all."""
    try:
        return User.objects.get(pk=int(pk))
    except (ValueError, OverflowError, User.DoesNotExist):
        return None
