"""The capacity model data: complete in every language, within the bounds the issue sets, versioned."""

from __future__ import annotations

import copy
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml

from interventures.core.capacity import (
    DONT_KNOW,
    LANGS,
    CapacityModel,
    ModelError,
    available_versions,
    load_model,
    model_from_dict,
)
from interventures.core.capacity import model as model_module

from .conftest import small_model_data, texts

MODEL = load_model()


def test_latest_model_is_the_highest_version() -> None:
    assert MODEL.version == available_versions()[-1]
    assert load_model("1.0").version == "1.0"


def test_model_has_the_size_the_issue_asks_for() -> None:
    assert len(MODEL.dimensions) >= 8
    assert 35 <= len(MODEL.items) <= 60
    assert len(MODEL.stages) >= 5
    for dimension in MODEL.dimensions:
        assert len(MODEL.items_of(dimension.id)) >= 3, dimension.id
        assert 3 <= len(dimension.steps["en"]) <= 5, dimension.id


def test_model_covers_the_capacities_named_in_the_issue() -> None:
    assert {d.id for d in MODEL.dimensions} >= {
        "strategy", "experience", "networks", "offer", "finance", "people", "market", "digital", "support",
    }  # fmt: skip
    for required in ("fin_prefinance", "ppl_english", "ppl_neighbour"):
        MODEL.item(required)


def test_ladder_runs_from_domestic_only_to_international_clustering() -> None:
    assert [s.rank for s in MODEL.stages] == list(range(len(MODEL.stages)))
    assert MODEL.stages[0].id == "domestic"
    assert MODEL.stages[-1].id == "clustering"
    # each rung asks at least as much as the one below it
    for lower, upper in zip(MODEL.stages, MODEL.stages[1:], strict=False):
        assert upper.min_overall > lower.min_overall
        for dimension_id, minimum in lower.min_dimension.items():
            assert upper.min_dimension.get(dimension_id, 0) >= minimum


def test_every_text_exists_in_all_seven_languages() -> None:
    assert LANGS == ("en", "hu", "hr", "it", "pl", "es", "lt")
    for item in MODEL.items:
        assert set(item.text) == set(LANGS), item.id
        assert all(item.text[lang].strip() for lang in LANGS), item.id
        assert item.help == {} or set(item.help) == set(LANGS), item.id
        for option in item.options:
            assert set(option.label) == set(LANGS), (item.id, option.id)
            assert all(option.label.values()), (item.id, option.id)
    for dimension in MODEL.dimensions:
        for mapping in (dimension.name, dimension.description):
            assert set(mapping) == set(LANGS)
        assert {len(dimension.steps[lang]) for lang in LANGS} == {len(dimension.steps["en"])}
    for stage in MODEL.stages:
        assert set(stage.name) == set(LANGS)
        assert set(stage.description) == set(LANGS)
    assert set(MODEL.dont_know_label) == set(LANGS)


def test_texts_are_translated_not_copied_from_english() -> None:
    for lang in LANGS[1:]:
        for item in MODEL.items:
            assert item.text[lang] != item.text["en"], (item.id, lang)
        for dimension in MODEL.dimensions:
            assert dimension.name[lang] != dimension.name["en"], (dimension.id, lang)
            assert set(dimension.steps[lang]).isdisjoint(dimension.steps["en"]), (dimension.id, lang)
        for stage in MODEL.stages:
            assert stage.description[lang] != stage.description["en"], (stage.id, lang)


def test_options_are_ordered_scores_from_zero_to_one() -> None:
    for item in MODEL.items:
        scores = [o.score for o in item.options]
        assert 4 <= len(scores) <= 5, item.id
        assert scores == sorted(scores), item.id
        assert scores[0] == 0.0, item.id
        assert scores[-1] == 1.0, item.id
        assert DONT_KNOW not in {o.id for o in item.options}


def test_a_missing_translation_is_refused_at_load_time() -> None:
    data = small_model_data()
    del data["items"][0]["text"]["lt"]
    with pytest.raises(ModelError, match=r"items\.a1\.text: missing text in lt"):
        model_from_dict(data)


@pytest.mark.parametrize(
    ("mutate", "message"),
    [
        (lambda d: d["items"][0].update(dimension="zzz"), "unknown dimension"),
        (lambda d: d["items"].append(copy.deepcopy(d["items"][0])), "duplicate item id 'a1'"),
        (lambda d: d["scales"]["s5"][1].update(score=1.5), "expected a number in"),
        (lambda d: d["scales"]["s5"][1].update(id=DONT_KNOW), "reserved"),
        (lambda d: d["stages"][2].update(min_item={"nope": 0.5}), "unknown item"),
        (lambda d: d["stages"][0].update(min_overall=10), "first stage must have no entry conditions"),
        (lambda d: d["dimensions"][0]["steps"]["hu"].pop(), "same 1-8 steps"),
        (lambda d: d["items"].pop(-1), "no items measure it"),
    ],
)
def test_inconsistent_model_data_is_refused(mutate: Callable[[dict[str, Any]], object], message: str) -> None:
    data = small_model_data()
    mutate(data)
    with pytest.raises(ModelError, match=message):
        model_from_dict(data)


def test_scores_may_be_written_as_fractions() -> None:
    data = small_model_data()
    data["scales"]["s5"][1]["score"] = "1/3"
    assert model_from_dict(data).item("a1").options[1].score == pytest.approx(1 / 3)


def test_versions_are_ordered_numerically_and_each_loads_its_own_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    for version in ("1.9", "1.10", "1.2"):
        data = small_model_data()
        data["version"] = version
        data["stages"][0]["name"] = texts(f"base of {version}")
        (tmp_path / f"model-{version}.yaml").write_text(
            yaml.safe_dump(data, allow_unicode=True), encoding="utf-8"
        )
    (tmp_path / "notes.yaml").write_text("ignored: true", encoding="utf-8")
    monkeypatch.setattr(model_module, "DATA_DIR", tmp_path)
    load_model.cache_clear()
    try:
        assert available_versions() == ("1.2", "1.9", "1.10")
        assert load_model().version == "1.10"
        assert load_model("1.9").stages[0].name["en"] == "base of 1.9"
        with pytest.raises(ModelError, match="unknown capacity model version '2.0'"):
            load_model("2.0")
    finally:
        load_model.cache_clear()


def test_model_lookups_by_id(small_model: CapacityModel) -> None:
    assert small_model.item("b2").dimension == "b"
    assert small_model.dimension("c").name["hu"] == "dimension c [hu]"
    assert [i.id for i in small_model.items_of("a")] == ["a1", "a2", "a3"]
    with pytest.raises(KeyError):
        small_model.item("zz")
