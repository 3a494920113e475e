"""One result, one presenter: the page, its PDF, the JSON API and `interventures assess` show the same
stage, dimension scores and next-stage conditions, read from what completion stored, never scored again."""

from __future__ import annotations

import html as htmllib
import io
import json
import re
from pathlib import Path
from typing import Any
from unittest import mock

import pytest
from django.template.defaultfilters import floatformat
from django.test import Client
from django.utils import timezone, translation
from pypdf import PdfReader

from interventures.apps.assessment import reports, selectors, services
from interventures.apps.assessment.models import Assessment
from interventures.cli.main import main
from interventures.core import capacity

from .conftest import answers_at

pytestmark = pytest.mark.django_db

LANG = "hr"


def _words(text: str) -> str:
    return " ".join(text.split())


@pytest.fixture
def completed(make_result: Any, model: capacity.CapacityModel) -> Any:
    """A result one rung up the ladder that still misses an overall, a dimension and an item condition."""
    assessment = make_result("hu-hr", answers=answers_at(model, 1), language=LANG)
    kinds = {r.kind for r in capacity.stage_progress(model, answers_at(model, 1)).missing}
    assert kinds == set(capacity.RequirementKind)
    return assessment


def test_page_pdf_api_and_cli_show_the_same_result(
    client: Client,
    completed: Any,
    model: capacity.CapacityModel,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    view = selectors.result_view(assessment=completed, lang=LANG)
    assert view.next_stage is not None
    with translation.override(LANG):
        sentences = [reports.requirement_text(r) for r in view.next_stage.missing]
        table = [(d.name, floatformat(d.score, 0)) for d in view.dimensions]

    page = htmllib.unescape(client.get(f"/{LANG}/test/{completed.token}/result/").content.decode())
    assert view.stage.name in page
    assert view.next_stage.name in page
    rows = re.findall(r'<th scope="row">([^<]+)</th>\s*<td class="num">([^<]+)</td>', page)
    assert rows == table
    listed = re.search(r"<h3>[^<]*</h3>\s*<p>[^<]*</p>\s*<ul>(.*?)</ul>", page, re.S)
    assert listed is not None
    assert re.findall(r"<li>(.*?)</li>", listed.group(1)) == sentences

    pdf = client.get(f"/{LANG}/test/{completed.token}/result.pdf")
    text = _words(" ".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf.content)).pages))
    assert _words(view.stage.name) in text
    for name, score in table:
        assert _words(f"{name} {score}") in text
    for sentence in sentences:
        assert _words(sentence) in text

    api = client.get(f"/api/assessment/result/{completed.token}/", {"lang": LANG}).json()
    path = tmp_path / "answers.json"
    path.write_text(json.dumps({"answers": selectors.answers_of(assessment=completed)}), encoding="utf-8")
    assert main(["assess", "--answers", str(path), "--lang", LANG, "--format", "json"]) == 0
    cli = json.loads(capsys.readouterr().out)
    # The API reads the stored result, the command scores the answers file: the same result either way.
    assert {k: v for k, v in api.items() if k not in {"token", "status", "result_url"}} == {
        k: v for k, v in cli.items() if k != "profile"
    }
    assert api["stage"]["name"] == view.stage.name
    assert [(d["name"], d["score"]) for d in api["dimensions"]] == [
        (d.name, round(d.score, 1) if d.score is not None else None) for d in view.dimensions
    ]
    unmet = [r for r in api["next_stage"]["requirements"] if not r["met"]]
    assert [(r["kind"], r["id"], r["label"]) for r in unmet] == [
        (r.kind.value, r.id, r.label) for r in view.next_stage.missing
    ]
    assert main(["assess", "--answers", str(path), "--lang", LANG]) == 0
    cli_text = capsys.readouterr().out
    assert f"Stage: {view.stage.name}" in cli_text
    for r in view.next_stage.missing:
        assert r.label in cli_text


def test_viewing_a_result_never_scores_it_again(client: Client, completed: Any) -> None:
    with mock.patch(
        "interventures.core.capacity.scoring._score", side_effect=AssertionError("scored on view")
    ) as scoring:
        assert client.get(f"/{LANG}/test/{completed.token}/result/").status_code == 200
        assert client.get(f"/{LANG}/test/{completed.token}/result.pdf").status_code == 200
        api = client.get(f"/api/assessment/result/{completed.token}/", {"lang": LANG})
        assert api.status_code == 200
        assert api.json()["next_stage"]["requirements"]
    assert scoring.call_count == 0


def test_the_complete_result_is_stored_at_completion(completed: Any, model: capacity.CapacityModel) -> None:
    result, progress = capacity.score_with_progress(model, selectors.answers_of(assessment=completed))
    assert completed.result == result.to_dict()
    assert completed.progress == progress.to_dict()


def test_results_imported_in_bulk_store_their_progress_too(
    regions: dict[str, Any], model: capacity.CapacityModel
) -> None:
    spec = services.CompletedSpec(
        client_key="bulk-progress-1",
        region=regions["lombardia"],
        size_class="small",
        sector="C",
        language="it",
        answers=answers_at(model, 2),
        completed_at=timezone.now(),
    )
    assert services.assessments_import_completed(specs=[spec]) == 1
    stored = Assessment.objects.get(client_scope=services.BULK_SCOPE, client_key="bulk-progress-1")
    assert stored.progress == capacity.stage_progress(model, answers_at(model, 2)).to_dict()
