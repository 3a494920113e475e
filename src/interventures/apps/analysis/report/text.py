"""Figures as the report writes them: numbers in the reader's format, suppressed cells said the same
everywhere, a figure's value in its unit (FigureText)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.utils.formats import number_format
from django.utils.translation import get_language_info
from django.utils.translation import gettext as _

from interventures.apps.common.disclosure import min_cell
from interventures.apps.common.languages import base
from interventures.apps.common.models import SIZE_ORDER

from ..models import AnalysisRun, Figure, FigureKind, FigureUnit, SituationReport, SuppressedBy
from .labels import Labels


def fmt(value: float | None, places: int = 1) -> str:
    if value is None:
        return "–"
    return number_format(round(value, places), decimal_pos=places, use_l10n=True, force_grouping=True)


def fmt_small(value: float | None, places: int = 6) -> str:
    """A value that may be tiny (a raking margin error of 2.51e-12) in the reader's locale: below the
    last decimal place shown it reads "< 0.000001" rather than in scientific notation."""
    if value is None:
        return "–"
    floor = 10.0**-places
    if 0 < abs(value) < floor:
        return "< " + number_format(floor, decimal_pos=places, use_l10n=True)
    return fmt(value, places)


def suppressed_text(reason: str = SuppressedBy.N) -> str:
    """What a suppressed cell says instead of its value, with the reason (a SuppressedBy value)."""
    words = {"min": min_cell()}
    if reason == SuppressedBy.COUNT:
        return _("suppressed (fewer than %(min)s respondents with or without this answer)") % words
    if reason == SuppressedBy.SECONDARY:
        return _("suppressed (it would let a suppressed figure be worked out)")
    if reason == SuppressedBy.COMPARED:
        return _("suppressed (a compared figure is suppressed)")
    return _("suppressed (n < %(min)s)") % words


def suppressed_count_text() -> str:
    """A respondent count hidden in a distribution shown with its total."""
    return _("suppressed (below %(min)s, or it would reveal a count that is)") % {"min": min_cell()}


@dataclass(frozen=True)
class FigureText:
    """A stored figure as the report shows it: proportions in per cent, means on their 0–100 scale."""

    figure: Figure

    @property
    def scale(self) -> float:
        """Shares are stored as 0–1 and read in per cent (or percentage points)."""
        return 100.0 if self.figure.unit == FigureUnit.SHARE else 1.0

    @property
    def unit(self) -> str:
        if self.figure.unit != FigureUnit.SHARE:
            return ""
        return _(" pp") if self.figure.kind == FigureKind.DIFFERENCE else " %"

    def _v(self, value: float | None) -> float | None:
        return None if value is None else value * self.scale

    @property
    def value(self) -> float | None:
        return None if self.figure.suppressed else self._v(self.figure.estimate)

    @property
    def reason(self) -> str:
        return suppressed_text(self.figure.suppressed_by or SuppressedBy.N)

    @property
    def estimate(self) -> str:
        if self.figure.suppressed:
            return self.reason
        return fmt(self._v(self.figure.estimate)) + self.unit

    @property
    def ci(self) -> str:
        if self.figure.suppressed:
            return "–"
        return f"{fmt(self._v(self.figure.ci_low))}–{fmt(self._v(self.figure.ci_high))}{self.unit}"

    @property
    def se(self) -> str:
        return "–" if self.figure.suppressed else fmt(self._v(self.figure.se), 2)

    @property
    def deff(self) -> str:
        return "–" if self.figure.suppressed else fmt(self.figure.deff, 2)

    @property
    def n(self) -> str:
        """A suppressed figure shows no n either: a domain's n below the minimum is itself a small
        count, and the n of the others would give it away by subtraction from the overall n."""
        if self.figure.suppressed:
            return "–"
        return number_format(self.figure.n, use_l10n=True, force_grouping=True)

    @property
    def compact(self) -> str:
        """Estimate (CI), n = …: for side-by-side tables."""
        if self.figure.suppressed:
            return self.reason
        return _("%(estimate)s (%(low)s–%(high)s), n = %(n)s") % {
            "estimate": fmt(self._v(self.figure.estimate)) + self.unit,
            "low": fmt(self._v(self.figure.ci_low)),
            "high": fmt(self._v(self.figure.ci_high)),
            "n": self.n,
        }


def figure_headers() -> list[str]:
    return [_("Identifier"), _("Indicator"), _("Estimate"), _("95 % CI"), _("SE"), _("Design effect"), _("n")]


def figure_row(figure: Figure, label: str) -> list[str]:
    t = FigureText(figure)
    return [figure.identifier, label, t.estimate, t.ci, t.se, t.deff, t.n]


def percent(value: Any) -> str:
    return "–" if value is None else fmt(float(value), 2) + " %"


def stated(obj: Any, field: str, lang: str, value: str) -> str:
    """A figure as the source states it (in English) where the reader reads English or the statement
    is translated; otherwise `value`, the platform's figure in the reader's number format. A stated
    text with no figure beside it is shown as stated."""
    translated = ((getattr(obj, "translations", None) or {}).get(base(lang)) or {}).get(field)
    if translated:
        return str(translated)
    text = str(getattr(obj, field, "") or "")
    if text and (base(lang) == "en" or value in ("", "–")):
        return text
    return value


def other_language(report: SituationReport | None, lang: str) -> str:
    """The language the partner's text is shown in when it is not the reader's ("" when it is)."""
    written_in = report.text_language(lang) if report is not None else lang
    return "" if written_in == lang else written_in


def untranslated_note(written_in: str) -> str:
    return _(
        "The regional partner has written this part in %(language)s; it has not been translated yet."
    ) % {"language": get_language_info(written_in)["name_translated"]}


ACTIVITY_ORDER = ("ACT-exports", "ACT-imports", "ACT-cross_border", "ACT-export_share")


def category_order(code: str) -> tuple[int, str]:
    """Size classes from micro to large; other categories (NACE sections) alphabetically."""
    order = (*SIZE_ORDER, "other")
    return (order.index(code), "") if code in order else (len(order), code)


def is_demo_run(run: AnalysisRun | None) -> bool:
    return bool(run and run.is_demo)


def var_name(var: str) -> str:
    return {"region": _("region"), "size_class": _("size class"), "sector": _("sector")}.get(var, var)


def eur(value: Any) -> str:
    return "–" if value is None else fmt(float(value), 0) + " €"


def prop_rows(figures: Sequence[Figure], labels: Labels) -> list[dict[str, Any]]:
    return [
        {
            "label": labels.of(f.variable),
            "estimate": 100 * f.estimate,
            "low": 100 * (f.ci_low or 0),
            "high": 100 * (f.ci_high or 0),
            "n": f.n,
            "id": f.identifier,
        }
        for f in figures
        if not f.suppressed and f.estimate is not None
    ]
