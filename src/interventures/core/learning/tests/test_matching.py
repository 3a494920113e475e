from interventures.core.learning.matching import Candidate, FigureValue, Gap, gaps_from_figures, rank


def test_capacity_gaps_are_relative_and_suppressed_figures_give_none() -> None:
    figures = {
        "SAR-hu-hr-CAP-finance": FigureValue(30.0),
        "SAR-hu-hr-CAP-networks": FigureValue(50.0),
        "SAR-hu-hr-CAP-strategy": FigureValue(70.0),
        "SAR-hu-hr-CAP-people": FigureValue(None, suppressed=True),
        "SAR-hu-hr-CAP-overall": FigureValue(10.0),
        "SAR-hu-hr-CAP-finance-micro": FigureValue(5.0),
        "SAR-hu-hr-BAR-prefinancing": FigureValue(0.4),
        "SAR-hu-hr-BAR-none": FigureValue(0.9),
        "SAR-lombardia-CAP-finance": FigureValue(0.0),
    }
    gaps = {(g.kind, g.key): g for g in gaps_from_figures("hu-hr", figures)}
    assert gaps == {
        ("dim", "finance"): Gap("dim", "finance", "SAR-hu-hr-CAP-finance", 1.0, 30.0),
        ("dim", "networks"): Gap("dim", "networks", "SAR-hu-hr-CAP-networks", 0.5, 50.0),
        ("barrier", "prefinancing"): Gap("barrier", "prefinancing", "SAR-hu-hr-BAR-prefinancing", 0.4, 0.4),
    }


def test_practices_rank_by_the_weight_of_the_gaps_they_address() -> None:
    gaps = [
        Gap("dim", "finance", "SAR-x-CAP-finance", 1.0),
        Gap("dim", "networks", "SAR-x-CAP-networks", 0.5),
        Gap("barrier", "prefinancing", "SAR-x-BAR-prefinancing", 0.4),
    ]
    candidates = [
        Candidate("networks-only", frozenset({("dim", "networks")})),
        Candidate("finance-and-prefinancing", frozenset({("dim", "finance"), ("barrier", "prefinancing")})),
        Candidate("finance-only", frozenset({("dim", "finance"), ("dim", "digital")})),
        Candidate("unrelated", frozenset({("dim", "digital")})),
    ]
    ranked = rank(candidates, gaps)
    assert [m.key for m in ranked] == ["finance-and-prefinancing", "finance-only", "networks-only"]
    assert ranked[0].score == 1.4
    assert [g.identifier for g in ranked[0].reasons] == ["SAR-x-CAP-finance", "SAR-x-BAR-prefinancing"]
    assert [m.key for m in rank(candidates, gaps, limit=1)] == ["finance-and-prefinancing"]


def test_no_gaps_rank_nothing() -> None:
    assert rank([Candidate("a", frozenset({("dim", "finance")}))], []) == []
