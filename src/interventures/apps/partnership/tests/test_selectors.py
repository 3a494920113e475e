from __future__ import annotations

import pytest

from interventures.apps.partnership import selectors

pytestmark = pytest.mark.django_db


def test_region_selectors(reference_data, django_assert_num_queries):
    region = selectors.region_get(code="hu-hr")
    assert selectors.region_languages(region) == ["hu", "hr"]
    instrument = selectors.instrument_for_region(region)
    with django_assert_num_queries(0):  # axes, schemes and calls come prefetched
        assert [a.code for a in instrument.axes.all()] == ["PA1"]
        assert len(instrument.schemes.all()) == 1
        assert len(instrument.calls.all()) == 2
    assert [r.code for r in selectors.region_list()][:2] == ["hu-hr", "lombardia"]


def test_translated_names_fall_back_to_english(reference_data):
    from interventures.apps.common.translated import tr

    region = selectors.region_get(code="lombardia")
    assert tr(region, "name", "it") == "Lombardia"
    assert tr(region, "name", "en") == "Lombardy"
    assert tr(region, "kind", "hu") == region.kind
