from __future__ import annotations

import numpy as np

from interventures.core.stats import DomainComparison, Estimator, Factor, Margin, RakedDesign, Raker, suppress


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
    assert small.suppressed and small.n == 4
    assert (small.estimate, small.se, small.ci_low, small.ci_high, small.deff) == (None,) * 5
    assert not estimates.get("q", "region", "a").suppressed
    assert not estimates.get("q", "region", "c").suppressed


def test_min_cell_is_configurable() -> None:
    design, region, data = _design_and_data()
    estimates = suppress(Estimator().estimate(design, data, means=["q"], by={"region": region}), min_cell=7)
    assert estimates.get("q", "region", "c").suppressed
    assert not estimates.get("q", "region", "a").suppressed


def test_comparisons_involving_a_small_domain_are_suppressed_and_left_out_of_the_correction() -> None:
    design, region, data = _design_and_data()
    rows = DomainComparison(min_cell=5).compare(design, data, ["q"], domain_var="region", by=region)
    by_pair = {(r.first, r.second): r for r in rows}
    assert by_pair[("a", "b")].suppressed and by_pair[("a", "b")].difference is None
    tested = by_pair[("a", "c")]
    assert not tested.suppressed and tested.se is not None and tested.se > 0
    # (a, b) and (b, c) are suppressed: Holm over the one published comparison leaves its p alone.
    assert [r.p_value for r in rows if r.p_value is not None] == [tested.p_value]
    assert tested.p_adjusted == tested.p_value
