from __future__ import annotations

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from interventures.core.stats import (
    DomainComparison,
    EstimateKind,
    Estimator,
    Factor,
    Margin,
    RakedDesign,
    Raker,
    Suppression,
    complementary,
    suppress,
    suppress_distribution,
)


def _design_and_data() -> tuple[RakedDesign, Factor, dict[str, np.ndarray]]:
    region = Factor.from_values(["a"] * 20 + ["b"] * 4 + ["c"] * 10)
    design = Raker().fit({"region": region}, [Margin("region", {"a": 100.0, "b": 50.0, "c": 80.0})])
    q = np.arange(34, dtype=float) % 5
    q[-4:] = np.nan  # region c: 6 answers
    return design, region, {"q": q}


def test_estimates_on_fewer_than_min_cell_respondents_are_flagged_and_have_no_value() -> None:
    design, region, data = _design_and_data()
    estimates = suppress(Estimator().estimate(design, data, means=["q"], by={"region": region}))
    small = estimates.get("q", "region", "b")
    assert small.suppressed
    assert small.n == 4
    assert small.suppressed_by is Suppression.N
    assert (small.estimate, small.se, small.ci_low, small.ci_high, small.deff) == (None,) * 5
    assert not estimates.get("q", "region", "a").suppressed
    assert not estimates.get("q").suppressed


def test_a_suppressed_domain_is_not_left_to_be_worked_out_from_the_total() -> None:
    # The overall mean is published and the regions are raking margins (their weights are the
    # population figures): with a and c published, b would follow. So c, the smallest other, goes too.
    design, region, data = _design_and_data()
    estimates = suppress(Estimator().estimate(design, data, means=["q"], by={"region": region}))
    c = estimates.get("q", "region", "c")
    assert c.suppressed
    assert c.suppressed_by is Suppression.SECONDARY
    assert c.estimate is None
    assert not estimates.get("q", "region", "a").suppressed


def test_min_cell_is_configurable() -> None:
    design, region, data = _design_and_data()
    estimates = suppress(Estimator().estimate(design, data, means=["q"], by={"region": region}), min_cell=7)
    assert estimates.get("q", "region", "c").suppressed_by is Suppression.N
    assert not estimates.get("q", "region", "a").suppressed


def _binary_design() -> tuple[RakedDesign, Factor, dict[str, np.ndarray]]:
    # Region a: 8 respondents, 1 with the attribute (the Klaipėda case: 0.14 with n = 8);
    # region b: 8 respondents, 7 with it; region c: 30 respondents, 12 with it.
    region = Factor.from_values(["a"] * 8 + ["b"] * 8 + ["c"] * 30)
    design = Raker().fit({"region": region}, [Margin("region", {"a": 60.0, "b": 50.0, "c": 90.0})])
    y = np.zeros(46)
    y[0] = 1.0
    y[8:15] = 1.0
    y[16:28] = 1.0
    return design, region, {"y": y, "m": y.copy()}


def test_proportions_with_few_respondents_with_or_without_the_attribute_are_suppressed() -> None:
    design, region, data = _binary_design()
    est = Estimator().estimate(design, data, proportions=["y"], by={"region": region})
    assert [est.get("y", "region", r).n_yes for r in "abc"] == [1, 7, 12]
    published = suppress(est)
    few_with = published.get("y", "region", "a")  # count 1 < 5
    few_without = published.get("y", "region", "b")  # n − count = 1 < 5
    for row in (few_with, few_without):
        assert row.suppressed
        assert row.suppressed_by is Suppression.COUNT
        assert row.n == 8
        assert (row.estimate, row.se, row.ci_low, row.ci_high, row.deff) == (None,) * 5
    assert not published.get("y", "region", "c").suppressed  # 12 with, 18 without
    assert not published.get("y").suppressed  # 20 with, 26 without


def test_means_are_not_held_to_the_numerator_rule() -> None:
    design, region, data = _binary_design()
    published = suppress(Estimator().estimate(design, data, means=["m"], by={"region": region}))
    assert all(not row.suppressed and row.n_yes is None for row in published)


def test_differences_are_published_only_when_both_sides_are() -> None:
    design, region, data = _binary_design()
    rows = DomainComparison(min_cell=5).compare(
        design, data, ["y"], domain_var="region", by=region, kind=EstimateKind.PROPORTION
    )
    by_pair = {(r.first, r.second): r for r in rows}
    assert all(by_pair[p].suppressed and by_pair[p].difference is None for p in (("a", "b"), ("a", "c")))
    assert by_pair[("b", "c")].suppressed
    # A side hidden for another reason (secondary suppression) hides the difference too.
    design, region, q = _design_and_data()
    rows = DomainComparison(min_cell=5).compare(
        design, q, ["q"], domain_var="region", by=region, unpublished={"q": {"c"}}
    )
    assert all(r.suppressed for r in rows)


