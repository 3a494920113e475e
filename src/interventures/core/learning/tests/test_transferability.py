import pytest

from interventures.core.learning.transferability import (
    CRITERIA,
    Criterion,
    ScoreError,
    aggregate,
    region_score,
)


def test_a_region_scores_the_mean_of_the_criteria_it_scored() -> None:
    r = region_score("hu-hr", {"instrument_fit": 4, "resources": 2, "stakeholders": None})
    assert r.overall == 3.0
    assert not r.complete
    assert r.scores[Criterion.LEGAL_FIT] is None


def test_aggregate_across_regions_summarises_each_criterion() -> None:
    full: dict[str, int | None] = {c.value: 2 for c in CRITERIA}
    agg = aggregate(
        [
            ("hu-hr", full),
            ("lombardia", {**full, "resources": 4}),
            ("lt-klaipeda", {"resources": 0}),
        ]
    )
    resources = next(c for c in agg.criteria if c.criterion == Criterion.RESOURCES)
    assert (resources.mean, resources.low, resources.high, resources.count) == (2.0, 0, 4, 3)
    legal = next(c for c in agg.criteria if c.criterion == Criterion.LEGAL_FIT)
    assert legal.count == 2
    # only the two complete regions count in the overall: (2.0 + 2.4) / 2
    assert agg.overall == pytest.approx(2.2)


def test_scores_outside_the_scale_or_unknown_criteria_are_refused() -> None:
    with pytest.raises(ScoreError, match="outside"):
        region_score("x", {"resources": 5})
    with pytest.raises(ScoreError, match="unknown criterion"):
        region_score("x", {"beauty": 3})


def test_no_assessment_gives_no_overall() -> None:
    assert aggregate([]).overall is None
