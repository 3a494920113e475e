"""Chart colours: each region keeps one colour on the region report and on the five-region comparison."""

from __future__ import annotations

from typing import Any

import pytest

from interventures.apps.accounts.permissions import OPERATOR
from interventures.apps.analysis import charts
from interventures.apps.analysis.comparison import build_comparison
from interventures.apps.analysis.report import Chart, build_document
from interventures.apps.analysis.services import analysis_run_create, analysis_run_execute


def _colour_of(spec: Any) -> dict[str, str]:
    """{group: colour} from the first explicit colour scale of a Vega-Lite spec."""
    if isinstance(spec, dict):
        scale = spec.get("color", {}).get("scale") if isinstance(spec.get("color"), dict) else None
        if scale and "domain" in scale:
            return dict(zip(scale["domain"], scale["range"], strict=True))
        for value in spec.values():
            if found := _colour_of(value):
                return found
    if isinstance(spec, list):
        for value in spec:
            if found := _colour_of(value):
                return found
    return {}


def test_every_region_colour_is_distinct_and_readable_on_white() -> None:
    def luminance(colour: str) -> float:
        channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
        linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
        return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]

    from interventures.reference.files import read_yaml

    colours = [r["colour"] for r in read_yaml("partnership.yaml")["regions"]]
    assert len(set(colours)) == len(colours) == 5
    assert all(1.05 / (luminance(c) + 0.05) >= 4.5 for c in [*colours, charts.OTHERS])


@pytest.mark.django_db
def test_a_region_has_the_same_colour_on_its_report_and_on_the_comparison(make_survey: Any) -> None:
    regions = {code: make_survey(code, n=30, seed=i) for i, code in enumerate(("hu-hr", "lombardia"), 1)}
    for region in regions.values():
        analysis_run_execute(run_id=analysis_run_create(user=OPERATOR, region=region, start=False).pk)
    analysis_run_execute(run_id=analysis_run_create(user=OPERATOR, region=None, start=False).pk)

    comparison = build_comparison(lang="en")
    compared = _colour_of([s.chart.spec for s in comparison.sections if s.chart])
    for region in regions.values():
        doc = build_document(region=region, lang="en", report=None)
        specs = [
            b.spec
            for s in doc.sections
            for b in s.blocks
            if isinstance(b, Chart) and b.element_id == "chart-capacity"
        ]
        reported = _colour_of(specs)
        assert reported[region.name] == compared[region.name] == region.colour
        assert set(reported) == set(compared)
        assert all(reported[name] == compared[name] for name in reported)


def test_long_category_labels_wrap_instead_of_being_cut_off() -> None:
    """The printed chart (vl-convert, as in the PDF) shows every word of a long label, on two lines,
    and no ellipsis; short labels stay as they are."""
    import re

    from interventures.apps.common.charts import to_svg

    long = "Vezetői elkötelezettség és stratégiai tervezés"
    spec = charts.estimate_chart(
        [
            {"dimension": long, "estimate": 40.0, "low": 35.0, "high": 45.0, "n": 50},
            {"dimension": "Pénzügy", "estimate": 30.0, "low": 25.0, "high": 35.0, "n": 50},
        ],
        category="dimension",
        category_title="Dimenzió",
        value_title="Pontszám",
        width=430,
    )
    texts = " ".join(re.findall(r">([^<>]+)</t", to_svg(spec)))
    assert "…" not in texts
    assert "Vezetői elkötelezettség és" in texts
    assert "stratégiai tervezés" in texts
    assert "Pénzügy" in texts


def test_every_chart_of_the_report_and_the_comparison_is_a_valid_vega_lite_spec(analysed: Any) -> None:
    """Pages build their specs without Altair's validation (it costs most of a chart's time); the
    specs are checked here against the Vega-Lite schema instead."""
    from altair.utils.schemapi import validate_jsonschema
    from altair.vegalite.v6.schema import load_schema

    schema = load_schema()
    analysed("hu-hr", n=45, large=3)
    region, _run = analysed("lombardia", n=45, seed=2)
    pooled = analysis_run_create(user=OPERATOR, region=None, start=False)
    analysis_run_execute(run_id=pooled.pk)
    specs = [c.spec for c in build_document(region=region, lang="hu", report=None).charts()]
    specs += [s.chart.spec for s in build_comparison(lang="pl").sections if s.chart is not None]
    assert len(specs) >= 3
    for spec in specs:
        assert validate_jsonschema(spec, schema, raise_error=False) is None
    broken = {**specs[0], "mark": {"type": "no-such-mark"}}
    assert validate_jsonschema(broken, schema, raise_error=False) is not None
