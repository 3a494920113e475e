"""Figures as a source states them, and the checks the loader runs on them.

A stated figure keeps its precision: "9.9603 M" means 9,960,300 EUR give or take 50 EUR, "60.8 M"
means 60,800,000 give or take 50,000. A share is consistent with amount / total when the interval the
stated share allows overlaps the interval the stated amount and total allow. No figure is ever changed.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

MULTIPLIERS = {"": Decimal(1), "k": Decimal(10) ** 3, "M": Decimal(10) ** 6, "bn": Decimal(10) ** 9}
HUNDRED = Decimal(100)


class FigureError(ValueError):
    """A figure in a reference file cannot be read."""


@dataclass(frozen=True)
class Figure:
    """An exact decimal value with the half-width of the interval its stated digits allow."""

    value: Decimal
    half_unit: Decimal
    stated: str = ""

    @property
    def low(self) -> Decimal:
        return self.value - self.half_unit

    @property
    def high(self) -> Decimal:
        return self.value + self.half_unit

    def contains(self, other: Decimal) -> bool:
        return self.low <= other <= self.high


def parse_figure(value: str | int | float, stated: str = "") -> Figure:
    """ "9.9603 M" -> 9,960,300 ± 50; "970474516" -> ± 0.5; "2.48 bn" -> 2,480,000,000 ± 5,000,000."""
    text = str(value).strip()
    number, _, suffix = text.partition(" ")
    if suffix not in MULTIPLIERS:
        raise FigureError(f"unknown multiplier {suffix!r} in {text!r}")
    try:
        digits = Decimal(number)
    except InvalidOperation as exc:
        raise FigureError(f"not a number: {text!r}") from exc
    exponent = digits.as_tuple().exponent
    if not isinstance(exponent, int):
        raise FigureError(f"not a finite number: {text!r}")
    multiplier = MULTIPLIERS[suffix]
    half_unit = Decimal(5) * Decimal(10) ** (exponent - 1) * multiplier
    return Figure(value=digits * multiplier, half_unit=half_unit, stated=stated or text)


def share_interval(amount: Figure, total: Figure) -> tuple[Decimal, Decimal]:
    """The percentages amount / total can take, given the precision of both."""
    return amount.low / total.high * HUNDRED, amount.high / total.low * HUNDRED


@dataclass(frozen=True)
class ShareCheck:
    consistent: bool
    computed_share: Decimal  # amount / total × 100 from the stated values
    implied_amount: Decimal  # the amount the stated share implies: share × total / 100


def check_share(*, amount: Figure, total: Figure, share: Figure) -> ShareCheck:
    low, high = share_interval(amount, total)
    consistent = share.high >= low and share.low <= high
    return ShareCheck(
        consistent=consistent,
        computed_share=amount.value / total.value * HUNDRED,
        implied_amount=share.value * total.value / HUNDRED,
    )


def agrees(stated: Figure, other: Decimal) -> bool:
    """Does a figure from another source match what the stated figure's digits allow?

    Sources round ("60.8 M" for 60,824,406) or truncate ("2.48 bn" for 2,487,345,607; "7,887.798 M" for
    7,887,798,522), so the other figure may lie from half a unit of the last stated digit below to one
    unit above."""
    return stated.value - stated.half_unit <= other < stated.value + 2 * stated.half_unit
