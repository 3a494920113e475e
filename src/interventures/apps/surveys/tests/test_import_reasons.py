"""Issue #9: an import into a Hungary–Croatia campaign accepted NUTS 3 code PL823 (Podkarpackie) and the
language code "xx"; both are now rejected, and the reason names the bad value."""

from __future__ import annotations

from typing import Any

import pytest
from django.utils import translation

from interventures.apps.surveys.services import imports as imports_services
from interventures.apps.surveys.services.messages import reason_text

pytestmark = pytest.mark.django_db


@pytest.fixture
def hu_hr(make_region: Any) -> Any:
    region = make_region("hu-hr", "Hungary–Croatia")
    region.nuts = {"2021": ["HU22", "HU23", "HR04"]}
    region.save()
    return region


def test_a_nuts3_code_of_another_region_is_rejected_naming_value_and_region(hu_hr: Any) -> None:
    (reason,) = imports_services._nuts3_reasons(
        7, "PL823", {"nuts3": "nuts3"}, frozenset({"PL823", "HU231"}), region=hu_hr
    )
    assert reason["code"] == "nuts3_other_region"
    assert reason_text(reason) == (
        "Row 7, column nuts3: PL823 is not a NUTS 3 region of Hungary–Croatia, the campaign's region."
    )
    assert (
        imports_services._nuts3_reasons(7, "HU231", {"nuts3": "nuts3"}, frozenset({"HU231"}), region=hu_hr)
        == []
    )


def test_an_unknown_language_code_is_rejected_in_the_readers_language() -> None:
    (reason,) = imports_services._language_reasons(3, "xx", ["hu", "hr", "en"])
    with translation.override("hr"):
        text = reason_text(reason)
    assert "xx" in text
    assert "hu, hr, en" in text
    assert text != reason["message"]
    assert imports_services._language_reasons(3, "hr", ["hu", "hr", "en"]) == []
    assert imports_services._language_reasons(3, "", ["hu"]) == []
