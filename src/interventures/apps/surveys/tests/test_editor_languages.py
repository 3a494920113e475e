"""The editor requires labels in the languages the questionnaire declares, not in all seven: a copy
declares the languages its region fields (the partner may tick others), the editor changes them,
and the other languages' fields are optional and folded away."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from interventures.apps.accounts.models import Role
from interventures.apps.surveys import services
from interventures.apps.surveys.models import Questionnaire

pytestmark = pytest.mark.django_db

LABELS = {"label_en": "Website", "label_hu": "Weboldal", "label_hr": "Mrežna stranica"}


@pytest.fixture
def standard(db):
    return services.questionnaire_ensure_standard()


@pytest.fixture
def partner(client_as, make_region):
    region = make_region()
    region.languages = ["hu", "hr"]
    region.save(update_fields=["languages"])
    client, _user = client_as(Role.REGIONAL_PARTNER, region=region)
    return client


def _copy(partner, standard, **data):
    page = partner.get(reverse("surveys:questionnaire_copy", args=[standard.pk])).content.decode()
    ticked = re.findall(r'<input type="checkbox" name="languages" value="([a-z]+)"[^>]*checked', page)
    r = partner.post(
        reverse("surveys:questionnaire_copy", args=[standard.pk]),
        {"name": "Ours", "languages": ticked, **data},
    )
    assert r.status_code == 302, r.content.decode()[:2000]
    return ticked, Questionnaire.objects.get(name="Ours")


def _add(client, questionnaire, **labels):
    return client.post(
        reverse("surveys:questionnaire_question_add", args=[questionnaire.pk]),
        {"type": "text", "name": "website", "position": "", **labels},
    )


def test_a_copy_declares_its_regions_languages_and_needs_labels_only_in_them(partner, standard):
    assert len(standard.current.form.languages) == 7
    ticked, copy = _copy(partner, standard)
    assert ticked == ["en", "hu", "hr"]  # the region's languages and English, ticked for the partner
    assert copy.current.form.languages == ("en", "hu", "hr")
    assert copy.current.form.question("size_class").label["pl"]  # the other labels are kept
    r = _add(partner, copy, **LABELS)  # no Italian, Polish, Spanish or Lithuanian label
    assert r.status_code == 302
    copy.refresh_from_db()
    assert copy.current.form.question("website").label == {
        "en": "Website",
        "hu": "Weboldal",
        "hr": "Mrežna stranica",
    }


def test_a_missing_label_in_a_declared_language_names_the_question_and_the_language(partner, standard):
    _ticked, copy = _copy(partner, standard)
    r = _add(partner, copy, label_en="Website", label_hu="Weboldal")
    html = r.content.decode()
    assert r.status_code == 400
    assert "Question “website”: no label in Croatian." in html
    assert "no label in Polish" not in html
    assert "no label in Italian" not in html


def test_the_question_forms_fold_the_other_languages_away(partner, standard):
    _ticked, copy = _copy(partner, standard)
    for url in (
        reverse("surveys:questionnaire_question_add", args=[copy.pk]),
        reverse("surveys:questionnaire_question", args=[copy.pk, "size_class"]),
    ):
        html = partner.get(url).content.decode()
        folded = re.search(r'<details class="other-languages">(.*?)</details>', html, re.S)
        assert folded, url
        assert 'name="label_pl"' in folded[1]
        assert 'name="label_hr"' not in folded[1]
        before = html[: folded.start()]
        assert 'name="label_hr"' in before
        assert 'name="label_pl"' not in before


def test_the_editor_changes_the_declared_languages(client_as, make_region):
    from interventures.core.survey.tests.forms import small_form

    region = make_region()
    q = services.questionnaire_create(name="Regional", form=small_form(), region_id=region.pk)
    client, _user = client_as(Role.REGIONAL_PARTNER, region=region)
    url = reverse("surveys:questionnaire_edit", args=[q.pk])
    page = client.get(url).content.decode()
    assert "Languages of this questionnaire: English, Hungarian." in page
    assert re.search(r'<input type="checkbox" name="languages" value="hu"[^>]*checked', page)

    r = client.post(url, {"op": "languages", "languages": ["hu"]})
    assert r.status_code == 302
    q.refresh_from_db()
    assert q.current.form.languages == ("hu",)
    assert q.current.form.default_language == "hu"
    assert q.current.form.question("employees").label["en"] == "Employees"  # kept, now optional

    # a language no question has labels in is refused in one line naming it, and nothing changes
    r = client.post(url, {"op": "languages", "languages": ["hu", "pl"]})
    html = r.content.decode()
    assert r.status_code == 400
    assert re.search(
        r"Polish cannot be a language of this questionnaire yet. Questions with no label in it \(11\): profile, employees, turnover, founded, exports\. ",
        html,
    )
    assert html.count("cannot be a language of this questionnaire yet") == 1
    q.refresh_from_db()
    assert q.current.form.languages == ("hu",)

    r = client.post(url, {"op": "languages"})  # none ticked
    assert r.status_code == 400
    assert "Tick at least one language." in r.content.decode()


def test_a_copy_cannot_declare_a_language_the_source_has_no_labels_in(make_region):
    from interventures.core.survey.tests.forms import small_form

    source = services.questionnaire_create(name="Small", form=small_form(), published=True)
    with pytest.raises(services.SurveyError, match="no labels in: pl"):
        services.questionnaire_copy(source=source, name="C", region_id=make_region().pk, languages=["pl"])
