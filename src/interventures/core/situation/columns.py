"""Survey answers (one mapping per respondent, as the standard questionnaire stores them) turned into
the analysis columns of the Situation Analysis: the weighting variables, capacity dimension scores,
and 0/1 indicators for activity, barriers, support and needs. NaN marks item non-response."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

import numpy as np
from numpy.typing import NDArray

from interventures.core.stats import ItemSpec, dimension_scores

FloatArray = NDArray[np.float64]

#: Sections of the report a variable belongs to; the prefix of every variable name and figure id.
CAPACITY, ACTIVITY, BARRIER, AWARE, USED, PROGRAMME, NEED = "CAP", "ACT", "BAR", "AWA", "USE", "PRG", "NEED"
ACTIVITY_ITEMS = ("exports", "imports", "cross_border")
DONT_KNOW = "dont_know"
APPLIED = ("granted", "not_granted")


@dataclass(frozen=True)
class CapacityItem:
    dimension: str
    weight: float
    scores: Mapping[str, float]
    """Option id -> score in [0, 1], as the preparedness test scores it."""


@dataclass(frozen=True)
class QuestionnaireSpec:
    """What the analysis needs to know of the questionnaire and the capacity model."""

    items: Mapping[str, CapacityItem]
    dimensions: tuple[str, ...]
    barriers: tuple[str, ...]
    support: tuple[str, ...]
    needs: tuple[str, ...]


def spec_from(model: Any, form: Any) -> QuestionnaireSpec:
    """The spec of the standard questionnaire: `model` is a capacity model (core.capacity), `form` a
    survey form (core.survey.Form) with the choice lists barriers, support and needs."""
    items = {
        item.id: CapacityItem(
            item.dimension, float(item.weight), {o.id: float(o.score) for o in item.options}
        )
        for item in model.items
    }
    dimensions = tuple(d.id for d in model.dimensions if any(i.dimension == d.id for i in model.items))

    def names(list_name: str) -> tuple[str, ...]:
        return tuple(c.name for c in form.choices.get(list_name, ()) if c.name != "none")

    return QuestionnaireSpec(items, dimensions, names("barriers"), names("support"), names("needs"))


class FigureUnit(StrEnum):
    """What a variable's values measure, and so how its figures read."""

    SHARE = "share"
    """A proportion of SMEs (0–1): shown in per cent, a difference in percentage points."""
    SCORE = "score"
    """A capacity score on its 0–100 scale."""
    PERCENT = "percent"
    """A mean of answers given in per cent (the share of exports in turnover)."""


@dataclass(frozen=True, eq=False)
class Columns:
    """One entry per respondent in every column."""

    region: tuple[str, ...]
    size_class: tuple[str | None, ...]
    sector: tuple[str | None, ...]
    values: Mapping[str, FloatArray]
    means: tuple[str, ...]
    proportions: tuple[str, ...]
    items: Mapping[str, FloatArray] = field(default_factory=dict)
    """Capacity item scores in [0, 1] (for Cronbach's alpha); NaN: not answered or don't know."""
    item_dimensions: Mapping[str, str] = field(default_factory=dict)
    units: Mapping[str, FigureUnit] = field(default_factory=dict)
    """The unit of each mean; a proportion is a SHARE."""

    def unit_of(self, variable: str) -> FigureUnit:
        return self.units.get(variable, FigureUnit.SHARE)

    def __len__(self) -> int:
        return len(self.region)

    def take(self, rows: NDArray[np.intp]) -> Columns:
        pick = rows.tolist()
        return Columns(
            region=tuple(self.region[i] for i in pick),
            size_class=tuple(self.size_class[i] for i in pick),
            sector=tuple(self.sector[i] for i in pick),
            values={k: v[rows] for k, v in self.values.items()},
            means=self.means,
            proportions=self.proportions,
            items={k: v[rows] for k, v in self.items.items()},
            item_dimensions=self.item_dimensions,
            units=self.units,
        )


def _listed(value: Any) -> list[str] | None:
    """A select_multiple answer as a list (None when unanswered)."""
    if value is None or value == "" or value == []:
        return None
    if isinstance(value, str):
        return value.split()
    return [str(v) for v in value]


