import pytest

from interventures.core.survey import FormError, Question, validate_response
from interventures.core.survey.edit import add_question, move_question, remove_question, set_label
from interventures.core.survey.standard import standard_form

LANGS = ("en", "hu", "hr", "it", "pl", "es", "lt")


def test_standard_questionnaire_covers_the_issue_sections() -> None:
    names = {q.name for q in standard_form().questions}
    assert {
        "size_class",
        "nace_section",
        "nuts3",
        "year_founded",
        "turnover",
        "exports",
        "imports",
        "cross_border",
        "countries",
        "barriers",
        "aware_support",
        "used_support",
        "programme_aware",
        "needs",
    } <= names
    assert {"prefinancing", "programme_language"} <= {c.name for c in standard_form().choices["barriers"]}


def test_used_support_offers_only_known_organisations() -> None:
    form = standard_form()
    base = {
        "size_class": "micro",
        "nace_section": "C",
        "exports": "no",
        "imports": "no",
        "cross_border": "no",
        "barriers": "finance",
        "programme_aware": "no",
        "aware_support": "chamber",
    }
    assert validate_response(form, {**base, "used_support": "chamber"}) == []
    assert [e.code for e in validate_response(form, {**base, "used_support": "een"})] == ["not_a_choice"]


def test_partners_can_add_move_relabel_and_remove_questions() -> None:
    form = standard_form()
    new_q = Question("employees", "integer", {lang: "n" for lang in LANGS}, constraint=". >= 0")
    form = add_question(form, new_q, after="size_class")
    assert form.question("employees").group == ("profile",)
    form = move_question(form, "employees", after=None)
    assert form.questions[0].name == "employees"
    form = set_label(form, "employees", "hu", "Létszám")
    assert form.question("employees").label["hu"] == "Létszám"
    form = remove_question(form, "support")  # a whole group
    assert "aware_support" not in {q.name for q in form.questions}
    assert "applied" not in form.choices


def test_an_edit_that_breaks_a_reference_is_refused() -> None:
    with pytest.raises(FormError, match="unknown question"):
        remove_question(standard_form(), "exports")


def test_an_added_question_without_all_labels_is_refused() -> None:
    with pytest.raises(FormError, match="no label"):
        add_question(standard_form(), Question("x", "text", {"en": "X"}))
