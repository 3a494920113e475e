"""The SME's way through the test in the browser's place (the test client): start, a page per
dimension, autosave, resume after a lost session, the result page and its PDF, sharing."""

from __future__ import annotations

import html as htmllib
import io
import re
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import translation

from interventures.apps.assessment.models import Assessment, Status
from interventures.core import capacity

from .conftest import answers_at, low_then_high

pytestmark = pytest.mark.django_db

LANGS = ["en", "hu", "hr", "it", "pl", "es", "lt"]


@pytest.fixture(autouse=True)
def _reference(reference: dict[str, Any]) -> None:
    """The start page offers the real regions and NACE sections; the plan names the real instrument."""


def url(name: str, lang: str = "en", **kwargs: Any) -> str:
    with translation.override(lang):
        return reverse(f"assessment:{name}", kwargs=kwargs)


def text_of(response: Any) -> str:
    """A page's HTML with entities resolved, to look for the model's texts (apostrophes and all)."""
    return htmllib.unescape(response.content.decode())


def begin(client: Client, lang: str = "en", region: str = "hu-hr") -> Assessment:
    response = client.post(url("start", lang), {"region": region, "size_class": "small", "sector": "C"})
    assert response.status_code == 302, response.content.decode()[:2000]
    assessment = Assessment.objects.latest("created_at")
    assert response["Location"] == url("step", lang, token=assessment.token, number=1)
    return assessment


def page_data(model: capacity.CapacityModel, number: int, answers: dict[str, str]) -> dict[str, str]:
    dimension = model.dimensions[number - 1]
    return {i.id: answers[i.id] for i in model.items_of(dimension.id) if i.id in answers}


def test_the_whole_way_from_start_to_result(
    client: Client, regions: Any, model: capacity.CapacityModel
) -> None:
    assessment = begin(client)
    answers = low_then_high(model)
    total = len(model.dimensions)
    for number in range(1, total + 1):
        page = client.get(url("step", token=assessment.token, number=number))
        assert page.status_code == 200
        assert f"Step {number} of {total}" in page.content.decode()
        response = client.post(
            url("step", token=assessment.token, number=number), page_data(model, number, answers)
        )
        expected = (
            url("result", token=assessment.token)
            if number == total
            else url("step", token=assessment.token, number=number + 1)
        )
        assert response["Location"] == expected
    assessment.refresh_from_db()
    assert assessment.status == Status.COMPLETED
    assert assessment.result == capacity.score(model, answers).to_dict()

    html = text_of(client.get(url("result", token=assessment.token)))
    stage = model.stage(assessment.stage)
    assert stage.name["en"] in html
    assert stage.description["en"] in html
    for gap in assessment.result["gaps"]:
        assert model.dimension(gap["dimension"]).name["en"] in html
    first_step = capacity.development_plan(model, capacity.result_from_dict(assessment.result), "en").steps[0]
    assert first_step.text in html
    assert 'id="score-chart"' in html
    progress = capacity.stage_progress(model, answers)
    if progress.next_stage is not None:  # what it takes to climb one rung
        assert model.stage(progress.next_stage).name["en"] in html
        assert progress.missing
    assert "Interreg V-A Hungary–Croatia" in html
    assert "Beneficiary Light" in html
    assert "No regional average yet" in html  # a single result is below the minimum cell


def test_the_top_of_the_ladder_says_so(
    client: Client, make_result: Any, model: capacity.CapacityModel
) -> None:
    best = make_result("lombardia", answers=answers_at(model, 99))
    assert best.stage == model.stages[-1].id
    assert "You have reached the top of the ladder." in text_of(client.get(url("result", token=best.token)))


def test_the_regional_average_appears_from_the_minimum_cell(
    client: Client, make_result: Any, settings: Any, model: capacity.CapacityModel
) -> None:
    settings.INTERVENTURES_MIN_CELL = 3
    mine = make_result("lombardia", answers=answers_at(model, 0))
    html = text_of(client.get(url("result", token=mine.token)))
    assert "No regional average yet" in html
    make_result("lombardia", answers=answers_at(model, 99))
    make_result("lombardia", answers=answers_at(model, 99))
    make_result("podkarpackie", answers=answers_at(model, 99))  # another region does not count
    html = text_of(client.get(url("result", token=mine.token)))
    assert "The regional average rests on 3 completed tests" in html


