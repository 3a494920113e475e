"""Figures in the reader's language: {{ amount|eur }}, {{ share|pct }}."""

from __future__ import annotations

from decimal import Decimal

from django import template
from django.utils.formats import number_format

register = template.Library()


@register.filter
def eur(value: Decimal | None) -> str:
    if value is None or value == "":
        return "–"
    return f"{number_format(Decimal(value), decimal_pos=0, use_l10n=True, force_grouping=True)} €"


@register.filter
def pct(value: Decimal | None, places: int = 2) -> str:
    if value is None or value == "":
        return "–"
    return f"{number_format(Decimal(value), decimal_pos=int(places), use_l10n=True)} %"


@register.filter
def num(value: Decimal | int | None) -> str:
    if value is None or value == "":
        return "–"
    return number_format(value, decimal_pos=0, use_l10n=True, force_grouping=True)
