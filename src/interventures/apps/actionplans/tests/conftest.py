"""The Action Plans tests' world: the partnership's regions, a plan's region (hu-hr) with its
partner and stakeholder, another region's partner, the coordinator and the advisory partner."""

from __future__ import annotations

import secrets
from typing import Any

import pytest

from interventures.apps.accounts.models import Role
from interventures.apps.accounts.services import user_create
from interventures.apps.common.models import Region
from interventures.apps.partnership.selectors import instrument_for_region


def _user(name: str, role: Role, region: Region | None = None) -> Any:
    return user_create(
        username=name, password=secrets.token_urlsafe(12), role=role, region_id=region.pk if region else None
    )


@pytest.fixture
def world(db: Any) -> dict[str, Any]:
    from interventures.apps.partnership.services import partnership_reference_load

    partnership_reference_load()
    region = Region.objects.get(code="hu-hr")
    other = Region.objects.get(code="lombardia")
    return {
        "region": region,
        "instrument": instrument_for_region(region),
        "partner": _user("p", Role.REGIONAL_PARTNER, region),
        "other_partner": _user("q", Role.REGIONAL_PARTNER, other),
        "stakeholder": _user("s", Role.STAKEHOLDER, region),
        "coordinator": _user("c", Role.COORDINATOR),
        "advisor": _user("a", Role.ADVISOR),
    }
