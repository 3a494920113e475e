from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from interventures.core.stats import (
    Estimates,
    Estimator,
    Factor,
    Margin,
    ProportionInterval,
    Raker,
    StatsError,
)


def _survey(seed: int, n: int = 120) -> tuple[dict[str, Factor], dict[str, np.ndarray], list[Margin]]:
    rng = np.random.default_rng(seed)
    region = rng.integers(0, 3, n)
    size = rng.integers(0, 2, n)
    region[:3], size[:2] = [0, 1, 2], [0, 1]
    q = rng.integers(1, 6, n).astype(float)
    q[rng.random(n) < 0.1] = np.nan
    y = (rng.random(n) < 0.3).astype(float)
    y[rng.random(n) < 0.1] = np.nan
    factors = {
        "region": Factor.from_codes(region, ["a", "b", "c"]),
        "size": Factor.from_codes(size, ["s", "m"]),
    }
    margins = [
        Margin("region", {"a": 500.0, "b": 300.0, "c": 200.0}),
        Margin("size", {"s": 900.0, "m": 100.0}),
    ]
    return factors, {"q": q, "y": y}, margins


def _estimate(factors: dict[str, Factor], data: dict[str, np.ndarray], margins: list[Margin]) -> Estimates:
    design = Raker().fit({k: factors[k] for k in ("region", "size")}, margins)
    return Estimator().estimate(
        design, data, means=["q"], proportions=["y"], totals=["q"], by={"region": factors["region"]}
    )


@settings(max_examples=25, deadline=None)
@given(seed=st.integers(0, 2**32 - 1), perm_seed=st.integers(0, 2**32 - 1))
def test_estimates_do_not_depend_on_row_order(seed: int, perm_seed: int) -> None:
    factors, data, margins = _survey(seed)
    order = np.random.default_rng(perm_seed).permutation(len(data["q"]))
    shuffled = _estimate(
        {k: f.take(order) for k, f in factors.items()}, {k: v[order] for k, v in data.items()}, margins
    )
    for a, b in zip(_estimate(factors, data, margins), shuffled, strict=True):
        assert a.key == b.key
        assert a.n == b.n
        assert a.n_missing == b.n_missing
        assert a.estimate == pytest.approx(b.estimate, rel=1e-10)
        assert a.se == pytest.approx(b.se, rel=1e-8)


def test_item_nonresponse_is_counted_per_variable_and_domain() -> None:
    factors, data, margins = _survey(1)
    estimates = _estimate(factors, data, margins)
    overall = estimates.get("q")
    assert overall.n == int(np.sum(~np.isnan(data["q"])))
    assert overall.n_missing == int(np.sum(np.isnan(data["q"])))
    in_a = factors["region"].codes == 0
    assert estimates.get("q", "region", "a").n_missing == int(np.sum(np.isnan(data["q"][in_a])))


def test_unweighted_mean_and_srs_standard_error_without_raking_effect() -> None:
    # One margin with a single category: raking only rescales, the linearised SE is the SRS one.
    values = np.array([1.0, 2.0, 3.0, 4.0, np.nan])
    design = Raker().fit({"g": Factor.from_values(["x"] * 5)}, [Margin("g", {"x": 5.0})])
    est = Estimator().estimate(design, {"v": values}, means=["v"]).get("v")
    assert est.estimate == pytest.approx(2.5)
    assert est.se is not None
    # svyrecvar over all 5 rows (the missing one has zero influence): n/(n−1) Σ (x − x̄)², x = w(y−ȳ)/Ŵ
    x = np.array([-1.5, -0.5, 0.5, 1.5, 0.0]) / 4
    assert est.se == pytest.approx(np.sqrt(5 / 4 * np.sum((x - x.mean()) ** 2)))
    assert est.ci_low == pytest.approx(2.5 - 1.959963984540054 * est.se)


def test_proportion_intervals_stay_inside_zero_one() -> None:
    design = Raker().fit({"g": Factor.from_values(["x"] * 6)}, [Margin("g", {"x": 60.0})])
    data = {"y": np.array([1.0, 0, 0, 0, 0, 0])}
    logit = Estimator().estimate(design, data, proportions=["y"]).get("y")
    assert logit.ci_low is not None
    assert logit.ci_high is not None
    assert logit.estimate is not None
    assert 0 < logit.ci_low < logit.estimate < logit.ci_high < 1
    normal = Estimator(proportion_interval=ProportionInterval.NORMAL).estimate(
        design, data, proportions=["y"]
    )
    low = normal.get("y").ci_low
    assert low is not None
    assert low < 0


def test_domain_without_respondents_has_no_value() -> None:
    factors, data, margins = _survey(2)
    data["q"][factors["region"].codes == 2] = np.nan
    empty = _estimate(factors, data, margins).get("q", "region", "c")
    assert empty.estimate is None
    assert empty.n == 0
    assert empty.n_missing > 0


def test_proportions_must_be_coded_zero_one() -> None:
    factors, data, margins = _survey(3)
    design = Raker().fit({k: factors[k] for k in ("region", "size")}, margins)
    with pytest.raises(StatsError, match="0/1"):
        Estimator().estimate(design, {"q": data["q"]}, proportions=["q"])


def test_a_domain_where_everyone_says_no_has_proportion_zero_with_zero_standard_error() -> None:
    factors, data, margins = _survey(4)
    data["y"][factors["region"].codes == 2] = 0.0
    estimate = _estimate(factors, data, margins).get("y", "region", "c")
    assert estimate.estimate == 0.0
    assert estimate.se == 0.0
    assert (estimate.ci_low, estimate.ci_high) == (0.0, 0.0)
