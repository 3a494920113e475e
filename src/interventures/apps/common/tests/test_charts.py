from __future__ import annotations

import re

import pytest
from django.utils import translation
from django.utils.formats import number_format

from interventures.apps.common.charts import bar_chart, format_locale, to_svg

ROWS = [{"axis": "PA1", "amount": 40_000_000.0}, {"axis": "PA2", "amount": 12_500_000.0}]
LANGS = ["en", "hu", "hr", "it", "pl", "es", "lt"]


@pytest.mark.parametrize(
    ("lang", "ten_million"),
    [
        ("en", "10,000,000"),
        ("it", "10.000.000"),
        ("pl", "10\u00a0000\u00a0000"),
        ("hu", "10\u00a0000\u00a0000"),
    ],
)
def test_axis_numbers_on_paper_follow_the_language(lang, ten_million):
    """ "40,000,000" on an Italian or Polish PDF read as English; the axis now groups as the page does."""
    spec = bar_chart(ROWS, category="axis", value="amount", category_title="Axis", value_title="€", width=400)
    with translation.override(lang):
        ticks = re.findall(r">(\d[\d.,\u00a0]*)</text>", to_svg(spec))
    assert ten_million in ticks, ticks


@pytest.mark.parametrize("lang", LANGS)
def test_the_chart_groups_digits_as_the_tables_do(lang):
    """The chart and the tables beside it use the same decimal mark and digit grouping."""
    with translation.override(lang):
        table = number_format(1234567.5, 1, force_grouping=True).replace(" ", "\u00a0")
    locale = format_locale(lang)
    assert table == f"1{locale['thousands']}234{locale['thousands']}567{locale['decimal']}5"


def test_a_memoised_builder_builds_each_distinct_input_once_and_hands_out_copies() -> None:
    from decimal import Decimal

    from interventures.apps.common.charts import memoised

    calls: list[object] = []

    @memoised
    def spec(*, rows: list[dict[str, object]], title: str) -> dict[str, object]:
        calls.append(rows)
        return {"title": title, "data": {"values": [{k: float(v) for k, v in r.items()} for r in rows]}}

    first = spec(rows=[{"a": 1}], title="T")
    first["title"] = "changed by a caller"
    assert spec(rows=[{"a": 1}], title="T") == {"title": "T", "data": {"values": [{"a": 1.0}]}}
    assert len(calls) == 1
    # A Decimal and the string of its digits are different inputs: the key writes the type.
    spec(rows=[{"a": Decimal("1")}], title="T")
    spec(rows=[{"a": "1"}], title="T")
    assert len(calls) == 3
