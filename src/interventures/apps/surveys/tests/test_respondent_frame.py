"""The respondent's pages have a focused frame: the platform's name, the survey's region and a language
switch offering the survey's languages, no site menu and no footer links; the skip link and the
landmarks stay."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from interventures.apps.surveys import services
from interventures.apps.surveys.models import Response

from .conftest import VALID

pytestmark = pytest.mark.django_db


def _assert_focused(html: str, region_label: str) -> None:
    assert 'class="site-nav"' not in html
    assert "Main navigation" not in html
    assert reverse("web:method") not in html
    assert 'class="site-footer' not in html
    assert reverse("accounts:login") not in html
    assert '<a class="skip-link" href="#main">' in html
    assert '<main id="main"' in html
    assert "<header" in html
    assert "Inter Ventures" in html
    assert region_label in html


def _switch_languages(html: str) -> list[str]:
    switch = re.search(r'<select name="language" id="language-select">(.*?)</select>', html, re.S)
    assert switch
    return re.findall(r'<option value="([a-z]+)"', switch[1])


def test_the_form_has_a_focused_frame_with_the_surveys_languages(client, campaign):
    url = client.get(f"/hu/surveys/c/{campaign.slug}/")["Location"]
    html = client.get(url).content.decode()
    _assert_focused(html, campaign.region.label)
    assert _switch_languages(html) == ["en", "hu"]  # the campaign's, not the site's seven
    assert re.search(r'<option value="hu" lang="hu" selected>', html)
    assert '<label for="f-employees">Alkalmazottak' in html  # the questions keep their labels


def test_the_language_switch_keeps_the_respondents_place(client, campaign):
    url = client.get(f"/hu/surveys/c/{campaign.slug}/")["Location"]
    client.post(url + "autosave/", {"name": "employees", "value": "9"})
    r = client.post(reverse("set_language"), {"language": "en", "next": url + "?p=0"})
    assert r.status_code == 302
    assert r["Location"] == url.replace("/hu/", "/en/", 1) + "?p=0"
    page = client.get(r["Location"]).content.decode()
    assert '<label for="f-employees">Employees' in page
    assert 'value="9"' in page


def test_an_address_in_a_language_the_survey_lacks_moves_to_the_surveys_language(client, campaign):
    url = client.get(f"/en/surveys/c/{campaign.slug}/")["Location"]
    r = client.get(url.replace("/en/", "/pl/", 1) + "?p=0")
    assert r.status_code == 302
    assert r["Location"] == url + "?p=0"
    assert Response.objects.count() == 1


def test_the_thank_you_and_closed_pages_have_the_same_frame(client, campaign, make_campaign):
    url = client.get(reverse("surveys:start", args=[campaign.slug]))["Location"]
    response = Response.objects.get()
    services.response_save_answers(response=response, answers=VALID)
    services.response_submit(response=response)
    _assert_focused(client.get(url + "done/").content.decode(), campaign.region.label)

    closed = make_campaign(closes_at=timezone.now() - dt.timedelta(days=1))
    r = Client().get(reverse("surveys:start", args=[closed.slug]))
    assert r.status_code == 410
    html = r.content.decode()
    _assert_focused(html, closed.region.label)
    assert "<h1>Small form</h1>" in html  # the survey's title, not the campaign's internal name


def test_partner_pages_keep_the_site_navigation(client_as, campaign):
    from interventures.apps.accounts.models import Role

    c, _user = client_as(Role.REGIONAL_PARTNER, region=campaign.region)
    html = c.get(reverse("surveys:campaign_detail", args=[campaign.pk])).content.decode()
    assert 'class="site-nav"' in html
    assert 'class="site-footer' in html
