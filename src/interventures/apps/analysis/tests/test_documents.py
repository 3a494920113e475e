"""The downloadable report: PDF (text parsed with pypdf) and DOCX (python-docx) carry the ten
section headings, figures under their identifiers with their values, and suppression; CSV too."""

from __future__ import annotations

import csv
import io
import re
from typing import Any

import pytest
from django.urls import reverse
from django.utils import translation

from interventures.apps.analysis.models import Figure, SituationReport
from interventures.apps.analysis.report import FigureText, build_document

pytestmark = pytest.mark.django_db

SECTIONS_EN = [
    "1. Regional context and the policy instrument",
    "2. The SME population and the sample",
    "3. Internationalisation activity",
    "4. Capacity by dimension",
    "5. Barriers to internationalisation, ranked",
    "6. Awareness and use of support and of the programme's calls",
    "7. Key players",
    "8. Good practices relevant to the gaps",
    "9. SWOT",
    "10. Conclusions",
]


def _flat(text: str) -> str:
    return re.sub(r"\s+", " ", text)


@pytest.fixture
def surveyed(analysed: Any) -> tuple[Any, Any]:
    region, run = analysed("hu-hr", n=45, large=3)
    SituationReport.objects.create(
        region=region,
        published=True,
        strengths=["Strong cluster base"],
        conclusions="Pre-financing is the first thing to fix.",
    )
    return region, run


