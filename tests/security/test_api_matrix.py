"""The API's rows of the URL matrix again, with bearer tokens instead of session cookies: a token
must reach exactly what its owner reaches in the pages, no more. And what only tokens can get
wrong: a read-only or revoked token, a token for one caller and an idempotency key of another."""

from __future__ import annotations

import json

from django.test import Client

from interventures.apps.api.services import token_create, token_revoke

from .test_url_matrix import (
    EXPECTED,
    JSON,
    POST_DATA,
    ROLES,
    YES,
    _url,
    full_row,
    outcome,
    refused_rows,
    rolled_back,
)
from .world import World, database_fingerprint

# Every role of the world, the advisory partner's outcome by its rule or override (test_url_matrix.py).
API_ROWS = {key: full_row(key, row) for key, row in EXPECTED.items() if key.startswith("v1_api:")}


def _bearer(w: World, role: str) -> Client:
    if role == "anonymous":
        return Client()
    return Client(HTTP_AUTHORIZATION=f"Bearer {w.tokens[role]}")


def test_a_token_gets_what_its_owner_gets_on_every_endpoint(cell: World) -> None:
    assert len(API_ROWS) >= 20
    mismatches, checked = [], 0
    for key, row in API_ROWS.items():
        url = _url(cell, key)
        for role, expected in zip(ROLES, row, strict=True):
            with rolled_back():
                got = outcome(_bearer(cell, role).get(url))
            checked += 1
            if got != expected:
                mismatches.append(f"GET {url} [{key}] with {role}'s token: expected {expected}, got {got}")
    assert not mismatches, f"{len(mismatches)} of {checked} cells differ:\n" + "\n".join(mismatches)


def _create(w: World, client: Client, key: str, idem: str) -> tuple[str, bool]:
    with rolled_back():
        before = database_fingerprint()
        got = client.post(
            _url(w, key),
            json.dumps(POST_DATA[key](w)[JSON]),
            content_type="application/json",
            HTTP_IDEMPOTENCY_KEY=idem,
        )
        return outcome(got), database_fingerprint() == before


def test_a_refused_api_create_changes_nothing_and_an_allowed_one_creates(cell: World) -> None:
    key = "v1_api:response_create @ region A"
    problems = []
    for role, expected in zip(ROLES, refused_rows()[key], strict=True):
        got, unchanged = _create(cell, _bearer(cell, role), key, f"bearer-{role}-0123456789abcdef")
        if expected == YES:
            if got != "201" or unchanged:
                problems.append(f"{role}: an allowed create gave {got} (changed: {not unchanged})")
        elif got != expected or not unchanged:
            problems.append(f"{role}: expected {expected}, got {got} (unchanged: {unchanged})")
    assert not problems, "\n".join(problems)


def test_a_read_only_or_revoked_token_creates_nothing(cell: World) -> None:
    key = "v1_api:response_create @ region A"
    partner = cell.users["partner_a"]
    _ro, read_only = token_create(user=partner, name="reader", can_write=False)
    token, revoked = token_create(user=partner, name="gone", can_write=True)
    token_revoke(user=partner, pk=token.pk)
    for secret, expected in ((read_only, "403"), (revoked, "401"), ("iv_deadbeef_" + "A" * 43, "401")):
        got, unchanged = _create(
            cell, Client(HTTP_AUTHORIZATION=f"Bearer {secret}"), key, "tok-0123456789abcdef"
        )
        assert (got, unchanged) == (expected, True), secret[:12]
