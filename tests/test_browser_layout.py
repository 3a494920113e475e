"""The frame on a 375 px phone: the language switch shows each language's whole name beside its arrow."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.contrib.auth import get_user_model

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

ROOM = """(select) => {
  const style = getComputedStyle(select);
  const ctx = document.createElement('canvas').getContext('2d');
  ctx.font = style.font;
  const text = ctx.measureText(select.options[select.selectedIndex].text).width;
  const arrow = 16;  // Pico draws a 1rem arrow inside the right padding
  return select.clientWidth - parseFloat(style.paddingLeft) - text - arrow;
}"""


@pytest.mark.parametrize("lang", ["lt", "hu", "es"])
def test_the_language_name_is_not_covered_by_the_arrow(live_server: Any, phone_page: Any, lang: str) -> None:
    phone_page.goto(f"{live_server.url}/{lang}/")
    assert phone_page.evaluate(ROOM, phone_page.locator("#language-select").element_handle()) >= 0


HEADER = """() => {
  const tops = (selector) => [...document.querySelectorAll(selector)].map((el) => Math.round(el.getBoundingClientRect().top));
  return {
    brand: tops('.site-header .brand')[0],
    nav: [...new Set(tops('.site-nav > li'))],
    account: tops('.lang-bar .account-form')[0],
    language: tops('.lang-bar .lang-switch')[0],
    overflow: document.documentElement.scrollWidth - window.innerWidth,
  };
}"""


@pytest.mark.parametrize("lang", ["es", "hu", "lt"])
def test_the_coordinators_header_takes_two_lines_on_a_desktop(live_server: Any, page: Any, lang: str) -> None:
    """The longest navigation (a coordinator's) stays on the brand's line at 1280 px; the account and
    the language share the line below."""
    from django.conf import settings
    from django.test import Client

    from interventures.apps.accounts.models import Profile, Role

    user = get_user_model().objects.create_user(username="header-coordinator", password="pw-Secret-123")
    Profile.objects.update_or_create(user=user, defaults={"role": Role.COORDINATOR})
    client = Client()
    client.force_login(user)
    cookie = client.cookies[settings.SESSION_COOKIE_NAME].value
    page.context.add_cookies(
        [{"name": settings.SESSION_COOKIE_NAME, "value": cookie, "url": live_server.url}]
    )
    page.goto(f"{live_server.url}/{lang}/partnership/")
    header = page.evaluate(HEADER)
    assert len(header["nav"]) == 1, header
    assert abs(header["nav"][0] - header["brand"]) < 24, header
    assert header["account"] == header["language"] > header["nav"][0], header
    assert header["overflow"] == 0
    page.get_by_role("button", name=re.compile("header-coordinator")).focus()  # reachable by keyboard
