"""Section 3: internationalisation activity of the region's SMEs."""

from __future__ import annotations

from django.utils.translation import gettext as _

from interventures.apps.common.sections import (
    Section,
    Table,
)

from ..context import ReportContext, overall
from ..text import ACTIVITY_ORDER, figure_headers, figure_row


def build(ctx: ReportContext) -> Section:
    labels = ctx.labels
    figures = ctx.figures
    scope = ctx.scope
    no_data = ctx.no_data
    s3 = Section(3, "activity", _("Internationalisation activity"))
    act = sorted(
        overall(figures, scope, "ACT"),
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
    return s3
