"""The Situation Analysis Report of one region as plain content (sections of paragraphs, tables,
charts and lists), built once from the stored figures and rendered three ways: the web page, the
PDF (WeasyPrint) and the DOCX (python-docx). Every figure passes through `FigureText`, so a
suppressed cell reads the same everywhere and no value of it can reach any output."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from django.utils import timezone, translation
from django.utils.formats import number_format
from django.utils.translation import get_language_info
from django.utils.translation import gettext as _

from interventures.apps.common.disclosure import min_cell
from interventures.apps.common.models import SIZE_ORDER, Region, SizeClass
from interventures.apps.common.sections import (
    Bullets,
    Chart,
    Paragraph,
    Section,
    SectionContext,
    Table,
    build_section,
    section_provider,
)
from interventures.apps.common.selectors import region_colours
from interventures.apps.common.translated import tr
from interventures.apps.partnership.selectors import instrument_for_region, region_list
from interventures.core.capacity import load_model
from interventures.core.survey.standard import standard_form

from . import charts
from .models import AnalysisRun, Figure, SituationReport, SuppressedBy
from .selectors import figure_list, run_latest, run_latest_by_region

# ---- content ------------------------------------------------------------------------------------


@dataclass
class SituationDocument:
    region: Region
    lang: str
    title: str
    subtitle: str
    notes: list[str]
    sections: list[Section]
    run: AnalysisRun | None
    report: SituationReport | None
    is_demo: bool
    generated_at: dt.datetime

    def charts(self) -> Iterable[Chart]:
        for section in self.sections:
            for block in section.blocks:
                if isinstance(block, Chart):
                    yield block


# ---- figures as text ----------------------------------------------------------------------------


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
        return 100.0 if self.figure.kind == "proportion" or self._prop_difference else 1.0

    @property
    def _prop_difference(self) -> bool:
        return (
            self.figure.kind == "difference"
            and self.figure.section not in ("CAP",)
            and not (self.figure.variable == "ACT-export_share")
        )

    @property
    def unit(self) -> str:
        if self.figure.kind == "proportion":
            return " %"
        if self._prop_difference:
            return _(" pp")
        return ""

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


def _untranslated_note(written_in: str) -> str:
    return _(
        "The regional partner has written this part in %(language)s; it has not been translated yet."
    ) % {"language": get_language_info(written_in)["name_translated"]}


# ---- labels -------------------------------------------------------------------------------------


class Labels:
    """Names of the analysis variables in one language: dimensions from the capacity model, answer
    options from the standard questionnaire (both carry all seven languages), the rest translated here."""

    def __init__(self, lang: str) -> None:
        self.lang = lang
        model = load_model()
        self.dimensions = {d.id: d.name.get(lang) or d.name["en"] for d in model.dimensions}
        form = standard_form()
        self.choices = {
            list_name: {
                c.name: c.label.get(lang) or c.label.get("en") or c.name for c in form.choices[list_name]
            }
            for list_name in ("barriers", "support", "needs", "size", "nace")
        }
        self.fixed = {
            "CAP-overall": _("Overall capacity index"),
            "ACT-exports": _("Exporting SMEs"),
            "ACT-imports": _("Importing SMEs"),
            "ACT-cross_border": _("SMEs cooperating across the border"),
            "ACT-export_share": _("Share of exports in turnover, exporters (%)"),
            "PRG-aware": _("Know the programme's calls"),
            "PRG-applied": _("Applied to the programme's calls"),
            "PRG-granted": _("Received a grant from the programme's calls"),
        }

    def of(self, variable: str) -> str:
        if variable in self.fixed:
            return self.fixed[variable]
        section, key = variable.split("-", 1)
        if section == "CAP":
            return self.dimensions.get(key, key)
        if section == "BAR":
            return self.choices["barriers"].get(key, key)
        if section in ("AWA", "USE"):
            return self.choices["support"].get(key, key)
        if section == "NEED":
            return self.choices["needs"].get(key, key)
        return variable

    def size(self, code: str) -> str:
        if code == "other":
            return _("other (pooled for weighting)")
        return self.choices["size"].get(code) or str(dict(SizeClass.choices).get(code, code))

    def sector(self, code: str) -> str:
        if code == "other":
            return _("other (pooled for weighting)")
        return self.choices["nace"].get(code, code)


# ---- the document -------------------------------------------------------------------------------


def _figures_by_id(run: AnalysisRun | None) -> dict[str, Figure]:
    return {f.identifier: f for f in figure_list(run=run)}


def _overall(figures: Mapping[str, Figure], scope: str, section: str) -> list[Figure]:
    prefix = f"SAR-{scope}-{section}-"
    return [
        f
        for f in figures.values()
        if f.identifier.startswith(prefix) and f.domain_var == "" and f.kind != "difference"
    ]


def _ranked(rows: Sequence[Figure]) -> list[Figure]:
    """Largest estimate first; suppressed figures last."""
    return sorted(rows, key=lambda f: (f.suppressed, -(f.estimate or 0.0)))


def build_document(*, region: Region, lang: str, report: SituationReport | None) -> SituationDocument:
    with translation.override(lang):
        return _build(region, lang, report)


def _build(region: Region, lang: str, report: SituationReport | None) -> SituationDocument:
    labels = Labels(lang)
    run = run_latest(region=region)
    figures = _figures_by_id(run)
    scope = region.code
    others = {code: r for code, r in run_latest_by_region().items()}
    other_figures = {code: _figures_by_id(r) for code, r in others.items() if code != scope}
    region_names = {r.code: tr(r, "name", lang) for r in region_list()}
    diag: Mapping[str, Any] = run.diagnostics if run else {}
    minimum = min_cell()
    no_data = Paragraph(_("No analysis of this region's survey has been run yet."), note=True)

    sections: list[Section] = []

    # 1 context and policy instrument
    s1 = Section(1, "context", _("Regional context and the policy instrument"))
    instrument = instrument_for_region(region)
    if instrument is None:
        s1.blocks.append(
            Paragraph(_("No reference data on the region's policy instrument is loaded."), note=True)
        )
    else:
        rows = [
            [_("Programme"), tr(instrument, "name", lang)],
            [_("Total budget"), instrument.total_budget_stated or _eur(instrument.total_budget)],
        ]
        for axis in instrument.axes.all():
            if axis.addressed:
                share = axis.share_stated or (
                    fmt(float(axis.share), 2) + " %" if axis.share is not None else "–"
                )
                rows.append([_("Addressed priority axis"), f"{axis.code}: {tr(axis, 'title', lang)}"])
                rows.append([_("Budget of the addressed axis"), axis.budget_stated or _eur(axis.budget)])
                rows.append([_("Share of the programme"), share])
        s1.blocks.append(
            Table(_("The policy instrument as the project summary states it"), [_("Item"), _("Value")], rows)
        )
        schemes = [
            f"{tr(s, 'name', lang)}"
            + (f" – {s.budget_stated or _eur(s.budget)}" if s.budget or s.budget_stated else "")
            for s in instrument.schemes.all()
        ]
        s1.blocks.append(Bullets(_("Schemes"), schemes, _("None stated in the source.")))
        calls = []
        for call in instrument.calls.all():
            bits = [tr(call, "title", lang)]
            if call.applications is not None:
                bits.append(_("%(n)s applications") % {"n": call.applications})
            if call.granted_share_stated or call.granted_share is not None:
                bits.append(
                    _("%(share)s granted")
                    % {"share": call.granted_share_stated or fmt(float(call.granted_share), 2) + " %"}
                )
            if call.granted_amount_stated:
                bits.append(call.granted_amount_stated)
            calls.append(" · ".join(bits))
        s1.blocks.append(Bullets(_("Calls"), calls, _("None stated in the source.")))
        s1.blocks.append(
            Bullets(
                _("Weaknesses and needed improvements named in the source"),
                [tr(w, "text", lang) for w in instrument.weaknesses.all()],
                _("None stated in the source."),
            )
        )
        s1.blocks.append(
            Paragraph(
                _("Source: INTER VENTURES project summary (reference data of the platform)."), note=True
            )
        )
    sections.append(s1)

    # 2 population and sample
    s2 = Section(2, "sample", _("The SME population and the sample"))
    if run is None:
        s2.blocks.append(no_data)
    else:
        pop = diag.get("population", {})
        sample = diag.get("sample", {})
        for var, caption, name in (
            ("size_class", _("Enterprises and respondents by size class"), labels.size),
            ("sector", _("Enterprises and respondents by sector (NACE section)"), labels.sector),
        ):
            total = sum(pop.get(var, {}).values()) or 1.0
            rows = []
            for code in sorted(set(pop.get(var, {})) | set(sample.get(var, {})), key=_category_order):
                count = pop.get(var, {}).get(code)
                n = sample.get(var, {}).get(code)
                rows.append(
                    [
                        name(code),
                        fmt(count, 0) if count is not None else "–",
                        fmt(100.0 * (count or 0) / total) + " %",
                        suppressed_count_text() if n is None else fmt(n, 0),
                    ]
                )
            s2.blocks.append(
                Table(
                    caption, [_("Category"), _("Enterprises"), _("Share"), _("Respondents")], rows, (1, 2, 3)
                )
            )
        r = diag.get("raking", {})
        collapsed = "; ".join(
            f"{labels.size(c) if var == 'size_class' else labels.sector(c)} → {labels.size(g) if var == 'size_class' else labels.sector(g)}"
            for var, mapping in r.get("collapsed", {}).items()
            for c, g in mapping.items()
        ) or _("none")
        s2.blocks.append(
            Table(
                _("Sample and weighting diagnostics"),
                [_("Item"), _("Value")],
                [
                    [_("Responses received"), fmt(diag.get("responses"), 0)],
                    [_("Responses used (size class and sector given)"), fmt(diag.get("used"), 0)],
                    [_("Raking variables"), ", ".join(_var_name(v) for v in r.get("variables", []))],
                    [_("Iterations"), fmt(r.get("iterations"), 0)],
                    [_("Converged"), _("yes") if r.get("converged") else _("no")],
                    [_("Largest relative margin error"), fmt_small(r.get("max_margin_error"))],
                    [_("Kish effective sample size"), fmt(r.get("effective_n"))],
                    [_("Design effect of the weights"), fmt(r.get("design_effect"), 2)],
                    [_("Weight range"), f"{fmt(r.get('weight_min'))} – {fmt(r.get('weight_max'))}"],
                    [_("Categories pooled for weighting"), collapsed],
                ],
            )
        )
        overall_rows = [
            f for f in figures.values() if f.domain_var == "" and f.kind != "difference" and not f.suppressed
        ]
        worst = sorted(overall_rows, key=lambda f: -f.n_missing / max(f.n + f.n_missing, 1))[:8]
        if worst and worst[0].n_missing:
            s2.blocks.append(
                Table(
                    _("Item non-response: the indicators with the most unanswered questions"),
                    [_("Identifier"), _("Indicator"), _("Answered"), _("Not answered (%)")],
                    [
                        [
                            f.identifier,
                            labels.of(f.variable),
                            fmt(f.n, 0),
                            fmt(100.0 * f.n_missing / max(f.n + f.n_missing, 1)) + " %",
                        ]
                        for f in worst
                        if f.n_missing
                    ],
                    (2, 3),
                )
            )
        alpha_rows = [
            [
                labels.of(f"CAP-{x['dimension']}"),
                fmt(x["alpha"], 2) if x["alpha"] is not None else "–",
                fmt(x["items"], 0),
                fmt(x["n"], 0),
            ]
            for x in diag.get("reliability", [])
        ]
        if alpha_rows:
            s2.blocks.append(
                Table(
                    _("Internal consistency of the capacity dimensions (Cronbach's alpha)"),
                    [_("Dimension"), _("Alpha"), _("Items"), _("n")],
                    alpha_rows,
                    (1, 2, 3),
                )
            )
        s2.blocks.append(
            Paragraph(
                _(
                    "Weights are raked (iterative proportional fitting) to the region's enterprise population by size "
                    "class and by sector. Standard errors are Taylor-linearised and take the raking into account; "
                    "95 %% confidence intervals of proportions are logit intervals. Figures resting on fewer than "
                    "%(min)s respondents are suppressed."
                )
                % {"min": minimum},
                note=True,
            )
        )
        s2.blocks.append(
            Paragraph(
                _(
                    "Disclosure control follows the threshold rule of statistical offices: a share is shown only "
                    "when at least %(min)s respondents have the attribute and at least %(min)s do not. Where a "
                    "figure by size class is suppressed, the smallest other size classes are suppressed too, so "
                    "that it cannot be worked out from the overall figure; respondent counts shown with their "
                    "total are treated the same way. A suppressed figure shows neither its value nor its n, and "
                    "says why."
                )
                % {"min": minimum},
                note=True,
            )
        )
        if region.code and _is_demo_run(run):
            s2.blocks.append(
                Paragraph(
                    _("The survey and population figures of this report are synthetic demo data."), note=True
                )
            )
    sections.append(s2)

    # 3 internationalisation activity
    s3 = Section(3, "activity", _("Internationalisation activity"))
    act = sorted(
        _overall(figures, scope, "ACT"),
        key=lambda f: ACTIVITY_ORDER.index(f.variable) if f.variable in ACTIVITY_ORDER else 99,
    )
    if not act:
        s3.blocks.append(no_data)
    else:
        s3.blocks.append(
            Table(
                _("Internationalisation activity of the region's SMEs (weighted)"),
                figure_headers(),
                [figure_row(f, labels.of(f.variable)) for f in act],
                (2, 3, 4, 5, 6),
            )
        )
    sections.append(s3)

    # 4 capacity
    s4 = Section(4, "capacity", _("Capacity by dimension"))
    cap = _overall(figures, scope, "CAP")
    if not cap:
        s4.blocks.append(no_data)
    else:
        order = [f.variable for f in cap]
        chart_rows = []
        for code, figs in [(scope, figures), *other_figures.items()]:
            for variable in order:
                f = figs.get(f"SAR-{code}-{variable}")
                if f is not None and not f.suppressed:
                    chart_rows.append(
                        {
                            "dimension": labels.of(variable),
                            "region": region_names.get(code, code),
                            "estimate": f.estimate,
                            "low": f.ci_low,
                            "high": f.ci_high,
                            "n": f.n,
                        }
                    )
        s4.blocks.append(
            Chart(
                "chart-capacity",
                _("Capacity score by dimension (0–100, 95 % CI), this region beside the other regions"),
                charts.estimate_chart(
                    chart_rows,
                    category="dimension",
                    category_title=_("Dimension"),
                    value_title=_("Score (0–100), 95 % CI"),
                    group="region",
                    highlight=region_names.get(scope, scope),
                    colours=region_colours(region_names),
                    domain=(0, 100),
                ),
            )
        )
        s4.blocks.append(
            Table(
                _("Capacity score by dimension (0–100), weighted"),
                figure_headers(),
                [figure_row(f, labels.of(f.variable)) for f in cap],
                (2, 3, 4, 5, 6),
            )
        )
        codes = [scope, *sorted(other_figures)]
        side = []
        for variable in order:
            row = [labels.of(variable)]
            for code in codes:
                figs = figures if code == scope else other_figures[code]
                f = figs.get(f"SAR-{code}-{variable}")
                row.append(FigureText(f).compact if f else "–")
            side.append(row)
        s4.blocks.append(
            Table(
                _("This region beside the other regions: score (95 % CI), n"),
                [_("Dimension"), *[region_names.get(c, c) for c in codes]],
                side,
            )
        )
        by_size = sorted(
            (f for f in figures.values() if f.section == "CAP" and f.domain_var == "size_class"),
            key=lambda f: (order.index(f.variable) if f.variable in order else 99, _category_order(f.domain)),
        )
        if by_size:
            s4.blocks.append(
                Table(
                    _("Capacity score by size class"),
                    [_("Identifier"), _("Dimension"), _("Size class"), _("Estimate"), _("95 % CI"), _("n")],
                    [
                        [
                            f.identifier,
                            labels.of(f.variable),
                            labels.size(f.domain),
                            FigureText(f).estimate,
                            FigureText(f).ci,
                            FigureText(f).n,
                        ]
                        for f in by_size
                    ],
                    (3, 4, 5),
                )
            )
    sections.append(s4)

    # 5 barriers
    s5 = Section(5, "barriers", _("Barriers to internationalisation, ranked"))
    bars = _ranked([f for f in _overall(figures, scope, "BAR") if f.variable != "BAR-none"])
    if not bars:
        s5.blocks.append(no_data)
    else:
        s5.blocks.append(
            Chart(
                "chart-barriers",
                _("Share of SMEs naming each barrier (95 % CI)"),
                charts.estimate_chart(
                    _prop_rows(bars, labels),
                    category="label",
                    category_title=_("Barrier"),
                    value_title=_("Share of SMEs (%), 95 % CI"),
                    domain=(0, 100),
                ),
            )
        )
        rows = [[str(i + 1), *figure_row(f, labels.of(f.variable))] for i, f in enumerate(bars)]
        none = figures.get(f"SAR-{scope}-BAR-none")
        if none is not None:
            rows.append(["–", *figure_row(none, labels.choices["barriers"].get("none", "none"))])
        s5.blocks.append(
            Table(
                _("Barriers named by the region's SMEs (weighted share; several answers possible)"),
                [_("Rank"), *figure_headers()],
                rows,
                (3, 4, 5, 6, 7),
            )
        )
    sections.append(s5)

    # 6 awareness and use of support and of the programme's calls
    s6 = Section(6, "support", _("Awareness and use of support and of the programme's calls"))
    aware = {f.variable.split("-", 1)[1]: f for f in _overall(figures, scope, "AWA")}
    used = {f.variable.split("-", 1)[1]: f for f in _overall(figures, scope, "USE")}
    if not aware:
        s6.blocks.append(no_data)
    else:
        rows = []
        for key, f in aware.items():
            u = used.get(key)
            rows.append(
                [
                    labels.of(f.variable),
                    f.identifier,
                    FigureText(f).estimate,
                    FigureText(f).ci,
                    u.identifier if u else "–",
                    FigureText(u).estimate if u else "–",
                    FigureText(u).ci if u else "–",
                    FigureText(f).n,
                ]
            )
        s6.blocks.append(
            Table(
                _("Support organisations: known and used in the last three years (weighted share of SMEs)"),
                [
                    _("Organisation"),
                    _("Identifier"),
                    _("Know it"),
                    _("95 % CI"),
                    _("Identifier"),
                    _("Used it"),
                    _("95 % CI"),
                    _("n"),
                ],
                rows,
                (2, 3, 5, 6, 7),
            )
        )
        prg = _overall(figures, scope, "PRG")
        s6.blocks.append(
            Table(
                _("The programme's calls for SME internationalisation"),
                figure_headers(),
                [figure_row(f, labels.of(f.variable)) for f in prg],
                (2, 3, 4, 5, 6),
            )
        )
        needs = _ranked(_overall(figures, scope, "NEED"))
        s6.blocks.append(
            Table(
                _("Support needs, ranked (weighted share of SMEs naming each; up to three answers)"),
                figure_headers(),
                [figure_row(f, labels.of(f.variable)) for f in needs],
                (2, 3, 4, 5, 6),
            )
        )
    sections.append(s6)

    # 7, 8: written by the domain apps that register them (apps/common/sections.py), else pending
    context = SectionContext(region=region, lang=lang, figures=figures)
    for number, key, title, text in (
        (
            7,
            "players",
            _("Key players"),
            _(
                "The directory of the regional ecosystem (support organisations and their services) is not yet available on the platform; this section will list the key players once it is."
            ),
        ),
        (
            8,
            "practices",
            _("Good practices relevant to the gaps"),
            _(
                "The good-practice collection is not yet available on the platform; this section will show the practices relevant to the gaps found above once it is."
            ),
        ),
    ):
        provider = section_provider(number)
        if provider is not None:
            sections.append(build_section(provider, context))
            continue
        pending = Section(number, key, title)
        pending.blocks.append(Paragraph(text, note=True))
        sections.append(pending)

    # 9 SWOT, 10 conclusions
    s9 = Section(9, "swot", _("SWOT"))
    swot = report.swot_in(lang) if report is not None else {}
    written_in = report.text_language(lang) if report is not None else lang
    other = "" if written_in == lang else written_in
    if other:
        s9.blocks.append(Paragraph(_untranslated_note(other), note=True))
    empty = _("Not written yet.")
    s9.blocks.extend(
        [
            Bullets(_("Strengths"), swot.get("strengths", []), empty, other),
            Bullets(_("Weaknesses"), swot.get("weaknesses", []), empty, other),
            Bullets(_("Opportunities"), swot.get("opportunities", []), empty, other),
            Bullets(_("Threats"), swot.get("threats", []), empty, other),
        ]
    )
    if report is not None and report.is_demo:
        s9.blocks.append(
            Paragraph(_("Synthetic example written for the demo, not a partner's assessment."), note=True)
        )
    sections.append(s9)
    s10 = Section(10, "conclusions", _("Conclusions"))
    text = report.conclusions_in(lang) if report is not None else ""
    paragraphs = [Paragraph(p, lang=other) for p in text.split("\n\n") if p.strip()]
    if paragraphs and other:
        s10.blocks.append(Paragraph(_untranslated_note(other), note=True))
    s10.blocks.extend(paragraphs or [Paragraph(empty, note=True)])
    sections.append(s10)

    notes = [
        _("Every figure carries a stable identifier (e.g. %(example)s) that an Action Plan can cite.")
        % {"example": f"SAR-{scope}-CAP-strategy"}
    ]
    if report is not None and not report.published:
        notes.append(_("Draft: not published."))
    return SituationDocument(
        region=region,
        lang=lang,
        title=_("Situation Analysis Report: %(region)s") % {"region": tr(region, "name", lang)},
        subtitle=_("SME internationalisation in the region, from the INTER VENTURES survey of SMEs"),
        notes=notes,
        sections=sections,
        run=run,
        report=report,
        is_demo=_is_demo_run(run) or bool(report and report.is_demo),
        generated_at=timezone.now(),
    )


ACTIVITY_ORDER = ("ACT-exports", "ACT-imports", "ACT-cross_border", "ACT-export_share")


def _category_order(code: str) -> tuple[int, str]:
    """Size classes from micro to large; other categories (NACE sections) alphabetically."""
    order = (*SIZE_ORDER, "other")
    return (order.index(code), "") if code in order else (len(order), code)


def _is_demo_run(run: AnalysisRun | None) -> bool:
    return bool(run and run.is_demo)


def _var_name(var: str) -> str:
    return {"region": _("region"), "size_class": _("size class"), "sector": _("sector")}.get(var, var)


def _eur(value: Any) -> str:
    return "–" if value is None else fmt(float(value), 0) + " €"


def _prop_rows(figures: Sequence[Figure], labels: Labels) -> list[dict[str, Any]]:
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
