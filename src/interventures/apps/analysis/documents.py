"""The Situation Analysis Report as a file: PDF (WeasyPrint lays out an HTML template, so the text is
real and searchable, charts go in as vector SVG), DOCX (python-docx: real headings and tables, charts
as PNG from vl-convert), HTML (the same template, standalone) and CSV of the figures. All four are
built from the one SituationDocument, so a suppressed figure is suppressed in every one of them."""

from __future__ import annotations

import base64
import copy
import dataclasses
import datetime as dt
import io
from typing import Any

from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext as _

from interventures.apps.common.charts import to_png, to_svg
from interventures.apps.common.disclosure import min_cell
from interventures.apps.common.documents import cached_document
from interventures.apps.common.sections import Bullets, Chart, Paragraph, Table
from interventures.core import cells

from .models import FigureKind
from .report import FigureText, SituationDocument
from .selectors import figure_list

PRINT_WIDTH = 430  # points of a chart's plot area on an A4 page


def _print_spec(spec: dict[str, Any]) -> dict[str, Any]:
    fixed = copy.deepcopy(spec)
    fixed["width"] = PRINT_WIDTH
    return fixed


def report_html(doc: SituationDocument) -> str:
    """Standalone HTML (the PDF's layout, charts inline as SVG)."""
    with translation.override(doc.lang):
        svgs = {
            chart.element_id: "data:image/svg+xml;base64,"
            + base64.b64encode(to_svg(_print_spec(chart.spec)).encode("utf-8")).decode("ascii")
            for chart in doc.charts()
        }
        return render_to_string(
            "analysis/report_print.html",
            {"doc": doc, "chart_src": svgs, "min_cell": min_cell()},
        )


def _content(doc: SituationDocument) -> str:
    """Everything the document shows, as text: its fingerprint for the document cache. The time it
    was generated is left out (a cached file keeps the time it was made); the run and the partner's
    texts are named by their last change."""
    shown = dataclasses.replace(
        doc, generated_at=dt.datetime.min.replace(tzinfo=dt.UTC), run=None, report=None
    )
    run = (doc.run.pk, str(doc.run.finished_at)) if doc.run else None
    report = (doc.report.pk, str(doc.report.updated_at)) if doc.report else None
    return repr((shown, run, report, min_cell()))


def report_pdf(doc: SituationDocument) -> bytes:
    """The report as a tagged PDF (PDF/UA-1: headings, tables and the language marked for screen
    readers), built once until its content changes."""
    from weasyprint import HTML

    return cached_document(
        kind="situation.pdf",
        content=_content(doc),
        build=lambda: bytes(HTML(string=report_html(doc)).write_pdf(pdf_variant="pdf/ua-1")),
    )


def report_docx(doc: SituationDocument) -> bytes:
    """The report as DOCX, built once until its content changes."""
    return cached_document(kind="situation.docx", content=_content(doc), build=lambda: _report_docx(doc))


def _report_docx(doc: SituationDocument) -> bytes:
    from docx import Document
    from docx.shared import Inches, Pt

    with translation.override(doc.lang):
        document = Document()
        style = document.styles["Normal"]
        style.font.name = "DejaVu Sans"
        style.font.size = Pt(9)
        document.core_properties.title = doc.title
        document.core_properties.language = doc.lang
        document.add_heading(doc.title, level=0)
        document.add_paragraph(doc.subtitle)
        if doc.is_demo:
            _italic(document, _("Synthetic demo data: these figures describe no real enterprise."))
        for note in doc.notes:
            _italic(document, note)
        for section in doc.sections:
            document.add_heading(section.heading, level=1)
            for block in section.blocks:
                if isinstance(block, Paragraph):
                    if block.note:
                        _italic(document, block.text)
                    else:
                        _language(document.add_paragraph(block.text), block.lang)
                elif isinstance(block, Bullets):
                    document.add_heading(block.heading, level=2)
                    for item in block.items:
                        _language(document.add_paragraph(item, style="List Bullet"), block.lang)
                    if not block.items:
                        document.add_paragraph(block.empty, style="List Bullet")
                elif isinstance(block, Chart):
                    document.add_picture(io.BytesIO(to_png(_print_spec(block.spec))), width=Inches(6.2))
                    _italic(document, block.label)
                elif isinstance(block, Table):
                    document.add_paragraph(block.caption, style="Caption")
                    table = document.add_table(rows=1, cols=len(block.headers))
                    table.style = "Table Grid"
                    for cell, text in zip(table.rows[0].cells, block.headers, strict=True):
                        cell.text = text
                        for run in cell.paragraphs[0].runs:
                            run.bold = True
                    for row in block.rows:
                        cells = table.add_row().cells
                        for cell, text in zip(cells, row, strict=True):
                            cell.text = text
        out = io.BytesIO()
        document.save(out)
        return out.getvalue()


def _language(paragraph: Any, lang: str) -> None:
    """Mark a paragraph written in another language than the document's, for spelling and speech."""
    if not lang:
        return
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    for run in paragraph.runs:
        marker = OxmlElement("w:lang")
        marker.set(qn("w:val"), lang)
        run._element.get_or_add_rPr().append(marker)


def _italic(document: Any, text: str) -> None:
    document.add_paragraph().add_run(text).italic = True


CSV_COLUMNS = [
    "identifier",
    "variable",
    "kind",
    "domain_var",
    "domain",
    "compared_with",
    "estimate",
    "se",
    "ci_low",
    "ci_high",
    "deff",
    "n",
    "n_compared",
    "n_missing",
    "p_value",
    "p_holm",
    "suppressed",
    "suppressed_by",
]


def figures_csv(doc: SituationDocument | None = None, *, run: Any = None) -> str:
    """The stored figures of the run; suppressed rows keep only the flag and the reason (not even
    their n: see FigureText.n)."""
    run = run if run is not None else (doc.run if doc else None)
    out = io.StringIO()
    writer = cells.csv_writer(out)
    writer.writerow(CSV_COLUMNS)
    for f in figure_list(run=run):
        value = None if f.suppressed else f.estimate
        writer.writerow(
            [
                f.identifier,
                f.variable,
                f.kind,
                f.domain_var,
                f.domain,
                f.other,
                *(
                    "" if (f.suppressed or v is None) else repr(float(v))
                    for v in (value, f.se, f.ci_low, f.ci_high, f.deff)
                ),
                "" if f.suppressed else f.n,
                f.n_other if f.kind == FigureKind.DIFFERENCE and not f.suppressed else "",
                "" if f.suppressed else f.n_missing,
                "" if f.p_value is None else repr(f.p_value),
                "" if f.p_adjusted is None else repr(f.p_adjusted),
                "1" if f.suppressed else "0",
                f.suppressed_by,
            ]
        )
    return out.getvalue()


__all__ = ["FigureText", "figures_csv", "report_docx", "report_html", "report_pdf"]