def test_comparisons_involving_a_small_domain_are_suppressed_and_left_out_of_the_correction() -> None:
    design, region, data = _design_and_data()
    rows = DomainComparison(min_cell=5).compare(design, data, ["q"], domain_var="region", by=region)
    by_pair = {(r.first, r.second): r for r in rows}
    assert by_pair[("a", "b")].suppressed
    assert by_pair[("a", "b")].difference is None
    tested = by_pair[("a", "c")]
    assert not tested.suppressed
    assert tested.se is not None
    assert tested.se > 0
    # (a, b) and (b, c) are suppressed: Holm over the one published comparison leaves its p alone.
    assert [r.p_value for r in rows if r.p_value is not None] == [tested.p_value]
    assert tested.p_adjusted == tested.p_value


def test_complementary_hides_the_smallest_others_until_the_hidden_ones_pass_together() -> None:
    assert complementary([(3, None), (6, None), (40, None)], [True, False, False]) == [True, True, False]
    # Proportions: the union of hidden domains must have ≥ k with and ≥ k without the attribute.
    cells = [(8, 1), (9, 2), (10, 3), (40, 20)]
    assert complementary(cells, [True, False, False, False]) == [True, True, True, False]
    # Nothing hidden, or only empty domains: nothing more to hide.
    assert complementary([(0, None), (20, None)], [True, False]) == [True, False]
    assert complementary([(20, None), (20, None)], [False, False]) == [False, False]


def test_a_distribution_shown_with_its_total_hides_small_counts_their_complements_and_one_more() -> None:
    assert suppress_distribution({"a": 10, "b": 10, "c": 10}) == {"a": 10, "b": 10, "c": 10}
    # c is small; a reader would get it as total − a − b, so b (the smallest other) goes too.
    assert suppress_distribution({"a": 20, "b": 10, "c": 2}) == {"a": 20, "b": None, "c": None}
    # a share of 30 out of 32 leaves 2 for the rest: a is hidden as well as b and c.
    assert suppress_distribution({"a": 30, "b": 1, "c": 1}) == {"a": None, "b": None, "c": None}
    # a zero is a count below the minimum too, and hiding it alone would reveal it.
    assert suppress_distribution({"a": 10, "b": 12, "c": 0}) == {"a": None, "b": 12, "c": None}
    assert suppress_distribution({"a": 3}) == {"a": None}


@settings(max_examples=40, deadline=None)
@given(
    seed=st.integers(0, 2**32 - 1),
    n=st.integers(6, 60),
    share=st.floats(0.0, 1.0),
    min_cell=st.integers(2, 8),
)
def test_no_published_proportion_rests_on_a_count_or_complement_below_the_minimum(
    seed: int, n: int, share: float, min_cell: int
) -> None:
    rng = np.random.default_rng(seed)
    codes = rng.integers(0, 4, n)
    codes[:4] = [0, 1, 2, 3]
    region = Factor.from_codes(codes, ["a", "b", "c", "d"])
    design = Raker().fit({"region": region}, [Margin("region", dict.fromkeys("abcd", 100.0))])
    y = (rng.random(n) < share).astype(float)
    y[rng.random(n) < 0.1] = np.nan
    published = suppress(
        Estimator().estimate(design, {"y": y}, proportions=["y"], by={"region": region}), min_cell
    )
    hidden_n = hidden_yes = 0
    for row in published:
        in_domain = np.ones(n, dtype=bool) if row.domain is None else codes == "abcd".index(row.domain)
        answered = in_domain & ~np.isnan(y)
        count, size = int(np.sum(y[answered] == 1.0)), int(np.sum(answered))
        assert row.n == size
        assert row.n_yes == count
        if not row.suppressed:
            assert row.estimate is not None
            assert size >= min_cell
            assert count >= min_cell
            assert size - count >= min_cell
        else:
            assert row.estimate is None
            assert row.se is None
            assert row.ci_low is None
            if row.domain is not None:
                hidden_n, hidden_yes = hidden_n + size, hidden_yes + count
    # What subtracting the published regions from a published total gives passes the rule too.
    if not published.get("y").suppressed and hidden_n:
        assert hidden_n >= min_cell
        assert hidden_yes >= min_cell
        assert hidden_n - hidden_yes >= min_cell
