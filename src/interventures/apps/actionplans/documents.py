"""An Action Plan as an editable DOCX (python-docx), in the Interreg Europe template's parts and
headings, with the evidence listed under each action."""

from __future__ import annotations

import io

from django.utils import translation
from django.utils.translation import gettext as _

from interventures.apps.common.translated import tr

from . import selectors
from .models import ActionPlan, ImprovementType


def plan_docx(plan: ActionPlan, *, lang: str) -> bytes:
    from docx import Document

    with translation.override(lang):
        doc = selectors.plan_document(plan, lang=lang)
        d = Document()
        d.add_heading(_("Action Plan"), level=0)
        if plan.is_demo:
            d.add_paragraph(_("Synthetic demo content: not a real Action Plan."))
        d.add_heading(_("Part I – General information"), level=1)
        rows = [
            (_("Project"), "INTER VENTURES"),
            (_("Partner organisation"), doc["organisation"]),
            (_("Other partner organisations involved"), ", ".join(doc["other_organisations"])),
            (_("Country"), ", ".join(plan.region.countries or [])),
            (_("NUTS region"), tr(plan.region, "name", lang)),
            (_("Contact person"), doc["contact"]),
        ]
        table = d.add_table(rows=0, cols=2)
        for label, value in rows:
            cells = table.add_row().cells
            cells[0].text, cells[1].text = str(label), value
        d.add_heading(_("Part II – Policy context"), level=1)
        d.add_paragraph(f"{_('Policy instrument addressed')}: {doc['instrument']}")
        d.add_paragraph(
            f"{_('Type of improvement')}: {dict(ImprovementType.choices).get(plan.improvement_type, '–')}"
        )
        d.add_paragraph(doc["context"])
        d.add_heading(_("Part III – Details of the actions envisaged"), level=1)
        for n, a in enumerate(doc["actions"], start=1):
            d.add_heading(_("Action %(n)s: %(title)s") % {"n": n, "title": a["title"]}, level=2)
            for label, value in (
                (_("Background"), a["background"]),
                (_("Action"), a["action"]),
                (_("Players involved"), ", ".join(a["players"])),
                (_("Timeframe"), a["timeframe"]),
                (_("Costs (EUR)"), a["costs"] or "–"),
                (_("Funding sources"), a["funding"]),
            ):
                p = d.add_paragraph()
                p.add_run(f"{label}: ").bold = True
                p.add_run(value)
            if a["indicators"]:
                d.add_heading(_("Indicators"), level=3)
                t = d.add_table(rows=1, cols=5)
                for cell, head in zip(
                    t.rows[0].cells,
                    (_("Indicator"), _("Unit"), _("Baseline"), _("Target"), _("Source")),
                    strict=True,
                ):
                    cell.text = str(head)
                for i in a["indicators"]:
                    cells = t.add_row().cells
                    for cell, value in zip(
                        cells, (i["name"], i["unit"], i["baseline"], i["target"], i["source"]), strict=True
                    ):
                        cell.text = value
            if a["evidence"]:
                d.add_heading(_("Evidence"), level=3)
                for e in a["evidence"]:
                    d.add_paragraph(
                        f"{e['kind']}: {e['id']}" + (f" – {e['note']}" if e["note"] else ""),
                        style="List Bullet",
                    )
        out = io.BytesIO()
        d.save(out)
        return out.getvalue()
