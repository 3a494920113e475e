from __future__ import annotations

from typing import Any

import pytest

CCIS = ["2014TC16RFCB008", "2014IT16RFOP012", "2014ES16RFOP009", "2014TC16RFCB029"]


@pytest.fixture
def classifications(db: Any) -> None:
    """NACE, the NUTS regions of a few countries and a few programmes: enough for the pages."""
    from interventures.apps.classifications.services import esif_load, nace_load, nuts_load

    nace_load()
    nuts_load(countries=["HU", "HR", "AT", "SI", "LT"])
    esif_load(ccis=CCIS)
