"""Network measures of a region's ties, computed with networkx on the undirected graph of all ties.

- degree: the number of distinct organisations an organisation is tied to (in either direction);
- betweenness: networkx's normalised betweenness centrality of the undirected graph;
- broker: an articulation point of the graph, i.e. an organisation whose removal splits the group it
  is in into parts that no longer reach each other (it links otherwise separate groups);
- communities: greedy modularity maximisation (Clauset, Newman & Moore 2004), deterministic; an
  isolated organisation is a community of its own; communities are numbered from the largest;
- isolated: an organisation with no tie at all;
- cross-border ties: their number and share among all ties (each tie counted once, as recorded).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import networkx as nx


@dataclass(frozen=True)
class Edge:
    source: str
    target: str
    kind: str = ""
    strength: int | None = None
    cross_border: bool = False


@dataclass(frozen=True)
class NodeMeasures:
    id: str
    degree: int
    betweenness: float
    broker: bool
    community: int
    isolated: bool


@dataclass(frozen=True)
class NetworkMeasures:
    nodes: tuple[NodeMeasures, ...]
    ties: int
    cross_border_ties: int
    communities: tuple[tuple[str, ...], ...]

    @property
    def cross_border_share(self) -> float | None:
        return self.cross_border_ties / self.ties if self.ties else None

    @property
    def brokers(self) -> tuple[str, ...]:
        return tuple(n.id for n in self.nodes if n.broker)

    @property
    def isolated(self) -> tuple[str, ...]:
        return tuple(n.id for n in self.nodes if n.isolated)

    def node(self, id: str) -> NodeMeasures:
        for n in self.nodes:
            if n.id == id:
                return n
        raise KeyError(id)


class NetworkError(ValueError):
    """A tie names an organisation that is not among the nodes."""


def measure(nodes: Sequence[str], edges: Sequence[Edge]) -> NetworkMeasures:
    """The measures of the network of `nodes` (organisation ids, in the order results keep) and
    `edges` (ties; several ties between one pair make one edge of the undirected graph)."""
    known = set(nodes)
    graph: nx.Graph[str] = nx.Graph()
    graph.add_nodes_from(nodes)
    for e in edges:
        if e.source not in known or e.target not in known:
            raise NetworkError(f"tie {e.source} → {e.target}: unknown organisation")
        if e.source != e.target:
            graph.add_edge(e.source, e.target)
    betweenness = nx.betweenness_centrality(graph, normalized=True) if len(graph) else {}
    brokers = set(nx.articulation_points(graph))
    connected = graph.subgraph([n for n in graph if graph.degree(n) > 0])
    groups: list[set[str]] = (
        [set(c) for c in nx.community.greedy_modularity_communities(connected)]
        if connected.number_of_edges()
        else []
    )
    groups += [{n} for n in nodes if graph.degree(n) == 0]
    order = {n: i for i, n in enumerate(nodes)}
    groups.sort(key=lambda g: (-len(g), min(order[n] for n in g)))
    community = {n: i + 1 for i, g in enumerate(groups) for n in g}
    return NetworkMeasures(
        nodes=tuple(
            NodeMeasures(
                id=n,
                degree=int(graph.degree(n)),
                betweenness=float(betweenness.get(n, 0.0)),
                broker=n in brokers,
                community=community[n],
                isolated=graph.degree(n) == 0,
            )
            for n in nodes
        ),
        ties=len(edges),
        cross_border_ties=sum(1 for e in edges if e.cross_border),
        communities=tuple(tuple(sorted(g, key=order.__getitem__)) for g in groups),
    )
