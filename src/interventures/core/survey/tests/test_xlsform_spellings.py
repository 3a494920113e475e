"""Issue #11: the XLSForms KoboToolbox, ODK and Excel users have are imported, with every spelling
pyxform accepts, every type, column, setting and sheet; and they come back whole on export."""

from __future__ import annotations

import io
from collections.abc import Callable
from pathlib import Path

import pytest
from openpyxl import load_workbook
from pyxform.xls2xform import convert

from interventures.core.survey.form import Form
from interventures.core.survey.types import REGISTRY
from interventures.core.survey.validate import clean_response
from interventures.core.survey.xlsform import XLSFormError, read_xlsform, xlsform_bytes

from .xlsforms import FORMS, hand_written_form, kobo_builder_form, odk_repeat_form, workbook


def _pyxform_converts(data: bytes, tmp_path: Path) -> str:
    """The XForm pyxform makes of the workbook (comment rows, which pyxform refuses, blanked)."""
    book = load_workbook(io.BytesIO(data))
    sheet = book["survey"]
    for row in sheet.iter_rows(min_row=2):
        if row[0].value is None and str(row[1].value or "").startswith("_"):
            row[1].value = None
    path = tmp_path / "form.xlsx"
    book.save(path)
    return str(convert(xlsform=str(path)).xform)


@pytest.mark.parametrize("build", FORMS.values(), ids=FORMS.keys())
def test_each_fixture_form_is_one_pyxform_converts_and_the_platform_imports(
    build: Callable[[], bytes], tmp_path: Path
) -> None:
    assert "<h:html" in _pyxform_converts(build(), tmp_path)
    assert read_xlsform(build()).questions


@pytest.mark.parametrize("build", FORMS.values(), ids=FORMS.keys())
def test_import_export_import_gives_the_same_form_and_pyxform_converts_the_export(
    build: Callable[[], bytes], tmp_path: Path
) -> None:
    form = read_xlsform(build(), name="household")
    exported = xlsform_bytes(form)
    assert read_xlsform(exported) == form
    assert read_xlsform(xlsform_bytes(read_xlsform(exported))) == form  # and again: nothing grows
    assert Form.from_dict(form.to_dict()) == form  # and through the database's JSON
    _pyxform_converts(exported, tmp_path)


# ---- refused before, though pyxform accepts the spelling ------------------------------------------


def test_select_one_from_list_and_or_other() -> None:
    form = read_xlsform(hand_written_form())
    assert (form.question("exports").type, form.question("exports").list_name) == ("select_one", "yn")
    kobo = read_xlsform(kobo_builder_form())
    sector = kobo.question("sector")
    assert sector.or_other
    assert [c.name for c in kobo.choices_for(sector)][-1] == "other"
    other = kobo.question("sector_other")  # the text XLSForm adds, asked when "other" is chosen
    assert other.relevant == "selected(${sector}, 'other')"
    values, errors = clean_response(kobo, {"sector": "other", "sector_other": "Tourism", "staff": "4"})
    assert errors == []
    assert values["sector_other"] == "Tourism"
    exported = load_workbook(io.BytesIO(xlsform_bytes(kobo)))["survey"]
    types = [r[0] for r in exported.iter_rows(min_row=2, values_only=True)]
    assert "select_one sector or_other" in types
    assert "sector_other" not in [r[1] for r in exported.iter_rows(min_row=2, values_only=True)]


def test_headers_in_capitals() -> None:
    form = read_xlsform(hand_written_form())
    assert form.id == "handmade"
    assert form.question("both").type == "select_multiple"
    assert form.choices["yn"][0].label["en"] == "Yes"


def test_label_with_a_single_colon_is_a_language() -> None:
    form = read_xlsform(hand_written_form())
    assert form.languages == ("en", "French")
    assert form.question("exports").label == {"en": "Exports?", "French": "Exporte ?"}
    assert form.choices["yn"][1].label["French"] == "Non"


def test_comment_rows_are_kept_and_never_asked() -> None:
    form = read_xlsform(hand_written_form())
    comment = form.questions[0]
    assert (comment.type, comment.name) == ("comment", "_comment_exports")
    assert comment not in form.answerable()
    assert clean_response(form, {"exports": "no"})[1] == []


def test_id_string_in_settings_is_the_form_id() -> None:
    assert read_xlsform(hand_written_form()).id == "handmade"


def test_allow_choice_duplicates_on_a_cascading_select() -> None:
    form = read_xlsform(odk_repeat_form())
    assert [c.name for c in form.choices["city"]].count("other") == 2


def test_duplicate_choices_without_the_setting_are_refused_on_the_choices_sheet() -> None:
    data = workbook(
        [["type", "name", "label"], ["select_one c", "q", "Q"]],
        [["list_name", "name", "label"], ["c", "a", "A"], ["c", "a", "A again"]],
    )
    with pytest.raises(XLSFormError) as refused:
        read_xlsform(data)
    assert (refused.value.problems[0].sheet, refused.value.problems[0].row) == ("choices", 3)
    assert refused.value.problems[0].column == "name"
    assert "allow_choice_duplicates" in refused.value.problems[0].message


