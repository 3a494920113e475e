from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from interventures.reference.figures import FigureError, agrees, check_share, parse_figure


def test_a_figure_keeps_the_precision_its_digits_state():
    fig = parse_figure("9.9603 M", stated="9,9603 M €")
    assert fig.value == Decimal("9960300")
    assert fig.half_unit == Decimal("50")
    assert fig.stated == "9,9603 M €"
    assert parse_figure("2.48 bn").value == Decimal("2480000000")
    assert parse_figure("970474516").half_unit == Decimal("0.5")


def test_an_unreadable_figure_is_refused():
    with pytest.raises(FigureError):
        parse_figure("60,8 M")
    with pytest.raises(FigureError):
        parse_figure("60.8 million")


def test_hungary_croatia_pa1_share_is_consistent_within_the_stated_precision():
    check = check_share(
        amount=parse_figure("9.9603 M"), total=parse_figure("60.8 M"), share=parse_figure("16.38")
    )
    assert check.consistent


def test_castilla_y_leon_pa3_share_contradicts_its_amount():
    check = check_share(
        amount=parse_figure("117878"), total=parse_figure("628806438"), share=parse_figure("28.29")
    )
    assert not check.consistent
    assert round(check.computed_share, 2) == Decimal("0.02")
    assert round(check.implied_amount) == Decimal("177889341")


def test_truncated_and_rounded_figures_agree_with_the_exact_ones():
    assert agrees(parse_figure("2.48 bn"), Decimal("2487345607"))  # truncated
    assert agrees(parse_figure("60.8 M"), Decimal("60824406"))  # rounded
    assert not agrees(parse_figure("628806438"), Decimal("669877226"))


@given(
    amount=st.integers(min_value=1, max_value=10**10),
    extra=st.integers(min_value=0, max_value=10**10),
    places=st.integers(min_value=0, max_value=3),
)
def test_a_share_rounded_from_exact_figures_is_always_consistent(amount, extra, places):
    total = amount + extra
    share = (Decimal(amount) / Decimal(total) * 100).quantize(Decimal(1).scaleb(-places))
    check = check_share(
        amount=parse_figure(str(amount)), total=parse_figure(str(total)), share=parse_figure(str(share))
    )
    assert check.consistent
