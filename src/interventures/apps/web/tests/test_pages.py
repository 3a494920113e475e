from __future__ import annotations

import pytest
from django.conf import settings

pytestmark = pytest.mark.django_db

LANGS = [code for code, _ in settings.LANGUAGES]


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("page", ["", "method/", "sources/"])
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


@pytest.mark.parametrize(
    ("browser_language", "cookie", "next_url", "chosen", "expected"),
    [
        ("en", None, "/hr/", "en", "/en/"),
        (
            "en",
            None,
            "/lt/test/0c6f3a0e-3b8e-4d9a-9a57-4c1f0d2b7e11/step/5/",
            "pl",
            "/pl/test/0c6f3a0e-3b8e-4d9a-9a57-4c1f0d2b7e11/step/5/",
        ),
        (
            "en",
            None,
            "/hr/test/0c6f3a0e-3b8e-4d9a-9a57-4c1f0d2b7e11/result/",
            "en",
            "/en/test/0c6f3a0e-3b8e-4d9a-9a57-4c1f0d2b7e11/result/",
        ),
        ("de", None, "/pl/", "it", "/it/"),
        ("en", "hu", "/hr/sources/?x=1", "en", "/en/sources/?x=1"),  # a second switch
        ("hr", "pl", "/it/method/", "lt", "/lt/method/"),
    ],
)
def test_language_switch_lands_on_the_same_page_whatever_the_browser_says(
    client, browser_language, cookie, next_url, chosen, expected
):
    """The URL's language, not the browser's or the cookie's, is the page being switched from."""
    if cookie:
        client.cookies[settings.LANGUAGE_COOKIE_NAME] = cookie
    response = client.post(
        "/i18n/setlang/", {"language": chosen, "next": next_url}, HTTP_ACCEPT_LANGUAGE=browser_language
    )
    assert response.status_code == 302
    assert response["Location"] == expected
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == chosen


def test_language_switch_never_redirects_to_another_site(client):
    response = client.post("/i18n/setlang/", {"language": "hu", "next": "https://evil.example/hr/"})
    assert response.status_code in (204, 302)
    assert "evil.example" not in response.get("Location", "")


def test_no_page_loads_assets_from_another_host(client):
    html = client.get("/en/").content.decode()
    for marker in ('src="http', 'href="http', "cdn."):
        assert marker not in html


def test_demo_banner_shown_only_when_demo_data_is_loaded(client, make_company):
    assert "synthetic demo data" not in client.get("/en/").content.decode()
    make_company(is_demo=True)
    assert "synthetic demo data" in client.get("/en/").content.decode()


def test_method_page_is_linked_from_home_and_every_pages_footer(client):
    html = client.get("/en/").content.decode()
    assert html.count('href="/en/method/"') >= 2  # the home page's link and the footer
    footer = client.get("/en/sources/").content.decode().split('class="site-footer')[1]
    assert 'href="/en/method/"' in footer


def test_method_page_states_the_project_process_from_the_source(client):
    html = client.get("/en/method/").content.decode()
    for fact in (
        "two Thematic Study Visits",
        "four Interregional Meetings",
        "five rounds of Regional Stakeholder Group (RSG) meetings and webinars",
        "Fast-track policy improvement initiatives",
        "targeted surveys",
        "step-by-step action planning process, assisted by advisory services",
        "tailor-made Action Plan",
        "Monitoring",
    ):
        assert fact in html, fact


def test_login_errors_are_announced_and_tied_to_the_fields(client):
    html = client.post("/en/accounts/login/", {"username": "nobody", "password": "wrong"}).content.decode()
    assert 'role="alert"' in html
    assert 'aria-invalid="true" aria-describedby="login-errors"' in html
