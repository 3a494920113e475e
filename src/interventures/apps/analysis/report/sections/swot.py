"""Section 9: the SWOT the regional partner writes, marked with its language when not yet translated."""

from __future__ import annotations

from django.utils.translation import gettext as _

from interventures.apps.common.sections import (
    Bullets,
    Paragraph,
    Section,
)

from ..context import ReportContext
from ..text import other_language, untranslated_note


def build(ctx: ReportContext) -> Section:
    lang = ctx.lang
    report = ctx.report
    s9 = Section(9, "swot", _("SWOT"))
    swot = report.swot_in(lang) if report is not None else {}
    other = other_language(report, lang)
    if other:
        s9.blocks.append(Paragraph(untranslated_note(other), note=True))
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
    return s9
