"""Row-level checks of a directory import: every bad cell is named, nothing is accepted halfway."""

from __future__ import annotations

from typing import Any

from interventures.core.ecosystem.rows import ORG_COLUMNS, SERVICE_COLUMNS, TIE_COLUMNS, Vocabulary, check

V = Vocabulary(
    org_types={"chamber", "cluster"},
    service_types={"training"},
    dimensions={"finance", "people"},
    stages={"exploring"},
    costs={"free", "paid"},
    languages={"hu", "hr", "en"},
    tie_kinds={"funds"},
    nuts={"HU231"},
    instruments={"interreg-hu-hr"},
    existing_ids={"pannon-egtc"},
)


def _file(
    columns: tuple[str, ...], *rows: dict[str, Any]
) -> tuple[tuple[str, ...], list[tuple[int, dict[str, Any]]]]:
    return columns, [(i + 2, r) for i, r in enumerate(rows)]


def test_good_rows_are_parsed() -> None:
    out = check(
        _file(
            ORG_COLUMNS,
            {
                "id": "chamber-pecs",
                "name": "Chamber",
                "type": "chamber",
                "nuts": "HU231",
                "cross_border_country": "hr",
                "languages": "hu;hr",
                "website": "https://x.eu",
                "rsg_member": "yes",
            },
        ),
        _file(
            SERVICE_COLUMNS,
            {
                "organisation_id": "chamber-pecs",
                "service_type": "training",
                "dimensions": "finance; people",
                "stages": "exploring",
                "cost": "",
                "languages": "hu",
                "instrument": "interreg-hu-hr",
            },
        ),
        _file(
            TIE_COLUMNS,
            {
                "source_id": "chamber-pecs",
                "target_id": "pannon-egtc",
                "kind": "funds",
                "strength": "2",
                "cross_border": "",
            },
        ),
        V,
    )
    assert out.problems == []
    assert out.organisations[0]["cross_border_countries"] == ["HR"]
    assert out.organisations[0]["rsg_member"] is True
    assert out.services[0]["dimensions"] == ["finance", "people"]
    assert out.services[0]["cost"] == "free"
    assert out.ties[0] == {
        "source_id": "chamber-pecs",
        "target_id": "pannon-egtc",
        "kind": "funds",
        "strength": 2,
        "cross_border": None,
        "start_date": None,
    }


def test_every_bad_cell_is_named_by_file_row_and_column() -> None:
    out = check(
        _file(
            ORG_COLUMNS,
            {
                "id": "A B",
                "name": "",
                "type": "bank",
                "nuts": "XX1",
                "cross_border_country": "HRV",
                "languages": "de",
                "website": "ftp://x",
                "rsg_member": "maybe",
            },
        ),
        _file(
            SERVICE_COLUMNS,
            {
                "organisation_id": "ghost",
                "service_type": "magic",
                "dimensions": "charm",
                "stages": "",
                "cost": "cheap",
                "languages": "",
                "instrument": "other",
            },
        ),
        _file(
            TIE_COLUMNS,
            {
                "source_id": "pannon-egtc",
                "target_id": "pannon-egtc",
                "kind": "likes",
                "strength": "5",
                "cross_border": "?",
            },
        ),
        V,
    )
    where = {(p.file, p.row, p.column) for p in out.problems}
    assert where == {
        ("ORGS", 2, c)
        for c in ("id", "name", "type", "nuts", "cross_border_country", "languages", "website", "rsg_member")
    } | {
        ("SERVICES", 2, c) for c in ("organisation_id", "service_type", "dimensions", "cost", "instrument")
    } | {("TIES", 2, c) for c in ("target_id", "kind", "strength", "cross_border")}
    assert "SERVICES row 2, column dimensions: unknown code 'charm'" in [str(p) for p in out.problems]


def test_a_missing_column_refuses_the_file() -> None:
    out = check((("id", "name"), []), _file(SERVICE_COLUMNS), _file(TIE_COLUMNS), V)
    assert {p.column for p in out.problems} == {
        "type",
        "nuts",
        "cross_border_country",
        "languages",
        "website",
        "rsg_member",
    }


def test_duplicates_are_refused() -> None:
    org = {"id": "a", "name": "A", "type": "chamber", "rsg_member": ""}
    tie = {"source_id": "a", "target_id": "pannon-egtc", "kind": "funds"}
    out = check(_file(ORG_COLUMNS, org, org), _file(SERVICE_COLUMNS), _file(TIE_COLUMNS, tie, tie), V)
    assert [(p.file, p.row, p.column) for p in out.problems] == [("ORGS", 3, "id"), ("TIES", 3, "kind")]
