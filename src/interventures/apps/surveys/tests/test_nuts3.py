"""The NUTS 3 question on the respondent form: the campaign region's NUTS 3 regions as a list (names
and codes), and a code from outside the region refused on the server, naming the code."""

from __future__ import annotations

import re

import pytest
from django.test import Client

from interventures.apps.surveys import selectors, services
from interventures.apps.surveys.models import Response, ResponseStatus
from interventures.core.survey import Form, Question

pytestmark = pytest.mark.django_db

NUTS = ["HU223", "HU231", "HR025"]


def _form() -> Form:
    return Form(
        id="seat",
        version="1",
        title={"en": "Seat", "hr": "Sjedište"},
        default_language="en",
        languages=("en", "hr"),
        questions=(
            Question(
                "nuts3",
                "text",
                {"en": "NUTS 3 region of your seat", "hr": "NUTS 3 regija sjedišta"},
                required=True,
                constraint="regex(., '^[A-Z]{2}[0-9A-Z]{3}$')",
            ),
        ),
        choices={},
    )


@pytest.fixture
def campaign(db, make_region):
    from interventures.apps.classifications.services import nuts_load

    nuts_load(countries=["HU", "HR", "PL"])
    region = make_region(name="Hungary–Croatia")
    region.nuts = {"2016": ["HU223", "HU231", "HR04B"], "2021": NUTS, "2024": NUTS}
    region.save(update_fields=["nuts"])
    q = services.questionnaire_create(name="Seat", form=_form())
    return services.campaign_create(region_id=region.pk, name="Seat survey", version=q.current)


def _start(client: Client, campaign, lang: str = "en") -> str:
    return client.get(f"/{lang}/surveys/c/{campaign.slug}/")["Location"]


def test_the_regions_nuts3_list_is_offered_with_names_and_codes(client, campaign):
    page = client.get(_start(client, campaign, "hr")).content.decode()
    select = re.search(r'<select id="f-nuts3" name="nuts3".*?</select>', page, re.S)
    assert select, "the NUTS 3 question is a select, not a text box"
    assert '<textarea id="f-nuts3"' not in page  # no text box any more
    assert '<label for="f-nuts3">NUTS 3 regija sjedišta' in page
    options = re.findall(r'<option value="([A-Z0-9]+)"[^>]*>([^<]+)</option>', select[0])
    assert options == [
        ("HR025", "Osječko-baranjska županija (HR025)"),
        ("HU231", "Baranya (HU231)"),
        ("HU223", "Zala (HU223)"),
    ]
    # two countries: grouped under their names in the reader's language
    assert re.findall(r'<optgroup label="([^"]+)"', select[0]) == ["Hrvatska", "Mađarska"]


def test_a_code_from_another_region_is_refused_naming_it(client, campaign):
    url = _start(client, campaign)
    saved = client.post(url + "autosave/", {"name": "nuts3", "value": "PL823"}).json()
    assert saved["saved"]
    assert saved["errors"] == {"nuts3": f"PL823 is not a NUTS 3 region of {campaign.region.label}."}
    r = client.post(url, {"p": 0, "nuts3": "PL823", "shown": ["nuts3"]})
    assert r.status_code == 200
    assert "PL823 is not a NUTS 3 region of" in r.content.decode()
    assert Response.objects.get().status == ResponseStatus.DRAFT
    # the refused value stays visible, selected, next to its message
    assert '<option value="PL823" selected>PL823</option>' in r.content.decode()


def test_an_unknown_code_with_the_regions_prefix_is_refused(client, campaign):
    campaign.region.nuts = {"2024": ["HU2"]}
    campaign.region.save(update_fields=["nuts"])
    response = services.response_start(campaign=campaign)
    errors = services.response_save_answers(response=response, answers={"nuts3": "HU299"})
    assert [(e.question, e.code, e.params["value"]) for e in errors] == [
        ("nuts3", "nuts3_other_region", "HU299")
    ]


def test_a_code_of_the_region_is_accepted_and_the_response_submitted(client, campaign):
    url = _start(client, campaign)
    assert client.post(url + "autosave/", {"name": "nuts3", "value": "HR025"}).json()["errors"] == {}
    r = client.post(url, {"p": 0, "nuts3": "HR025", "shown": ["nuts3"]})
    assert r.status_code == 302
    assert r["Location"].endswith("/done/")
    assert Response.objects.get().answers == {"nuts3": "HR025"}


def test_submitting_refuses_a_code_outside_the_region_even_without_the_form(campaign):
    response = services.response_start(campaign=campaign)
    services.response_save_answers(response=response, answers={"nuts3": "PL823"})
    with pytest.raises(services.ResponseInvalid) as caught:
        services.response_submit(response=response)
    assert [e.message for e in caught.value.errors] == [
        f"PL823 is not a NUTS 3 region of {campaign.region.label}."
    ]


def test_a_region_given_by_its_nuts2_code_lists_the_nuts3_regions_under_it(make_region):
    from interventures.apps.classifications.services import nuts_load

    nuts_load(countries=["PL"])
    region = make_region()
    region.nuts = {"2016": ["PL82"], "2024": ["PL82"]}
    (group,) = selectors.region_nuts3_options(region=region, language="en")
    assert group["country_name"] == "Poland"
    assert [o["code"] for o in group["options"]] == ["PL821", "PL822", "PL823", "PL824"]


def test_a_region_without_nuts_codes_keeps_the_text_box(client, make_region):
    q = services.questionnaire_create(name="Seat", form=_form())
    c = services.campaign_create(region_id=make_region().pk, name="Seat", version=q.current)
    page = client.get(_start(client, c)).content.decode()
    assert '<textarea id="f-nuts3" name="nuts3"' in page
    assert '<select id="f-nuts3"' not in page