def test_pdf_and_docx_hold_the_sections_a_known_figure_and_suppression(client: Any, surveyed: Any) -> None:
    from docx import Document
    from pypdf import PdfReader

    region, run = surveyed
    figure = Figure.objects.get(run=run, identifier="SAR-hu-hr-ACT-exports")
    with translation.override("en"):
        value = FigureText(figure).estimate  # e.g. "41.3 %"
        pdf_url = reverse("analysis:download", args=["hu-hr", "pdf"]) + "?lang=en"
        docx_url = reverse("analysis:download", args=["hu-hr", "docx"]) + "?lang=en"

    response = client.get(pdf_url)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    pdf_text = _flat(" ".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages))
    for heading in SECTIONS_EN:
        assert heading in pdf_text, heading
    assert "SAR-hu-hr-ACT-exports" in pdf_text
    assert value in pdf_text
    assert "suppressed (n < 5)" in pdf_text
    assert "Strong cluster base" in pdf_text

    response = client.get(docx_url)
    assert response.status_code == 200
    document = Document(io.BytesIO(response.content))
    headings = [p.text for p in document.paragraphs if p.style.name.startswith("Heading")]
    for heading in SECTIONS_EN:
        assert heading in headings, heading
    cells = [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    row = next(r for t in document.tables for r in t.rows if r.cells[0].text == "SAR-hu-hr-ACT-exports")
    assert row.cells[2].text == value
    assert "suppressed (n < 5)" in cells
    assert len(document.inline_shapes) >= 2  # the capacity and barrier charts, as pictures


def test_docx_in_the_regions_language_has_translated_headings(surveyed: Any) -> None:
    from docx import Document

    from interventures.apps.analysis.documents import report_docx

    region, _run = surveyed
    document = Document(io.BytesIO(report_docx(build_document(region=region, lang="hr", report=None))))
    headings = [p.text for p in document.paragraphs if p.style.name.startswith("Heading")]
    assert "5. Prepreke internacionalizaciji, po važnosti" in headings
    assert "7. Ključni dionici" in headings


def test_document_languages_are_english_and_the_regions(client: Any, surveyed: Any) -> None:
    region, _run = surveyed
    region.languages = ["hu", "hr"]
    region.save(update_fields=["languages"])
    url = reverse("analysis:download", args=["hu-hr", "docx"])
    assert client.get(url + "?lang=pl").status_code == 404
    assert client.get(url + "?lang=hr").status_code == 200


def test_csv_carries_every_figure_and_no_value_of_a_suppressed_one(client: Any, surveyed: Any) -> None:
    _region, run = surveyed
    response = client.get(reverse("analysis:download", args=["hu-hr", "csv"]))
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    assert len(rows) == run.figures.count()
    suppressed = [r for r in rows if r["suppressed"] == "1"]
    assert suppressed
    assert all(r["estimate"] == r["se"] == r["ci_low"] == r["ci_high"] == "" for r in suppressed)
    exports = next(r for r in rows if r["identifier"] == "SAR-hu-hr-ACT-exports")
    assert float(exports["estimate"]) == pytest.approx(
        Figure.objects.get(run=run, identifier="SAR-hu-hr-ACT-exports").estimate
    )


@pytest.mark.parametrize(
    ("lang", "tiny", "plain"), [("en", "< 0.000001", "0.012500"), ("hu", "< 0,000001", "0,012500")]
)
def test_small_diagnostics_read_in_the_readers_locale(lang: str, tiny: str, plain: str) -> None:
    from interventures.apps.analysis.report import fmt_small

    with translation.override(lang):
        assert fmt_small(2.51e-12) == tiny
        assert fmt_small(0.0125) == plain
        assert fmt_small(None) == "–"


def test_the_report_shows_a_tiny_raking_error_without_scientific_notation(client: Any, surveyed: Any) -> None:
    _region, run = surveyed
    run.diagnostics["raking"]["max_margin_error"] = 2.51e-12
    run.save(update_fields=["diagnostics"])
    with translation.override("hu"):
        html = client.get(reverse("analysis:region", args=["hu-hr"])).content.decode()
    assert "&lt; 0,000001" in html
    assert "e-12" not in html


def test_swot_not_yet_translated_is_marked_with_its_language(client: Any, surveyed: Any) -> None:
    """A reader of Croatian sees the partner's English SWOT marked as English (a visible note and
    lang="en" for screen readers, w:lang in the DOCX); once translated, neither is there."""
    from docx import Document

    from interventures.apps.analysis.documents import report_docx
    from interventures.apps.analysis.models import SituationReport

    region, _run = surveyed
    report, _created = SituationReport.objects.update_or_create(
        region=region,
        defaults={
            "published": True,
            "strengths": ["Strong cluster base"],
            "conclusions": "Act now.",
            "translations": {},
        },
    )
    html = client.get(reverse("analysis:region", args=["hu-hr"]).replace("/en/", "/hr/", 1)).content.decode()
    assert '<ul lang="en"><li>Strong cluster base</li>' in html
    assert '<p lang="en">Act now.</p>' in html
    assert "Regionalni partner napisao je ovaj dio na jeziku: engleski" in html
    document = Document(io.BytesIO(report_docx(build_document(region=region, lang="hr", report=report))))
    (item,) = [p for p in document.paragraphs if p.text == "Strong cluster base"]
    assert item.runs[0]._element.xpath("./w:rPr/w:lang/@w:val") == ["en"]

    report.translations = {"hr": {"strengths": ["Snažna klasterska osnova"], "conclusions": "Djelujte."}}
    report.save()
    html = client.get(reverse("analysis:region", args=["hu-hr"]).replace("/en/", "/hr/", 1)).content.decode()
    assert "<ul><li>Snažna klasterska osnova</li>" in html
    assert 'lang="en"><li>' not in html
    assert "Regionalni partner napisao" not in html


def test_the_reports_labels_are_those_of_the_questionnaire_the_campaign_used(analysed: Any) -> None:
    """A partner's adapted questionnaire renames a barrier: the report says it as the SMEs read it."""
    import dataclasses

    from interventures.apps.surveys.services import questionnaire_create

    region, run = analysed("hu-hr", n=45, large=3)
    campaign = run.campaigns.get()
    form = campaign.version.form
    barriers = tuple(
        dataclasses.replace(c, label={**c.label, "en": "Prefinancing of grants (our wording)"})
        if c.name == "prefinancing"
        else c
        for c in form.choices["barriers"]
    )
    adapted = questionnaire_create(
        name="Adapted", form=dataclasses.replace(form, choices={**form.choices, "barriers": barriers})
    )
    campaign.version = adapted.current
    campaign.save()
    doc = build_document(region=region, lang="en", report=None)
    barrier_rows = [
        row for s in doc.sections if s.number == 5 for b in s.blocks if b.kind == "table" for row in b.rows
    ]  # type: ignore[union-attr]
    assert any("Prefinancing of grants (our wording)" in row for row in barrier_rows)
