"""The report's PDF and DOCX are laid out once until what they show changes, and the PDF is tagged."""

from __future__ import annotations

import io
from typing import Any

import pytest
from django.core.cache import cache

from interventures.apps.analysis import documents
from interventures.apps.analysis.models import SituationReport
from interventures.apps.analysis.report import build_document

pytestmark = pytest.mark.django_db


@pytest.fixture
def counted(monkeypatch: Any) -> list[str]:
    """Counts the layouts (WeasyPrint and python-docx runs) the documents module starts."""
    made: list[str] = []
    real_pdf, real_docx = documents.report_html, documents._report_docx

    def html(doc: Any) -> str:
        made.append("pdf")
        return real_pdf(doc)

    def docx(doc: Any) -> bytes:
        made.append("docx")
        return real_docx(doc)

    monkeypatch.setattr(documents, "report_html", html)
    monkeypatch.setattr(documents, "_report_docx", docx)
    cache.clear()
    return made


def test_a_second_download_of_an_unchanged_report_is_not_laid_out_again(
    analysed: Any, counted: list[str]
) -> None:
    region, _run = analysed("hu-hr", n=45, large=3)
    first = documents.report_pdf(build_document(region=region, lang="hu", report=None))
    again = documents.report_pdf(build_document(region=region, lang="hu", report=None))
    assert first == again
    assert counted == ["pdf"]
    documents.report_docx(build_document(region=region, lang="hu", report=None))
    documents.report_docx(build_document(region=region, lang="hu", report=None))
    assert counted == ["pdf", "docx"]


def test_a_changed_text_or_language_makes_a_new_document(analysed: Any, counted: list[str]) -> None:
    region, _run = analysed("hu-hr", n=45, large=3)
    report = SituationReport.objects.create(region=region, published=True, conclusions="First conclusion.")
    documents.report_pdf(build_document(region=region, lang="en", report=report))
    report.conclusions = "A second, different conclusion."
    report.save()
    changed = documents.report_pdf(build_document(region=region, lang="en", report=report))
    documents.report_pdf(build_document(region=region, lang="hu", report=report))
    assert counted == ["pdf", "pdf", "pdf"]
    from pypdf import PdfReader

    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(changed)).pages)
    assert "A second, different conclusion." in " ".join(text.split())


def test_the_report_pdf_is_tagged_for_screen_readers(analysed: Any) -> None:
    from pypdf import PdfReader

    region, _run = analysed("hu-hr", n=45, large=3)
    cache.clear()
    root = PdfReader(
        io.BytesIO(documents.report_pdf(build_document(region=region, lang="hu", report=None)))
    ).trailer["/Root"]
    assert "/StructTreeRoot" in list(root.keys())
    assert bool(root["/MarkInfo"]["/Marked"])
    assert root["/Lang"] == "hu"


def test_a_section_registered_by_a_domain_app_replaces_the_pending_note(
    analysed: Any, monkeypatch: Any
) -> None:
    from interventures.apps.common import sections as registry

    monkeypatch.setattr(registry, "_PROVIDERS", {})
    region, _run = analysed("hu-hr", n=45, large=3)
    pending = build_document(region=region, lang="en", report=None)
    seven = next(s for s in pending.sections if s.number == 7)
    assert "not yet available" in seven.blocks[0].text  # type: ignore[union-attr]  # section 7 opens with a Paragraph

    def players(context: registry.SectionContext) -> list[registry.Block]:
        return [registry.Paragraph(f"{len(context.figures)} figures for {context.region.code}")]

    registry.register_section(7, "players", "Key players", build=players, app="test")
    doc = build_document(region=region, lang="en", report=None)
    seven = next(s for s in doc.sections if s.number == 7)
    assert seven.blocks[0].text.endswith("figures for hu-hr")  # type: ignore[union-attr]  # section 7 opens with a Paragraph
    assert not seven.blocks[0].text.startswith("0 ")  # type: ignore[union-attr]  # section 7 opens with a Paragraph
    assert "Key players" in documents.report_html(doc)


def test_the_report_page_is_built_once_and_shows_a_new_key_player_at_once(
    analysed: Any, client: Any, monkeypatch: Any
) -> None:
    """The page keeps the whole document and its rendered sections in the cache; a write of the
    directory (or any content the report is built from) gives it a new key."""
    from interventures.apps.analysis.report import document
    from interventures.apps.partnership.models import Organisation

    region, _run = analysed("hu-hr", n=45, large=3)
    SituationReport.objects.create(region=region, published=True, conclusions="Published.")
    Organisation.objects.create(region=region, name="First Chamber", slug="first-chamber", published=True)
    builds: list[int] = []
    real = document._build

    def counting(ctx: Any) -> Any:
        builds.append(1)
        return real(ctx)

    monkeypatch.setattr(document, "_build", counting)
    cache.clear()
    url = f"/en/analysis/regions/{region.code}/"
    first = client.get(url).content.decode()
    again = client.get(url).content.decode()
    assert len(builds) == 1
    assert "First Chamber" in first
    assert again.split('id="toc-heading"')[1] == first.split('id="toc-heading"')[1]
    Organisation.objects.create(region=region, name="Second Chamber", slug="second-chamber", published=True)
    after = client.get(url).content.decode()
    assert len(builds) == 2
    assert "Second Chamber" in after
    assert "First Chamber" in after
