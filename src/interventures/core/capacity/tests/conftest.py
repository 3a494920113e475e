"""A small capacity model whose results can be worked out by hand, built like a data file."""

from __future__ import annotations

from typing import Any

import pytest

from interventures.core.capacity import LANGS, CapacityModel, model_from_dict


def texts(en: str) -> dict[str, str]:
    return {lang: en if lang == "en" else f"{en} [{lang}]" for lang in LANGS}


def small_model_data() -> dict[str, Any]:
    """Dimensions a (3 items, a1 weighs 2), b (2 items), c (1 item); five-point scale s0..s4 scoring
    0, 0.25, 0.5, 0.75, 1; ladder: base, mid (overall >= 30), top (overall >= 50, b >= 50, b1 >= 0.75)."""
    scale = [{"id": f"s{i}", "score": i / 4, "label": texts(f"level {i}")} for i in range(5)]

    def dimension(did: str, priority: int) -> dict[str, Any]:
        return {
            "id": did,
            "priority": priority,
            "name": texts(f"dimension {did}"),
            "description": texts(f"about {did}"),
            "steps": {lang: [f"{did} step 1 [{lang}]", f"{did} step 2 [{lang}]"] for lang in LANGS},
        }

    def item(iid: str, did: str, weight: float = 1.0, dont_know: bool = True) -> dict[str, Any]:
        return {
            "id": iid,
            "dimension": did,
            "weight": weight,
            "scale": "s5",
            "allow_dont_know": dont_know,
            "text": texts(f"question {iid}"),
        }

    return {
        "version": "0.1",
        "dont_know_label": texts("don't know"),
        "scales": {"s5": scale},
        "dimensions": [dimension("a", 3), dimension("b", 1), dimension("c", 2)],
        "items": [
            item("a1", "a", weight=2.0),
            item("a2", "a"),
            item("a3", "a"),
            item("b1", "b"),
            item("b2", "b"),
            item("c1", "c", dont_know=False),
        ],
        "stages": [
            {"id": "base", "name": texts("base"), "description": texts("base stage")},
            {"id": "mid", "min_overall": 30, "name": texts("mid"), "description": texts("mid stage")},
            {
                "id": "top",
                "min_overall": 50,
                "min_dimension": {"b": 50},
                "min_item": {"b1": 0.75},
                "name": texts("top"),
                "description": texts("top stage"),
            },
        ],
    }


@pytest.fixture
def small_model() -> CapacityModel:
    return model_from_dict(small_model_data())
