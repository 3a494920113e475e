"""Helpers for the assessment tests: the five regions, answer sets, completed results."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from interventures.core import capacity

REGIONS = {
    "hu-hr": "Hungary–Croatia",
    "lombardia": "Lombardy",
    "podkarpackie": "Podkarpackie",
    "castilla-y-leon": "Castilla y León",
    "lt-klaipeda": "Klaipėda",
}


@pytest.fixture
def regions(make_region: Callable[..., Any]) -> dict[str, Any]:
    return {code: make_region(code, name) for code, name in REGIONS.items()}


@pytest.fixture
def nuts3(db: Any) -> None:
    """Two NUTS 3 regions of Eurostat's 2024 typology: a border region and an inland one."""
    from interventures.apps.classifications.models import BorderType, NutsRegion

    NutsRegion.objects.create(
        code="SK042", version=2024, level=3, country="SK", name="Košický kraj", border=BorderType.INTERNAL
    )
    NutsRegion.objects.create(
        code="FR101", version=2024, level=3, country="FR", name="Paris", border=BorderType.NON_BORDER
    )


@pytest.fixture
def reference(db: Any) -> dict[str, Any]:
    """The real reference data: the five regions with their policy instruments and calls, NACE."""
    from interventures.apps.classifications.services import nace_load
    from interventures.apps.common.models import Region
    from interventures.apps.partnership.services import partnership_reference_load

    partnership_reference_load()
    nace_load()
    return {r.code: r for r in Region.objects.filter(code__in=REGIONS)}


@pytest.fixture
def model() -> capacity.CapacityModel:
    return capacity.load_model()


def answers_at(model: capacity.CapacityModel, level: int) -> dict[str, str]:
    """Every item answered with its `level`-th option (clamped), 0 = the lowest."""
    return {item.id: item.options[min(level, len(item.options) - 1)].id for item in model.items}


def low_then_high(model: capacity.CapacityModel) -> dict[str, str]:
    """The first three dimensions at the lowest option, the rest at the highest: clear gaps."""
    low = {d.id for d in model.dimensions[:3]}
    return {
        item.id: (item.options[0] if item.dimension in low else item.options[-1]).id for item in model.items
    }


@pytest.fixture
def make_result(db: Any, regions: dict[str, Any]) -> Callable[..., Any]:
    """make_result(region_code, answers=..., shared=False, **start kwargs) -> a completed Assessment."""
    from interventures.apps.assessment import services

    def make(
        region: str | None = "hu-hr",
        *,
        answers: dict[str, str] | None = None,
        shared: bool = False,
        **kwargs: Any,
    ) -> Any:
        model = capacity.load_model()
        kwargs.setdefault("size_class", "small")
        kwargs.setdefault("sector", "C")
        kwargs.setdefault("language", "en")
        assessment = services.assessment_start(region=regions[region] if region else None, **kwargs)
        services.answers_save(assessment=assessment, answers=answers or answers_at(model, 1))
        assessment = services.assessment_complete(assessment=assessment)
        if shared:
            services.assessment_share(assessment=assessment)
        return assessment

    return make
