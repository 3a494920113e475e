"""The frame on a 375 px phone: the language switch shows each language's whole name beside its arrow."""

from __future__ import annotations

from typing import Any

import pytest

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