def test_going_back_saves_the_page_and_shows_its_answers(
    client: Client, regions: Any, model: capacity.CapacityModel
) -> None:
    assessment = begin(client)
    answers = answers_at(model, 1)
    client.post(url("step", token=assessment.token, number=1), page_data(model, 1, answers))
    response = client.post(
        url("step", token=assessment.token, number=2), page_data(model, 2, answers) | {"go": "back"}
    )
    assert response["Location"] == url("step", token=assessment.token, number=1)
    assert assessment.answers.count() == len(page_data(model, 1, answers)) + len(page_data(model, 2, answers))
    html = text_of(client.get(url("step", token=assessment.token, number=1)))
    first = model.items_of(model.dimensions[0].id)[0]
    assert re.search(rf'name="{first.id}" value="{answers[first.id]}"[^>]*checked', html)


def test_autosave_stores_each_answer_as_it_is_given(
    client: Client, regions: Any, model: capacity.CapacityModel
) -> None:
    assessment = begin(client)
    item = model.items[0]
    response = client.post(
        url("autosave", token=assessment.token), {"item": item.id, "value": item.options[1].id}
    )
    assert response.status_code == 200
    assert response.json() == {"saved": True, "item": item.id}
    assert dict(assessment.answers.values_list("item_id", "value")) == {item.id: item.options[1].id}


def test_autosave_names_the_bad_item(client: Client, regions: Any, model: capacity.CapacityModel) -> None:
    assessment = begin(client)
    response = client.post(
        url("autosave", token=assessment.token), {"item": model.items[0].id, "value": "nope"}
    )
    assert response.status_code == 400
    assert response.json()["item"] == model.items[0].id
    assert "nope" in response.json()["error"]


def test_autosave_requires_the_csrf_token(regions: Any, model: capacity.CapacityModel) -> None:
    client = Client(enforce_csrf_checks=True)
    page = client.get(url("start"))
    csrf = page.cookies["csrftoken"].value
    client.post(
        url("start"), {"region": "hu-hr", "size_class": "small", "sector": "C", "csrfmiddlewaretoken": csrf}
    )
    assessment = Assessment.objects.get()
    item = model.items[0]
    data = {"item": item.id, "value": item.options[0].id}
    assert client.post(url("autosave", token=assessment.token), data).status_code == 403
    assert (
        client.post(url("autosave", token=assessment.token), data, HTTP_X_CSRFTOKEN=csrf).status_code == 200
    )


def test_resume_after_a_lost_session_continues_where_the_sme_left_off(
    client: Client, regions: Any, model: capacity.CapacityModel
) -> None:
    assessment = begin(client)
    answers = answers_at(model, 2)
    for number in (1, 2):
        client.post(url("step", token=assessment.token, number=number), page_data(model, number, answers))
    client.post(
        url("autosave", token=assessment.token),
        {
            "item": model.items_of(model.dimensions[2].id)[0].id,
            "value": model.items_of(model.dimensions[2].id)[0].options[0].id,
        },
    )

    other_device = Client()  # a new browser: no session, only the link
    response = other_device.get(url("resume", token=assessment.token))
    assert response["Location"] == url("step", token=assessment.token, number=3)
    html = text_of(other_device.get(response["Location"]))
    assert "Step 3 of" in html
    assert str(assessment.token) in html


def test_the_resume_link_shows_from_the_first_page(client: Client, regions: Any) -> None:
    assessment = begin(client)
    html = text_of(client.get(url("step", token=assessment.token, number=1)))
    assert f"/en/test/{assessment.token}/" in html


def test_a_completed_test_resumes_on_its_result(client: Client, make_result: Any) -> None:
    result = make_result("hu-hr")
    assert client.get(url("resume", token=result.token))["Location"] == url("result", token=result.token)
    assert client.get(url("step", token=result.token, number=1))["Location"] == url(
        "result", token=result.token
    )


