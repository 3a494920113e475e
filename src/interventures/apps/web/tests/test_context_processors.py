from __future__ import annotations

import re

import pytest

from interventures.apps.accounts.models import Role

pytestmark = pytest.mark.django_db


def _nav(html: str) -> str:
    return re.search(r'<ul class="site-nav">(.*?)</ul>', html, re.S).group(1)


@pytest.mark.parametrize("role", [Role.REGIONAL_PARTNER, Role.COORDINATOR])
def test_partnership_staff_reach_the_shared_results_from_my_work(client_as, role):
    """The header holds the domains; the staff's own lists (shared results, questionnaires) are one
    click away on "My work", linked from every page's header."""
    client, _ = client_as(role)
    page = client.get("/en/").content.decode()
    assert 'href="/en/surveys/"' in _nav(page)
    assert 'href="/en/start/"' in page
    start = client.get("/en/start/").content.decode()
    assert 'href="/en/test/region/"' in start
    assert "Shared test results" in start


@pytest.mark.parametrize("role", [Role.SME, Role.STAKEHOLDER])
def test_smes_and_stakeholders_see_no_staff_pages_in_the_navigation(client_as, role):
    client, _ = client_as(role)
    nav = _nav(client.get("/en/").content.decode())
    assert 'href="/en/test/region/"' not in nav
    assert 'href="/en/surveys/"' not in nav  # the campaign list would only answer "forbidden"
    assert 'href="/en/test/"' in nav


def test_a_visitor_sees_no_staff_pages_in_the_navigation(client):
    """The survey list would only show a visitor a bare login form; "Log in" is in the header."""
    nav = _nav(client.get("/en/").content.decode())
    assert 'href="/en/surveys/"' not in nav
    assert 'href="/en/accounts/login/"' in nav
    assert 'href="/en/test/region/"' not in nav


def test_only_the_most_specific_entry_is_marked_current(client_as):
    client, _ = client_as(Role.REGIONAL_PARTNER)
    nav = _nav(client.get("/en/surveys/questionnaires/").content.decode())
    assert nav.count('aria-current="page"') == 1
    assert 'href="/en/surveys/" aria-current="page"' in nav


def test_the_shared_results_link_is_translated(client_as):
    client, _ = client_as(Role.REGIONAL_PARTNER)
    assert "Podijeljeni rezultati testa" in client.get("/hr/start/").content.decode()
