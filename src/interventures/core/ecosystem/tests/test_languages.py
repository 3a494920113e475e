"""The survey-reported languages of a region's SMEs and the language findings that read them: which
answers make a working language, weighted shares (hand-computed), the threshold rule, and the
fallback to the official-languages rule when no survey measures them."""

from __future__ import annotations

import pytest

from interventures.core.ecosystem import (
    ServiceFacts,
    SurveyLanguages,
    find_improvements,
    respondent_languages,
)
from interventures.core.ecosystem.languages import neighbour_languages
from interventures.core.stats import Factor, Margin, RakedDesign, Raker


def _design(a: int = 10, b: int = 10) -> RakedDesign:
    # a respondents of size a (population 300), b of size b (population 100).
    size = Factor.from_values(["a"] * a + ["b"] * b)
    return Raker().fit({"size": size}, [Margin("size", {"a": 300.0, "b": 100.0})])


def _hu_hr(answers: dict[str, object], lang: str = "hu") -> frozenset[str] | None:
    return respondent_languages(
        answers, answered_in=lang, region_languages=["hu", "hr"], neighbouring_countries=["HU", "HR"]
    )


def test_working_languages_come_from_the_capacity_answers() -> None:
    assert _hu_hr({"ppl_english": "fluent", "ppl_neighbour": "basic"}) == frozenset({"hu", "en"})
    assert _hu_hr({"ppl_english": "nobody", "ppl_neighbour": "working"}) == frozenset({"hu", "hr"})
    assert _hu_hr({"ppl_english": "basic"}, lang="hr") == frozenset({"hr"})
    # Answered in English in a two-language region: both home languages, no neighbour beyond them.
    assert _hu_hr({"ppl_neighbour": "fluent"}, lang="en") == frozenset({"hu", "hr"})
    # A questionnaire's own question adds its ticked codes.
    assert _hu_hr({"working_languages": "de en"}) == frozenset({"hu", "de", "en"})
    # Nothing asked about languages: not measured (not "home language only").
    assert _hu_hr({"str_goal": "agree"}) is None


def test_the_neighbour_language_excludes_the_home_language() -> None:
    assert neighbour_languages({"it"}, ["CH"]) == {"de", "fr"}
    assert neighbour_languages({"lt"}, ["LV", "PL"]) == {"lv", "pl"}


def test_several_neighbour_languages_are_one_group_any_of_which_serves() -> None:
    w = respondent_languages(
        {"ppl_neighbour": "fluent", "ppl_english": "nobody"},
        answered_in="it",
        region_languages=["it"],
        neighbouring_countries=["CH"],
    )
    assert w == frozenset({"it", "de|fr"})
    # 10 Italian-only, 10 also in German or French: an offer in French reaches the second half.
    langs = [frozenset({"it"})] * 10 + [frozenset({"it", "de|fr"})] * 10
    said = SurveyLanguages(_design(), tuple(langs))
    assert said.reported() == ("de|fr", "it")
    assert said.none_of({"fr"}, min_cell=3).share == pytest.approx(300 / 400)
    assert said.working_in("de|fr", min_cell=3).share == pytest.approx(100 / 400)


def test_weighted_share_not_working_in_english_matches_the_hand_computed_value() -> None:
    # Of size a (weight 30): 6 without English; of size b (weight 10): 2 without English.
    langs = [frozenset({"hu"})] * 6 + [frozenset({"hu", "en"})] * 4
    langs += [frozenset({"hu"})] * 2 + [frozenset({"hu", "en"})] * 8
    said = SurveyLanguages(_design(), tuple(langs))
    share = said.none_of({"en"}, min_cell=2)
    assert (share.n, share.count) == (20, 8)
    assert share.share == pytest.approx((6 * 30 + 2 * 10) / 400)
    assert share.low is not None
    assert share.high is not None
    assert share.share is not None
    assert share.low < share.share < share.high
    # Unweighted it would be 8 / 20 = 0.4; the weights move it to 0.5.
    assert share.share != pytest.approx(8 / 20)


def test_a_share_under_the_minimum_cell_is_withheld_and_unmeasured_respondents_are_left_out() -> None:
    langs: list[frozenset[str] | None] = [frozenset({"hu", "en"})] * 17 + [frozenset({"hu"})] * 2 + [None]
    said = SurveyLanguages(_design(), tuple(langs))
    share = said.none_of({"en"}, min_cell=5)
    assert (share.n, share.count) == (19, 2)  # the unmeasured one is in neither
    assert share.share is None
    assert share.suppressed_by == "count"
    assert said.measured == 19


def _services() -> list[ServiceFacts]:
    return [
        ServiceFacts(id="1", organisation="a", languages=("en",)),
        ServiceFacts(id="2", organisation="b", languages=("hu",)),
    ]


def _find(said: SurveyLanguages | None, min_cell: int = 3) -> dict[str, dict[str, object]]:
    found = find_improvements(
        scope="hu-hr",
        gaps=(),
        services=_services(),
        sme_languages={"hu", "hr"},
        cross_border_organisations=(),
        instrument_weaknesses={},
        survey_languages=said,
        min_cell=min_cell,
    )
    return {f.key: dict(f.evidence) for f in found}


def test_the_survey_finds_a_service_most_smes_cannot_use_and_a_language_no_service_offers() -> None:
    # 14 of 20 without English; 8 work only in Croatian (offered by no service).
    langs = [frozenset({"hu"})] * 6 + [frozenset({"hr"})] * 4 + [frozenset({"hu", "en"})] * 0
    langs += [frozenset({"hr"})] * 4 + [frozenset({"hu", "en"})] * 6
    found = _find(SurveyLanguages(_design(), tuple(langs)))
    assert set(found) == {"language:1", "language_unserved:hr"}
    english = found["language:1"]
    assert english["source"] == "survey"
    assert english["n"] == 20
    assert english["share"] == pytest.approx((10 * 30 + 4 * 10) / 400)
    unserved = found["language_unserved:hr"]
    assert unserved["share"] == pytest.approx((4 * 30 + 4 * 10) / 400)
    assert unserved["figures"] == ["SAR-hu-hr-KP-LANG-hr"]


def test_small_cells_make_no_language_finding() -> None:
    langs = [frozenset({"hu"})] * 6 + [frozenset({"hr"})] * 4 + [frozenset({"hr"})] * 4
    langs += [frozenset({"hu", "en"})] * 6
    # With a minimum cell of 7, the 6 with English are too few: the English share is withheld;
    # the 8 Croatian-only respondents are 8 of 20 (and 12 without): published.
    found = _find(SurveyLanguages(_design(), tuple(langs)), min_cell=7)
    assert "language:1" not in found
    assert "language_unserved:hr" in found


def test_without_a_survey_measure_the_official_languages_rule_applies() -> None:
    # The rule: the English-only service works in none of hu, hr; no "unserved" finding.
    found = _find(None)
    assert set(found) == {"language:1"}
    assert found["language:1"]["source"] == "rule"
    # A survey whose answers measure no language falls back too.
    found = _find(SurveyLanguages(_design(), (None,) * 20))
    assert found["language:1"]["source"] == "rule"
