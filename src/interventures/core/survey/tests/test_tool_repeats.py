"""Issue #11: repeat groups in the tools' exports. A KoboToolbox XLSX export holds one extra sheet per
repeat (joined by `_parent_index` to the parent's `_index`, `_parent_table_name` naming the parent
sheet); ODK Central's submissions zip holds one CSV per repeat (joined by PARENT_KEY to KEY). Both
are read into the repeat's list of instances, nested repeats included, within the limits."""

from __future__ import annotations

import csv
import io
import zipfile

import pytest
from openpyxl import Workbook

from interventures.core.survey.tabular import (
    Format,
    LimitError,
    Limits,
    ParsedRow,
    RepeatProblem,
    attach_repeats,
    auto_mapping,
    mapping_problems,
    parse_rows,
    read_limited_tables,
)
from interventures.core.survey.validate import clean_response
from interventures.core.survey.xlsform import read_xlsform

from .xlsforms import odk_repeat_form, workbook


def nested_form() -> bytes:
    """A firm with sites, each site with its products (a repeat in a repeat), in a group."""
    return workbook(
        [
            ["type", "name", "label", "required"],
            ["text", "firm", "Firm", "yes"],
            ["begin_group", "about", "About"],
            ["begin_repeat", "site", "Site"],
            ["text", "town", "Town", "yes"],
            ["begin_repeat", "product", "Product"],
            ["text", "product_name", "Product"],
            ["integer", "units", "Units"],
            ["end_repeat"],
            ["end_repeat"],
            ["end_group"],
        ],
        None,
        [["form_title", "form_id"], ["Nested", "nested"]],
    )


def _xlsx(sheets: dict[str, list[list[object]]]) -> bytes:
    wb = Workbook()
    wb.remove(wb.active)
    for title, rows in sheets.items():
        ws = wb.create_sheet(title)
        for r in rows:
            ws.append(r)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def _csv(rows: list[list[str]]) -> bytes:
    buf = io.StringIO()
    csv.writer(buf).writerows(rows)
    return buf.getvalue().encode()


