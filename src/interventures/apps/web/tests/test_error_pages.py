"""Error pages keep the site's frame and language and say what happened, instead of Django's bare
English "Not Found" / "403 Forbidden"."""

from __future__ import annotations

import pytest
from django.template.loader import render_to_string
from django.utils import translation

from interventures.apps.accounts.models import Role

pytestmark = pytest.mark.django_db


def test_an_unknown_address_gives_a_translated_page_with_the_navigation(client):
    response = client.get("/hu/no-such-page/")
    assert response.status_code == 404
    html = response.content.decode()
    assert '<html lang="hu"' in html
    assert 'class="site-nav"' in html
    assert "Az oldal nem található" in html
    assert 'href="/hu/"' in html


def test_a_page_the_account_may_not_open_names_the_account(client_as):
    client, user = client_as(Role.SME)
    response = client.get("/hr/surveys/")
    assert response.status_code == 403
    html = response.content.decode()
    assert "Nemate pristup ovoj stranici" in html
    assert user.get_username() in html
    assert 'class="site-nav"' in html


def test_the_server_error_page_renders_without_a_request_in_the_visitors_language():
    with translation.override("pl"):
        html = render_to_string("500.html")
    assert '<html lang="pl"' in html
    assert "Coś poszło nie tak" in html
    assert 'href="/pl/"' in html
