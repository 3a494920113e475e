"""The standard questionnaire is its XLSForm workbook, read by the platform's importer and in step
with the capacity model."""

import io
from dataclasses import replace

from openpyxl import load_workbook

from interventures.core.capacity import load_model
from interventures.core.survey.standard import (
    STANDARD_XLSFORM,
    capacity_problems,
    capacity_question_name,
    standard_form,
    standard_xlsform,
)
from interventures.core.survey.xlsform import read_xlsform, xlsform_bytes

LANGS = ("en", "hu", "hr", "it", "pl", "es", "lt")


def test_the_questionnaire_is_read_from_its_workbook_once_per_process() -> None:
    assert standard_form() is standard_form()
    assert standard_form() == read_xlsform(STANDARD_XLSFORM)


def test_it_is_complete_in_all_seven_languages_and_round_trips() -> None:
    form = standard_form()
    assert form.problems() == []
    assert (form.id, form.default_language, form.languages) == ("interventures_sme", "en", LANGS)
    assert set(form.title) == set(LANGS)
    for q in form.questions:
        for texts in (q.hint, q.constraint_message):
            assert not texts or set(texts) == set(LANGS), q.name
    assert read_xlsform(xlsform_bytes(form)) == form


def test_the_capacity_section_is_the_latest_capacity_model() -> None:
    model = load_model()
    form = standard_form()
    assert form.version == f"1+capacity-{model.version}"
    assert capacity_problems(form, model) == []
    item = model.items[0]
    question = form.question(capacity_question_name(item.id))
    assert question.group == (capacity_question_name(item.dimension),)
    assert question.label == item.text
    names = [c.name for c in form.choices_for(question)]
    assert names == [o.id for o in item.options] + (["dont_know"] if item.allow_dont_know else [])


def test_a_capacity_section_out_of_step_with_the_model_is_reported() -> None:
    model = load_model()
    form = standard_form()
    item = model.items[1]
    name = capacity_question_name(item.id)
    relabelled = replace(
        form,
        questions=tuple(
            replace(q, label={**q.label, "hu": "más"}) if q.name == name else q for q in form.questions
        ),
    )
    assert capacity_problems(relabelled, model) == [f"{name}: the label is not the item's text"]
    dropped = replace(form, questions=tuple(q for q in form.questions if q.name != name))
    (problem,) = capacity_problems(dropped, model)
    assert f"missing: {name}" in problem
    fewer_items = replace(model, items=model.items[:1] + model.items[2:])
    (problem,) = capacity_problems(form, fewer_items)
    assert f"not in the model: {name}" in problem


def test_the_download_is_the_shipped_workbook() -> None:
    filename, data = standard_xlsform()
    assert filename == "interventures-standard-1.xlsx"
    assert data == STANDARD_XLSFORM.read_bytes()
    assert read_xlsform(data) == standard_form()
    book = load_workbook(io.BytesIO(data))
    assert book.sheetnames == ["survey", "choices", "settings"]
    header = [c.value for c in next(book["survey"].iter_rows(max_row=1))]
    assert "label::Magyar (hu)" in header
    assert "constraint_message::Lietuvių (lt)" in header
    settings = dict(zip(*[[c.value for c in row] for row in book["settings"].iter_rows()], strict=True))
    assert settings["style"] == "pages"  # Enketo shows one group per page, like the platform


def test_pyxform_converts_the_shipped_file_without_errors_or_warnings() -> None:
    from pyxform.xls2xform import convert

    result = convert(xlsform=str(STANDARD_XLSFORM))
    assert result.warnings == []
    assert "<h:title>Inter Ventures survey of SMEs</h:title>" in result.xform
    for language in ("English (en)", "Magyar (hu)", "Hrvatski (hr)", "Italiano (it)", "Polski (pl)"):
        assert f'lang="{language}"' in result.xform
    assert 'lang="Español (es)"' in result.xform
    assert 'lang="Lietuvių (lt)"' in result.xform
