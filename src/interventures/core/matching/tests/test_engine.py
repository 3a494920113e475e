"""The engine's rules and score parts on hand-made profiles, and its fast path against brute force."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from interventures.core.matching import (
    COMPATIBLE,
    Borders,
    Cooperation,
    MatchIndex,
    MatchProfile,
    OfferKind,
    Options,
    Taxonomy,
    admissible,
    cooperation_compatible,
)
from interventures.core.matching.engine import admissible_pairs_exact

HU_HR = Borders(neighbours={"HU": frozenset({"HR", "AT"}), "HR": frozenset({"HU"}), "AT": frozenset({"HU"})})


def p(id: str, country: str, **kw: object) -> MatchProfile:
    return MatchProfile(id=id, country=country, **kw)  # type: ignore[arg-type]


def index(
    taxonomy: Taxonomy, profiles: list[MatchProfile], borders: Borders = HU_HR, k: int = 10
) -> MatchIndex:
    idx = MatchIndex(taxonomy=taxonomy, borders=borders, k=k)
    idx.add_all(profiles)
    idx.compute(exact=True)
    return idx


def test_never_a_country_the_sme_did_not_target_and_never_itself(taxonomy: Taxonomy) -> None:
    profiles = [
        p("hu1", "HU", nace=("62.01",), target_countries=frozenset({"HR"})),
        p("hu2", "HU", nace=("62.01",)),
        p("hr1", "HR", nace=("62.01",)),
        p("at1", "AT", nace=("62.01",)),
        p("hr-same-company", "HR", nace=("62.01",), company="c-hu1"),
        p("hu-same-company", "HU", nace=("62.01",), company="c-hu1"),
    ]
    idx = index(taxonomy, profiles)
    tops = idx.top_ids()
    assert tops["hu1"] == ["hr1", "hr-same-company"]  # not Austria, which it did not target
    assert "at1" in tops["hu2"]
    assert "hu1" not in tops["at1"]  # hu1 does not target Austria: the rule holds both ways
    assert "hr-same-company" not in tops["hu-same-company"]
    for pid, partners in tops.items():
        assert pid not in partners
        me = profiles[[x.id for x in profiles].index(pid)]
        for partner in partners:
            assert idx.profiles[idx.row[partner]].country in HU_HR.targets(me)


def test_compatible_kinds_are_families() -> None:
    # the relation is an equivalence (reflexive, symmetric, transitive): blocks by family are exact
    for a, b in COMPATIBLE:
        assert (b, a) in COMPATIBLE
        assert all((a, c) in COMPATIBLE for x, c in COMPATIBLE if x == b)
    assert all((c, c) in COMPATIBLE for c in Cooperation)


def test_incompatible_cooperation_is_never_suggested(taxonomy: Taxonomy) -> None:
    a = p("a", "HU", cooperation=frozenset({Cooperation.DISTRIBUTION}))
    b = p("b", "HR", cooperation=frozenset({Cooperation.JOINT_BID}))
    c = p("c", "HR", cooperation=frozenset({Cooperation.DISTRIBUTION, Cooperation.SUPPLIER}))
    d = p("d", "HR", cooperation=frozenset({Cooperation.JOINT_DEVELOPMENT}))
    assert not admissible(a, b, HU_HR)
    assert admissible(a, c, HU_HR)
    assert not admissible(c, d, HU_HR)  # both Croatian
    assert cooperation_compatible(b.cooperation, d.cooperation)  # a joint bid funds joint development
    assert index(taxonomy, [a, b, c, d]).top_ids()["a"] == ["c"]


def test_complementarity_is_symmetric_and_crosses_languages(taxonomy: Taxonomy) -> None:
    wine_hr = p(
        "hr", "HR", offers="Proizvodnja vina i destilacija", seeks="distribucija pića u trgovini na veliko"
    )
    trader_hu = p("hu", "HU", offers="italok nagykereskedelme", seeks="bor termelése, szőlőbor")
    furniture = p("hu2", "HU", offers="bútorgyártás", seeks="fűrészáru")
    idx = index(taxonomy, [wine_hr, trader_hu, furniture])
    ab, ba = idx.parts("hr", "hu"), idx.parts("hu", "hr")
    assert ab == ba
    assert ab["complementarity"] > 0.3
    assert ab["complementarity"] > idx.parts("hr", "hu2")["complementarity"]
    assert idx.top_ids()["hr"] == ["hu", "hu2"]


def test_offers_of_one_meet_what_the_other_seeks(taxonomy: Taxonomy) -> None:
    maker = p("m", "HU", offers="manufacture of furniture", offer_kinds=frozenset({OfferKind.PRODUCT}))
    client = p("c", "HR", seeks="proizvodnja namještaja", seek_kinds=frozenset({OfferKind.PRODUCT}))
    neither = p("n", "HR", seeks="uzgoj žitarica", seek_kinds=frozenset({OfferKind.PRODUCT}))
    idx = index(taxonomy, [maker, client, neither])
    assert idx.parts("m", "c")["complementarity"] > 0.4
    assert idx.parts("m", "n")["complementarity"] < 0.5 * idx.parts("m", "c")["complementarity"]


def test_nace_hierarchy_relatedness(taxonomy: Taxonomy) -> None:
    same_class = [p("a", "HU", nace=("62.01",)), p("b", "HR", nace=("62.01",))]
    idx = index(
        taxonomy,
        [
            *same_class,
            p("c", "HR", nace=("62.09",)),
            p("d", "HR", nace=("63.11",)),
            p("e", "HR", nace=("01.11",)),
        ],
    )
    rel = {x: idx.parts("a", x)["relatedness"] for x in "bcde"}
    # nothing in the texts: relatedness is half the hierarchy part
    assert rel["b"] == pytest.approx(0.5)
    assert rel["b"] >= rel["c"] > rel["d"] > rel["e"] == 0.0


def test_languages_stages_and_distance(taxonomy: Taxonomy) -> None:
    a = p("a", "HU", languages=frozenset({"hu", "en"}), stage="exploring", at_border=True)
    b = p("b", "HR", languages=frozenset({"hr", "en"}), stage="occasional", at_border=True)
    c = p("c", "HR", languages=frozenset({"hr"}), stage="clustering", at_border=False)
    d = p("d", "HR")
    idx = index(taxonomy, [a, b, c, d])
    assert idx.parts("a", "b")["languages"] == pytest.approx(0.5)  # one shared of two each
    assert idx.parts("a", "c")["languages"] == 0.0
    assert idx.parts("a", "b")["stages"] == pytest.approx(0.75)  # one rung apart on a five-rung ladder
    assert idx.parts("a", "c")["stages"] == pytest.approx(0.25)
    assert idx.parts("a", "d")["stages"] == pytest.approx(0.5)  # unknown
    assert idx.parts("a", "b")["distance"] == 1.0
    assert idx.parts("a", "c")["distance"] == 0.5
    assert idx.parts("a", "b")["languages"] > idx.parts("a", "d")["languages"]


def test_score_is_weighted_sum_of_parts(taxonomy: Taxonomy) -> None:
    a = p("a", "HU", nace=("10.71",), offers="kenyér", seeks="liszt", languages=frozenset({"hu"}))
    b = p(
        "b",
        "HR",
        nace=("10.61",),
        offers="brašno",
        seeks="pekarski proizvodi",
        languages=frozenset({"hr", "hu"}),
    )
    idx = index(taxonomy, [a, b])
    [s] = idx.suggestions("a")
    w = idx.weights.as_dict()
    assert s.score == pytest.approx(sum(w[k] * v for k, v in s.parts.items()), abs=1e-5)


def _random_profiles(n: int, seed: int) -> list[MatchProfile]:
    rng = np.random.default_rng(seed)
    divisions = ["10", "11", "16", "25", "28", "31", "46", "47", "55", "62", "71", "72"]
    words = ["software", "bor", "vina", "legno", "drewno", "mediena", "turizam", "turismo", "metal", "gépek"]
    coops = list(Cooperation)
    out = []
    for i in range(n):
        out.append(
            p(
                f"p{i}",
                str(rng.choice(["HU", "HR", "AT"])),
                nace=(f"{rng.choice(divisions)}",),
                offers=" ".join(rng.choice(words, 2)),
                seeks=" ".join(rng.choice(words, 2)),
                languages=frozenset(rng.choice(["hu", "hr", "de", "en"], 2)),
                stage=str(
                    rng.choice(["domestic", "exploring", "occasional", "structured", "clustering", ""])
                ),
                cooperation=frozenset(rng.choice(coops, 2)),
                at_border=bool(rng.random() < 0.5),
            )
        )
    return out


def test_blocked_exact_agrees_with_python_brute_force(taxonomy: Taxonomy) -> None:
    idx = index(taxonomy, _random_profiles(80, 1), k=5)
    brute = admissible_pairs_exact(idx)
    got = idx.top_ids()
    for pid, partners in brute.items():
        scores_got = [round(idx.score(pid, x), 4) for x in got[pid]]
        scores_brute = [round(idx.score(pid, x), 4) for x in partners]
        assert scores_got == pytest.approx(scores_brute, abs=1e-4)


def test_fast_path_recall(taxonomy: Taxonomy) -> None:
    profiles = _random_profiles(1500, 2)
    exact = index(taxonomy, profiles)
    # every direction through the two stages (none small enough to be scored in full)
    fast = MatchIndex(taxonomy=taxonomy, borders=HU_HR, options=Options(exact_below=0, candidates=128))
    fast.add_all(profiles)
    fast.compute()
    assert fast.pairs_scored < 0.6 * exact.pairs_scored  # stage 2 scores a quarter of each direction
    e, f = exact.top_ids(), fast.top_ids()
    hits = sum(len(set(e[x]) & set(f[x])) for x in e)
    recall = hits / sum(len(v) for v in e.values())
    assert recall >= 0.95
    for pid, partners in f.items():  # whatever it returns obeys the hard rules
        me = profiles[[x.id for x in profiles].index(pid)]
        assert all(admissible(me, fast.profiles[fast.row[x]], HU_HR) for x in partners)
        assert len(partners) == len(set(partners))  # a pair met both ways counts once
    # the fast path's scores are the exact scores of the pairs it returns
    for some in (profiles[0].id, profiles[700].id):
        for s in fast.suggestions(some):
            assert s.score == pytest.approx(exact.score(some, s.partner_id), abs=1e-5)


def test_small_directions_are_scored_in_full(taxonomy: Taxonomy) -> None:
    profiles = _random_profiles(200, 4)
    exact = index(taxonomy, profiles)
    fast = MatchIndex(taxonomy=taxonomy, borders=HU_HR)  # default: every direction here is small
    fast.add_all(profiles)
    fast.compute()
    for pid, partners in exact.top_ids().items():
        got = [round(fast.score(pid, x), 4) for x in fast.top_ids()[pid]]
        assert got == pytest.approx([round(exact.score(pid, x), 4) for x in partners], abs=1e-4)


@settings(max_examples=15, deadline=None)
@given(st.lists(st.integers(min_value=0, max_value=59), min_size=1, max_size=6), st.integers(0, 10_000))
def test_incremental_refresh_equals_recomputing(taxonomy: Taxonomy, changed: list[int], seed: int) -> None:
    profiles = _random_profiles(60, 3)
    idx = index(taxonomy, profiles, k=4)
    replacements = _random_profiles(60, seed)
    current = list(profiles)
    for n in changed:
        new = MatchProfile(**{**replacements[n].__dict__, "id": profiles[n].id})
        current[n] = new
        idx.upsert(new)
    fresh = index(taxonomy, current, k=4)
    for pid in fresh.top_ids():
        got = [round(s.score, 4) for s in idx.suggestions(pid)]
        want = [round(s.score, 4) for s in fresh.suggestions(pid)]
        assert got == pytest.approx(want, abs=1e-4), pid


def test_new_and_removed_profiles(taxonomy: Taxonomy) -> None:
    idx = index(taxonomy, [p("a", "HU", nace=("62.01",)), p("b", "HR", nace=("01.11",))])
    assert idx.top_ids()["a"] == ["b"]
    idx.upsert(p("c", "HR", nace=("62.01",)))
    assert idx.top_ids()["a"] == ["c", "b"]
    assert idx.top_ids()["c"] == ["a"]
    idx.remove("c")
    assert idx.top_ids()["a"] == ["b"]
    assert "c" not in idx.top_ids()


def test_rescored_candidates_grow_with_the_direction() -> None:
    o = Options(candidates=128, grow_above=10_000, max_candidates=384)
    assert o.width(500) == 128  # a small direction keeps the base number
    assert o.width(10_000) == 128
    assert o.width(40_000) == 256  # √4 × 128
    assert o.width(10_000_000) == 384  # capped
    assert Options(candidates=128).width(100) == 100  # never more than there are
