"""The capacity model: dimensions, items, answer options and the stage ladder.

The model is data, not code: each version lives in `data/model-<version>.yaml` and is read by
`load_model`. `model_from_dict` checks everything a stored result and a rendered page rely on (every
text in all seven languages, option scores in [0, 1], references between stages, items and dimensions),
so a broken data file fails at load time rather than on an SME's result page.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from fractions import Fraction
from pathlib import Path
from typing import Any

import yaml

LANGS: tuple[str, ...] = ("en", "hu", "hr", "it", "pl", "es", "lt")
DONT_KNOW = "dont_know"
DATA_DIR = Path(__file__).parent / "data"
_VERSION_FILE = re.compile(r"^model-(?P<version>\d+(?:\.\d+)*)\.yaml$")


class ModelError(ValueError):
    """A capacity model data file is incomplete or inconsistent."""


@dataclass(frozen=True)
class Option:
    id: str
    label: Mapping[str, str]
    score: float  # in [0, 1]; higher means more capacity


@dataclass(frozen=True)
class Item:
    id: str
    dimension: str
    text: Mapping[str, str]
    options: tuple[Option, ...]
    weight: float
    allow_dont_know: bool
    help: Mapping[str, str]

    def option(self, option_id: str) -> Option:
        for option in self.options:
            if option.id == option_id:
                return option
        raise KeyError(option_id)


@dataclass(frozen=True)
class Dimension:
    id: str
    name: Mapping[str, str]
    description: Mapping[str, str]
    steps: Mapping[str, tuple[str, ...]]  # development steps per language, in a realistic order
    # Lower comes first in a development plan: foundations (commitment, money, people) before
    # activities that build on them (networks, clustering).
    priority: int = 0


@dataclass(frozen=True)
class Stage:
    id: str
    rank: int
    name: Mapping[str, str]
    description: Mapping[str, str]
    # Entry conditions; all must hold (see docs/methods/capacity-model.md, "Stage rules").
    min_overall: float = 0.0
    min_dimension: Mapping[str, float] = field(default_factory=dict)  # dimension id -> min score 0-100
    min_item: Mapping[str, float] = field(default_factory=dict)  # item id -> min option score 0-1


@dataclass(frozen=True)
class CapacityModel:
    version: str
    dimensions: tuple[Dimension, ...]
    items: tuple[Item, ...]
    stages: tuple[Stage, ...]  # ordered by rank, lowest first
    dont_know_label: Mapping[str, str] = field(default_factory=dict)

    def item(self, id: str) -> Item:
        for item in self.items:
            if item.id == id:
                return item
        raise KeyError(id)

    def dimension(self, id: str) -> Dimension:
        for dimension in self.dimensions:
            if dimension.id == id:
                return dimension
        raise KeyError(id)

    def items_of(self, dimension_id: str) -> tuple[Item, ...]:
        return tuple(item for item in self.items if item.dimension == dimension_id)

    def stage(self, id: str) -> Stage:
        for stage in self.stages:
            if stage.id == id:
                return stage
        raise KeyError(id)


def check_lang(lang: str) -> str:
    if lang not in LANGS:
        raise ValueError(f"unknown language {lang!r}; expected one of {', '.join(LANGS)}")
    return lang


def available_versions() -> tuple[str, ...]:
    """Versions with a data file, oldest first (numeric order: 1.10 comes after 1.9)."""
    found = []
    for path in DATA_DIR.glob("model-*.yaml"):
        match = _VERSION_FILE.match(path.name)
        if match:
            found.append(match["version"])
    return tuple(sorted(found, key=lambda v: tuple(int(part) for part in v.split("."))))


@functools.cache
def load_model(version: str | None = None) -> CapacityModel:
    """The model of `version`, or the latest one when `version` is None."""
    versions = available_versions()
    if not versions:
        raise ModelError(f"no capacity model data files in {DATA_DIR}")
    if version is None:
        version = versions[-1]
    if version not in versions:
        raise ModelError(f"unknown capacity model version {version!r}; available: {', '.join(versions)}")
    with (DATA_DIR / f"model-{version}.yaml").open(encoding="utf-8") as fh:
        data = yaml.safe_load(fh)
    model = model_from_dict(data)
    if model.version != version:
        raise ModelError(f"model-{version}.yaml declares version {model.version!r}")
    return model


# --- building and checking a model from plain data -------------------------------------------


def _texts(value: Any, where: str) -> dict[str, str]:
    if not isinstance(value, Mapping):
        raise ModelError(f"{where}: expected a mapping of language to text")
    missing = [lang for lang in LANGS if not isinstance(value.get(lang), str) or not value[lang].strip()]
    if missing:
        raise ModelError(f"{where}: missing text in {', '.join(missing)}")
    extra = sorted(set(value) - set(LANGS))
    if extra:
        raise ModelError(f"{where}: unknown language(s) {', '.join(map(str, extra))}")
    return {lang: str(value[lang]).strip() for lang in LANGS}


def _optional_texts(value: Any, where: str) -> dict[str, str]:
    return {} if value in (None, {}) else _texts(value, where)


def _id(value: Any, where: str) -> str:
    if not isinstance(value, str) or not re.fullmatch(r"[a-z][a-z0-9_]*", value):
        raise ModelError(f"{where}: id must be lower-case letters, digits and _ (got {value!r})")
    return value


def _number(value: Any, where: str, low: float, high: float) -> float:
    """A number; data files may write thirds and the like as fractions ("1/3")."""
    if isinstance(value, str):
        try:
            value = Fraction(value)
        except ValueError:
            raise ModelError(f"{where}: expected a number or a fraction like 1/3 (got {value!r})") from None
    if isinstance(value, bool) or not isinstance(value, int | float | Fraction) or not low <= value <= high:
        raise ModelError(f"{where}: expected a number in [{low}, {high}] (got {value!r})")
    return float(value)


def _options(raw: Any, where: str) -> tuple[Option, ...]:
    if not isinstance(raw, list) or len(raw) < 2:
        raise ModelError(f"{where}: expected a list of at least two options")
    options = []
    for i, entry in enumerate(raw):
        oid = _id(entry.get("id"), f"{where}[{i}]")
        if oid == DONT_KNOW:
            raise ModelError(f"{where}: {DONT_KNOW!r} is reserved; use allow_dont_know")
        options.append(
            Option(
                id=oid,
                label=_texts(entry.get("label"), f"{where}.{oid}.label"),
                score=_number(entry.get("score"), f"{where}.{oid}.score", 0.0, 1.0),
            )
        )
    ids = [o.id for o in options]
    if len(set(ids)) != len(ids):
        raise ModelError(f"{where}: duplicate option ids")
    return tuple(options)


def _unique(ids: list[str], what: str) -> None:
    seen: set[str] = set()
    for i in ids:
        if i in seen:
            raise ModelError(f"duplicate {what} id {i!r}")
        seen.add(i)


def model_from_dict(data: Mapping[str, Any]) -> CapacityModel:
    """Build and check a model from the structure of a `model-<version>.yaml` file."""
    if not isinstance(data, Mapping):
        raise ModelError("a capacity model must be a mapping")
    version = data.get("version")
    if not isinstance(version, str) or not version:
        raise ModelError("the model needs a version string")

    scales = {
        _id(name, f"scales.{name}"): _options(raw, f"scales.{name}")
        for name, raw in (data.get("scales") or {}).items()
    }

    dimensions = []
    for i, raw in enumerate(data.get("dimensions") or []):
        did = _id(raw.get("id"), f"dimensions[{i}]")
        raw_steps = raw.get("steps")
        if not isinstance(raw_steps, Mapping) or set(raw_steps) != set(LANGS):
            raise ModelError(f"dimensions.{did}.steps: need steps in each of {', '.join(LANGS)}")
        steps = {}
        for lang in LANGS:
            lang_steps = raw_steps[lang]
            if not isinstance(lang_steps, list) or not all(
                isinstance(s, str) and s.strip() for s in lang_steps
            ):
                raise ModelError(f"dimensions.{did}.steps.{lang}: expected a list of texts")
            steps[lang] = tuple(s.strip() for s in lang_steps)
        counts = {len(s) for s in steps.values()}
        if len(counts) != 1 or not 1 <= counts.pop() <= 8:
            raise ModelError(f"dimensions.{did}.steps: every language needs the same 1-8 steps")
        dimensions.append(
            Dimension(
                id=did,
                name=_texts(raw.get("name"), f"dimensions.{did}.name"),
                description=_texts(raw.get("description"), f"dimensions.{did}.description"),
                steps=steps,
                priority=int(raw.get("priority", 0)),
            )
        )
    if not dimensions:
        raise ModelError("the model needs dimensions")
    _unique([d.id for d in dimensions], "dimension")
    dimension_ids = {d.id for d in dimensions}

    items = []
    for i, raw in enumerate(data.get("items") or []):
        iid = _id(raw.get("id"), f"items[{i}]")
        if raw.get("dimension") not in dimension_ids:
            raise ModelError(f"items.{iid}: unknown dimension {raw.get('dimension')!r}")
        if ("scale" in raw) == ("options" in raw):
            raise ModelError(f"items.{iid}: give either a scale or options")
        if "scale" in raw:
            if raw["scale"] not in scales:
                raise ModelError(f"items.{iid}: unknown scale {raw['scale']!r}")
            options = scales[raw["scale"]]
        else:
            options = _options(raw["options"], f"items.{iid}.options")
        allow = raw.get("allow_dont_know", False)
        if not isinstance(allow, bool):
            raise ModelError(f"items.{iid}.allow_dont_know: expected true or false")
        items.append(
            Item(
                id=iid,
                dimension=raw["dimension"],
                text=_texts(raw.get("text"), f"items.{iid}.text"),
                options=options,
                weight=_number(raw.get("weight", 1.0), f"items.{iid}.weight", 0.01, 100.0),
                allow_dont_know=allow,
                help=_optional_texts(raw.get("help"), f"items.{iid}.help"),
            )
        )
    _unique([item.id for item in items], "item")
    for d in dimensions:
        if not any(item.dimension == d.id for item in items):
            raise ModelError(f"dimensions.{d.id}: no items measure it")
    item_ids = {item.id for item in items}

    stages = []
    for i, raw in enumerate(data.get("stages") or []):
        sid = _id(raw.get("id"), f"stages[{i}]")
        min_dimension = {
            k: _number(v, f"stages.{sid}.min_dimension.{k}", 0.0, 100.0)
            for k, v in (raw.get("min_dimension") or {}).items()
        }
        min_item = {
            k: _number(v, f"stages.{sid}.min_item.{k}", 0.0, 1.0)
            for k, v in (raw.get("min_item") or {}).items()
        }
        if set(min_dimension) - dimension_ids:
            raise ModelError(
                f"stages.{sid}.min_dimension: unknown dimension(s) {set(min_dimension) - dimension_ids}"
            )
        if set(min_item) - item_ids:
            raise ModelError(f"stages.{sid}.min_item: unknown item(s) {set(min_item) - item_ids}")
        stages.append(
            Stage(
                id=sid,
                rank=i,
                name=_texts(raw.get("name"), f"stages.{sid}.name"),
                description=_texts(raw.get("description"), f"stages.{sid}.description"),
                min_overall=_number(raw.get("min_overall", 0), f"stages.{sid}.min_overall", 0.0, 100.0),
                min_dimension=min_dimension,
                min_item=min_item,
            )
        )
    if len(stages) < 2:
        raise ModelError("the model needs a ladder of at least two stages")
    _unique([s.id for s in stages], "stage")
    first = stages[0]
    if first.min_overall or first.min_dimension or first.min_item:
        raise ModelError(f"stages.{first.id}: the first stage must have no entry conditions")

    return CapacityModel(
        version=version,
        dimensions=tuple(dimensions),
        items=tuple(items),
        stages=tuple(stages),
        dont_know_label=_texts(data.get("dont_know_label"), "dont_know_label"),
    )
