"""The SME's result PDF is tagged (PDF/UA-1), so a screen reader reads it in the SME's language."""

from __future__ import annotations

import io
from typing import Any

import pytest
from pypdf import PdfReader

pytestmark = pytest.mark.django_db


def test_the_result_pdf_is_tagged_in_the_smes_language(client: Any, reference: dict[str, Any]) -> None:
    from interventures.apps.assessment import services
    from interventures.core import capacity

    model = capacity.load_model()
    assessment = services.assessment_start(
        region=reference["hu-hr"], size_class="small", sector="C", language="hr"
    )
    services.answers_save(
        assessment=assessment, answers={item.id: item.options[1].id for item in model.items}
    )
    services.assessment_complete(assessment=assessment)
    response = client.get(f"/hr/test/{assessment.token}/result.pdf")
    assert response.status_code == 200
    root = PdfReader(io.BytesIO(response.content)).trailer["/Root"]
    assert "/StructTreeRoot" in list(root.keys())
    assert bool(root["/MarkInfo"]["/Marked"])
    assert root["/Lang"] == "hr"
