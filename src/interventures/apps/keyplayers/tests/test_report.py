"""Section 7 of the Situation Analysis Report is the key players', in the report's PDF text."""

from __future__ import annotations

import io
from collections.abc import Callable
from typing import Any

import pytest

from interventures.apps.common.models import Region

pytestmark = pytest.mark.django_db


def test_section_seven_lists_the_key_players_in_the_pdf(
    make_org: Callable[..., Any], make_service: Any, partner_region: Region
) -> None:
    from pypdf import PdfReader

    from interventures.apps.analysis import documents
    from interventures.apps.analysis.report import build_document

    make_service(
        make_org(name="Drava Export Desk", rsg_member=True), service_type="fairs", dimensions=["market"]
    )
    doc = build_document(region=partner_region, lang="en", report=None)
    seven = next(s for s in doc.sections if s.number == 7)
    assert seven.title == "Key players"
    pdf = documents.report_pdf(doc)
    text = " ".join(" ".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages).split())
    assert "Drava Export Desk" in text
    assert "Organisations in the directory: 2; services: 1; in the Regional Stakeholder Group: 1" in text


def test_section_seven_is_written_in_the_readers_language(
    make_org: Callable[..., Any], partner_region: Region
) -> None:
    from interventures.apps.analysis.report import build_document

    make_org(name="Drava Export Desk")
    seven = next(
        s for s in build_document(region=partner_region, lang="hu", report=None).sections if s.number == 7
    )
    assert seven.title != "Key players"
    assert "Drava Export Desk" in str(seven.blocks[1].rows)  # type: ignore[union-attr]


def test_section_seven_says_which_source_the_language_rule_read(
    make_org: Callable[..., Any], partner_region: Region
) -> None:
    from interventures.apps.analysis.report import build_document

    make_org(name="Drava Export Desk")
    seven = next(
        s for s in build_document(region=partner_region, lang="en", report=None).sections if s.number == 7
    )
    texts = [getattr(b, "text", "") for b in seven.blocks]
    assert any(t.startswith("Languages: no survey of the region measures") for t in texts)
