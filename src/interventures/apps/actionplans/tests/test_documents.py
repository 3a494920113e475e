"""The exports: the PDF's text and the DOCX hold every part heading, every action's title and its
indicators, in each language asked for, with the content in that language where it is translated."""

from __future__ import annotations

import io
from typing import Any

import pytest
from django.urls import reverse

from interventures.apps.actionplans import documents, services

from .test_actionplans import _complete_plan

pytestmark = pytest.mark.django_db

PARTS = {
    "en": (
        "Part I – General information",
        "Part II – Policy context",
        "Part III – Details of the actions envisaged",
    ),
    "hu": (
        "I. rész – Általános információk",
        "II. rész – Szakpolitikai háttér",
        "III. rész – A tervezett intézkedések részletei",
    ),
}


def _pdf_text(data: bytes) -> str:
    from pypdf import PdfReader

    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


def _translated(w: dict[str, Any]) -> Any:
    plan = _complete_plan(w)
    action = plan.actions.get()
    services.plan_translation_save(
        user=w["partner"],
        plan=plan,
        lang="hu",
        context="Beneficiary Light konstrukció",
        actions={action.pk: {"title": "A konstrukció módosítása"}},
        indicators={action.indicators.get().pk: {"name": "Pályázó kkv-k"}},
    )
    return plan


def test_the_pdf_holds_every_part_action_and_indicator_in_each_language(world: dict[str, Any]) -> None:
    plan = _translated(world)
    data = documents.plan_pdf(plan, languages=["en", "hu"])
    assert data.startswith(b"%PDF-")
    from pypdf import PdfReader

    root = PdfReader(io.BytesIO(data)).trailer["/Root"]
    assert "/StructTreeRoot" in list(root.keys())
    assert bool(root["/MarkInfo"]["/Marked"])
    assert root["/Lang"] == "en"
    text = _pdf_text(data)
    for heading in (*PARTS["en"], *PARTS["hu"]):
        assert heading in text, heading
    # English copy: the English content; Hungarian copy: the translation where there is one
    assert "Action 1: Amend the scheme" in text
    assert "A konstrukció módosítása" in text
    assert "SMEs applying" in text
    assert "Pályázó kkv-k" in text
    assert "SAR-hu-hr-CAP-finance" in text  # the evidence, listed under the action
    # the untranslated background stays in English in the Hungarian copy, marked as English
    html = documents.plan_html(plan, languages=["en", "hu"])
    assert '<section class="copy" lang="hu">' in html
    assert '<dd lang="en">Study visit</dd>' in html


def test_the_docx_has_one_copy_per_language_with_its_headings(world: dict[str, Any]) -> None:
    from docx import Document

    plan = _translated(world)
    d = Document(io.BytesIO(documents.plan_docx(plan, languages=["en", "hu"])))
    headings = [p.text for p in d.paragraphs if p.style.name.startswith("Heading")]
    for heading in (*PARTS["en"], *PARTS["hu"]):
        assert heading in headings, heading
    assert "Action 1: Amend the scheme" in headings
    assert "1. intézkedés: A konstrukció módosítása" in headings
    cells = [c.text for t in d.tables for row in t.rows for c in row.cells]
    assert "SMEs applying" in cells
    assert "Pályázó kkv-k" in cells
    assert "80" in cells
    assert any("SAR-hu-hr-CAP-finance" in p.text for p in d.paragraphs)


def test_the_plan_page_offers_the_pdf_and_the_copy_in_english_and_the_regions_languages(
    world: dict[str, Any], client: Any
) -> None:
    plan = _complete_plan(world)
    client.force_login(world["stakeholder"])
    page = client.get(reverse("actionplans:plan", args=[plan.pk])).content.decode()
    assert "?languages=en,hu,hr" in page
    response = client.get(reverse("actionplans:plan_export", args=[plan.pk, "pdf"]) + "?languages=en,hu,hr")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert "action-plan-hu-hr-en-hu-hr.pdf" in response["Content-Disposition"]
    text = _pdf_text(response.content)
    assert "Part III – Details of the actions envisaged" in text
    assert "III. rész – A tervezett intézkedések részletei" in text
    assert "III. dio – Pojedinosti o predviđenim aktivnostima" in text
    assert client.get(reverse("actionplans:plan_export", args=[plan.pk, "odt"])).status_code == 404


def test_the_cli_writes_a_pdf_in_two_languages(world: dict[str, Any], tmp_path: Any) -> None:
    from interventures.cli.main import main

    _translated(world)
    out = tmp_path / "plan.pdf"
    args = [
        "actionplan",
        "export",
        "--region",
        "hu-hr",
        "--format",
        "pdf",
        "--lang",
        "en,hu",
        "--out",
        str(out),
    ]
    assert main(args) == 0
    text = _pdf_text(out.read_bytes())
    assert "Part I – General information" in text
    assert "I. rész – Általános információk" in text
    bad = [
        "actionplan",
        "export",
        "--region",
        "hu-hr",
        "--format",
        "json",
        "--lang",
        "en,hu",
        "--out",
        str(out),
    ]
    assert main(bad) == 2