def test_the_start_page_explains_what_is_missing(client: Client, regions: Any) -> None:
    response = client.post(
        url("start"), {"region": "other", "country": "SK", "nuts3": "", "size_class": "small"}
    )
    assert response.status_code == 200
    html = text_of(response)
    assert "Give the five-character NUTS 3 code" in html
    assert "This field is required" in html
    assert not Assessment.objects.exists()


def test_another_eu_border_region_by_nuts3(client: Client, regions: Any, nuts3: None) -> None:
    client.post(
        url("start"),
        {"region": "other", "country": "sk", "nuts3": "SK042", "size_class": "micro", "sector": "G"},
    )
    assessment = Assessment.objects.get()
    assert assessment.region is None
    assert assessment.nuts3 == "SK042"


def test_an_inland_region_is_not_taken_for_a_border_region(client: Client, regions: Any, nuts3: None) -> None:
    response = client.post(
        url("start"),
        {"region": "other", "country": "FR", "nuts3": "FR101", "size_class": "micro", "sector": "G"},
    )
    assert "FR101 is not an EU border region" in text_of(response)
    assert not Assessment.objects.exists()


@pytest.mark.parametrize("lang", LANGS)
def test_every_page_in_every_language(client: Client, make_result: Any, lang: str) -> None:
    model = capacity.load_model()
    start_page = client.get(url("start", lang))
    assert start_page.status_code == 200
    assert f'lang="{lang}"' in start_page.content.decode()
    assessment = begin(client, lang)
    step = text_of(client.get(url("step", lang, token=assessment.token, number=1)))
    assert model.dimensions[0].name[lang] in step
    assert model.items[0].text[lang] in step
    result = make_result("hu-hr", language=lang)
    html = text_of(client.get(url("result", lang, token=result.token)))
    assert model.stage(result.stage).name[lang] in html
    if lang != "en":  # the interface itself is translated, not only the model's texts
        with translation.override(lang):
            assert translation.gettext("Your development plan") != "Your development plan"


def pdf_text(content: bytes) -> str:
    from pypdf import PdfReader

    return " ".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)


@pytest.mark.parametrize("lang", ["en", "hu"])
def test_the_pdf_holds_the_stage_and_the_gaps_as_text(
    client: Client, make_result: Any, model: capacity.CapacityModel, lang: str
) -> None:
    result = make_result("hu-hr", answers=low_then_high(model))
    response = client.get(url("result_pdf", lang, token=result.token))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    text = re.sub(r"\s+", " ", pdf_text(response.content))
    assert model.stage(result.stage).name[lang] in text
    gap = result.result["gaps"][0]["dimension"]
    assert model.dimension(gap).name[lang] in text


def test_the_sme_shares_and_withdraws(client: Client, make_result: Any) -> None:
    result = make_result("castilla-y-leon")
    client.post(url("share", token=result.token), {"share": "1", "consent": "on"})
    result.refresh_from_db()
    assert result.shared_with_region
    client.post(url("share", token=result.token), {"share": "0"})
    result.refresh_from_db()
    assert not result.shared_with_region


def test_a_result_is_not_shared_without_the_consent_box(client: Client, make_result: Any) -> None:
    result = make_result("castilla-y-leon")
    response = client.post(url("share", token=result.token), {"share": "1"}, follow=True)
    result.refresh_from_db()
    assert not result.shared_with_region
    assert "Tick the box to agree to sharing" in text_of(response)


def test_a_logged_in_sme_keeps_the_result_in_its_account(client_as: Any, make_result: Any) -> None:
    result = make_result("lt-klaipeda")
    client, user = client_as("sme")
    client.post(url("claim", token=result.token))
    result.refresh_from_db()
    assert result.user == user
    assert result.company == user.profile.company


def test_the_start_page_lists_the_test_of_this_browser(client: Client, regions: Any) -> None:
    assessment = begin(client)
    html = text_of(client.get(url("start")))
    assert url("resume", token=assessment.token) in html
    assert url("resume", token=assessment.token) not in text_of(Client().get(url("start")))


