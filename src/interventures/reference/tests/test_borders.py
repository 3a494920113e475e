from __future__ import annotations

from interventures.core.matching import Borders, MatchProfile
from interventures.reference.borders import (
    border_nuts3,
    country_neighbours,
    programme_areas,
    programme_countries,
)


def test_neighbours_from_the_cross_border_programmes() -> None:
    assert programme_countries("Interreg V-A - Hungary-Croatia") == ["HU", "HR"]
    assert programme_countries("Interreg V-A - Germany/Bayern-Czech Republic") == ["DE", "CZ"]
    assert programme_countries("IPA CBC Croatia – Bosnia and Herzegovina - Montenegro") == ["HR", "BA", "ME"]
    n = country_neighbours()
    assert {"HR", "AT", "SK", "RO", "SI", "RS"} <= n["HU"]
    assert {"SK", "UA"} <= n["PL"]  # Podkarpackie's neighbours come from the partnership's data
    assert "HU" in n["HR"]


def test_default_targets_come_from_the_programme_area() -> None:
    borders = Borders(neighbours=country_neighbours(), areas=programme_areas())
    assert borders.targets(MatchProfile(id="a", country="HU", nuts3="HU231")) == {"HR"}  # Baranya
    assert {"HR", "AT", "SK", "RO", "SI"} <= borders.targets(
        MatchProfile(id="b", country="HU", nuts3="HU110")
    )
    assert borders.targets(MatchProfile(id="c", country="IT", nuts3="ITC4C")) == {"CH"}  # Milano
    explicit = MatchProfile(id="d", country="HU", nuts3="HU231", target_countries=frozenset({"AT", "HU"}))
    assert borders.targets(explicit) == {"AT"}


def test_border_typology() -> None:
    typology = border_nuts3()
    assert typology["HU231"] is True  # Baranya, at the Croatian border
    assert typology["HU110"] is False  # Budapest
