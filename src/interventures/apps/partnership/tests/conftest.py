from __future__ import annotations

from typing import Any

import pytest

COUNTRIES = ["HU", "HR", "IT", "PL", "ES", "LT"]


@pytest.fixture
def reference_data(db: Any) -> Any:
    """The partnership files plus the slice of NUTS and ESIF data the five regions need (the full
    classification load is tested once, in test_services)."""
    from interventures.apps.classifications.services import esif_load, nuts_load
    from interventures.apps.partnership.services import partnership_ccis, partnership_reference_load

    nuts_load(countries=COUNTRIES)
    esif_load(ccis=partnership_ccis())
    return partnership_reference_load()
