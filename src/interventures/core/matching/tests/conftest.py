from __future__ import annotations

import pytest

from interventures.core.matching import Borders, Taxonomy
from interventures.reference.borders import country_neighbours, programme_areas
from interventures.reference.files import nace_rows


@pytest.fixture(scope="session")
def taxonomy() -> Taxonomy:
    return Taxonomy.from_rows(nace_rows())


@pytest.fixture(scope="session")
def borders() -> Borders:
    return Borders(neighbours=country_neighbours(), areas=programme_areas())
