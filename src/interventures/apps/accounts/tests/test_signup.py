"""Issue #9's dead end: an SME invited to keep its result had no way to create an account or reset
its password. Sign-up sends a confirmation link; only that link activates the account."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.test import Client

from interventures.apps.accounts.models import Role

pytestmark = pytest.mark.django_db

FORM = {
    "username": "kovac-doo",
    "email": "info@kovac.example",
    "company": "Kovač d.o.o.",
    "country": "HR",
    "password1": "Zagreb-Osijek-2026!",
    "password2": "Zagreb-Osijek-2026!",
    "consent": "on",
}


def _link(text: str) -> str:
    return re.search(r"http://testserver(/\S+)", text).group(1)  # type: ignore[union-attr]  # no link: the test fails here, as it should


def test_signup_confirm_and_log_in(client: Client) -> None:
    page = client.post("/hr/accounts/signup/", FORM)
    assert page.status_code == 200
    assert "info@kovac.example" in page.content.decode()
    user = get_user_model().objects.get(username="kovac-doo")
    assert not user.is_active
    assert user.profile.role == Role.SME
    assert user.profile.company.name == "Kovač d.o.o."
    (message,) = mail.outbox
    assert message.to == ["info@kovac.example"]
    assert "potvrdite" in message.body.lower()
    # Before the link, the password does not open the account.
    refused = Client().post("/en/accounts/login/", {"username": "kovac-doo", "password": FORM["password1"]})
    assert refused.status_code == 200
    assert "_auth_user_id" not in refused.client.session
    response = client.get(_link(message.body))
    assert response.status_code == 302
    assert response["Location"] == "/hr/start/"
    user.refresh_from_db()
    assert user.is_active
    # The link works once.
    assert Client().get(_link(message.body)).status_code == 400


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"email": "not-an-address"}, "email"),
        ({"password2": "other"}, "password2"),
        ({"country": "XX"}, "country"),
    ],
)
def test_a_bad_signup_names_the_field_and_creates_nothing(
    client: Client, change: dict[str, str], field: str
) -> None:
    page = client.post("/en/accounts/signup/", FORM | change).content.decode()
    assert f'id="id_{field}_error"' in page
    assert not get_user_model().objects.filter(username="kovac-doo").exists()
    assert not mail.outbox


def test_a_forged_confirmation_link_activates_nothing(client: Client) -> None:
    client.post("/en/accounts/signup/", FORM)
    user = get_user_model().objects.get(username="kovac-doo")
    assert client.get("/en/accounts/confirm/MQ/forged-token/").status_code == 400
    assert client.get("/en/accounts/confirm/%%%/x/").status_code in (400, 404)
    user.refresh_from_db()
    assert not user.is_active


def test_password_reset_by_e_mail(client: Client, make_user: Any) -> None:
    user = make_user(Role.SME)
    user.email = "owner@firm.example"
    user.save()
    client.post("/pl/accounts/password/reset/", {"email": "owner@firm.example"})
    client.post("/pl/accounts/password/reset/", {"email": "nobody@firm.example"})  # same page, no e-mail
    (message,) = mail.outbox
    page = client.get(_link(message.body), follow=True)
    assert page.status_code == 200
    done = client.post(
        page.redirect_chain[-1][0],
        {"new_password1": "Rzeszow-Lublin-77!", "new_password2": "Rzeszow-Lublin-77!"},
    )
    assert done.status_code == 302
    assert done["Location"].endswith("/accounts/password/reset/done/")
    user.refresh_from_db()
    assert user.check_password("Rzeszow-Lublin-77!")


def test_the_login_page_offers_sign_up_and_password_reset(client: Client) -> None:
    page = client.get("/en/accounts/login/").content.decode()
    assert 'href="/en/accounts/signup/"' in page
    assert 'href="/en/accounts/password/reset/"' in page
