"""Reads that the site frame needs on every page."""

from __future__ import annotations

from interventures.apps.accounts.models import Company


def demo_data_present() -> bool:
    """Whether synthetic demo data is loaded, so every page can say so."""
    return Company.objects.filter(is_demo=True).exists()
