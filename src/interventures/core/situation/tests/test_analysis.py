"""The Situation Analysis core on small synthetic data: columns from answers, weighting classes,
estimates that equal an independent numpy computation, suppression and identifiers."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from interventures.core.situation import (
    FigureKind,
    FigureUnit,
    SituationAnalysis,
    build_columns,
    collapse_categories,
)
from interventures.core.situation.columns import CapacityItem, QuestionnaireSpec

SPEC = QuestionnaireSpec(
    items={
        "a1": CapacityItem("alpha", 1.0, {"lo": 0.0, "mid": 0.5, "hi": 1.0}),
        "a2": CapacityItem("alpha", 2.0, {"lo": 0.0, "mid": 0.5, "hi": 1.0}),
        "b1": CapacityItem("beta", 1.0, {"no": 0.0, "yes": 1.0}),
    },
    dimensions=("alpha", "beta"),
    barriers=("finance", "prefinancing"),
    support=("chamber",),
    needs=("fairs",),
)


def _answers(rng: np.random.Generator, n: int) -> list[dict[str, object]]:
    out: list[dict[str, object]] = []
    for i in range(n):
        out.append(
            {
                "size_class": ("micro", "small")[i % 2],
                "nace_section": ("C", "G", "M")[i % 3],
                "cap_a1": str(rng.choice(["lo", "mid", "hi", "dont_know"])),
                "cap_a2": str(rng.choice(["lo", "mid", "hi"])),
                "cap_b1": str(rng.choice(["no", "yes"])),
                "exports": str(rng.choice(["yes", "no"])),
                "barriers": list(
                    rng.choice(["finance", "prefinancing"], size=int(rng.integers(1, 3)), replace=False)
                ),
                "aware_support": ["chamber"] if rng.random() < 0.5 else ["none"],
                "programme_aware": "no",
                "needs": ["fairs"],
            }
        )
    return out


POP = [
    ("r", s, t, float(100 * (k + 1)))
    for k, (s, t) in enumerate((s, t) for s in ("micro", "small") for t in "CGM")
]


def _ipf(size: list[str], sector: list[str]) -> np.ndarray:
    """Raking written out independently: alternate scaling to the two margins until stable."""
    w = np.ones(len(size))
    size_a, sector_a = np.array(size), np.array(sector)
    targets = [
        (size_a, {s: sum(c for _r, s2, _t, c in POP if s2 == s) for s in set(size)}),
        (sector_a, {t: sum(c for _r, _s, t2, c in POP if t2 == t) for t in set(sector)}),
    ]
    for _ in range(200):
        for column, total in targets:
            for category, value in total.items():
                mask = column == category
                w[mask] *= value / w[mask].sum()
    return w


def test_columns_score_capacity_as_the_preparedness_test() -> None:
    answers = [
        {"cap_a1": "hi", "cap_a2": "mid", "cap_b1": "dont_know", "size_class": "micro", "nace_section": "C"}
    ]
    cols = build_columns(answers, ["r"], SPEC)
    # alpha: (1·1.0 + 2·0.5) / 3 = 2/3; beta: its only item is "don't know" → no score.
    assert cols.values["CAP-alpha"][0] == pytest.approx(100 * 2 / 3)
    assert np.isnan(cols.values["CAP-beta"][0])
    # overall: the mean of the available dimensions when at least half have a score.
    assert cols.values["CAP-overall"][0] == pytest.approx(100 * 2 / 3)
    assert np.isnan(cols.values["BAR-finance"][0])  # barriers unanswered: missing, not "no"


def test_weighted_mean_and_proportion_equal_an_independent_numpy_computation() -> None:
    rng = np.random.default_rng(7)
    answers = _answers(rng, 60)
    cols = build_columns(answers, ["r"] * 60, SPEC)
    result = SituationAnalysis(min_cell=5).run(cols, POP, scope="r")
    by_id = {f.identifier: f for f in result.figures}
    w = _ipf([str(a["size_class"]) for a in answers], [str(a["nace_section"]) for a in answers])
    alpha = cols.values["CAP-alpha"]
    ok = ~np.isnan(alpha)
    assert by_id["SAR-r-CAP-alpha"].estimate == pytest.approx(
        np.sum(w[ok] * alpha[ok]) / np.sum(w[ok]), rel=1e-9
    )
    assert by_id["SAR-r-CAP-alpha"].n == int(ok.sum())
    exports = cols.values["ACT-exports"]
    assert by_id["SAR-r-ACT-exports"].estimate == pytest.approx(np.sum(w * exports) / np.sum(w), rel=1e-9)
    f = by_id["SAR-r-ACT-exports"]
    assert f.ci_low is not None
    assert f.ci_high is not None
    assert f.estimate is not None
    assert f.ci_low < f.estimate < f.ci_high
    assert f.se is not None
    assert f.se > 0
    assert f.deff is not None
    assert result.diagnostics["raking"]["converged"] is True


def test_domains_below_the_minimum_cell_are_suppressed_without_values() -> None:
    rng = np.random.default_rng(3)
    answers = _answers(rng, 40)
    for a in answers[:3]:
        a["size_class"] = "medium"
    pop = POP + [("r", "medium", t, 50.0) for t in "CGM"]
    cols = build_columns(answers, ["r"] * 40, SPEC)
    result = SituationAnalysis(min_cell=5).run(cols, pop, scope="r")
    small = [f for f in result.figures if f.domain == "medium"]
    assert small
    assert all(f.suppressed and f.estimate is None and f.se is None and f.ci_low is None for f in small)
    assert all(f.n == 3 for f in small if f.variable == "ACT-exports")
    assert result.diagnostics["sample"]["size_class"]["medium"] is None  # the count itself is suppressed
    assert result.diagnostics["raking"]["collapsed"]["size_class"] == {"medium": "other"}


def test_pooled_run_compares_regions_with_holm_adjusted_p_values() -> None:
    rng = np.random.default_rng(11)
    answers = _answers(rng, 90)
    regions = ["a"] * 30 + ["b"] * 30 + ["c"] * 30
    pop = [(r, s, t, c) for r in "abc" for _r, s, t, c in POP]
    result = SituationAnalysis().run(build_columns(answers, regions, SPEC), pop, scope="ALL")
    diffs = [f for f in result.figures if f.kind == "difference" and f.variable == "CAP-alpha"]
    assert {(d.domain, d.other) for d in diffs} == {("a", "b"), ("a", "c"), ("b", "c")}
    assert all(
        d.p_adjusted is not None and d.p_value is not None and d.p_adjusted >= d.p_value for d in diffs
    )
    assert "SAR-ALL-CAP-alpha-a-vs-b" in {d.identifier for d in diffs}
    assert {f.domain for f in result.figures if f.domain_var == "region" and f.kind != "difference"} == set(
        "abc"
    )


def test_a_regions_figures_in_the_pooled_run_are_those_of_its_own_run() -> None:
    """Each region is raked to its own margins (here different ones, and one region collapses a
    thin size class), so the comparison never shows another value than the region's report."""
    rng = np.random.default_rng(5)
    sizes = {"a": 40, "b": 35, "c": 50}
    answers, regions = [], []
    for region, n in sizes.items():
        block = _answers(rng, n)
        if region == "b":
            for a in block[:3]:
                a["size_class"] = "medium"
        answers += block
        regions += [region] * n
    pop = [
        (r, s, t, c * (1 + 2 * i) + (40.0 if s == "micro" and r == "c" else 0.0))
        for i, r in enumerate("abc")
        for _r, s, t, c in POP
    ] + [("b", "medium", t, 30.0) for t in "CGM"]
    pooled = SituationAnalysis(min_cell=5).run(build_columns(answers, regions, SPEC), pop, scope="ALL")
    in_pool = {
        (f.variable, f.domain): f
        for f in pooled.figures
        if f.domain_var == "region" and f.kind != "difference"
    }
    compared = 0
    for region in "abc":
        rows = [i for i, r in enumerate(regions) if r == region]
        own = SituationAnalysis(min_cell=5).run(
            build_columns([answers[i] for i in rows], [region] * len(rows), SPEC),
            [row for row in pop if row[0] == region],
            scope=region,
        )
        for f in own.figures:
            if f.domain_var or f.kind == "difference":
                continue
            g = in_pool[(f.variable, region)]
            assert g.suppressed == f.suppressed
            assert g.n == f.n
            if f.estimate is None:
                continue
            compared += 1
            assert g.estimate == pytest.approx(f.estimate, rel=1e-9, abs=1e-9)
            assert g.se == pytest.approx(f.se, rel=1e-6, abs=1e-9)
            assert g.ci_low == pytest.approx(f.ci_low, rel=1e-6, abs=1e-9)
            assert g.ci_high == pytest.approx(f.ci_high, rel=1e-6, abs=1e-9)
    assert compared >= 3 * 6
    assert pooled.diagnostics["raking"]["collapsed"] == {"b|size_class": {"medium": "other"}}
    assert pooled.diagnostics["raking"]["strata"] == "region"


