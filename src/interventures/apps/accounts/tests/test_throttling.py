"""Login throttling: a password-guessing run is stopped per user name and per address, without telling
the attacker whether the name exists, and the real user gets in again after a cool-off."""

from __future__ import annotations

import re
from datetime import timedelta
from unittest import mock

import pytest
from axes.models import AccessAttempt
from django.contrib.auth.backends import ModelBackend
from django.test import RequestFactory
from django.utils import timezone

from interventures.apps.accounts.models import Role
from interventures.apps.accounts.throttling import client_address

pytestmark = pytest.mark.django_db

LOGIN = "/en/accounts/login/"
PASSWORD = "pw-Secret-123"
ATTACKER = "203.0.113.7"


def attempt(client, username, password="wrong-guess", *, address=ATTACKER, url=LOGIN):
    return client.post(url, {"username": username, "password": password}, REMOTE_ADDR=address)


def logged_in(client) -> bool:
    return "_auth_user_id" in client.session


def neutral(response, username: str) -> str:
    """The page with the echoed user name and the CSRF token blanked out."""
    html = response.content.decode().replace(username, "USERNAME")
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", html)


@pytest.fixture
def victim(make_user):
    return make_user(Role.COORDINATOR, password=PASSWORD)


def test_thirty_wrong_passwords_lock_the_account_with_a_neutral_message(client, victim, settings):
    limit = settings.AXES_FAILURE_LIMIT
    statuses = [attempt(client, victim.username).status_code for _ in range(30)]
    assert statuses[: limit - 1] == [200] * (limit - 1)  # the usual "wrong user name or password"
    assert statuses[limit - 1 :] == [429] * (30 - limit + 1)
    locked = attempt(client, victim.username)
    page = locked.content.decode()
    assert "Too many failed attempts to log in" in page
    assert "try again in 15 minutes" in page
    assert int(locked["Retry-After"]) <= 15 * 60
    assert victim.username not in re.sub(r'value="[^"]*"', "", page)  # named nowhere but in the form


def test_a_nonexistent_user_name_gets_the_identical_lockout(client, victim, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        attempt(client, victim.username, address="198.51.100.1")
        attempt(client, "no-such-user", address="198.51.100.2")
    real = attempt(client, victim.username, address="198.51.100.1")
    ghost = attempt(client, "no-such-user", address="198.51.100.2")
    assert real.status_code == ghost.status_code == 429
    assert real["Retry-After"] == ghost["Retry-After"]
    assert neutral(real, victim.username) == neutral(ghost, "no-such-user")


def test_a_locked_attempt_checks_no_password_whether_or_not_the_account_exists(client, victim, settings):
    for name, address in ((victim.username, "198.51.100.1"), ("no-such-user", "198.51.100.2")):
        for _ in range(settings.AXES_FAILURE_LIMIT):
            attempt(client, name, address=address)
    with mock.patch.object(ModelBackend, "authenticate", autospec=True, return_value=None) as checked:
        attempt(client, victim.username, address="198.51.100.3")
        attempt(client, "no-such-user", address="198.51.100.4")
    assert checked.call_count == 0  # same work, so the same time, for a real and an invented name


def test_the_correct_password_is_refused_while_locked(client, victim, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        attempt(client, victim.username)
    response = attempt(client, victim.username, PASSWORD, address="192.0.2.50")  # even from elsewhere
    assert response.status_code == 429
    assert not logged_in(client)


def test_other_users_and_addresses_are_affected_only_by_their_own_rule(client, victim, make_user, settings):
    other = make_user(Role.COORDINATOR, password=PASSWORD)
    for _ in range(settings.AXES_FAILURE_LIMIT):
        attempt(client, victim.username)
    # Another user from another address: untouched.
    assert attempt(client, other.username, PASSWORD, address="192.0.2.10").status_code == 302
    client.logout()
    # The attacker's address is locked for every name (per-address rule) ...
    assert attempt(client, other.username, PASSWORD).status_code == 429
    # ... and the attacked name from every address (per-account rule).
    assert attempt(client, victim.username, PASSWORD, address="192.0.2.11").status_code == 429


def test_the_lock_ends_after_the_cool_off(client, victim, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        attempt(client, victim.username)
    AccessAttempt.objects.update(
        attempt_time=timezone.now() - settings.AXES_COOLOFF_TIME - timedelta(seconds=1)
    )
    assert attempt(client, victim.username, PASSWORD).status_code == 302
    assert logged_in(client)


def test_a_successful_login_resets_the_count(client, victim, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        attempt(client, victim.username)
    assert attempt(client, victim.username, PASSWORD).status_code == 302
    client.logout()
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        assert attempt(client, victim.username).status_code == 200


def test_the_admin_login_is_throttled_too(client, victim, settings):
    url = "/en/admin/login/?next=/en/admin/"
    for _ in range(settings.AXES_FAILURE_LIMIT):
        attempt(client, victim.username, url=url)
    response = attempt(client, victim.username, PASSWORD, url=url)
    assert response.status_code == 429
    assert not logged_in(client)


@pytest.mark.parametrize(
    ("lang", "words"),
    [
        ("hu", "perc"),
        ("hr", "minut"),
        ("it", "minuti"),
        ("pl", "minut"),
        ("es", "minutos"),
        ("lt", "minuč"),
    ],
)
def test_the_lockout_message_speaks_the_pages_language(client, victim, settings, lang, words):
    url = f"/{lang}/accounts/login/"
    for _ in range(settings.AXES_FAILURE_LIMIT):
        attempt(client, victim.username, url=url)
    page = attempt(client, victim.username, url=url).content.decode()
    message = re.search(r'id="login-errors">([^<]+)<', page)
    assert message
    assert "Too many" not in message.group(1)
    assert words in message.group(1)
    assert "15" in message.group(1)


def test_behind_a_proxy_the_address_is_the_one_the_proxy_saw(settings):
    factory = RequestFactory()
    forged = factory.post(LOGIN, REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR="1.2.3.4, 203.0.113.9")
    settings.PROXY_COUNT = 0
    assert client_address(forged) == "10.0.0.2"  # no proxy configured: the header is ignored
    settings.PROXY_COUNT = 1
    assert client_address(forged) == "203.0.113.9"  # not the client-supplied 1.2.3.4
    direct = factory.post(LOGIN, REMOTE_ADDR="10.0.0.2")
    assert client_address(direct) == "10.0.0.2"
