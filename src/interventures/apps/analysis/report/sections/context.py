"""Section 1: the regional context and the policy instrument, as the project summary states it."""

from __future__ import annotations

from django.utils.translation import gettext as _

from interventures.apps.common.sections import (
    Bullets,
    Paragraph,
    Section,
    Table,
)
from interventures.apps.common.translated import tr
from interventures.apps.partnership.selectors import instrument_for_region

from ..context import ReportContext
from ..text import eur, percent, stated


def build(ctx: ReportContext) -> Section:
    lang = ctx.lang
    region = ctx.region
    s1 = Section(1, "context", _("Regional context and the policy instrument"))
    instrument = instrument_for_region(region)
    if instrument is None:
        s1.blocks.append(
            Paragraph(_("No reference data on the region's policy instrument is loaded."), note=True)
        )
    else:
        rows = [
            [_("Programme"), tr(instrument, "name", lang)],
            [
                _("Total budget"),
                stated(instrument, "total_budget_stated", lang, eur(instrument.total_budget)),
            ],
        ]
        for axis in instrument.axes.all():
            if axis.addressed:
                share = stated(axis, "share_stated", lang, percent(axis.share))
                rows.append([_("Addressed priority axis"), f"{axis.code}: {tr(axis, 'title', lang)}"])
                rows.append(
                    [_("Budget of the addressed axis"), stated(axis, "budget_stated", lang, eur(axis.budget))]
                )
                rows.append([_("Share of the programme"), share])
        s1.blocks.append(
            Table(_("The policy instrument as the project summary states it"), [_("Item"), _("Value")], rows)
        )
        schemes = [
            f"{tr(s, 'name', lang)}"
            + (f" – {stated(s, 'budget_stated', lang, eur(s.budget))}" if s.budget or s.budget_stated else "")
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
                    % {"share": stated(call, "granted_share_stated", lang, percent(call.granted_share))}
                )
            if call.granted_amount_stated or call.granted_amount is not None:
                bits.append(stated(call, "granted_amount_stated", lang, eur(call.granted_amount)))
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
    return s1
