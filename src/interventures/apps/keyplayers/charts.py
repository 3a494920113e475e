"""The network drawing: a Vega force-directed graph (drawn by the vendored vega-embed, offline, like
every chart of the platform). Organisations are coloured by community; a dashed line is a
cross-border tie; a broker is drawn larger. The page shows the same measures in a table, so the
marks stay out of the accessibility tree (`aria: false`) and the drawing is named as a whole."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from interventures.core.ecosystem import NetworkMeasures


def network_spec(
    measures: NetworkMeasures, names: Mapping[str, str], edges: Sequence[tuple[str, str, bool]]
) -> dict[str, Any]:
    index = {n.id: i for i, n in enumerate(measures.nodes)}
    nodes = [
        {"name": names.get(n.id, n.id), "group": n.community, "broker": n.broker} for n in measures.nodes
    ]
    links = [
        {"source": index[s], "target": index[t], "cross": c} for s, t, c in edges if s in index and t in index
    ]
    return {
        "$schema": "https://vega.github.io/schema/vega/v5.json",
        "width": 640,
        "height": 420,
        "autosize": "none",
        "padding": 8,
        "signals": [{"name": "cx", "update": "width / 2"}, {"name": "cy", "update": "height / 2"}],
        "data": [{"name": "node-data", "values": nodes}, {"name": "link-data", "values": links}],
        "scales": [
            {
                "name": "colour",
                "type": "ordinal",
                "domain": {"data": "node-data", "field": "group"},
                "range": {"scheme": "tableau10"},
            }
        ],
        "marks": [
            {
                "name": "nodes",
                "type": "symbol",
                # The marks are left out of the accessibility tree: the chart is named as a whole
                # (the figure's label) and the table beside it holds every measure.
                "aria": False,
                "zindex": 1,
                "from": {"data": "node-data"},
                "encode": {
                    "enter": {
                        "fill": {"scale": "colour", "field": "group"},
                        "stroke": {"value": "#1f2937"},
                        "strokeWidth": [{"test": "datum.broker", "value": 2.5}, {"value": 1}],
                        "size": [{"test": "datum.broker", "value": 520}, {"value": 260}],
                        "tooltip": {"field": "name"},
                    }
                },
                "transform": [
                    {
                        "type": "force",
                        "iterations": 300,
                        "static": True,
                        "signal": "force",
                        "forces": [
                            {"force": "center", "x": {"signal": "cx"}, "y": {"signal": "cy"}},
                            {"force": "collide", "radius": 20},
                            {"force": "nbody", "strength": -120},
                            {"force": "link", "links": "link-data", "distance": 90},
                        ],
                    }
                ],
            },
            {
                "type": "path",
                "aria": False,
                "from": {"data": "link-data"},
                "interactive": False,
                "encode": {
                    "update": {
                        "stroke": {"value": "#4b5563"},
                        "strokeWidth": {"value": 1.4},
                        "strokeDash": [{"test": "datum.cross", "value": [5, 3]}, {"value": [1, 0]}],
                    }
                },
                "transform": [
                    {
                        "type": "linkpath",
                        "require": {"signal": "force"},
                        # Each end's position, from the node objects the link force put in place of
                        # the indices (as Vega's force-directed example has it).
                        "shape": "line",
                        "sourceX": "datum.source.x",
                        "sourceY": "datum.source.y",
                        "targetX": "datum.target.x",
                        "targetY": "datum.target.y",
                    }
                ],
            },
            {
                "type": "text",
                "aria": False,
                "from": {"data": "nodes"},
                "interactive": False,
                "zindex": 2,
                "encode": {
                    "update": {
                        "x": {"field": "x"},
                        "y": {"field": "y", "offset": -15},
                        "align": {"value": "center"},
                        "fontSize": {"value": 11},
                        "fill": {"value": "#111827"},
                        "text": {"field": "datum.name"},
                    }
                },
            },
        ],
    }
