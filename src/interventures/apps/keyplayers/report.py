"""Section 7 of the Situation Analysis Report, "Key players": the directory summary, coverage of the
capacity model by services, the gaps, the network and the improvements, for one region, in the
reader's language. Registered from KeyplayersConfig.ready(); the report shows published entries."""

from __future__ import annotations

from collections import Counter

from django.utils import translation
from django.utils.formats import number_format
from django.utils.translation import gettext as _

from interventures.apps.common.sections import Block, Bullets, Paragraph, SectionContext, Table
from interventures.apps.common.translated import tr
from interventures.core.ecosystem.improvements import cell_figure_id, language_figure_id

from . import presenters
from .selectors import region_ecosystem


def players_section(context: SectionContext) -> list[Block]:
    lang = context.lang
    with translation.override(lang):
        eco = region_ecosystem(user=None, region=context.region)
        if not eco.organisations:
            return [
                Paragraph(_("No organisation of this region is published in the key players directory yet."))
            ]
        blocks: list[Block] = []
        services_by_org = Counter(s.organisation_id for s in eco.services)
        blocks.append(
            Paragraph(
                _(
                    "Organisations in the directory: %(orgs)s; services: %(services)s; in the Regional "
                    "Stakeholder Group: %(rsg)s; working across the border: %(cross)s."
                )
                % {
                    "orgs": len(eco.organisations),
                    "services": len(eco.services),
                    "rsg": sum(1 for o in eco.organisations if o.rsg_member),
                    "cross": sum(1 for o in eco.organisations if o.cross_border),
                }
            )
        )
        measures = {n.id: n for n in eco.network.nodes}
        blocks.append(
            Table(
                caption=_("Key players: type, services and position in the network"),
                headers=[
                    _("Organisation"),
                    _("Type"),
                    _("Services"),
                    _("Ties"),
                    _("Betweenness"),
                    _("Broker"),
                ],
                rows=[
                    [
                        tr(o, "name", lang),
                        presenters.type_label(o.type),
                        str(services_by_org.get(o.pk, 0)),
                        str(measures[o.slug].degree),
                        number_format(measures[o.slug].betweenness, 2),
                        _("yes") if measures[o.slug].broker else _("no"),
                    ]
                    for o in eco.organisations
                ],
                numeric=(2, 3, 4),
            )
        )
        stages = [s for s in dict.fromkeys(c.stage for c in eco.cells)]
        dims = [d for d in dict.fromkeys(c.dimension for c in eco.cells)]
        by = {(c.dimension, c.stage): c for c in eco.cells}
        blocks.append(
            Table(
                caption=_("Coverage: services per capacity dimension and stage, and the SMEs' need"),
                headers=[_("Dimension")] + [presenters.stage_name(s, lang) for s in stages],
                rows=[
                    [presenters.dimension_name(d, lang)]
                    + [f"{by[d, s].services} · {presenters.need_text(by[d, s])}" for s in stages]
                    for d in dims
                ],
            )
        )
        blocks.append(
            Bullets(
                heading=_("Gaps: high need, little or no service (ranked)"),
                items=[
                    f"{g.rank}. {presenters.dimension_name(g.cell.dimension, lang)} – "
                    f"{presenters.stage_name(g.cell.stage, lang)}: {presenters.need_text(g.cell)}; "
                    + _("Services: %(count)s") % {"count": g.cell.services}
                    + f" ({cell_figure_id(context.region.code, g.cell.dimension, g.cell.stage)})"
                    for g in eco.gaps
                ],
                empty=_(
                    "No gap: no cell with a high measured need lacks services (or the need is not yet measured)."
                ),
            )
        )
        blocks.append(Paragraph(presenters.language_source_text(eco.language_source)))
        if eco.languages:
            blocks.append(
                Table(
                    caption=_(
                        "Languages the region's SMEs report working in (survey, weighted; 95 % interval, n)"
                    ),
                    headers=[_("Language"), _("Share of SMEs working in it"), _("Identifier")],
                    rows=[
                        [
                            presenters.language_label(code),
                            presenters.language_share_text(share),
                            language_figure_id(context.region.code, code),
                        ]
                        for code, share in eco.languages
                    ],
                )
            )
        net = eco.network
        blocks.append(
            Paragraph(
                _(
                    "Ties: %(ties)s; cross-border: %(cross)s (%(share)s); groups: %(communities)s; "
                    "isolated organisations: %(isolated)s."
                )
                % {
                    "ties": net.ties,
                    "cross": net.cross_border_ties,
                    "share": presenters.percent(net.cross_border_share),
                    "communities": len(net.communities),
                    "isolated": len(net.isolated),
                }
            )
        )
        names = {f"organisation:{o.slug}": tr(o, "name", lang) for o in eco.organisations}
        names |= {f"service:{s.pk}": tr(s, "name", lang) for s in eco.services}
        blocks.append(
            Bullets(
                heading=_("How could their activities be improved"),
                items=[presenters.finding_text(f.kind, dict(f.evidence), lang, names) for f in eco.findings],
                empty=_("No improvement found from the data so far."),
            )
        )
        return blocks
