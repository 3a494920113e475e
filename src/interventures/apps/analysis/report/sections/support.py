"""Section 6: awareness and use of support and of the programme's calls; support needs."""

from __future__ import annotations

from django.utils.translation import gettext as _

from interventures.apps.common.sections import (
    Section,
    Table,
)

from ..context import ReportContext, overall, ranked
from ..text import FigureText, figure_headers, figure_row


def build(ctx: ReportContext) -> Section:
    labels = ctx.labels
    figures = ctx.figures
    scope = ctx.scope
    no_data = ctx.no_data
    s6 = Section(6, "support", _("Awareness and use of support and of the programme's calls"))
    aware = {f.variable.split("-", 1)[1]: f for f in overall(figures, scope, "AWA")}
    used = {f.variable.split("-", 1)[1]: f for f in overall(figures, scope, "USE")}
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
        prg = overall(figures, scope, "PRG")
        s6.blocks.append(
            Table(
                _("The programme's calls for SME internationalisation"),
                figure_headers(),
                [figure_row(f, labels.of(f.variable)) for f in prg],
                (2, 3, 4, 5, 6),
            )
        )
        needs = ranked(overall(figures, scope, "NEED"))
        s6.blocks.append(
            Table(
                _("Support needs, ranked (weighted share of SMEs naming each; up to three answers)"),
                figure_headers(),
                [figure_row(f, labels.of(f.variable)) for f in needs],
                (2, 3, 4, 5, 6),
            )
        )
    return s6
