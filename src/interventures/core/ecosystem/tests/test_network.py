"""Network measures on graphs small enough to check by hand."""

from __future__ import annotations

import pytest

from interventures.core.ecosystem.network import Edge, NetworkError, measure


def test_a_path_has_its_middle_as_the_only_broker() -> None:
    # a - b - c: b lies on the one shortest path between a and c; normalised betweenness
    # = 1 / ((n-1)(n-2)/2) = 1 / 1 = 1.
    m = measure(["a", "b", "c"], [Edge("a", "b"), Edge("b", "c")])
    assert [n.degree for n in m.nodes] == [1, 2, 1]
    assert m.node("b").betweenness == pytest.approx(1.0)
    assert m.node("a").betweenness == 0.0
    assert m.brokers == ("b",)
    assert m.isolated == ()


def test_two_triangles_joined_through_one_organisation() -> None:
    # Triangles a-b-c and d-e-f, joined by c - x - d: c, x and d each split the graph when removed.
    edges = [
        Edge("a", "b"),
        Edge("b", "c"),
        Edge("a", "c"),
        Edge("d", "e"),
        Edge("e", "f"),
        Edge("d", "f"),
        Edge("c", "x", cross_border=True),
        Edge("x", "d"),
    ]
    m = measure(["a", "b", "c", "x", "d", "e", "f", "z"], edges)
    assert set(m.brokers) == {"c", "x", "d"}
    # x: 9 of the 21 pairs among the other six of its component are joined only through it
    # (3 × 3 across the bridge), and its component has 7 nodes; networkx normalises by the 8-node
    # graph: 2 / ((8-1)(8-2)) per pair → 9 × 2 / 42.
    assert m.node("x").betweenness == pytest.approx(9 * 2 / 42)
    assert m.node("z").isolated
    assert m.node("z").degree == 0
    assert m.isolated == ("z",)
    # The triangles are the two large communities; z is one of its own, numbered last.
    assert m.node("a").community == m.node("b").community
    assert m.node("e").community == m.node("f").community
    assert m.node("a").community != m.node("e").community
    assert m.node("z").community == len(m.communities)
    assert m.ties == 8
    assert m.cross_border_ties == 1
    assert m.cross_border_share == pytest.approx(1 / 8)


def test_two_ties_between_one_pair_make_one_neighbour() -> None:
    m = measure(["a", "b"], [Edge("a", "b", kind="funds"), Edge("b", "a", kind="refers")])
    assert m.node("a").degree == 1
    assert m.ties == 2


def test_no_ties_at_all() -> None:
    m = measure(["a", "b"], [])
    assert m.cross_border_share is None
    assert m.isolated == ("a", "b")
    assert [n.community for n in m.nodes] == [1, 2]


def test_a_tie_to_an_unknown_organisation_is_refused() -> None:
    with pytest.raises(NetworkError, match="unknown"):
        measure(["a"], [Edge("a", "b")])
