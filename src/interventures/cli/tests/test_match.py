"""`interventures match` end to end on small CSV files."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from interventures.cli.main import main

HEADER = "id,name,country,nuts3,size_class,nace,languages,stage,offers,seeks,cooperation,target_countries\n"
ROWS = [
    "hu1,Baranya Bor,HU,HU231,small,11.02,hu;en,exploring,Szőlőbor termelése,italok nagykereskedelme,joint_development,",
    "hr1,Osijek Piće,HR,HR025,micro,46.34,hr;en,occasional,Trgovina na veliko pićima,proizvodnja vina,joint_bid;distribution,",
    "hr2,Zagreb Soft,HR,HR050,small,62.01,hr,structured,računalno programiranje,,supplier,",
    "at1,Graz Holz,AT,AT221,medium,16.10,de;en,clustering,Sägewerk,,joint_development,HU",
    "hu2,Győr Gép,HU,HU221,small,28.41,hu;de,exploring,gépgyártás,fűrészáru,joint_development,AT;SK",
]


def _run(tmp_path: Path, rows: list[str], *extra: str) -> tuple[int, list[dict[str, str]]]:
    src = tmp_path / "profiles.csv"
    src.write_text(HEADER + "\n".join(rows) + "\n", encoding="utf-8")
    out = tmp_path / "out.csv"
    code = main(["match", "--profiles", str(src), "--top", "3", "--out", str(out), *extra])
    if code:
        return code, []
    with out.open(encoding="utf-8") as fh:
        return code, list(csv.DictReader(fh))


def test_suggestions_respect_the_borders_and_explain_the_score(tmp_path: Path) -> None:
    code, rows = _run(tmp_path, ROWS)
    assert code == 0
    assert list(rows[0]) == [
        "profile_id", "rank", "partner_id", "score",
        "complementarity", "relatedness", "languages", "stages", "distance",
    ]  # fmt: skip
    by: dict[str, list[str]] = {}
    for r in rows:
        by.setdefault(r["profile_id"], []).append(r["partner_id"])
    # Baranya is in the Hungary–Croatia programme area: Croatia only, the wine trader first
    assert by["hu1"][0] == "hr1"
    assert set(by["hu1"]) <= {"hr1", "hr2"}
    # hr2 supplies only; hu1 develops jointly: incompatible
    assert "hr2" not in by["hu1"]
    # at1 targets Hungary; hu2 targets Austria: a pair; hu1 (targets Croatia) never meets at1
    assert by["at1"] == ["hu2"]
    assert "at1" not in by.get("hu1", [])
    for r in rows:
        assert r["profile_id"] != r["partner_id"]
        parts = [float(r[p]) for p in ("complementarity", "relatedness", "languages", "stages", "distance")]
        assert all(0.0 <= x <= 1.0 for x in parts)
        w = (0.40, 0.25, 0.15, 0.10, 0.10)
        assert float(r["score"]) == pytest.approx(sum(a * b for a, b in zip(w, parts, strict=True)), abs=2e-4)


def test_exact_gives_the_same_on_small_data(tmp_path: Path) -> None:
    _, fast = _run(tmp_path, ROWS)
    _, exact = _run(tmp_path, ROWS, "--exact")
    assert fast == exact


def test_bad_rows_name_row_column_and_reason(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad = [
        ROWS[0],
        "hr1,X,Croatia,HR025,micro,46.34,hr,occasional,a,b,joint_bid,",
        "hr2,Y,HR,HR050,small,99.99,hr,someday,a,b,partying,",
        "hu1,Z,HU,AT221,small,62.01,hu,,a,b,,",
    ]
    code, _ = _run(tmp_path, bad)
    err = capsys.readouterr().err
    assert code == 2
    assert "row 3, column country: 'Croatia' is not an ISO 3166 alpha-2 code" in err
    assert "row 4, column nace: unknown NACE Rev. 2 code '99.99'" in err
    assert "row 4, column stage: 'someday' is not one of" in err
    assert "row 4, column cooperation: 'partying' is not one of" in err
    assert "row 5, column id: 'hu1' appears twice" in err
    assert "row 5, column nuts3: 'AT221' is not in HU" in err
    assert not (tmp_path / "out.csv").exists()


def test_missing_columns_and_missing_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    src = tmp_path / "p.csv"
    src.write_text("id,country\nx,HU\n", encoding="utf-8")
    assert main(["match", "--profiles", str(src), "--top", "3", "--out", str(tmp_path / "o.csv")]) == 2
    assert "row 1, column nace: missing column" in capsys.readouterr().err
    assert main(["match", "--profiles", str(tmp_path / "nope.csv"), "--out", "-"]) == 2
    assert "no file" in capsys.readouterr().err


def test_output_cells_never_hold_formulas(tmp_path: Path) -> None:
    rows = [ROWS[0].replace("hu1,", "=cmd,", 1), ROWS[1]]
    code, out = _run(tmp_path, rows)
    assert code == 0
    assert all(not r["profile_id"].startswith("=") for r in out)
    assert any(r["profile_id"] == "'=cmd" for r in out)
