"""Accessibility of the platform frame, checked in a real headless Chromium.

axe-core (vendored in static/vendor/axe, MPL-2.0) runs the WCAG 2.1 A/AA rules: accessible names
of form controls, image alternatives, the page language, landmarks, colour contrast (4.5:1 for
text) and more. A few checks axe leaves to authors (one h1, each page in its own language) and the
keyboard path through the language switcher are asserted here directly.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urljoin

import pytest
from django.conf import settings

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

WCAG_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]

# Own checks, computed from the DOM and getComputedStyle, so a failure names the element in words.
FRAME_CHECKS = """() => {
  const name = (el) => {
    if (el.getAttribute('aria-label')) return el.getAttribute('aria-label').trim();
    const by = el.getAttribute('aria-labelledby');
    if (by) return by.split(/\\s+/).map((id) => document.getElementById(id)?.textContent || '').join(' ').trim();
    const labels = el.labels ? Array.from(el.labels).map((l) => l.textContent).join(' ').trim() : '';
    return labels || (el.tagName === 'BUTTON' ? el.textContent.trim() : '') || (el.title || '').trim();
  };
  const controls = Array.from(document.querySelectorAll('input, select, textarea, button'))
    .filter((el) => el.type !== 'hidden');
  return {
    lang: document.documentElement.lang,
    h1: document.querySelectorAll('h1').length,
    unlabelled: controls.filter((el) => !name(el)).map((el) => el.outerHTML.slice(0, 120)),
    imagesWithoutAlt: Array.from(document.querySelectorAll('img:not([alt])')).map((el) => el.src),
    landmarks: ['header', 'nav', 'main', 'footer'].filter((tag) => document.querySelector(tag)),
  };
}"""

# WCAG relative luminance of the text colour against the first opaque background up the tree.
CONTRAST = """(selectors) => {
  const rgb = (c) => (c.match(/[\\d.]+/g) || []).map(Number);
  const lum = ([r, g, b]) => {
    const f = (v) => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; };
    return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b);
  };
  const background = (el) => {
    for (let node = el; node; node = node.parentElement) {
      const c = rgb(getComputedStyle(node).backgroundColor);
      if (c.length === 3 || (c.length === 4 && c[3] === 1)) return c.slice(0, 3);
    }
    return [255, 255, 255];
  };
  const out = [];
  for (const sel of selectors) {
    for (const el of document.querySelectorAll(sel)) {
      if (!el.textContent.trim() || el.offsetParent === null) continue;
      const [a, b] = [lum(rgb(getComputedStyle(el).color).slice(0, 3)), lum(background(el))];
      out.push({ sel, text: el.textContent.trim().slice(0, 40), ratio: (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05) });
    }
  }
  return out;
}"""
MAIN_TEXT = [
    "h1",
    "h2",
    "p",
    "li",
    "a",
    "label",
    "button",
    "footer p",
    ".demo-banner .container",
    ".source",
    "hgroup > p",
    "th",
    "td",
]


def run_axe(page: Any) -> list[dict[str, Any]]:
    # From the site's own static files: the Content-Security-Policy refuses an inline copy.
    page.add_script_tag(url=urljoin(page.url, settings.STATIC_URL + "vendor/axe/axe.min.js"))
    result = page.evaluate(
        "(tags) => axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']})",
        WCAG_AA,
    )
    return [
        {"rule": v["id"], "help": v["help"], "nodes": [n["target"] for n in v["nodes"]][:5]}
        for v in result["violations"]
    ]


def assert_accessible(page: Any, lang: str) -> None:
    frame = page.evaluate(FRAME_CHECKS)
    assert frame["lang"] == lang
    assert frame["h1"] == 1, f"{frame['h1']} h1 elements"
    assert frame["unlabelled"] == [], "form controls without an accessible name"
    assert frame["imagesWithoutAlt"] == []
    assert frame["landmarks"] == ["header", "nav", "main", "footer"]
    low = [c for c in page.evaluate(CONTRAST, MAIN_TEXT) if c["ratio"] < 4.5]
    assert low == [], f"text below 4.5:1 contrast: {low}"
    assert run_axe(page) == []


@pytest.fixture
def demo_data() -> None:
    from interventures.apps.accounts.models import Company

    Company.objects.create(name="Synthetic demo SME", country="HU", is_demo=True)


@pytest.mark.parametrize(
    ("path", "lang"),
    [
        ("/en/", "en"),
        ("/hu/", "hu"),
        ("/lt/method/", "lt"),
        ("/en/sources/", "en"),
        ("/pl/accounts/login/", "pl"),
    ],
)
def test_page_meets_wcag_aa(live_server, page, demo_data, path, lang):
    page.goto(f"{live_server.url}{path}")
    assert page.locator(".demo-banner").is_visible()  # its colours are checked too
    assert_accessible(page, lang)


def test_login_errors_meet_wcag_aa(live_server, page):
    page.goto(f"{live_server.url}/en/accounts/login/")
    page.fill("#id_username", "nobody")
    page.fill("#id_password", "wrong")
    page.get_by_role("button", name="Log in", exact=True).click()
    page.wait_for_selector("[role=alert]")
    assert page.get_attribute("#id_password", "aria-invalid") == "true"
    assert_accessible(page, "en")


def test_language_switcher_works_with_the_keyboard_alone(live_server, page):
    page.goto(f"{live_server.url}/en/method/")
    page.focus("#language-select")
    # Focus is visible: the site CSS draws an outline on :focus-visible.
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Tab")
    assert page.evaluate("getComputedStyle(document.activeElement).outlineStyle") != "none"
    # Choosing an option with the arrow keys must not leave the page (no surprise on change).
    page.keyboard.press("ArrowDown")
    assert page.url.endswith("/en/method/")
    assert page.locator("#language-select").input_value() == "hu"
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.type") == "submit"
    page.keyboard.press("Enter")
    page.wait_for_url(f"{live_server.url}/hu/method/")
    assert page.locator("html").get_attribute("lang") == "hu"
    assert page.locator("h1").inner_text() == "A módszerről"


@pytest.mark.parametrize("path", ["/hu/method/", "/lt/accounts/login/"])
def test_page_reflows_on_a_phone_without_horizontal_scrolling(live_server, phone_page, path):
    phone_page.goto(f"{live_server.url}{path}")
    width = phone_page.evaluate("document.documentElement.scrollWidth")
    assert width <= 375, f"{path} is {width}px wide on a 375px screen"


def test_the_respondent_form_meets_wcag_aa_on_a_phone(live_server, phone_page):
    """The survey's focused frame (no site menu, no footer): banner and main landmarks, every
    control named, AA contrast, no axe violation."""
    from interventures.apps.common.models import Region
    from interventures.apps.surveys.services import campaign_create, questionnaire_create
    from interventures.core.survey.tests.forms import small_form

    region, _ = Region.objects.get_or_create(code="a11y-survey", defaults={"name": "A11y survey region"})
    campaign = campaign_create(
        region_id=region.pk,
        name="A11y",
        version=questionnaire_create(name="Small", form=small_form()).current,
    )
    phone_page.goto(f"{live_server.url}/hu/surveys/c/{campaign.slug}/")
    frame = phone_page.evaluate(FRAME_CHECKS)
    assert frame["lang"] == "hu"
    assert frame["h1"] == 1
    assert frame["unlabelled"] == []
    assert frame["landmarks"] == ["header", "main"]
    low = [c for c in phone_page.evaluate(CONTRAST, MAIN_TEXT) if c["ratio"] < 4.5]
    assert low == [], f"text below 4.5:1 contrast: {low}"
    assert run_axe(phone_page) == []


def _sign_in(page: Any, base: str, username: str, lang: str) -> None:
    page.goto(f"{base}/{lang}/accounts/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", "pw-Secret-123")
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(f"{base}/{lang}/start/")


def test_the_account_pages_and_the_audit_log_meet_wcag_aa(live_server, page, phone_page):
    """Personal data (issue #16): an SME's account page (consent, download) and the deletion page,
    on a desk and on a phone; the coordinator's audit log with an entry in it."""
    from interventures.apps.accounts.models import Company, Role
    from interventures.apps.accounts.services import user_create
    from interventures.apps.audit.models import Area, AuditEntry, Kind

    company = Company.objects.create(name="A11y Kft", country="HU")
    user_create(username="a11y-sme", password="pw-Secret-123", role=Role.SME, company=company)
    user_create(username="a11y-coordinator", password="pw-Secret-123", role=Role.COORDINATOR)
    AuditEntry.objects.create(
        area=Area.DIRECTORY, kind=Kind.UPDATE, target="partnership.Organisation", changes={"name": ["A", "B"]}
    )
    _sign_in(page, live_server.url, "a11y-sme", "hu")
    for path in ("/hu/accounts/account/", "/hu/accounts/account/delete/"):
        page.goto(f"{live_server.url}{path}")
        assert_accessible(page, "hu")
    _sign_in(phone_page, live_server.url, "a11y-sme", "hr")
    phone_page.goto(f"{live_server.url}/hr/accounts/account/delete/")
    assert phone_page.evaluate("document.documentElement.scrollWidth") <= 375
    assert_accessible(phone_page, "hr")
    page.context.clear_cookies()
    _sign_in(page, live_server.url, "a11y-coordinator", "en")
    page.goto(f"{live_server.url}/en/audit/")
    assert page.locator("td", has_text="A → B").count() == 1
    assert_accessible(page, "en")
