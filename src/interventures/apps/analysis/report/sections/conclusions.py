"""Section 10: the regional partner's conclusions."""

from __future__ import annotations

from django.utils.translation import gettext as _

from interventures.apps.common.sections import (
    Paragraph,
    Section,
)

from ..context import ReportContext
from ..text import other_language, untranslated_note


def build(ctx: ReportContext) -> Section:
    lang = ctx.lang
    report = ctx.report
    s10 = Section(10, "conclusions", _("Conclusions"))
    other = other_language(report, lang)
    empty = _("Not written yet.")
    text = report.conclusions_in(lang) if report is not None else ""
    paragraphs = [Paragraph(p, lang=other) for p in text.split("\n\n") if p.strip()]
    if paragraphs and other:
        s10.blocks.append(Paragraph(untranslated_note(other), note=True))
    s10.blocks.extend(paragraphs or [Paragraph(empty, note=True)])
    return s10
