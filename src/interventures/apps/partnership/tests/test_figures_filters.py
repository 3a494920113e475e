from __future__ import annotations

from decimal import Decimal

from django.utils import translation

from interventures.apps.partnership.templatetags.figures import eur, num, pct


def test_figures_are_rounded_not_cut_and_follow_the_language():
    with translation.override("en"):
        assert pct(Decimal("0.01874")) == "0.02\xa0%"
        assert pct(Decimal("26.5537")) == "26.55\xa0%"
        assert eur(Decimal("177889341.3102")) == "177,889,341\xa0€"
        assert num(507) == "507"
        assert pct(None) == "–"
    with translation.override("hu"):
        assert pct(Decimal("16.38")) == "16,38\xa0%"
