from __future__ import annotations

import pytest
from django.conf import settings

pytestmark = pytest.mark.django_db

LANGS = [code for code, _ in settings.LANGUAGES]


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("page", ["", "sources/"])
def test_page_renders_in_every_language(client, lang, page):
    response = client.get(f"/{lang}/{page}")
    assert response.status_code == 200
    html = response.content.decode()
    assert f'<html lang="{lang}"' in html
    assert 'id="language-select"' in html
    assert "<main" in html


def test_language_switch_keeps_the_page(client):
    response = client.post("/i18n/setlang/", {"language": "hu", "next": "/en/sources/"})
    assert response.status_code == 302
    assert response["Location"] == "/hu/sources/"


def test_no_page_loads_assets_from_another_host(client):
    html = client.get("/en/").content.decode()
    for marker in ('src="http', 'href="http', "cdn."):
        assert marker not in html


def test_demo_banner_shown_only_when_demo_data_is_loaded(client, make_company):
    assert "synthetic demo data" not in client.get("/en/").content.decode()
    make_company(is_demo=True)
    assert "synthetic demo data" in client.get("/en/").content.decode()
