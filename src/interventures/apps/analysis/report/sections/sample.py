"""Section 2: the SME population and the sample, weighting diagnostics, item non-response, reliability."""

from __future__ import annotations

from django.utils.translation import gettext as _

from interventures.apps.common.sections import (
    Paragraph,
    Section,
    Table,
)

from ...models import FigureKind
from ..context import ReportContext
from ..text import category_order, fmt, fmt_small, is_demo_run, suppressed_count_text, var_name


def build(ctx: ReportContext) -> Section:
    labels = ctx.labels
    figures = ctx.figures
    region = ctx.region
    run = ctx.run
    diag = ctx.diag
    minimum = ctx.minimum
    no_data = ctx.no_data
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
            for code in sorted(set(pop.get(var, {})) | set(sample.get(var, {})), key=category_order):
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
                    [_("Raking variables"), ", ".join(var_name(v) for v in r.get("variables", []))],
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
            f
            for f in figures.values()
            if f.domain_var == "" and f.kind != FigureKind.DIFFERENCE and not f.suppressed
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
        if region.code and is_demo_run(run):
            s2.blocks.append(
                Paragraph(
                    _("The survey and population figures of this report are synthetic demo data."), note=True
                )
            )
    return s2
