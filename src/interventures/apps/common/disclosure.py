"""The minimum cell of disclosure control: one setting, read in one place."""

from __future__ import annotations

from django.conf import settings


def min_cell() -> int:
    """No published figure rests on fewer respondents than this (settings.INTERVENTURES_MIN_CELL)."""
    return int(settings.INTERVENTURES_MIN_CELL)