def test_differences_between_independent_regions_add_their_variances() -> None:
    rng = np.random.default_rng(9)
    answers = _answers(rng, 80)
    regions = ["a"] * 40 + ["b"] * 40
    pop = [(r, s, t, c) for r in "ab" for _r, s, t, c in POP]
    result = SituationAnalysis().run(build_columns(answers, regions, SPEC), pop, scope="ALL")
    by = {(f.variable, f.domain, str(f.kind)): f for f in result.figures}
    d = by[("CAP-alpha", "a", "difference")]
    a, b = by[("CAP-alpha", "a", "mean")], by[("CAP-alpha", "b", "mean")]
    assert a.estimate is not None
    assert b.estimate is not None
    assert a.se is not None
    assert b.se is not None
    assert d.estimate == pytest.approx(a.estimate - b.estimate, rel=1e-9)
    assert d.se == pytest.approx(float(np.hypot(a.se, b.se)), rel=1e-6)


def test_a_sample_that_cannot_meet_the_margins_fails_clearly() -> None:
    answers = _answers(np.random.default_rng(1), 30)
    with pytest.raises(ValueError, match="population"):
        SituationAnalysis().run(build_columns(answers, ["r"] * 30, SPEC), [], scope="r")


@settings(max_examples=40, deadline=None)
@given(
    sample=st.dictionaries(st.sampled_from("ABCDEF"), st.integers(0, 20), min_size=1),
    population=st.dictionaries(st.sampled_from("ABCDEFG"), st.integers(0, 1000), min_size=1),
)
def test_weighting_classes_always_have_respondents_and_population(
    sample: dict[str, int], population: dict[str, int]
) -> None:
    if sum(sample.values()) == 0 or sum(population.values()) == 0:
        return
    mapping = collapse_categories(sample, population, 5)
    classes = set(mapping.values())
    assert set(sample) <= set(mapping)
    for group in classes:
        members = [c for c, g in mapping.items() if g == group]
        n = sum(sample.get(c, 0) for c in members)
        pop = sum(population.get(c, 0) for c in members)
        # Every class that holds respondents has population, and vice versa (unless one class holds all).
        assert len(classes) == 1 or (n > 0 and pop > 0)


def test_every_figure_carries_its_kind_and_unit_and_a_difference_keeps_its_variables_unit() -> None:
    rng = np.random.default_rng(4)
    answers = _answers(rng, 80)
    for i, a in enumerate(answers):
        a["export_share"] = 10 + i % 50
    regions = ["a"] * 40 + ["b"] * 40
    pop = [(r, s, t, c) for r in "ab" for _r, s, t, c in POP]
    result = SituationAnalysis().run(build_columns(answers, regions, SPEC), pop, scope="ALL")
    units = {(f.variable, f.kind): f.unit for f in result.figures}
    assert units[("CAP-alpha", FigureKind.MEAN)] is FigureUnit.SCORE
    assert units[("CAP-alpha", FigureKind.DIFFERENCE)] is FigureUnit.SCORE
    assert units[("BAR-finance", FigureKind.PROPORTION)] is FigureUnit.SHARE
    assert units[("BAR-finance", FigureKind.DIFFERENCE)] is FigureUnit.SHARE
    assert units[("ACT-export_share", FigureKind.MEAN)] is FigureUnit.PERCENT
