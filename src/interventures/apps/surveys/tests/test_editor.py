"""The questionnaire editor: copy and adapt, move, remove, relabel, add; whole-form validation;
a new version when a campaign fields the one being edited; who may edit what."""

from __future__ import annotations

import pytest
from django.urls import reverse

from interventures.apps.accounts.models import Role
from interventures.apps.surveys import services
from interventures.apps.surveys.models import Questionnaire, Response
from interventures.core.survey.tests.forms import small_form


@pytest.fixture
def regional(db, make_region):
    """A questionnaire owned by a region (a partner's adapted copy), with no campaign yet."""
    region = make_region()
    q = services.questionnaire_create(name="Regional", form=small_form(), region_id=region.pk)
    return q


def order(questionnaire):
    questionnaire.refresh_from_db()
    return [q.name for q in questionnaire.current.form.questions if q.type != "end_group"]


# ---- services ---------------------------------------------------------------------------------------


def test_a_move_is_saved_in_the_draft_version(regional):
    version = services.questionnaire_move_question(questionnaire=regional, name="turnover", direction="up")
    assert version.number == 1
    assert order(regional)[1:3] == ["turnover", "employees"]


def test_a_relabel_with_hint_required_and_choice_labels_is_saved(regional):
    services.questionnaire_update_question(
        questionnaire=regional,
        name="exports",
        label={"en": "Do you export?", "hu": "Exportál?"},
        hint={"en": "Goods or services"},
        required=False,
        relevant="",
        constraint="",
        choice_labels={"yes": {"en": "Yes, we do", "hu": "Igen"}, "no": {"en": "No", "hu": "Nem"}},
    )
    form = regional.current.form
    assert form.question("exports").label["en"] == "Do you export?"
    assert form.question("exports").hint == {"en": "Goods or services"}
    assert not form.question("exports").required
    assert form.choices["yn"][0].label["en"] == "Yes, we do"


def test_an_invalid_edit_saves_nothing_and_names_the_question(regional):
    before = regional.current.form_json
    with pytest.raises(services.QuestionnaireInvalid) as exc:
        services.questionnaire_remove_question(questionnaire=regional, name="exports")
    assert any(p.question == "trade" and p.field == "relevant" for p in exc.value.details)
    regional.refresh_from_db()
    assert regional.current.form_json == before
    assert regional.versions.count() == 1


def test_a_select_question_is_added_with_its_new_choices(regional):
    services.questionnaire_add_question(
        questionnaire=regional,
        type="select_one",
        name="online",
        label={"en": "Do you sell online?", "hu": "Értékesít online?"},
        position="after:exports",
        choices=[
            {"name": "yes", "label": {"en": "Yes", "hu": "Igen"}},
            {"name": "no", "label": {"en": "No", "hu": "Nem"}},
        ],
    )
    form = regional.current.form
    assert order(regional)[order(regional).index("exports") + 1] == "online"
    assert [c.name for c in form.choices["online"]] == ["yes", "no"]


def test_a_question_missing_a_label_in_one_language_is_not_added(regional):
    with pytest.raises(services.QuestionnaireInvalid) as exc:
        services.questionnaire_add_question(
            questionnaire=regional, type="text", name="web", label={"en": "Website"}
        )
    assert [(p.question, p.field, p.language) for p in exc.value.details] == [("web", "label", "hu")]
    assert "web" not in order(regional)


def test_editing_a_version_a_campaign_fields_makes_a_new_version(regional, make_region):
    campaign = services.campaign_create(
        region_id=regional.region_id, name="Fielded", version=regional.current
    )
    Response.objects.create(campaign=campaign, idempotency_key="k1", answers={"employees": 3})
    version = services.questionnaire_move_question(questionnaire=regional, name="comment", direction="up")
    assert version.number == 2
    campaign.refresh_from_db()
    assert campaign.version.number == 1
    assert campaign.version.form == small_form()
    assert campaign.responses.get().answers == {"employees": 3}
    # the new version is a draft: the next edit changes it in place; a change that changes nothing
    # (the first question "up") makes no version at all
    again = services.questionnaire_move_question(questionnaire=regional, name="comment", direction="up")
    assert again.pk == version.pk
    assert regional.versions.count() == 2
    services.campaign_create(region_id=regional.region_id, name="Second wave", version=again)
    services.questionnaire_move_question(questionnaire=regional, name=order(regional)[0], direction="up")
    assert regional.versions.count() == 2


# ---- views and permissions ----------------------------------------------------------------------


def test_a_partner_copies_the_standard_questionnaire_for_their_region(client_as, make_region):
    standard = services.questionnaire_create(
        name="Standard", form=small_form(), is_standard=True, published=True
    )
    region = make_region()
    c, _user = client_as(Role.REGIONAL_PARTNER, region=region)
    page = c.get(reverse("surveys:questionnaire_copy", args=[standard.pk])).content.decode()
    assert 'name="region"' not in page  # a partner's copy belongs to its own region
    r = c.post(
        reverse("surveys:questionnaire_copy", args=[standard.pk]), {"name": "Ours", "languages": ["en", "hu"]}
    )
    copy = Questionnaire.objects.get(name="Ours")
    assert copy.region == region
    assert copy.copied_from == standard
    assert r["Location"] == reverse("surveys:questionnaire_edit", args=[copy.pk])
    # the standard itself is read-only for partners
    assert c.get(reverse("surveys:questionnaire_edit", args=[standard.pk])).status_code == 403


