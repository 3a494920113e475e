from __future__ import annotations

import numpy as np
from hypothesis import given
from hypothesis import strategies as st

from interventures.core.stats import Correction, adjust

P = [0.01, 0.04, 0.03, 0.005]


def test_holm_matches_r_p_adjust() -> None:
    # p.adjust(c(0.01, 0.04, 0.03, 0.005), "holm")
    np.testing.assert_allclose(adjust(P, Correction.HOLM), [0.03, 0.06, 0.06, 0.02])


def test_benjamini_hochberg_matches_r_p_adjust() -> None:
    # p.adjust(c(0.01, 0.04, 0.03, 0.005), "BH")
    np.testing.assert_allclose(adjust(P, Correction.BENJAMINI_HOCHBERG), [0.02, 0.04, 0.04, 0.02])


@given(st.lists(st.floats(0, 1), min_size=1, max_size=30))
def test_adjusted_p_values_are_never_smaller_and_never_above_one(p: list[float]) -> None:
    for correction in Correction:
        adjusted = adjust(p, correction)
        assert np.all(adjusted >= np.asarray(p) - 1e-15)
        assert np.all(adjusted <= 1)
