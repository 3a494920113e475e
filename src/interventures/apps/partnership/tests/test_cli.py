from __future__ import annotations

import json

import pytest

from interventures.cli.main import main

pytestmark = pytest.mark.django_db


def test_reference_load_prints_counts_and_the_inconsistency(capsys, monkeypatch, db):
    monkeypatch.setattr("interventures.cli.reference.django_setup", lambda: None)
    monkeypatch.setattr(
        "interventures.apps.classifications.services.classifications_load",
        lambda: __import__("interventures.apps.classifications.services", fromlist=["x"]).esif_load(
            ccis=[
                "2014ES16RFOP009",
                "2014TC16RFCB008",
                "2014IT16RFOP012",
                "2014PL16M2OP009",
                "2014LT16MAOP001",
            ]
        ),
    )
    assert main(["reference", "load"]) == 0
    out = capsys.readouterr().out
    assert "policy instruments" in out
    assert "created" in out
    assert "data inconsistencies in the sources: 1" in out
    assert "castilla-y-leon" in out
    assert main(["reference", "load"]) == 0
    second = capsys.readouterr().out
    line = next(ln for ln in second.splitlines() if ln.startswith("policy instruments"))
    assert line.split()[2:6] == ["0", "0", "5", "0"]


def test_export_reference_writes_one_json_document(reference_data, tmp_path, monkeypatch):
    monkeypatch.setattr("interventures.cli.reference.django_setup", lambda: None)
    out = tmp_path / "reference.json"
    assert main(["export", "reference", "--format", "json", "--out", str(out)]) == 0
    doc = json.loads(out.read_text(encoding="utf-8"))
    assert set(doc) >= {"project", "partners", "regions", "instruments", "activities"}
    assert len(doc["regions"]) == 5
    assert len(doc["partners"]) == 9
    assert len(doc["instruments"]) == 5
    hu = next(i for i in doc["instruments"] if i["region"] == "hu-hr")
    assert hu["total_budget"] == "60800000"  # decimals as strings
    assert hu["axes"][0]["share"] == "16.38"
    assert {"schemes", "calls", "weaknesses", "objectives", "inconsistencies", "comparisons"} <= set(hu)
    cyl = next(i for i in doc["instruments"] if i["region"] == "castilla-y-leon")
    assert len(cyl["inconsistencies"]) == 1


def test_export_to_an_unwritable_place_is_an_error(reference_data, monkeypatch, capsys):
    monkeypatch.setattr("interventures.cli.reference.django_setup", lambda: None)
    assert main(["export", "reference", "--out", "/nonexistent-dir/x.json"]) == 2
    assert "error:" in capsys.readouterr().err
