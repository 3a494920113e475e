"""Coverage and gaps on small hand-made cases."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from interventures.core.ecosystem.coverage import NeedCell, ServiceSpan, coverage, rank_gaps, wilson
from interventures.core.ecosystem.improvements import ServiceFacts, find_improvements


def test_wilson_matches_the_textbook_values() -> None:
    # 5 of 10: 0.2366–0.7634; 0 of 10: 0–0.2775 (Agresti & Coull 1998, table values).
    assert wilson(5, 10) == pytest.approx((0.2366, 0.7634), abs=1e-4)
    assert wilson(0, 10) == pytest.approx((0.0, 0.2775), abs=1e-4)


@given(st.integers(1, 500).flatmap(lambda n: st.tuples(st.integers(0, n), st.just(n))))
def test_the_interval_holds_the_share(kn: tuple[int, int]) -> None:
    k, n = kn
    low, high = wilson(k, n)
    assert 0 <= low <= k / n <= high <= 1


def test_cells_count_services_and_withhold_small_needs() -> None:
    services = [
        ServiceSpan(("finance", "people"), ("exploring",)),
        ServiceSpan(("finance",), ("exploring", "occasional")),
    ]
    need = {("finance", "exploring"): NeedCell(20, 15), ("people", "occasional"): NeedCell(4, 4)}
    cells = {
        (c.dimension, c.stage): c
        for c in coverage(["finance", "people"], ["exploring", "occasional"], services, need, min_cell=5)
    }
    assert cells["finance", "exploring"].services == 2
    assert cells["finance", "exploring"].need == pytest.approx(0.75)
    assert cells["finance", "occasional"].services == 1
    assert cells["people", "exploring"].services == 1
    assert cells["people", "occasional"].services == 0
    # 4 SMEs: below the minimum cell of 5 — "not enough data", never a gap.
    assert cells["people", "occasional"].need is None
    assert cells["people", "occasional"].suppressed
    assert not cells["finance", "occasional"].suppressed  # nothing measured is not "suppressed"


def test_gaps_are_high_needs_with_few_services_ranked_by_the_rule() -> None:
    need = {
        ("a", "s"): NeedCell(40, 34),  # 85 %, no service → first
        ("b", "s"): NeedCell(40, 34),  # 85 %, one service → half the score
        ("c", "s"): NeedCell(40, 34),  # 85 %, two services → not a gap
        ("d", "s"): NeedCell(10, 6),  # 60 % but the lower bound (0.31) is below 0.5 → not a gap
        ("e", "s"): NeedCell(3, 3),  # below the minimum cell → not a gap
    }
    services = [ServiceSpan(("b", "c"), ("s",)), ServiceSpan(("c",), ("s",))]
    cells = coverage(["a", "b", "c", "d", "e"], ["s"], services, need, min_cell=5)
    gaps = rank_gaps(cells)
    assert [(g.rank, g.cell.dimension) for g in gaps] == [(1, "a"), (2, "b")]
    assert gaps[1].score == pytest.approx(gaps[0].score / 2)


def test_improvements_follow_the_four_rules() -> None:
    cells = coverage(["a"], ["s"], [], {("a", "s"): NeedCell(30, 24)}, min_cell=5)
    services = [
        ServiceFacts("1", "org1", languages=("en",)),
        ServiceFacts("2", "org2", languages=("hu", "en"), needs_cross_border=True),
        ServiceFacts("3", "org3", languages=("hu",), needs_cross_border=True, instrument="op"),
        ServiceFacts("4", "org3", instrument="good-op"),
    ]
    found = find_improvements(
        scope="hu-hr",
        gaps=rank_gaps(cells),
        services=services,
        sme_languages={"hu", "hr"},
        cross_border_organisations={"org3"},
        instrument_weaknesses={"op": 2},
    )
    assert [f.key for f in found] == [
        "no_service:a:s",
        "language:1",
        "no_cross_border_tie:2",
        "weak_instrument:3",
    ]
    assert [f.rank for f in found] == [1, 2, 3, 4]
    assert found[0].evidence["figures"] == ["SAR-hu-hr-KP-a-s"]
    assert found[0].evidence["n"] == 30
    assert found[3].evidence["weaknesses"] == 2
