from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest


@pytest.fixture
def partner_region(db: Any) -> Any:
    """The five partnership regions with their partners, from the reference data; hu-hr returned."""
    from interventures.apps.common.models import Region
    from interventures.apps.partnership.services import partnership_reference_load

    partnership_reference_load()
    return Region.objects.get(code="hu-hr")


@pytest.fixture
def make_org(partner_region: Any) -> Callable[..., Any]:
    from interventures.apps.accounts.permissions import OPERATOR
    from interventures.apps.keyplayers import services

    def make(region: Any = None, **values: Any) -> Any:
        values.setdefault("name", "An organisation")
        values.setdefault("type", "chamber")
        values.setdefault("published", True)
        return services.organisation_create(user=OPERATOR, region=region or partner_region, values=values)

    return make


@pytest.fixture
def make_service() -> Callable[..., Any]:
    from interventures.apps.accounts.permissions import OPERATOR
    from interventures.apps.keyplayers import services

    def make(org: Any, **values: Any) -> Any:
        values.setdefault("name", "A service")
        values.setdefault("service_type", "training")
        return services.service_create(user=OPERATOR, organisation=org, values=values)

    return make
