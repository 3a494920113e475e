"""The result and development plan as a PDF in the SME's language: WeasyPrint lays out an HTML
template (so the PDF holds real, searchable text) and the chart goes in as vector SVG. It is
fast (about half a second), so it is built on each download, not cached."""

from __future__ import annotations

import base64

from django.template.loader import render_to_string
from django.utils import translation

from interventures.apps.common.charts import to_svg
from interventures.apps.common.disclosure import min_cell

from .reports import ResultReport

CHART_WIDTH = 380  # points of the chart's plot area; fits an A4 page with the dimension labels


def result_pdf(report: ResultReport) -> bytes:
    from weasyprint import HTML

    with translation.override(report.lang):
        svg = to_svg(report.chart(width=CHART_WIDTH))
        html = render_to_string(
            "assessment/result_pdf.html",
            {
                "report": report,
                "assessment": report.assessment,
                "chart_src": "data:image/svg+xml;base64,"
                + base64.b64encode(svg.encode("utf-8")).decode("ascii"),
                "min_cell": min_cell(),
            },
        )
    # Tagged (PDF/UA-1): a screen reader reads headings, tables and the language of the text.
    return bytes(HTML(string=html).write_pdf(pdf_variant="pdf/ua-1"))
