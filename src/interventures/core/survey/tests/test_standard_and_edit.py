import pytest

from interventures.core.capacity import CapacityModel, Dimension, Item, Option
from interventures.core.survey import FormError, Question, validate_response
from interventures.core.survey.edit import add_question, move_question, remove_question, set_label
from interventures.core.survey.standard import LANGS, standard_form
from interventures.core.survey.xlsform import read_xlsform, xlsform_bytes


def tiny_capacity_model() -> CapacityModel:
    def text(prefix: str) -> dict[str, str]:
        return {lang: f"{prefix} {lang}" for lang in LANGS}

    options = (Option("low", text("low"), 0.0), Option("high", text("high"), 1.0))
    items = tuple(
        Item(
            id=f"i{n}",
            dimension="finance",
            text=text(f"Item {n}"),
            options=options,
            weight=1.0,
            allow_dont_know=True,
            help={},
        )
        for n in range(3)
    )
    dim = Dimension(id="finance", name=text("Finance"), description=text("d"), steps={})
    return CapacityModel(version="9.9", dimensions=(dim,), items=items, stages=(), dont_know_label=text("dk"))


def test_standard_questionnaire_is_complete_in_all_seven_languages_and_round_trips() -> None:
    form = standard_form(tiny_capacity_model())
    assert form.problems() == []
    assert form.languages == ("en", "hu", "hr", "it", "pl", "es", "lt")
    assert read_xlsform(xlsform_bytes(form)) == form


def test_capacity_items_become_questions_sharing_one_scale() -> None:
    form = standard_form(tiny_capacity_model())
    items = [q for q in form.questions if q.name.startswith("cap_i")]
    assert [q.name for q in items] == ["cap_i0", "cap_i1", "cap_i2"]
    assert len({q.list_name for q in items}) == 1
    assert [c.name for c in form.choices_for(items[0])] == ["low", "high", "dont_know"]


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
