"""Issue #11: data exported by ODK Central and KoboToolbox maps onto the form without a column
left to choose, and every answer lands in its question."""

from __future__ import annotations

import csv
import io

from interventures.core.survey.tabular import (
    EXTRA,
    IGNORE,
    RESPONDENT,
    Format,
    auto_mapping,
    detect_format,
    mapping_problems,
    parse_rows,
    read_csv,
)
from interventures.core.survey.validate import clean_response
from interventures.core.survey.xlsform import read_xlsform

from .xlsforms import kobo_builder_form, odk_repeat_form

ODK_META = [
    "SubmissionDate",
    "meta-instanceID",
    "KEY",
    "SubmitterID",
    "SubmitterName",
    "AttachmentsPresent",
    "AttachmentsExpected",
    "Status",
    "ReviewState",
    "DeviceID",
    "Edits",
    "FormVersion",
]


def _csv(rows: list[list[str]]) -> bytes:
    buf = io.StringIO()
    csv.writer(buf).writerows(rows)
    return buf.getvalue().encode()


def test_odk_central_submissions_csv_maps_completely() -> None:
    form = read_xlsform(odk_repeat_form())
    header = [
        "SubmissionDate",
        "firm-firm_name",
        "firm-founded",
        "n_sites",
        "opening",
        "visited",
        "priorities",
        "vat_code",
        "site_count",
        *ODK_META[1:],
    ]
    row = [
        "2024-05-02T10:00:00.000Z",
        "Kft",
        "2001-01-01",
        "0",
        "09:00",
        "2024-05-02T10:00:00.000+02:00",
        "export training",
        "590123",
        "0",
        "uuid:1",
        "uuid:1",
        "5",
        "Anna",
        "0",
        "0",
        "",
        "",
        "collect:x",
        "0",
        "2024050101",
    ]
    table = read_csv(_csv([header, row]))
    assert detect_format(table.columns) == Format.ODK
    mapping = auto_mapping(form, table.columns, Format.ODK)
    assert mapping_problems(form, mapping) == []
    assert mapping["meta-instanceID"] == RESPONDENT
    assert mapping["firm-firm_name"] == "firm_name"
    assert all(mapping[c] == IGNORE for c in ODK_META if c != "meta-instanceID")
    parsed = parse_rows(form, table, mapping, Format.ODK)[0]
    assert parsed.respondent_id == "uuid:1"
    values, errors = clean_response(form, parsed.answers)
    assert errors == []
    assert values["firm_name"] == "Kft"
    assert values["priorities"] == ("export", "training")


def test_kobo_export_with_split_geopoint_other_text_notes_and_an_earlier_versions_column() -> None:
    form = read_xlsform(kobo_builder_form())
    header = [
        "start",
        "end",
        "today",
        "deviceid",
        "sector",
        "sector_other",
        "staff",
        "_location_latitude",
        "_location_longitude",
        "_location_altitude",
        "_location_precision",
        "shopfront",
        "thanks",
        "old_question",
        "_id",
        "_uuid",
        "_submission_time",
        "_index",
        "__version__",
    ]
    row = [
        "2024-05-02T10:00:00.000+02:00",
        "2024-05-02T10:05:00.000+02:00",
        "2024-05-02",
        "ee.kobo:x",
        "other",
        "Tourism",
        "4",
        "46.07",
        "18.23",
        "120",
        "5",
        "front.jpg",
        "",
        "kept",
        "1",
        "u-1",
        "2024-05-02T08:05:00",
        "1",
        "vAbC",
    ]
    table = read_csv(_csv([header, row]))
    assert detect_format(table.columns) == Format.KOBO
    mapping = auto_mapping(form, table.columns, Format.KOBO, keep_unknown=True)
    assert mapping_problems(form, mapping) == []
    assert mapping["thanks"] == IGNORE
    assert mapping["_location_latitude"] == "location[latitude]"
    assert mapping["old_question"] == EXTRA
    parsed = parse_rows(form, table, mapping, Format.KOBO)[0]
    assert parsed.answers["location"] == "46.07 18.23 120 5"
    assert parsed.extra == {"old_question": "kept"}
    values, errors = clean_response(form, parsed.answers)
    assert errors == []
    assert (values["sector"], values["sector_other"], values["deviceid"]) == ("other", "Tourism", "ee.kobo:x")
    assert values["shopfront"] == "front.jpg"


def test_kobo_combined_geopoint_column_makes_the_split_ones_redundant() -> None:
    form = read_xlsform(kobo_builder_form())
    mapping = auto_mapping(form, ["location", "_location_latitude", "_location_longitude"], Format.KOBO)
    assert mapping == {"location": "location", "_location_latitude": IGNORE, "_location_longitude": IGNORE}
