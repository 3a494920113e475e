"""`interventures assess` and `interventures model`: output, and clear errors for bad input."""

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import Any

import pytest

from interventures.cli.main import main
from interventures.core.capacity import load_model

MODEL = load_model()


def _write(tmp_path: Path, payload: Any) -> str:
    path = tmp_path / "answers.json"
    path.write_text(payload if isinstance(payload, str) else json.dumps(payload), encoding="utf-8")
    return str(path)


def _answers() -> dict[str, str]:
    return {item.id: item.options[1].id for item in MODEL.items}


def test_assess_prints_the_result_as_json_in_the_requested_language(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = _write(
        tmp_path, {"region": "podkarpackie", "size_class": "small", "sector": "C", "answers": _answers()}
    )
    assert main(["assess", "--answers", path, "--lang", "pl", "--format", "json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["model_version"] == MODEL.version
    assert out["profile"] == {"region": "podkarpackie", "size_class": "small", "sector": "C"}
    assert out["stage"]["id"] == "exploring"
    assert out["stage"]["name"] == MODEL.stage("exploring").name["pl"]
    assert len(out["dimensions"]) == len(MODEL.dimensions)
    assert {d["name"] for d in out["dimensions"]} == {d.name["pl"] for d in MODEL.dimensions}
    assert len(out["gaps"]) == 3
    assert out["coverage"] == {
        "answered": len(MODEL.items),
        "dont_know": 0,
        "skipped": 0,
        "total": len(MODEL.items),
    }
    assert out["plan"]
    assert out["plan"][0]["text"] in MODEL.dimension(out["plan"][0]["dimension"]).steps["pl"]
    assert out["result"]["model_version"] == MODEL.version
    assert out["next_stage"]["id"] == "occasional"
    assert out["next_stage"]["name"] == MODEL.stage("occasional").name["pl"]
    missing = {r["id"] for r in out["next_stage"]["requirements"] if not r["met"]}
    assert {None, "strategy", "experience", "exp_activity"} >= missing
    assert "exp_activity" in missing


def test_assess_text_output_shows_stage_gaps_coverage_and_plan(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    answers = _answers()
    answers["fin_prefinance"] = "dont_know"
    path = _write(tmp_path, {"answers": answers})
    assert main(["assess", "--answers", path, "--lang", "es"]) == 0
    out = capsys.readouterr().out
    assert "Capacity model 1.0" in out
    assert MODEL.stage("exploring").name["es"] in out
    assert "Largest gaps" in out
    assert "Development plan" in out
    assert f"Still needed for {MODEL.stage('occasional').name['es']}" in out
    assert f"{len(MODEL.items) - 1} of {len(MODEL.items)} items answered, 1 don't know, 0 skipped" in out


def test_model_prints_the_model_in_a_language(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["model", "--lang", "lt", "--format", "json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["version"] == MODEL.version
    assert out["lang"] == "lt"
    assert len(out["items"]) == len(MODEL.items)
    first = out["items"][0]
    assert first["text"] == MODEL.items[0].text["lt"]
    assert first["options"][0]["label"] == MODEL.items[0].options[0].label["lt"]
    assert [s["id"] for s in out["stages"]] == [s.id for s in MODEL.stages]


def test_model_text_and_versions(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["model", "--lang", "hu", "--format", "text"]) == 0
    assert MODEL.items[0].text["hu"] in capsys.readouterr().out
    assert main(["model", "--versions"]) == 0
    assert "1.0" in capsys.readouterr().out.split()


@pytest.mark.parametrize(
    ("payload", "message"),
    [
        ({"answers": {"nope": "agree"}}, "unknown item 'nope'"),
        ({"answers": {"str_goal": "maybe"}}, "unknown option 'maybe' for item 'str_goal'"),
        ({"answers": {"str_goal": 4}}, "item 'str_goal' must be an option id string"),
        ({"answers": {"str_plan": "dont_know"}}, "item 'str_plan' does not allow 'dont_know'"),
        ({"answers": ["str_goal"]}, "field 'answers' must be an object"),
        ({"region": 7, "answers": {}}, "field 'region' must be a string"),
        ({"answer": {}}, "missing field 'answers'"),
        ({"answers": {}, "colour": "red"}, "unknown field(s) 'colour'"),
        ([1, 2], "expected a JSON object"),
        ('{"answers": {', "invalid JSON"),
    ],
)
def test_bad_input_is_refused_with_a_message_naming_the_problem(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], payload: Any, message: str
) -> None:
    path = _write(tmp_path, payload)
    assert main(["assess", "--answers", path, "--format", "json"]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.startswith("error: ")
    assert message in captured.err


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["assess", "--lang", "de"], "unknown language 'de'"),
        (["assess", "--format", "xml"], "unknown format 'xml'"),
        (["assess", "--model-version", "0.1"], "unknown capacity model version '0.1'"),
        (["model", "--lang", "fr"], "unknown language 'fr'"),
    ],
)
def test_bad_options_are_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], argv: list[str], message: str
) -> None:
    if argv[0] == "assess":
        argv = [*argv, "--answers", _write(tmp_path, {"answers": {}})]
    assert main(argv) == 2
    assert message in capsys.readouterr().err


def test_a_missing_answers_file_is_reported(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["assess", "--answers", str(tmp_path / "missing.json")]) == 2
    assert "cannot read answers file" in capsys.readouterr().err


def test_answers_can_come_from_stdin(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr("sys.stdin", io.StringIO(json.dumps({"answers": _answers()})))
    assert main(["assess", "--answers", "-", "--format", "json", "--lang", "hu"]) == 0
    assert json.loads(capsys.readouterr().out)["lang"] == "hu"
