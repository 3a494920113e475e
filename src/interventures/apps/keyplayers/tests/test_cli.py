"""`interventures ecosystem import/export`: documented columns in, refused rows named, nothing
half-imported; the export's JSON carries the network measures, coverage, gaps and improvements."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from interventures.apps.keyplayers.models import Service, Tie
from interventures.apps.partnership.models import Organisation
from interventures.cli.main import main

pytestmark = pytest.mark.django_db

ORGS = (
    "id,name,type,nuts,cross_border_country,languages,website,rsg_member\n"
    "osijek-chamber,Osijek chamber,chamber,,HU,hr;hu,https://example.org,yes\n"
    "drava-cluster,Drava cluster,cluster,,,hu,,no\n"
)
SERVICES = (
    "organisation_id,service_type,dimensions,stages,cost,languages,instrument\n"
    "osijek-chamber,fairs,market;networks,exploring;occasional,subsidised,hr,\n"
    "pannon-egtc,matchmaking,networks,occasional,free,hu;hr,\n"
)
TIES = (
    "source_id,target_id,kind,strength,cross_border\n"
    "osijek-chamber,pannon-egtc,cooperates,2,yes\n"
    "drava-cluster,pannon-egtc,member,,\n"
)


@pytest.fixture
def cli(monkeypatch: Any, partner_region: Any) -> Any:
    monkeypatch.setattr("interventures.cli.ecosystem.django_setup", lambda: None)
    return main


def _files(tmp_path: Path, orgs: str = ORGS, services: str = SERVICES, ties: str = TIES) -> list[str]:
    for name, text in (("o.csv", orgs), ("s.csv", services), ("t.csv", ties)):
        (tmp_path / name).write_text(text, encoding="utf-8")
    return [
        "--organisations",
        str(tmp_path / "o.csv"),
        "--services",
        str(tmp_path / "s.csv"),
        "--ties",
        str(tmp_path / "t.csv"),
    ]


def test_import_then_export(cli: Any, tmp_path: Path, capsys: Any) -> None:
    assert cli(["ecosystem", "import", "--region", "hu-hr", *_files(tmp_path)]) == 0
    assert "2 organisations created, 0 updated, 2 services, 2 ties" in capsys.readouterr().out
    chamber = Organisation.objects.get(slug="osijek-chamber")
    assert (chamber.type, chamber.rsg_member, chamber.cross_border_countries) == ("chamber", True, ["HU"])
    assert Service.objects.get(organisation__slug="pannon-egtc").service_type == "matchmaking"
    assert Tie.objects.get(source=chamber).cross_border
    out = tmp_path / "hu-hr.json"
    assert cli(["ecosystem", "export", "--region", "hu-hr", "--format", "json", "--out", str(out)]) == 0
    data = json.loads(out.read_text())
    pannon = next(o for o in data["organisations"] if o["id"] == "pannon-egtc")
    # A star: Pannon EGTC links the chamber and the cluster (betweenness 1 on three nodes).
    assert (pannon["degree"], pannon["betweenness"], pannon["broker"]) == (2, 1.0, True)
    assert len(data["coverage"]) == 9 * 5
    cell = next(c for c in data["coverage"] if (c["dimension"], c["stage"]) == ("networks", "occasional"))
    assert (cell["services"], cell["need"], cell["n"]) == (2, None, 0)
    assert set(data) == {"organisations", "coverage", "gaps", "improvements", "languages"}
    assert data["languages"] == []  # no survey: the language rule read the official languages
    folder = tmp_path / "csv"
    assert cli(["ecosystem", "export", "--region", "hu-hr", "--format", "csv", "--out", str(folder)]) == 0
    assert (
        (folder / "organisations.csv")
        .read_text()
        .startswith("id,name,type,region,degree,betweenness,broker,community")
    )


def test_a_bad_row_refuses_the_whole_import(cli: Any, tmp_path: Path, capsys: Any) -> None:
    bad_ties = TIES + "drava-cluster,nobody,funds,7,\n"
    assert cli(["ecosystem", "import", "--region", "hu-hr", *_files(tmp_path, ties=bad_ties)]) == 2
    err = capsys.readouterr().err
    assert "TIES row 4, column target_id: no organisation 'nobody'" in err
    assert "TIES row 4, column strength: expected 1, 2 or 3" in err
    assert not Organisation.objects.filter(slug__in=["osijek-chamber", "drava-cluster"]).exists()
    assert Service.objects.count() == 0
    assert Tie.objects.count() == 0


def test_replace_keeps_the_partners(cli: Any, tmp_path: Path) -> None:
    assert cli(["ecosystem", "import", "--region", "hu-hr", *_files(tmp_path)]) == 0
    only = "id,name,type,nuts,cross_border_country,languages,website,rsg_member\nnew-desk,New desk,consultancy,,,,,\n"
    empty_s = "organisation_id,service_type,dimensions,stages,cost,languages,instrument\n"
    empty_t = "source_id,target_id,kind,strength,cross_border\n"
    assert (
        cli(
            [
                "ecosystem",
                "import",
                "--region",
                "hu-hr",
                "--replace",
                *_files(tmp_path, only, empty_s, empty_t),
            ]
        )
        == 0
    )
    slugs = set(Organisation.objects.filter(region__code="hu-hr").values_list("slug", flat=True))
    assert slugs == {"pannon-egtc", "new-desk"}
    assert Service.objects.count() == 0


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_the_directory_export_imports_again(cli: Any, tmp_path: Path, capsys: Any, fmt: str) -> None:
    assert cli(["ecosystem", "import", "--region", "hu-hr", *_files(tmp_path)]) == 0
    out = tmp_path / "out"
    assert cli(["ecosystem", "directory", "--region", "hu-hr", "--format", fmt, "--out", str(out)]) == 0
    assert "2 services, 2 ties written" in capsys.readouterr().out
    again = [
        "--organisations",
        str(out / f"organisations.{fmt}"),
        "--services",
        str(out / f"services.{fmt}"),
        "--ties",
        str(out / f"ties.{fmt}"),
    ]
    assert cli(["ecosystem", "import", "--region", "hu-hr", *again, "--replace"]) == 0
    assert "2 services, 2 ties" in capsys.readouterr().out
    assert Service.objects.filter(organisation__region__code="hu-hr").count() == 2
