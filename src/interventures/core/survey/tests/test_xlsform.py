import io
from typing import Any

import pytest
from openpyxl import Workbook, load_workbook

from interventures.core.survey.xlsform import XLSFormError, read_xlsform, xlsform_bytes

from .forms import small_form


def test_an_exported_form_imports_as_the_same_form() -> None:
    form = small_form()
    assert read_xlsform(xlsform_bytes(form)) == form


def test_export_has_the_three_sheets_and_language_columns() -> None:
    wb = load_workbook(io.BytesIO(xlsform_bytes(small_form())))
    assert wb.sheetnames == ["survey", "choices", "settings"]
    header = [c.value for c in next(wb["survey"].iter_rows(max_row=1))]
    assert "label::Hungarian (hu)" in header
    assert "constraint_message::English (en)" in header


def test_an_exported_form_converts_with_pyxform_as_kobotoolbox_and_odk_would(tmp_path: Any) -> None:
    from pyxform.xls2xform import convert

    path = tmp_path / "form.xlsx"
    path.write_bytes(xlsform_bytes(small_form()))
    result = convert(xlsform=str(path))
    assert "<h:title>Small form</h:title>" in result.xform
    assert 'lang="Hungarian (hu)"' in result.xform
    header = [c.value for c in next(load_workbook(path)["settings"].iter_rows(max_row=1))]
    assert "form_title_translation::Hungarian (hu)" in header  # XLSForm has one title; pyxform skips it


def test_a_title_translation_of_an_older_export_is_still_read() -> None:
    data = _book(
        [["type", "name", "label::English (en)", "label::Magyar (hu)"], ["text", "q", "Q", "K"]],
        settings=[["form_title", "form_title::Magyar (hu)"], ["Title", "Cím"]],
    )
    assert read_xlsform(data).title == {"en": "Title", "hu": "Cím"}


def _book(survey_rows: Any, choice_rows: Any = None, settings: Any = None) -> Any:
    wb = Workbook()
    ws = wb.active
    ws.title = "survey"
    for r in survey_rows:
        ws.append(r)
    if choice_rows:
        cs = wb.create_sheet("choices")
        for r in choice_rows:
            cs.append(r)
    if settings:
        st = wb.create_sheet("settings")
        for r in settings:
            st.append(r)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def test_a_kobo_style_form_with_unsuffixed_labels_uses_the_default_language() -> None:
    data = _book(
        [
            ["type", "name", "label", "label::Croatian (hr)", "$kuid"],
            ["select_one yn", "q1", "Export?", "Izvoz?", "abc1"],
            ["integer", "q2", "How many?", "Koliko?", "abc2"],
        ],
        [
            ["list_name", "name", "label", "label::Croatian (hr)"],
            ["yn", "yes", "Yes", "Da"],
            ["yn", "no", "No", "Ne"],
        ],
        [["form_id", "default_language"], ["kobo1", "English (en)"]],
    )
    form = read_xlsform(data)
    assert form.languages == ("en", "hr")
    assert form.question("q1").label == {"en": "Export?", "hr": "Izvoz?"}
    assert form.choices["yn"][0].label == {"en": "Yes", "hr": "Da"}


def test_a_type_that_is_not_xlsform_names_the_sheet_row_and_column() -> None:
    data = _book([["type", "name", "label"], ["text", "ok", "OK"], ["slider", "q", "Q"]])
    with pytest.raises(XLSFormError) as err:
        read_xlsform(data)
    problem = err.value.problems[0]
    assert (problem.sheet, problem.row, problem.column) == ("survey", 3, "type")
    assert "'slider'" in problem.message


def test_pyxform_rejects_broken_forms() -> None:
    data = _book([["type", "name", "label"], ["text", "q", "Q"], ["integer", "q", "Again"]])
    with pytest.raises(XLSFormError):
        read_xlsform(data)


def test_a_file_that_is_not_a_workbook_is_rejected() -> None:
    with pytest.raises(XLSFormError):
        read_xlsform(b"PK\x03\x04 truncated")


def test_binary_files_other_than_workbooks_are_not_read_as_text() -> None:
    with pytest.raises(XLSFormError, match=r"\.xlsx workbook is expected"):
        read_xlsform(b"\x89PNG\r\n\x1a\n\xda\x00\x01")
