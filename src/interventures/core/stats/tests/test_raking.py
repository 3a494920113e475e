from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from interventures.core.stats import (
    Factor,
    Margin,
    MarginError,
    MarginProblem,
    Raker,
    StatsError,
    WeightBounds,
)


def _sample(rng: np.random.Generator, n: int) -> dict[str, Factor]:
    region = rng.integers(0, 3, n)
    size = rng.integers(0, 2, n)
    # Every region × size combination occurs, so any set of margins can be reached.
    region[:6] = [0, 0, 1, 1, 2, 2]
    size[:6] = [0, 1, 0, 1, 0, 1]
    return {
        "region": Factor.from_codes(region, ["a", "b", "c"]),
        "size": Factor.from_codes(size, ["micro", "small"]),
    }


@settings(max_examples=40, deadline=None)
@given(
    seed=st.integers(0, 2**32 - 1),
    n=st.integers(10, 300),
    region_totals=st.lists(st.floats(1.0, 1e6), min_size=3, max_size=3),
    micro_share=st.floats(0.05, 0.95),
)
def test_raked_weights_reproduce_every_margin(
    seed: int, n: int, region_totals: list[float], micro_share: float
) -> None:
    factors = _sample(np.random.default_rng(seed), n)
    total = sum(region_totals)
    margins = [
        Margin("region", dict(zip("abc", region_totals, strict=True))),
        Margin("size", {"micro": total * micro_share, "small": total * (1 - micro_share)}),
    ]
    design = Raker(tolerance=1e-10, max_iterations=5000).fit(factors, margins)
    assert design.diagnostics.converged
    for margin in margins:
        factor = factors[margin.variable]
        sums = np.bincount(factor.codes, weights=design.weights, minlength=len(factor.levels))
        for level, target in margin.totals.items():
            assert sums[factor.levels.index(level)] == pytest.approx(target, rel=1e-9)


def test_diagnostics_report_kish_effective_sample_size_and_weight_range() -> None:
    factors = {"g": Factor.from_codes([0, 0, 0, 1], ["x", "y"])}
    design = Raker().fit(factors, [Margin("g", {"x": 30.0, "y": 30.0})])
    np.testing.assert_allclose(design.weights, [10, 10, 10, 30])
    d = design.diagnostics
    assert d.effective_n == pytest.approx(60**2 / (3 * 100 + 900))
    assert [d.weight_min, d.weight_max, d.weight_ratio] == pytest.approx([10, 30, 3])
    assert d.iterations >= 1
    assert d.converged
    assert d.max_margin_error < 1e-10


def test_design_weights_are_adjusted_not_replaced() -> None:
    factors = {"g": Factor.from_codes([0, 0, 1], ["x", "y"])}
    design = Raker().fit(factors, [Margin("g", {"x": 40.0, "y": 10.0})], design_weights=[1.0, 3.0, 2.0])
    np.testing.assert_allclose(design.weights, [10.0, 30.0, 10.0])


def test_bounds_keep_weight_ratios_inside_the_limits_and_report_non_convergence() -> None:
    factors = {"g": Factor.from_codes([0] * 9 + [1], ["x", "y"])}
    bounds = WeightBounds(lower=0.5, upper=2.0)
    design = Raker(bounds=bounds, max_iterations=50).fit(factors, [Margin("g", {"x": 5.0, "y": 5.0})])
    assert design.weights.min() >= 0.5
    assert design.weights.max() <= 2.0
    assert not design.diagnostics.converged
    assert design.diagnostics.max_margin_error > 0.1


def test_sample_category_missing_from_the_margins_is_an_error() -> None:
    factors = {"g": Factor.from_codes([0, 1, 2], ["x", "y", "z"])}
    with pytest.raises(MarginError) as excinfo:
        Raker().fit(factors, [Margin("g", {"x": 5.0, "y": 5.0})])
    assert excinfo.value.problem is MarginProblem.CATEGORY_NOT_IN_MARGIN
    assert excinfo.value.category == "z"


def test_margin_category_absent_from_the_sample_is_an_error() -> None:
    factors = {"g": Factor.from_values(["x", "y"])}
    with pytest.raises(MarginError) as excinfo:
        Raker().fit(factors, [Margin("g", {"x": 5.0, "y": 5.0, "w": 1.0})])
    assert excinfo.value.problem is MarginProblem.CATEGORY_NOT_IN_SAMPLE
    assert excinfo.value.category == "w"


def test_margins_with_different_totals_are_an_error() -> None:
    factors = {"g": Factor.from_values(["x", "y"]), "h": Factor.from_values(["u", "v"])}
    with pytest.raises(MarginError) as excinfo:
        Raker().fit(factors, [Margin("g", {"x": 5.0, "y": 5.0}), Margin("h", {"u": 5.0, "v": 6.0})])
    assert excinfo.value.problem is MarginProblem.TOTALS_DISAGREE


def test_missing_weighting_variable_values_and_bad_design_weights_are_errors() -> None:
    with pytest.raises(StatsError, match="missing"):
        Raker().fit({"g": Factor.from_values(["x", None])}, [Margin("g", {"x": 1.0})])
    with pytest.raises(StatsError, match="positive"):
        Raker().fit(
            {"g": Factor.from_values(["x", "x"])}, [Margin("g", {"x": 1.0})], design_weights=[1.0, 0.0]
        )