def test_the_coordinator_may_make_a_partnership_wide_copy(client_as):
    standard = services.questionnaire_create(name="Standard", form=small_form(), is_standard=True)
    c, _user = client_as(Role.COORDINATOR)
    c.post(
        reverse("surveys:questionnaire_copy", args=[standard.pk]),
        {"name": "Shared", "region": "all", "languages": ["en"]},
    )
    assert Questionnaire.objects.get(name="Shared").region is None
    assert c.get(reverse("surveys:questionnaire_edit", args=[standard.pk])).status_code == 200


def test_the_editor_lists_questions_by_section_and_moves_one(client_as, regional):
    c, _user = client_as(Role.REGIONAL_PARTNER, region=regional.region)
    url = reverse("surveys:questionnaire_edit", args=[regional.pk])
    page = c.get(url).content.decode()
    assert page.index('id="q-profile"') < page.index('id="q-employees"') < page.index('id="q-exports"')
    assert 'aria-label="Move turnover up"' in page
    r = c.post(url, {"op": "down", "name": "employees"})
    assert r.status_code == 302
    assert "focus=down-employees" in r["Location"]
    assert order(regional)[1:3] == ["turnover", "employees"]
    assert "autofocus" in c.get(r["Location"]).content.decode()


def test_removing_a_referenced_question_shows_the_error_next_to_it(client_as, regional):
    c, _user = client_as(Role.REGIONAL_PARTNER, region=regional.region)
    r = c.post(reverse("surveys:questionnaire_edit", args=[regional.pk]), {"op": "remove", "name": "exports"})
    page = r.content.decode()
    assert r.status_code == 400
    assert "exports" in order(regional)
    assert "Question “trade” refers to question(s) that do not exist: exports." in page
    item = page[page.index('id="q-trade"') :]
    assert item.index("refers to question(s)") < item.index('id="q-neighbours_only"')


def test_a_question_is_relabelled_and_errors_sit_next_to_their_field(client_as, regional):
    c, _user = client_as(Role.REGIONAL_PARTNER, region=regional.region)
    url = reverse("surveys:questionnaire_question", args=[regional.pk, "employees"])
    page = c.get(url).content.decode()
    for lang in ("en", "hu", "hr", "it", "pl", "es", "lt"):
        assert f'name="label_{lang}"' in page
    data = {"label_en": "Staff", "label_hu": "", "required": "on", "relevant": "", "constraint": ". >= 0"}
    r = c.post(url, data)
    assert r.status_code == 400
    field = r.content.decode().split('name="label_hu"')[1].split(">")[0]
    assert 'aria-invalid="true"' in field
    assert 'aria-describedby="id_label_hu_error"' in field
    assert 'id="id_label_hu_error"' in r.content.decode()
    assert "Question “employees”: no label in" in r.content.decode()
    assert regional.current.form.question("employees").label["en"] == "Employees"
    r = c.post(url, {**data, "label_hu": "Létszám", "label_hr": "Zaposleni"})
    assert r.status_code == 302
    q = regional.current.form.question("employees")
    assert q.label == {"en": "Staff", "hu": "Létszám", "hr": "Zaposleni"}
    assert q.constraint == ". >= 0"


def test_a_select_question_is_added_from_the_browser_form(client_as, regional):
    c, _user = client_as(Role.COORDINATOR)
    url = reverse("surveys:questionnaire_question_add", args=[regional.pk])
    assert "select_multiple" in c.get(url).content.decode()
    data = {
        "type": "select_one",
        "name": "online",
        "position": "in:trade",
        "label_en": "Online?",
        "label_hu": "Online?",
        "choices_en": "yes = Yes\nno = No",
        "choices_hu": "yes = Igen\n",
    }
    r = c.post(url, data)
    assert r.status_code == 400
    assert "Question “online”, choice “no”: no label in" in r.content.decode()
    r = c.post(url, {**data, "choices_hu": "yes = Igen\nno = Nem"})
    assert r.status_code == 302
    assert order(regional)[order(regional).index("trade") + 1] == "online"


def test_a_partner_of_another_region_gets_404(client_as, regional, make_region):
    c, _user = client_as(Role.REGIONAL_PARTNER, region=make_region())
    for name, args in (
        ("surveys:questionnaire_edit", [regional.pk]),
        ("surveys:questionnaire_question", [regional.pk, "employees"]),
        ("surveys:questionnaire_question_add", [regional.pk]),
    ):
        assert c.get(reverse(name, args=args)).status_code == 404
    assert (
        c.post(
            reverse("surveys:questionnaire_edit", args=[regional.pk]), {"op": "up", "name": "turnover"}
        ).status_code
        == 404
    )
    assert order(regional)[1] == "employees"


def test_a_stakeholder_cannot_edit(client_as, regional):
    c, _user = client_as(Role.STAKEHOLDER, region=regional.region)
    url = reverse("surveys:questionnaire_edit", args=[regional.pk])
    assert c.get(url).status_code == 403
    assert c.post(url, {"op": "remove", "name": "comment"}).status_code == 403
    assert "comment" in order(regional)
