"""Disclosure control by the threshold rule (docs/methods/survey-weighting-and-estimation.md, section 7).

A figure is published only when it rests on at least `min_cell` respondents (n ≥ k); a proportion
also needs at least k respondents with the attribute and at least k without it (count ≥ k and
n − count ≥ k), since a share of 1 in 8 names one firm as surely as a count of 1 would
(the threshold rule: Hundepool et al. 2012, Statistical Disclosure Control; Eurostat's guidelines
on output checking, 2015).

Secondary suppression: where the figures of the domains of a variable are published beside the
overall figure (a total), a reader can work one hidden domain out from the others and the total. So
more domains are hidden, the smallest first, until the hidden ones together pass the rule. The same
holds for a distribution of counts shown with its total (`suppress_distribution`)."""

from __future__ import annotations

import dataclasses
import enum
from collections import defaultdict
from collections.abc import Mapping, Sequence

from .estimation import Estimate, EstimateKind, Estimates

DEFAULT_MIN_CELL = 5

#: Stored with every analysis, so that figures suppressed by an older, weaker rule are never published.
DISCLOSURE_RULE = "threshold-n-count-complement-secondary"


class Suppression(enum.Enum):
    """Why a figure is not published."""

    N = "n"
    """Fewer than k respondents behind it."""
    COUNT = "count"
    """A proportion with fewer than k respondents with the attribute, or fewer than k without it."""
    SECONDARY = "secondary"
    """Publishing it would let a suppressed figure be worked out from the total."""
    COMPARED = "compared"
    """A difference one of whose two sides is not published."""


def disclosure_of(
    n: int, min_cell: int = DEFAULT_MIN_CELL, *, count: int | None = None
) -> Suppression | None:
    """Why a figure on n respondents (a proportion: `count` of them with the attribute) must not be
    published, or None when it may be."""
    if n < min_cell:
        return Suppression.N
    if count is not None and (count < min_cell or n - count < min_cell):
        return Suppression.COUNT
    return None


def is_disclosive(n: int, min_cell: int = DEFAULT_MIN_CELL, *, count: int | None = None) -> bool:
    """True when a figure computed from n respondents (a proportion: `count` of them with the
    attribute) must not be published."""
    return disclosure_of(n, min_cell, count=count) is not None


def suppress(estimates: Estimates, min_cell: int = DEFAULT_MIN_CELL) -> Estimates:
    """The same estimates, those that fail the threshold rule (means and totals: n; proportions: n,
    the count and n − count) flagged `suppressed` and stripped of every value (estimate, SE,
    interval, design effect), then secondary suppression within each variable's domains."""
    rows = [_primary(row, min_cell) for row in estimates.rows]
    overall = {row.variable: row for row in rows if row.domain_var is None}
    groups: dict[tuple[str, str], list[int]] = defaultdict(list)
    for i, row in enumerate(rows):
        if row.domain_var is not None:
            groups[(row.variable, row.domain_var)].append(i)
    for (variable, _domain_var), members in groups.items():
        total = overall.get(variable)
        if total is None or total.suppressed:
            continue  # without the total, no hidden domain can be worked out by subtraction
        cells = [(rows[i].n, rows[i].n_yes) for i in members]
        hidden = complementary(cells, [rows[i].suppressed for i in members], min_cell)
        for i, hide in zip(members, hidden, strict=True):
            if hide and not rows[i].suppressed:
                rows[i] = _stripped(rows[i], Suppression.SECONDARY)
    return Estimates(tuple(rows))


def suppress_estimate(row: Estimate, min_cell: int = DEFAULT_MIN_CELL) -> Estimate:
    """One estimate under the threshold rule (no secondary suppression: that needs its neighbours)."""
    return _primary(row, min_cell)


def _primary(row: Estimate, min_cell: int) -> Estimate:
    count = row.n_yes if row.kind is EstimateKind.PROPORTION else None
    if row.kind is EstimateKind.PROPORTION and count is None:
        raise ValueError(f"The proportion {row.variable!r} carries no count: it cannot be checked.")
    reason = disclosure_of(row.n, min_cell, count=count)
    return row if reason is None else _stripped(row, reason)


def _stripped(row: Estimate, reason: Suppression) -> Estimate:
    return dataclasses.replace(
        row,
        estimate=None,
        se=None,
        ci_low=None,
        ci_high=None,
        deff=None,
        suppressed=True,
        suppressed_by=reason,
    )


def complementary(
    cells: Sequence[tuple[int, int | None]], hidden: Sequence[bool], min_cell: int = DEFAULT_MIN_CELL
) -> list[bool]:
    """Secondary suppression among domains whose total is published.

    cells: (n, count) per domain (count None for means); hidden: the primary suppressions. Returns
    the domains to hide: the primary ones, and then the smallest published ones, one at a time, until
    the hidden domains with respondents together pass the threshold rule (so what a reader gets by
    subtracting the published domains from the total is itself a publishable figure)."""
    out = list(hidden)

    def union_fails() -> bool:
        with_data = [c for c, h in zip(cells, out, strict=True) if h and c[0] > 0]
        if not with_data:
            return False  # only empty domains are hidden: there is nothing to work out
        n = sum(c[0] for c in with_data)
        counts = [c[1] for c in with_data]
        count = None if any(c is None for c in counts) else sum(c for c in counts if c is not None)
        return is_disclosive(n, min_cell, count=count)

    while union_fails():
        candidates = [i for i, h in enumerate(out) if not h and cells[i][0] > 0]
        if not candidates:
            break
        out[min(candidates, key=lambda i: (cells[i][0], i))] = True
    return out


def suppress_distribution(
    counts: Mapping[str, int], min_cell: int = DEFAULT_MIN_CELL
) -> dict[str, int | None]:
    """A distribution of counts shown with its total (respondents by size class, enterprises by
    stage): each count is a proportion of the total, so a count is shown only when it and the rest
    of the total are both at least `min_cell`; then, as long as the hidden counts together would
    fail that rule (their sum is the total minus the shown ones), the smallest shown count is
    hidden too. Hidden counts are None."""
    total = sum(counts.values())
    keys = sorted(counts)
    hidden = [is_disclosive(total, min_cell, count=counts[k]) for k in keys]

    def union_fails() -> bool:
        if not any(hidden):
            return False
        return is_disclosive(
            total, min_cell, count=sum(counts[k] for k, h in zip(keys, hidden, strict=True) if h)
        )

    while union_fails():
        candidates = [i for i, h in enumerate(hidden) if not h]
        if not candidates:
            break
        hidden[min(candidates, key=lambda i: (counts[keys[i]], i))] = True
    return {k: (None if h else counts[k]) for k, h in zip(keys, hidden, strict=True)}
