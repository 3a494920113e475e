"""Issue #8, finding 3: no export writes a cell a spreadsheet would evaluate.

Every export format is built from data seeded with the four dangerous starts (=, +, -, @) and scanned:
no CSV cell starts with one of them unless it is the plain text of a number, and no XLSX cell is a
formula. A source scan keeps new writers on the one safe path (core/cells.py)."""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook

from interventures.core.cells import NUMBER

pytestmark = pytest.mark.django_db

SRC = Path(__file__).resolve().parents[1]
DANGEROUS = [
    '=HYPERLINK("http://evil.example","click")',
    "=cmd|' /C calc'!A0",
    "+33 1 23",
    "-2+3",
    "@SUM(A1:A9)",
]


def csv_cells(data: bytes | str) -> list[str]:
    text = data.decode("utf-8-sig") if isinstance(data, bytes) else data
    return [cell for row in csv.reader(io.StringIO(text)) for cell in row]


def assert_csv_safe(data: bytes | str, *, expect: str) -> None:
    cells = csv_cells(data)
    live = [c for c in cells if c and c[0] in "=+-@\t\r" and not NUMBER.fullmatch(c)]
    assert not live, live
    assert any(c == "'" + expect for c in cells), f"the seeded value {expect!r} is not in the file"


def assert_xlsx_safe(data: bytes, *, expect: str) -> None:
    book = load_workbook(io.BytesIO(data))
    seen = []
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                assert cell.data_type != "f", f"{sheet.title}!{cell.coordinate} is a formula: {cell.value!r}"
                seen.append(cell.value)
    assert expect in seen, f"the seeded value {expect!r} is not in the workbook"


@pytest.fixture
def survey(make_region: Any) -> Any:
    from interventures.apps.surveys import services
    from interventures.core.survey.tests.forms import small_form

    questionnaire = services.questionnaire_create(name="Small", form=small_form(), published=True)
    campaign = services.campaign_create(
        region_id=make_region().pk, name="Survey", version=questionnaire.current
    )
    for i, comment in enumerate(DANGEROUS):
        response = services.response_start(campaign=campaign, key=f"formula-{i}", language="en")
        services.response_save_answers(
            response=response, answers={"employees": "3", "exports": "no", "comment": comment}
        )
        services.response_submit(response=response)
    return campaign


@pytest.mark.parametrize("value", DANGEROUS)
def test_survey_csv_and_xlsx_exports_write_text_not_formulas(survey: Any, value: str) -> None:
    from interventures.apps.surveys import exports

    assert_csv_safe(exports.to_csv(survey), expect=value)
    assert_xlsx_safe(exports.to_xlsx(survey), expect=value)


def test_a_csv_export_reimports_to_the_answers_as_typed(survey: Any, make_region: Any) -> None:
    from interventures.apps.surveys import exports, services
    from interventures.apps.surveys.models import Response

    target = services.campaign_create(region_id=make_region().pk, name="Again", version=survey.version)
    job = services.import_upload(campaign=target, data=exports.to_csv(survey), filename="x.csv", fmt="csv")
    services.import_run(job=job)
    comments = {r.answers.get("comment") for r in Response.objects.filter(campaign=target)}
    assert comments == set(DANGEROUS)


def test_the_rejected_rows_csv_writes_imported_values_as_text(survey: Any) -> None:
    from interventures.apps.surveys import exports, services

    data = (
        "employees,exports,comment\n"
        + "".join(f'not-a-number,no,"{v.replace(chr(34), chr(34) * 2)}"\n' for v in DANGEROUS)
    ).encode()
    job = services.import_upload(campaign=survey, data=data, filename="bad.csv", fmt="csv")
    job = services.import_run(job=job)
    out = exports.rejected_csv(job)
    for value in DANGEROUS:
        assert_csv_safe(out, expect=value)


def test_the_partners_result_exports_write_text_not_formulas() -> None:
    from interventures.apps.assessment import reports

    header = ["Company", "Score"]
    rows = [[value, -3.5] for value in DANGEROUS]
    for value in DANGEROUS:
        assert_csv_safe(reports.to_csv(header, rows), expect=value)
        assert_xlsx_safe(reports.to_xlsx(header, rows, title="=title"), expect=value)
    assert "-3.5" in csv_cells(reports.to_csv(header, rows))  # numbers stay numbers


@pytest.mark.parametrize("value", DANGEROUS)
def test_the_key_players_directory_export_writes_text_not_formulas(make_region: Any, value: str) -> None:
    from interventures.apps.accounts.permissions import OPERATOR
    from interventures.apps.keyplayers import exports, services

    region = make_region("hu-hr", "Hungary–Croatia")
    org = services.organisation_create(
        user=OPERATOR, region=region, values={"name": value, "type": "chamber", "description": value}
    )
    services.service_create(
        user=OPERATOR, organisation=org, values={"name": value, "service_type": "training"}
    )
    tables = exports.directory_tables(user=OPERATOR, region=region)
    for name in exports.DIRECTORY_TABLES[:2]:
        assert_csv_safe(exports.table_csv(tables[name]), expect=value)
        assert_xlsx_safe(exports.table_xlsx(tables[name], title=name), expect=value)


def test_the_xlsform_export_holds_expressions_as_text() -> None:
    from interventures.core.survey.tests.forms import small_form
    from interventures.core.survey.xlsform import read_xlsform, xlsform_bytes

    form = small_form()
    data = xlsform_bytes(form)
    book = load_workbook(io.BytesIO(data))
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                assert cell.data_type != "f", f"{sheet.title}!{cell.coordinate}: {cell.value!r}"
    assert read_xlsform(data) == form


def test_the_analyse_command_neutralises_text_from_the_users_files(tmp_path: Path) -> None:
    import polars as pl

    from interventures.core.cells import csv_frame

    frame = pl.DataFrame({"domain": DANGEROUS, "estimate": [-0.5] * len(DANGEROUS)})
    path = tmp_path / "estimates.csv"
    csv_frame(frame).write_csv(path)
    for value in DANGEROUS:
        assert_csv_safe(path.read_text(), expect=value)


WRITERS = re.compile(r"csv\.(writer|DictWriter)\(|\.write_csv\(|\b(ws|sheet|survey|settings)\.append\(")


def test_every_csv_and_xlsx_writer_goes_through_core_cells() -> None:
    """A new export that writes CSV or appends spreadsheet rows by hand fails here: use
    core/cells.py (csv_writer, csv_frame, xlsx_row, xlsx_append)."""
    offenders = []
    for path in SRC.rglob("*.py"):
        if "tests" in path.parts or path.name == "cells.py":
            continue
        for number, line in enumerate(path.read_text().splitlines(), 1):
            if WRITERS.search(line) and "csv_frame(" not in line and "xlsx_row(" not in line:
                offenders.append(f"{path.relative_to(SRC)}:{number}: {line.strip()}")
    assert not offenders, "\n".join(offenders)
