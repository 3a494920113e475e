"""Section 8 of the Situation Analysis Report, "Good practices relevant to the gaps", registered in
LearningConfig.ready() through common.sections. It ranks the validated practices by the region's
measured gaps (core.learning.matching), cites the figures behind each reason, and gives the region's
final transferability assessment where there is one."""

from __future__ import annotations

from django.utils.formats import number_format
from django.utils.translation import gettext as _

from interventures.apps.common.sections import Block, Bullets, Paragraph, SectionContext, Table
from interventures.apps.common.translated import tr

from . import labels, selectors
from .models import Transferability

LIMIT = 8


def practices_section(context: SectionContext) -> list[Block]:
    region, lang = context.region, context.lang
    matches = selectors.practices_matching(None, region=region, figures=context.figures, limit=LIMIT)
    if not matches:
        return [
            Paragraph(
                _(
                    "No validated good practice addresses a gap measured in this region yet: the ranking needs the region's published capacity or barrier figures."
                ),
                note=True,
            )
        ]
    assessments = {
        a.practice_id: a
        for a in Transferability.objects.filter(
            region=region, final=True, practice__in=[p for p, _m in matches]
        )
    }
    rows = []
    for practice, match in matches:
        reasons = "; ".join(f"{labels.label(g.kind, g.key, lang)} ({g.identifier})" for g in match.reasons)
        a = assessments.get(practice.pk)
        if a is not None:
            scores = [
                getattr(a, f)
                for f in ("instrument_fit", "resources", "stakeholders", "legal_fit", "gap_effect")
            ]
            transfer = f"{number_format(sum(scores) / len(scores), 1)} / 4"
        else:
            transfer = _("not assessed yet")
        rows.append(
            [
                tr(practice, "title", lang),
                practice.origin_region or "–",
                reasons,
                number_format(match.score, 2),
                transfer,
            ]
        )
    return [
        Paragraph(
            _(
                "The validated good practices ranked by how well they address this region's measured gaps: the weakest capacity dimensions weigh most, and barriers weigh by the share of SMEs that report them. Each reason cites the figure it rests on."
            )
        ),
        Table(
            caption=_("Good practices that match the region's gaps"),
            headers=[
                _("Practice"),
                _("Where it runs"),
                _("Gaps it addresses"),
                _("Match"),
                _("Transferability (0–4)"),
            ],
            rows=rows,
            numeric=(3,),
        ),
        Bullets(
            heading=_("Sources"),
            items=[f"{tr(p, 'title', lang)}: {', '.join(p.sources)}" for p, _m in matches if p.sources],
        ),
    ]
