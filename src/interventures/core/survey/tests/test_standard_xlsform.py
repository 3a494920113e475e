"""The XLSForm file is the same questionnaire as the Python literals it was written from."""

from interventures.core.capacity import load_model
from interventures.core.survey.standard import read_standard_xlsform, standard_form


def test_the_xlsform_file_is_the_questionnaire_of_the_literals_field_by_field() -> None:
    literal = standard_form(load_model())
    read = read_standard_xlsform()
    assert (read.id, read.version, read.default_language) == (literal.id, literal.version, "en")
    assert read.version == "1+capacity-1.0"
    assert read.languages == literal.languages == ("en", "hu", "hr", "it", "pl", "es", "lt")
    assert read.title == literal.title
    assert [q.name for q in read.questions] == [q.name for q in literal.questions]
    for mine, theirs in zip(read.questions, literal.questions, strict=True):
        for attr in (
            "type",
            "label",
            "hint",
            "list_name",
            "required",
            "relevant",
            "constraint",
            "constraint_message",
            "calculation",
            "choice_filter",
            "group",
        ):
            assert getattr(mine, attr) == getattr(theirs, attr), (mine.name, attr)
    assert list(read.choices) == list(literal.choices)
    for list_name, choices in literal.choices.items():
        assert [(c.name, dict(c.label), dict(c.filters)) for c in read.choices[list_name]] == [
            (c.name, dict(c.label), dict(c.filters)) for c in choices
        ], list_name
    assert [(page and page.name, [q.name for q in qs]) for page, qs in read.pages()] == [
        (page and page.name, [q.name for q in qs]) for page, qs in literal.pages()
    ]
    assert read == literal
    assert read.to_dict() == literal.to_dict()  # what a questionnaire version stores


def test_pyxform_converts_the_shipped_file_without_errors_or_warnings() -> None:
    from pyxform.xls2xform import convert

    from interventures.core.survey.standard import STANDARD_XLSFORM

    result = convert(xlsform=str(STANDARD_XLSFORM))
    assert result.warnings == []
    assert "<h:title>Inter Ventures survey of SMEs</h:title>" in result.xform
    for language in ("English (en)", "Magyar (hu)", "Hrvatski (hr)", "Italiano (it)", "Polski (pl)"):
        assert f'lang="{language}"' in result.xform
    assert 'lang="Español (es)"' in result.xform and 'lang="Lietuvių (lt)"' in result.xform