def test_a_translation_missing_in_one_language_is_said_not_refused() -> None:
    form = read_xlsform(hand_written_form())
    assert form.question("share").label == {"en": "Export share %"}
    assert form.question("share").label_in("French") == "Export share %"  # shown in the default
    assert "question share: no label in French" in form.missing_translations()


def test_a_nameless_note_gets_pyxforms_name_and_is_written_back_nameless() -> None:
    form = read_xlsform(hand_written_form())
    note = next(q for q in form.questions if q.type == "note")
    assert note.name == "generated_note_name_6"  # the row, as pyxform names it
    rows = list(
        load_workbook(io.BytesIO(xlsform_bytes(form)))["survey"].iter_rows(min_row=2, values_only=True)
    )
    assert next(r for r in rows if r[0] == "note")[1] is None


def test_required_given_as_a_condition() -> None:
    form = read_xlsform(hand_written_form())
    share = form.question("share")
    assert (share.required, share.required_if) == (False, "${exports} = 'yes'")
    errors = clean_response(form, {"exports": "yes", "market": "de"})[1]
    assert [(e.question, e.code) for e in errors] == [("share", "required")]
    assert clean_response(form, {"exports": "no"})[1] == []


# ---- refused before as "not supported" ------------------------------------------------------------


def test_metadata_types_are_kept_filled_by_the_tool_and_not_asked() -> None:
    form = read_xlsform(kobo_builder_form())
    for name in ("start", "end", "today", "deviceid"):
        q = form.question(name)
        assert REGISTRY[q.type].automatic
        assert q in form.answerable()
        assert q not in form.asked()
    values, errors = clean_response(
        form,
        {
            "start": "2024-05-02T10:00:00.000+02:00",
            "deviceid": "collect:abc",
            "staff": "3",
            "sector": "services",
        },
    )
    assert errors == []
    assert values["deviceid"] == "collect:abc"


@pytest.mark.parametrize(
    ("qtype", "good", "bad"),
    [
        ("geopoint", "47.07 17.91 120 5", "147 17.9"),
        ("geotrace", "47.0 17.9 0 0;47.1 18.0 0 0", "47.0 17.9"),
        ("geoshape", "47 17;47.1 18;47.2 17.5;47 17", "47 17;47.1 18"),
        ("time", "10:30:00.000+02:00", "25:99"),
        ("datetime", "2024-05-02T10:30:00.000+02:00", "yesterday"),
        ("range", "3", "three"),
        ("barcode", "5901234123457", None),
        ("image", "1714640000.jpg", None),
        ("audio", "note.m4a", None),
        ("video", "walk.mp4", None),
        ("file", "plan.pdf", None),
    ],
)
def test_geo_media_time_range_and_barcode_types_are_read_and_checked(
    qtype: str, good: str, bad: str | None
) -> None:
    form = read_xlsform(workbook([["type", "name", "label"], [qtype, "q", "Q"]]))
    assert form.question("q").type == qtype
    assert clean_response(form, {"q": good})[1] == []
    if bad is not None:
        assert clean_response(form, {"q": bad})[1][0].question == "q"


def test_rank_repeat_and_loop_are_read() -> None:
    form = read_xlsform(odk_repeat_form())
    assert form.question("priorities").type == "rank"
    assert form.question("site").type == "begin_repeat"
    assert [q.name for q in form.repeat_questions("site")] == ["country", "city", "where", "rating"]
    loop = workbook(
        [
            ["type", "name", "label"],
            ["begin loop over yn", "each", "Each"],
            ["integer", "n", "N"],
            ["end loop"],
        ],
        [["list_name", "name", "label"], ["yn", "yes", "Yes"], ["yn", "no", "No"]],
    )
    looped = read_xlsform(loop)
    assert looped.question("each").type == "begin_repeat"
    assert read_xlsform(xlsform_bytes(looped)) == looped


def test_repeat_instances_are_checked_each_with_its_own_cascading_select() -> None:
    form = read_xlsform(odk_repeat_form())
    answers = {
        "firm_name": "Kft",
        "n_sites": "2",
        "site": [{"country": "hu", "city": "pecs"}, {"country": "hr", "city": "pecs"}],
    }
    values, errors = clean_response(form, answers)
    assert [(e.question, e.code, e.params["instance"]) for e in errors] == [("city", "not_a_choice", 2)]
    assert values["site"][0] == {"country": "hu", "city": "pecs"}
    answers["site"] = [{"country": "hr"}]  # city is required in each instance
    assert [(e.question, e.code) for e in clean_response(form, answers)[1]] == [("city", "required")]


