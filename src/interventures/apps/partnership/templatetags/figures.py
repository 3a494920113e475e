"""Figures in the reader's language: {{ amount|eur }}, {{ share|pct }} (a no-break space keeps the unit
with its number in narrow table cells)."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from django import template
from django.utils.formats import number_format

register = template.Library()


def _rounded(value: Decimal | int | float | str, places: int) -> Decimal:
    # number_format cuts digits off (0.0187 -> "0.01"); round half up first.
    return Decimal(str(value)).quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)


@register.filter
def eur(value: Decimal | None) -> str:
    if value is None or value == "":
        return "–"
    return f"{number_format(_rounded(value, 0), decimal_pos=0, use_l10n=True, force_grouping=True)}\u00a0€"


@register.filter
def pct(value: Decimal | None, places: int = 2) -> str:
    if value is None or value == "":
        return "–"
    return f"{number_format(_rounded(value, int(places)), decimal_pos=int(places), use_l10n=True)}\u00a0%"


@register.filter
def num(value: Decimal | int | None) -> str:
    if value is None or value == "":
        return "–"
    return number_format(_rounded(value, 0), decimal_pos=0, use_l10n=True, force_grouping=True)
