from __future__ import annotations

import io
from typing import Any

import pytest

from interventures.apps.matchmaking import demo
from interventures.apps.matchmaking.models import PartnerProfile, Suggestion

pytestmark = pytest.mark.django_db


def test_demo_profiles_are_synthetic_idempotent_and_find_partners(make_region: Any) -> None:
    demo.load(out=io.StringIO())
    n = PartnerProfile.objects.count()
    assert n >= 200
    assert not PartnerProfile.objects.filter(is_demo=False).exists()
    demo.load(out=io.StringIO())
    assert PartnerProfile.objects.count() == n
    # every side of the Hungary–Croatia border finds partners on the other side only
    for profile in PartnerProfile.objects.filter(country__in=["HU", "HR"])[:20]:
        partners = Suggestion.objects.filter(profile=profile).values_list("partner__country", flat=True)
        assert partners
        assert set(partners) <= ({"HR"} if profile.country == "HU" else {"HU", "BA", "IT", "ME", "RS", "SI"})