def _zip(files: dict[str, bytes]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in files.items():
            archive.writestr(name, content)
    return buf.getvalue()


KOBO_SUB = ["_submission__id", "_submission__uuid", "_submission__submission_time", "_submission__tags"]


def kobo_nested_export() -> bytes:
    """Kobo's XLSX export shape: the main sheet named after the form, one sheet per repeat."""
    return _xlsx(
        {
            "Nested": [
                ["firm", "_id", "_uuid", "_submission_time", "_index"],
                ["Kft", 11, "u-1", "2024-05-02T08:05:00", 1],
                ["Doo", 12, "u-2", "2024-05-03T08:05:00", 2],
            ],
            "site": [
                ["about/site/town", "_index", "_parent_table_name", "_parent_index", *KOBO_SUB],
                ["Pécs", 1, "Nested", 1, 11, "u-1", "2024-05-02T08:05:00", ""],
                ["Szeged", 2, "Nested", 1, 11, "u-1", "2024-05-02T08:05:00", ""],
                ["Zagreb", 3, "Nested", 2, 12, "u-2", "2024-05-03T08:05:00", ""],
            ],
            "product": [
                [
                    "about/site/product/product_name",
                    "about/site/product/units",
                    "_index",
                    "_parent_table_name",
                    "_parent_index",
                    *KOBO_SUB,
                ],
                ["paprika", 10, 1, "site", 1, 11, "u-1", "", ""],
                ["salami", 4, 2, "site", 1, 11, "u-1", "", ""],
                ["wine", 7, 3, "site", 3, 12, "u-2", "", ""],
            ],
        }
    )


def _read(form_bytes: bytes, data: bytes, fmt: Format) -> tuple[list[ParsedRow], list[RepeatProblem]]:
    form = read_xlsform(form_bytes)
    tables = read_limited_tables(data, fmt)
    (main_name, main), repeats = tables[0], tables[1:]
    mapping = auto_mapping(form, main.columns, fmt, keep_unknown=True)
    assert mapping_problems(form, mapping) == []
    rows = parse_rows(form, main, mapping, fmt)
    problems = attach_repeats(form, rows, repeats, fmt, main_name=main_name, keep_unknown=True)
    return rows, problems


def test_kobo_xlsx_export_with_nested_repeats_reads_every_instance_in_place() -> None:
    rows, problems = _read(nested_form(), kobo_nested_export(), Format.KOBO)
    assert problems == []
    assert rows[0].answers == {
        "firm": "Kft",
        "site": [
            {
                "town": "Pécs",
                "product": [{"product_name": "paprika", "units": 10}, {"product_name": "salami", "units": 4}],
            },
            {"town": "Szeged"},
        ],
    }
    assert rows[1].answers["site"] == [{"town": "Zagreb", "product": [{"product_name": "wine", "units": 7}]}]
    values, errors = clean_response(read_xlsform(nested_form()), rows[0].answers)
    assert errors == []
    assert values["site"][0]["product"][1] == {"product_name": "salami", "units": 4}


def odk_zip(extra_site_column: bool = False) -> bytes:
    main = [
        [
            "SubmissionDate",
            "firm-firm_name",
            "n_sites",
            "meta-instanceID",
            "KEY",
            "SubmitterName",
            "ReviewState",
        ],
        ["2024-05-02T10:00:00.000Z", "Kft", "2", "uuid:a", "uuid:a", "Anna", ""],
        ["2024-05-03T10:00:00.000Z", "Doo", "1", "uuid:b", "uuid:b", "Ivo", "approved"],
    ]
    site_header = ["site-country", "site-city", "site-where", "site-rating", "PARENT_KEY", "KEY"]
    sites = [
        ["hu", "pecs", "46.07 18.23 120 5", "4", "uuid:a", "uuid:a/site[1]"],
        ["hu", "other", "", "2", "uuid:a", "uuid:a/site[2]"],
        ["hr", "zagreb", "45.81 15.98 0 0", "5", "uuid:b", "uuid:b/site[1]"],
    ]
    if extra_site_column:
        site_header.insert(4, "site-old_note")
        for i, s in enumerate(sites):
            s.insert(4, f"old {i}")
    return _zip(
        {
            "sites_v2.csv": _csv(main),
            "sites_v2-site.csv": _csv([site_header, *sites]),
            "media/photo.jpg": b"\xff\xd8\xff not data",
        }
    )


def test_odk_central_zip_joins_repeat_csv_by_parent_key() -> None:
    rows, problems = _read(odk_repeat_form(), odk_zip(), Format.ODK)
    assert problems == []
    assert rows[0].respondent_id == "uuid:a"
    assert [s["city"] for s in rows[0].answers["site"]] == ["pecs", "other"]
    assert rows[1].answers["site"] == [
        {"country": "hr", "city": "zagreb", "where": "45.81 15.98 0 0", "rating": "5"}
    ]
    form = read_xlsform(odk_repeat_form())
    values, errors = clean_response(form, rows[0].answers)
    assert errors == []
    assert [i["city"] for i in values["site"]] == ["pecs", "other"]


def test_columns_of_an_earlier_repeat_version_are_kept_with_the_row() -> None:
    rows, _problems = _read(odk_repeat_form(), odk_zip(extra_site_column=True), Format.ODK)
    assert rows[0].extra == {"site[1]/site-old_note": "old 0", "site[2]/site-old_note": "old 1"}
    assert "old_note" not in rows[0].answers["site"][0]


def test_an_instance_without_its_row_and_a_sheet_of_no_repeat_are_said() -> None:
    data = _xlsx(
        {
            "Nested": [["firm", "_uuid", "_index"], ["Kft", "u-1", 1]],
            "site": [
                ["about/site/town", "_index", "_parent_table_name", "_parent_index"],
                ["Pécs", 1, "Nested", 9],
            ],
            "old_repeat": [["x", "_parent_index"], ["1", 1]],
        }
    )
    rows, problems = _read(nested_form(), data, Format.KOBO)
    assert "site" not in rows[0].answers
    assert {(p.table, p.row, p.code) for p in problems} == {
        ("site", 2, "orphan_instance"),
        ("old_repeat", 0, "unknown_repeat_table"),
    }


def test_a_bad_cell_in_an_instance_rejects_its_row_naming_the_table() -> None:
    data = _zip(
        {
            "f.csv": _csv([["firm", "KEY"], ["Kft", "uuid:a"]]),
            "f-site.csv": _csv(
                [["about-site-town", "PARENT_KEY", "KEY"], ["Pé\x01cs", "uuid:a", "uuid:a/site[1]"]]
            ),
        }
    )
    rows, _problems = _read(nested_form(), data, Format.ODK)
    assert [(p.column, p.code, p.params["table_row"]) for p in rows[0].problems] == [
        ("f-site/about-site-town", "control_character", 2)
    ]


def test_repeat_rows_over_the_limit_are_refused() -> None:
    with pytest.raises(LimitError) as caught:
        read_limited_tables(kobo_nested_export(), Format.KOBO, Limits(max_instances=5))
    assert caught.value.code == "too_many_instances"


def test_a_zip_bomb_of_csvs_is_refused_before_it_is_opened() -> None:
    bomb = _zip({"a.csv": b"x\n" + b"1\n" * 2_000_000})
    with pytest.raises(LimitError) as caught:
        read_limited_tables(bomb, Format.ODK)
    assert caught.value.code == "expands_too_far"


def test_a_zip_of_repeat_tables_only_is_refused_with_its_reason() -> None:
    from interventures.core.survey.tabular import TableError

    with pytest.raises(TableError, match="PARENT_KEY"):
        read_limited_tables(_zip({"f-site.csv": b"a,PARENT_KEY,KEY\n1,uuid:a,uuid:a/site[1]\n"}), Format.ODK)


def test_repeat_tables_are_bounded_by_max_instances_not_by_max_rows() -> None:
    """A repeat holds more rows than there are submissions: 3 instances of 2 submissions pass a
    limit of 2 rows, and the submissions themselves stay bounded by max_rows."""
    tables = read_limited_tables(kobo_nested_export(), Format.KOBO, Limits(max_rows=2, max_instances=10))
    assert [len(t.rows) for _name, t in tables] == [2, 3, 3]
    with pytest.raises(LimitError) as caught:
        read_limited_tables(kobo_nested_export(), Format.KOBO, Limits(max_rows=1, max_instances=10))
    assert caught.value.code == "too_many_rows"


def test_a_kept_key_names_its_instance_and_its_column() -> None:
    from interventures.core.survey.tabular import instance_column

    repeats = {"site", "product"}
    assert instance_column("site[2]/old_size", repeats) == ("site[2]", "old_size")
    assert instance_column("site[1]/product[3]/about/site/product/old_price", repeats) == (
        "site[1]/product[3]",
        "about/site/product/old_price",
    )
    # The submission's own kept columns, group paths included, belong to no instance.
    assert instance_column("old_question", repeats) is None
    assert instance_column("about/old_question", repeats) is None
    assert instance_column("other[1]/x", repeats) is None
