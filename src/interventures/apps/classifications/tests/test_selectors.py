from __future__ import annotations

from decimal import Decimal

import pytest

from interventures.apps.classifications import selectors
from interventures.apps.classifications.models import BorderType

pytestmark = pytest.mark.django_db


def test_nace_sections_come_in_the_requested_language(classifications):
    sections = selectors.nace_sections("hu")
    assert len(sections) == 21
    assert sections[0] == {"code": "A", "title": "Mezőgazdaság, erdőgazdálkodás, halászat"}
    assert selectors.nace_sections("lt")[2]["code"] == "C"
    assert selectors.nace_sections("xx")[0]["title"] == "Agriculture, forestry and fishing"


def test_nace_section_titles_are_in_sentence_case_like_the_questionnaire_in_every_language(classifications):
    from interventures.apps.classifications.models import NaceActivity
    from interventures.core.survey.standard import standard_form

    questionnaire = {c.name: c.label for c in standard_form().choices["nace"]}  # "A – Agriculture, …"
    for lang in ("en", "hu", "hr", "it", "pl", "es", "lt"):
        for section in selectors.nace_sections(lang):
            assert f"{section['code']} – {section['title']}" == questionnaire[section["code"]][lang]
    stored = NaceActivity.objects.get(code="A").titles["en"]
    assert stored == "AGRICULTURE, FORESTRY AND FISHING"  # the source text is kept


def test_border_regions_are_the_nuts3_regions_eurostat_marks_as_border(classifications):
    hungarian = {r.code: r for r in selectors.nuts3_border_regions("HU")}
    assert {"HU223", "HU231", "HU232", "HU331"} <= set(hungarian)  # the programme area's Hungarian side
    assert "HU110" not in hungarian or hungarian["HU110"].border != BorderType.NON_BORDER
    assert all(r.level == 3 and r.version == 2024 for r in hungarian.values())
    external = selectors.nuts3_border_regions("HR", border=BorderType.EXTERNAL)
    assert "HR026" in {r.code for r in external}


def test_programme_search_by_title_cci_and_country(classifications):
    assert [p.cci for p in selectors.esif_programmes("croatia")] == ["2014TC16RFCB008", "2014TC16RFCB029"]
    assert [p.cci for p in selectors.esif_programmes("2014IT16")] == ["2014IT16RFOP012"]
    assert [p.cci for p in selectors.esif_programmes(country="ES")] == ["2014ES16RFOP009"]


def test_axis_totals_sum_the_planned_rows(classifications):
    programme = selectors.esif_programme_get(cci="2014TC16RFCB008")
    axes = {a.priority: a for a in selectors.esif_axis_totals(programme)}
    assert list(axes) == ["1", "2", "3", "4", "5"]
    assert axes["1"].eu == Decimal("9960300")
    assert axes["1"].total == Decimal("11718000")
    assert selectors.esif_programme_totals(programme)["eu"] == Decimal("60824406")
    lombardy = selectors.esif_programme_get(cci="2014IT16RFOP012")
    assert [a.priority for a in selectors.esif_axis_totals(lombardy)][:3] == ["I", "II", "III"]
    assert lombardy.strand == ""
    assert programme.strand == "V-A cross-border"
