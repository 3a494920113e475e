"""`interventures report situation`: writes the report in the asked format and language, running the
analysis first when there is none; bad input gets a clear error."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from interventures.apps.analysis.models import AnalysisRun
from interventures.cli.main import main

pytestmark = pytest.mark.django_db


def test_writes_html_running_the_analysis_when_none_exists(
    make_survey: Any, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    make_survey("lombardia", n=30)
    out = tmp_path / "report.html"
    assert (
        main(
            [
                "report",
                "situation",
                "--region",
                "lombardia",
                "--format",
                "html",
                "--lang",
                "en",
                "--out",
                str(out),
            ]
        )
        == 0
    )
    html = out.read_text(encoding="utf-8")
    assert "10. Conclusions" in html
    assert "SAR-lombardia-CAP-finance" in html
    assert "data:image/svg+xml" in html
    assert AnalysisRun.objects.filter(region__code="lombardia", status="done").count() == 1
    assert "report.html" in capsys.readouterr().out


def test_writes_docx_in_the_regions_language(analysed: Any, tmp_path: Path) -> None:
    from docx import Document

    region, _run = analysed("lt-klaipeda", n=30)
    region.languages = ["lt"]
    region.save(update_fields=["languages"])
    out = tmp_path / "r.docx"
    assert (
        main(
            [
                "report",
                "situation",
                "--region",
                "lt-klaipeda",
                "--format",
                "docx",
                "--lang",
                "lt",
                "--out",
                str(out),
            ]
        )
        == 0
    )
    headings = [p.text for p in Document(str(out)).paragraphs if p.style.name.startswith("Heading")]
    assert "10. Išvados" in headings
    assert AnalysisRun.objects.filter(region=region).count() == 1  # the stored analysis was reused


def test_an_unknown_region_or_language_is_an_error(
    make_survey: Any, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    make_survey("hu-hr", n=20)
    base = ["report", "situation", "--format", "pdf", "--out", str(tmp_path / "r.pdf")]
    assert main([*base, "--region", "nowhere"]) == 2
    assert "no region with the code 'nowhere'" in capsys.readouterr().err
    assert main([*base, "--region", "hu-hr", "--lang", "pl"]) == 2
    assert "--lang must be one of" in capsys.readouterr().err
