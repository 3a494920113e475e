"""The survey-weighted need the analysis gives the key players directory: the shares by stage
equal an independent numpy computation with the run's raking weights, and the directory reads them."""

from __future__ import annotations

from typing import Any

import numpy as np
import pytest

from interventures.apps.analysis.needs import region_survey_need
from interventures.apps.analysis.tests.test_services import _raked_weights
from interventures.core import capacity, ecosystem

pytestmark = pytest.mark.django_db


def test_the_weighted_need_equals_an_independent_computation(analysed: Any, settings: Any) -> None:
    settings.INTERVENTURES_MIN_CELL = 3
    region, run = analysed("hu-hr", n=90)
    answers, w = _raked_weights(region)
    model = capacity.load_model()
    scored = [
        ecosystem.respondent_need(model, {k[4:]: v for k, v in a.items() if k.startswith("cap_")})
        for a in answers
    ]
    need = region_survey_need(region)
    assert need.weighted
    assert need.weighted_from == str(run.pk)
    checked = 0
    for (dimension, stage), cell in need.weighted.items():
        at = np.array([s == stage for s, _g in scored])
        has = np.array([dimension in g for _s, g in scored])
        assert cell.n == int(at.sum())
        assert cell.with_gap == int((at & has).sum())
        assert cell.share == pytest.approx(float(w[at & has].sum() / w[at].sum()), rel=1e-8)
        checked += 1
    assert checked >= len(model.dimensions)


def test_the_directory_reads_the_published_survey_share(analysed: Any, settings: Any) -> None:
    from interventures.apps.keyplayers import selectors
    from interventures.apps.keyplayers.needs import need_for

    settings.INTERVENTURES_MIN_CELL = 3
    region, _run = analysed("hu-hr", n=90)
    assert need_for(region).weighted == region_survey_need(region).weighted
    eco = selectors.region_ecosystem(user=None, region=region)
    from_survey = [c for c in eco.cells if c.source == "survey"]
    assert from_survey
    for c in from_survey:
        assert c.survey is not None
        assert c.need == c.survey.need
        assert c.survey.n - 3 >= need_for(region).weighted[c.dimension, c.stage].with_gap >= 3
    withheld = [c for c in eco.cells if c.survey is not None and c.survey.suppressed_by]
    assert all(c.source != "survey" for c in withheld)


def test_a_region_without_a_run_has_no_weighted_need(make_region: Any) -> None:
    assert region_survey_need(make_region("hu-hr", "Region")).weighted == {}


def test_the_survey_reports_the_languages_and_the_directory_says_it_used_them(
    analysed: Any, settings: Any
) -> None:
    """The respondents' English answers make the share not working in English, weighted with the
    run's own weights; the directory's language rule then reads the survey, not the official list."""
    from interventures.apps.keyplayers import selectors

    settings.INTERVENTURES_MIN_CELL = 3
    region, _run = analysed("hu-hr", n=90)
    answers, w = _raked_weights(region)
    need = region_survey_need(region)
    said = need.survey_languages
    assert said is not None
    assert said.measured == len(answers)
    english = np.array([a.get("cap_ppl_english") in ("working", "fluent") for a in answers])
    share = said.none_of({"en"}, min_cell=3)
    assert share.share == pytest.approx(float(w[~english].sum() / w.sum()), rel=1e-8)
    assert share.count == int((~english).sum())
    eco = selectors.region_ecosystem(user=None, region=region)
    assert eco.language_source == "survey"
    assert "en" in dict(eco.languages)


def test_without_a_survey_the_language_rule_is_the_documented_one(make_region: Any) -> None:
    from interventures.apps.keyplayers import selectors

    region = make_region("hu-hr", "Region")
    assert region_survey_need(region).survey_languages is None
    assert selectors.region_ecosystem(user=None, region=region).language_source == "rule"


def test_the_region_page_says_the_language_rule_read_the_survey(
    analysed: Any, settings: Any, client: Any
) -> None:
    from django.urls import reverse

    settings.INTERVENTURES_MIN_CELL = 3
    region, _run = analysed("hu-hr", n=90)
    page = client.get(reverse("keyplayers:region", args=[region.code])).content.decode()
    assert "Languages: from the survey" in page
    assert "SMEs report working in (survey, weighted" in page
    assert "no survey of the region measures" not in page