def test_a_logged_in_smes_start_form_is_filled_from_its_company(
    client: Client, make_user: Any, make_company: Any, make_result: Any, regions: Any
) -> None:
    from interventures.apps.assessment import services

    me = make_user("sme", company=make_company(region=regions["lombardia"], nuts3="ITC4C"))
    client.force_login(me)
    form = client.get(url("start")).context["form"]
    assert form["region"].value() == "lombardia"
    assert not form["size_class"].value()
    services.assessment_claim(assessment=make_result("lombardia", size_class="medium", sector="J"), user=me)
    form = client.get(url("start")).context["form"]
    assert (form["region"].value(), form["size_class"].value(), form["sector"].value()) == (
        "lombardia",
        "medium",
        "J",
    )
    elsewhere = make_user("sme", company=make_company(nuts3="HU110"))  # a region outside the five
    client.force_login(elsewhere)
    form = client.get(url("start")).context["form"]
    assert (form["region"].value(), form["country"].value(), form["nuts3"].value()) == (
        "other",
        "HU",
        "HU110",
    )
    assert Client().get(url("start")).context["form"]["region"].value() is None


def test_a_logged_in_sme_finds_its_own_and_its_companys_tests(
    client: Client, make_user: Any, make_result: Any, regions: Any
) -> None:
    from interventures.apps.assessment import services

    me = make_user("sme", region=regions["hu-hr"])
    colleague = make_user("sme", company=me.profile.company)
    mine = services.assessment_claim(assessment=make_result("hu-hr"), user=me)
    ours = services.assessment_claim(assessment=make_result("hu-hr"), user=colleague)
    theirs = services.assessment_claim(assessment=make_result("hu-hr"), user=make_user("sme"))
    client.force_login(me)
    html = text_of(client.get(url("start")))
    assert url("result", token=mine.token) in html
    assert url("result", token=ours.token) in html
    assert url("result", token=theirs.token) not in html


def test_a_result_naming_a_dimension_the_model_no_longer_has_stays_readable(
    client: Client, make_result: Any, model: capacity.CapacityModel
) -> None:
    """A later model version may drop or rename a dimension; results stored before still render."""
    result = make_result("hu-hr", answers=low_then_high(model))
    stored = dict(result.result)
    stored["dimension_scores"] = stored["dimension_scores"] | {"retired_dimension": 12.0}
    stored["gaps"] = [
        {"dimension": "retired_dimension", "score": 12.0, "shortfall": 88.0},
        *stored["gaps"][:2],
    ]
    Assessment.objects.filter(pk=result.pk).update(result=stored)
    response = client.get(url("result", token=result.token))
    assert response.status_code == 200
    assert "retired_dimension" in text_of(response)
    assert client.get(url("result_pdf", token=result.token)).status_code == 200


def test_support_in_the_region_names_whom_to_ask_with_their_contact(
    client: Client, make_result: Any, model: capacity.CapacityModel
) -> None:
    """The result's "Support in your region" links the region's partner and the organisation of each
    suggested service to their directory pages, with the website and public contact they give."""
    from interventures.apps.accounts.permissions import OPERATOR
    from interventures.apps.common.models import Region
    from interventures.apps.keyplayers import services as directory

    hu_hr = Region.objects.get(code="hu-hr")
    gap = model.dimensions[0].id
    fund = directory.organisation_create(
        user=OPERATOR,
        region=hu_hr,
        values={
            "name": "Border Fund",
            "type": "bank_fund",
            "published": True,
            "website": "https://fund.example.eu/",
            "contact": "desk@fund.example.eu",
        },
    )
    directory.service_create(
        user=OPERATOR,
        organisation=fund,
        values={"name": "Export loan", "service_type": "loans", "dimensions": [gap], "cost": "subsidised"},
    )
    assessment = make_result("hu-hr", answers=low_then_high(model))
    page = text_of(client.get(url("result", token=assessment.token)))
    support = page.split("Support in your region")[1].split("</section>")[0]
    assert "Export loan" in support
    assert f'href="{reverse("keyplayers:organisation", args=[fund.slug])}"' in support
    assert 'href="https://fund.example.eu/"' in support
    assert 'href="mailto:desk@fund.example.eu"' in support
    assert "Your region's INTER VENTURES partner" in support
    assert reverse("keyplayers:organisation", args=["pannon-egtc"]) in support