def _text(value: Any) -> str | None:
    return None if value is None or value == "" else str(value)


def build_columns(
    answers: Sequence[Mapping[str, Any]], regions: Sequence[str], spec: QuestionnaireSpec
) -> Columns:
    n = len(answers)
    if len(regions) != n:
        raise ValueError("Every respondent needs a region.")
    nan = np.full(n, np.nan)
    out: dict[str, FloatArray] = {}

    def indicator(name: str) -> FloatArray:
        return out.setdefault(name, nan.copy())

    item_scores = {item_id: nan.copy() for item_id in spec.items}
    for i, a in enumerate(answers):
        for item_id, item in spec.items.items():
            option = a.get(f"cap_{item_id}")
            if option is not None and option != DONT_KNOW and option in item.scores:
                item_scores[item_id][i] = item.scores[option]
        for name in ACTIVITY_ITEMS:
            value = a.get(name)
            if value in ("yes", "no"):
                indicator(f"{ACTIVITY}-{name}")[i] = 1.0 if value == "yes" else 0.0
        share = a.get("export_share")
        if a.get("exports") == "yes" and isinstance(share, int | float):
            indicator(f"{ACTIVITY}-export_share")[i] = float(share)
        barriers = _listed(a.get("barriers"))
        if barriers is not None:
            for b in (*spec.barriers, "none"):
                indicator(f"{BARRIER}-{b}")[i] = 1.0 if b in barriers else 0.0
        aware = _listed(a.get("aware_support"))
        if aware is not None:
            used = _listed(a.get("used_support")) or []
            for org in spec.support:
                indicator(f"{AWARE}-{org}")[i] = 1.0 if org in aware else 0.0
                indicator(f"{USED}-{org}")[i] = 1.0 if org in used else 0.0
        programme = a.get("programme_aware")
        if programme in ("yes", "no"):
            indicator(f"{PROGRAMME}-aware")[i] = 1.0 if programme == "yes" else 0.0
            applied = _text(a.get("programme_applied"))
            if programme == "no":
                indicator(f"{PROGRAMME}-applied")[i] = 0.0
                indicator(f"{PROGRAMME}-granted")[i] = 0.0
            elif applied is not None:
                indicator(f"{PROGRAMME}-applied")[i] = 1.0 if applied in APPLIED else 0.0
                indicator(f"{PROGRAMME}-granted")[i] = 1.0 if applied == "granted" else 0.0
        needs = _listed(a.get("needs"))
        if needs is not None:
            for need in spec.needs:
                indicator(f"{NEED}-{need}")[i] = 1.0 if need in needs else 0.0

    means: list[str] = []
    if spec.items:
        dims = dimension_scores(
            item_scores, {k: ItemSpec(v.dimension, v.weight) for k, v in spec.items.items()}
        )
        for dimension in spec.dimensions:
            out[f"{CAPACITY}-{dimension}"] = dims.column(dimension)
            means.append(f"{CAPACITY}-{dimension}")
        # The overall index as the preparedness test forms it (the core's rule).
        out[f"{CAPACITY}-overall"] = dims.overall
        means.append(f"{CAPACITY}-overall")
    if f"{ACTIVITY}-export_share" in out:
        means.append(f"{ACTIVITY}-export_share")
    order = [f"{ACTIVITY}-{x}" for x in ACTIVITY_ITEMS]
    order += [f"{BARRIER}-{b}" for b in (*spec.barriers, "none")]
    order += [f"{AWARE}-{o}" for o in spec.support] + [f"{USED}-{o}" for o in spec.support]
    order += [f"{PROGRAMME}-{x}" for x in ("aware", "applied", "granted")]
    order += [f"{NEED}-{x}" for x in spec.needs]
    for name in order:
        out.setdefault(name, nan.copy())
    return Columns(
        region=tuple(regions),
        size_class=tuple(_text(a.get("size_class")) for a in answers),
        sector=tuple(_text(a.get("nace_section")) for a in answers),
        values=out,
        means=tuple(means),
        proportions=tuple(order),
        items=item_scores,
        item_dimensions={k: v.dimension for k, v in spec.items.items()},
        units={m: FigureUnit.PERCENT if m == f"{ACTIVITY}-export_share" else FigureUnit.SCORE for m in means},
    )
