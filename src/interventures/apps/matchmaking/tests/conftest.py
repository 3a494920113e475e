from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from interventures.apps.accounts.permissions import OPERATOR
from interventures.apps.matchmaking.services import ProfileData, profile_save


@pytest.fixture
def make_profile(make_company: Callable[..., Any]) -> Callable[..., Any]:
    """make_profile(country, nuts3, **fields): a company and its saved profile (published by default)."""

    def make(country: str = "HU", nuts3: str = "", *, company: Any = None, **fields: Any) -> Any:
        company = company or make_company(name=fields.get("name"))
        if company.country != country:
            company.country = country
            company.save(update_fields=["country"])
        data = {"name": company.name, "country": country, "nuts3": nuts3, "published": True, **fields}
        data.setdefault("contact_email", f"contact-{company.pk}@example.org")
        data.setdefault("contact_phone", f"+36 1 {company.pk:07d}")
        return profile_save(user=OPERATOR, company=company, data=ProfileData(**data))

    return make
