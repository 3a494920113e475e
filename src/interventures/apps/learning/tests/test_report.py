"""Section 8 of the Situation Analysis Report: practices ranked by the region's gaps."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from interventures.apps.common import sections
from interventures.apps.common.models import Region

pytestmark = pytest.mark.django_db


def fig(estimate, suppressed=False):
    return SimpleNamespace(estimate=estimate, suppressed=suppressed)


def test_section_8_is_registered_by_the_learning_app():
    provider = sections.section_provider(8)
    assert provider is not None
    assert provider.app == "learning"
    assert provider.anchor == "practices"


def test_section_8_lists_practices_matching_the_weakest_dimensions_with_their_figures(reference):
    from interventures.apps.learning.report import practices_section

    region = Region.objects.get(code="hu-hr")
    figures = {
        "SAR-hu-hr-CAP-finance": fig(20.0),
        "SAR-hu-hr-CAP-support": fig(80.0),
        "SAR-hu-hr-CAP-people": fig(60.0),
        "SAR-hu-hr-BAR-programme_language": fig(0.5),
    }
    blocks = practices_section(sections.SectionContext(region=region, lang="en", figures=figures))
    table = next(b for b in blocks if isinstance(b, sections.Table))
    titles = [row[0] for row in table.rows]
    assert titles[0].startswith("Fostering value added business cooperation")  # finance + programme language
    assert "SAR-hu-hr-CAP-finance" in table.rows[0][2]
    assert "SAR-hu-hr-BAR-programme_language" in table.rows[0][2]
    # the strongest dimension (support) gives no reason
    assert all("SAR-hu-hr-CAP-support" not in row[2] for row in table.rows)


def test_without_figures_the_section_says_why_it_is_empty(reference):
    from interventures.apps.learning.report import practices_section

    region = Region.objects.get(code="hu-hr")
    blocks = practices_section(sections.SectionContext(region=region, lang="hu", figures={}))
    assert len(blocks) == 1
    assert blocks[0].note
