"""Web hygiene, generated from the URL matrix: every form of every page refuses a POST without the
CSRF token (403, nothing written), and every page carries the security headers. The production-only
ones (HSTS, Secure cookies) are checked on the real server in config/tests/test_gunicorn.py."""

from __future__ import annotations

import re
from dataclasses import dataclass
from html.parser import HTMLParser
from typing import Any
from urllib.parse import urljoin, urlsplit

import pytest
from django.conf import settings
from django.test import Client

from .test_url_matrix import OK, expected_rows, rolled_back
from .world import ROLES, World, database_fingerprint


class _Forms(HTMLParser):
    """The action of each <form method="post"> of a page ("" when it posts to the page itself)."""

    def __init__(self) -> None:
        super().__init__()
        self.actions: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        if tag == "form" and (found.get("method") or "").lower() == "post":
            self.actions.append(found.get("action") or "")


@dataclass(frozen=True)
class Page:
    key: str
    role: str
    url: str
    headers: dict[str, str]
    form_actions: list[str]


@pytest.fixture(scope="module")
def pages(world: World, django_db_blocker: Any) -> list[Page]:
    """Each page of the matrix as every role that gets it (status 200) as an HTML page: its headers
    and the actions of its POST forms. Walked once for both tests of the module."""
    found: list[Page] = []
    seen: set[tuple[str, str]] = set()
    with django_db_blocker.unblock():
        for key, (row, url) in expected_rows(world).items():
            for role, expected in zip(ROLES, row, strict=True):
                if expected != OK or (url, role) in seen:
                    continue
                seen.add((url, role))
                with rolled_back():
                    response = world.client(role).get(url)
                if response.status_code != 200 or not response["Content-Type"].startswith("text/html"):
                    continue
                parser = _Forms()
                parser.feed(response.content.decode())
                found.append(Page(key, role, url, dict(response.headers), parser.actions))
    return found


def _no_token_client(w: World, role: str) -> Client:
    """The role's session, in a client that enforces CSRF as a browser's request meets it."""
    client = Client(enforce_csrf_checks=True)
    if role != "anonymous":
        client.cookies[settings.SESSION_COOKIE_NAME] = w.sessions[role]
    return client


def test_every_form_of_every_page_refuses_a_post_without_the_csrf_token(
    cell: World, pages: list[Page]
) -> None:
    targets: dict[tuple[str, str], str] = {}  # (form's address, role) → where it was found
    for page in pages:
        for action in page.form_actions:
            target = urlsplit(urljoin(page.url, action))
            if target.netloc:
                continue  # no form posts off the site (form-action 'self'); not ours to test
            path = target.path + (f"?{target.query}" if target.query else "")
            targets.setdefault((path, page.role), page.key)
    assert len({path for path, _role in targets}) >= 30, sorted(targets)
    accepted = []
    # One fingerprint around all the POSTs (one per POST would take minutes); a change is then
    # traced to its POST below.
    with rolled_back():
        before = database_fingerprint()
        for (path, role), key in sorted(targets.items()):
            got = _no_token_client(cell, role).post(path, {"name": "no token", "text": "no token"})
            if got.status_code != 403:
                accepted.append(f"POST {path} (a form of [{key}]) as {role}: {got.status_code}")
        unchanged = database_fingerprint() == before
    if not unchanged:
        for (path, role), key in sorted(targets.items()):
            with rolled_back():
                first = database_fingerprint()
                _no_token_client(cell, role).post(path, {"name": "no token", "text": "no token"})
                if database_fingerprint() != first:
                    accepted.append(f"POST {path} (a form of [{key}]) as {role} CHANGED THE DATABASE")
    assert not accepted, f"{len(accepted)} forms took a POST without the CSRF token:\n" + "\n".join(accepted)


EXPECTED_HEADERS = {
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
    "X-Frame-Options": "DENY",
    "Cross-Origin-Opener-Policy": "same-origin",
}


def _csp_problems(policy: str) -> list[str]:
    directives = {d.split()[0]: d.split()[1:] for d in (part.strip() for part in policy.split(";")) if d}
    problems = []
    if "'unsafe-inline'" in policy or "'unsafe-eval'" in policy:
        problems.append("allows inline or eval'd code")
    if directives.get("frame-ancestors") != ["'none'"]:
        problems.append(f"frame-ancestors {directives.get('frame-ancestors')}")
    for name in ("default-src", "script-src", "object-src", "base-uri", "form-action"):
        if name not in directives:
            problems.append(f"no {name}")
    if any(re.match(r"https?://", source) for sources in directives.values() for source in sources):
        problems.append("names an outside address")
    return problems


def test_every_page_carries_the_security_headers(pages: list[Page]) -> None:
    missing = []
    for page in pages:
        where = f"GET {page.url} [{page.key}] as {page.role}"
        for name, value in EXPECTED_HEADERS.items():
            if page.headers.get(name) != value:
                missing.append(f"{where}: {name} is {page.headers.get(name)!r}")
        policy = page.headers.get("Content-Security-Policy", "")
        for problem in _csp_problems(policy) if policy else ["no Content-Security-Policy"]:
            missing.append(f"{where}: CSP: {problem}")
    assert len(pages) >= 200, len(pages)
    assert not missing, f"{len(missing)} problems:\n" + "\n".join(missing[:80])
