"""The dashboard's timeline: the project's dates from the source, and a phase split only when one is
configured (INTERVENTURES_PHASE_1_END), said to be the platform's configuration."""

from __future__ import annotations

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


@pytest.fixture
def partnership(db):
    from interventures.apps.partnership.services import partnership_reference_load

    partnership_reference_load()


def test_without_a_configured_boundary_the_timeline_shows_the_project_unsplit(partnership, client, settings):
    settings.INTERVENTURES_PHASE_1_END = ""
    page = client.get(reverse("actionplans:dashboard")).content.decode()
    assert "The project (no phase split is configured): 1 August 2019 – 31 July 2022" in page
    assert "Phase 2" not in page


def test_a_configured_boundary_is_shown_as_the_platforms_configuration(partnership, client, settings):
    settings.INTERVENTURES_PHASE_1_END = "2021-07-31"
    page = client.get(reverse("actionplans:dashboard")).content.decode()
    assert "its end is this platform&#x27;s configuration" in page
    assert "1 August 2019 – 31 July 2021" in page
    assert "Phase 2: monitoring the Action Plans: 1 August 2021 – 31 July 2022" in page
