"""API fixtures: two regions with a campaign each, the roles, and tokens."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client

from interventures.apps.accounts.models import Role
from interventures.core.survey.tests.forms import small_form

VALID = {"employees": "12", "exports": "yes", "where": "hr us", "us_share": "30", "turnover": "1,5"}


@pytest.fixture
def regions(make_region: Callable[..., Any]) -> tuple[Any, Any]:
    """Two of the partnership's regions ("north" and "south" in the tests' words)."""
    return make_region("hu-hr"), make_region("lombardia")


@pytest.fixture
def campaigns(db: Any, regions: tuple[Any, Any]) -> tuple[Any, Any]:
    from interventures.apps.surveys.services import campaign_create, questionnaire_create

    q = questionnaire_create(name="Small", form=small_form(), published=True)
    return tuple(  # type: ignore[return-value]
        campaign_create(region_id=r.pk, name=f"Survey {r.code}", version=q.current, languages=["en"])
        for r in regions
    )


@pytest.fixture
def people(make_user: Callable[..., Any], regions: tuple[Any, Any]) -> dict[str, Any]:
    north, south = regions
    return {
        "partner_north": make_user(Role.REGIONAL_PARTNER, region=north),
        "partner_south": make_user(Role.REGIONAL_PARTNER, region=south),
        "stakeholder_north": make_user(Role.STAKEHOLDER, region=north),
        "sme": make_user(Role.SME),
        "coordinator": make_user(Role.COORDINATOR),
    }


@pytest.fixture
def bearer() -> Callable[..., Client]:
    """bearer(user, can_write=True) -> a client that sends a fresh token of `user` (no cookies)."""
    from interventures.apps.api.services import token_create

    def make(user: Any, *, can_write: bool = True) -> Client:
        _token, secret = token_create(user=user, name="test", can_write=can_write)
        return Client(HTTP_AUTHORIZATION=f"Bearer {secret}")

    return make