def test_appearance_default_bind_and_body_columns_are_kept() -> None:
    form = read_xlsform(odk_repeat_form())
    assert form.question("firm").appearance == "field-list"
    assert form.question("n_sites").default == "1"
    assert form.question("firm_name").extra["bind::odk:length"] == "3-60"
    assert form.question("firm_name").extra["guidance_hint::English (en)"] == "As registered"
    assert form.question("where").extra["body::accuracyThreshold"] == "10"
    assert form.question("site").extra["repeat_count"] == "${n_sites}"
    assert form.question("rating").parameters == "start=1 end=5 step=1"
    kobo = read_xlsform(kobo_builder_form())
    assert kobo.question("sector").appearance == "minimal"
    assert kobo.question("sector").extra["$kuid"] == "k5"


def test_media_columns_on_choices_are_kept() -> None:
    form = read_xlsform(odk_repeat_form())
    assert form.choices["country"][0].extra == {"image::English (en)": "hu.png"}
    assert "image::English (en)" not in form.choices["country"][0].filters


def test_select_one_from_file_and_external_choices_accept_the_files_values() -> None:
    form = read_xlsform(hand_written_form())
    assert form.question("market").type == "select_one_from_file"
    assert form.question("market").list_name == "markets.csv"
    assert form.sheets["external_choices"][0] == ("list_name", "name", "label", "region")
    values, errors = clean_response(
        form, {"exports": "yes", "market": "de", "share": "40", "county": "baranya"}
    )
    assert errors == []
    assert values["market"] == "de"


def test_pulldata_is_kept_and_the_collecting_tools_value_accepted() -> None:
    form = read_xlsform(hand_written_form())
    assert form.question("region_name").calculation.startswith("pulldata(")
    assert ("region_name", "calculation") in form.unevaluated()
    values, errors = clean_response(form, {"exports": "no", "region_name": "Baranya"})
    assert errors == []
    assert values["region_name"] == "Baranya"


def test_the_entities_sheet_and_every_setting_are_kept() -> None:
    form = read_xlsform(odk_repeat_form())
    assert form.sheets["entities"] == (("list_name", "label"), ("firms", "${firm_name}"))
    assert form.settings["instance_name"] == "concat(${firm_name}, '-', ${n_sites})"
    assert form.settings["submission_url"] == "https://example.org/submission"
    assert form.settings["allow_choice_duplicates"] == "yes"


# ---- lost on the round trip before ----------------------------------------------------------------


def test_instance_name_and_every_setting_are_written_back(tmp_path: Path) -> None:
    form = read_xlsform(odk_repeat_form())
    settings = load_workbook(io.BytesIO(xlsform_bytes(form)))["settings"]
    header, values = (list(r) for r in settings.iter_rows(values_only=True))
    written = dict(zip(header, values, strict=True))
    assert written["instance_name"] == "concat(${firm_name}, '-', ${n_sites})"
    assert written["public_key"] == "MIIBIjANBg"
    assert "instanceName" in _pyxform_converts(xlsform_bytes(form), tmp_path)


def test_the_root_name_is_kept(tmp_path: Path) -> None:
    named = workbook([["type", "name", "label"], ["text", "q", "Q"]], settings=[["name"], ["household"]])
    form = read_xlsform(named, name="Questionnaire shown as")
    assert form.root_name == "household"
    assert '<household id="' in _pyxform_converts(xlsform_bytes(form), tmp_path)


def test_a_language_outside_the_seven_keeps_its_name_through_round_trips() -> None:
    form = read_xlsform(hand_written_form())
    for _ in range(3):
        form = read_xlsform(xlsform_bytes(form))
    header = [
        c.value for c in next(load_workbook(io.BytesIO(xlsform_bytes(form)))["survey"].iter_rows(max_row=1))
    ]
    assert "label::French" in header
    assert not any("French (French)" in str(h) for h in header)
    spelled = read_xlsform(workbook([["type", "name", "label::Français (fr)"], ["text", "q", "Q"]]))
    assert spelled.languages == ("fr",)
    assert "label::Français (fr)" in [
        c.value
        for c in next(load_workbook(io.BytesIO(xlsform_bytes(spelled)))["survey"].iter_rows(max_row=1))
    ]


# ---- messages --------------------------------------------------------------------------------------


def test_every_problem_at_once_each_on_its_sheet_row_and_column() -> None:
    data = workbook(
        [["type", "name", "label"], ["slider", "a", "A"], ["text", None, "B"], ["select_one c", "q", "Q"]],
        [["list_name", "name", "label"], ["c", None, "A"]],
    )
    with pytest.raises(XLSFormError) as refused:
        read_xlsform(data)
    where = [(p.sheet, p.row, p.column) for p in refused.value.problems]
    assert ("survey", 2, "type") in where
    assert ("survey", 3, "name") in where
    assert ("choices", 2, "name") in where


def test_pyxforms_own_problems_name_the_row() -> None:
    data = workbook([["type", "name", "label"], ["text", "q", "Q"], ["calculate", "c", None]])
    with pytest.raises(XLSFormError) as refused:
        read_xlsform(data)
    problem = refused.value.problems[0]
    assert (problem.sheet, problem.row, problem.column) == ("survey", 3, "calculation")
