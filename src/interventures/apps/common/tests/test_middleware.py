"""A NUL character is refused with 400 before it reaches a filter or a database (PostgreSQL refuses
it in text: schemathesis found a 500 on /api/v1/learning/practices?region=…%00…)."""

from __future__ import annotations

from typing import Any

import pytest

pytestmark = pytest.mark.django_db


def test_a_nul_in_an_api_parameter_or_json_body_gets_400_naming_it(client: Any) -> None:
    answer = client.get("/api/v1/learning/practices", {"region": "hu\x00hr"})
    assert answer.status_code == 400
    assert "NUL" in answer.json()["detail"]
    posted = client.post(
        "/api/v1/assessment/start", data='{"region": "a\\u0000"}', content_type="application/json"
    )
    assert posted.status_code == 400
    assert client.get("/api/v1/learning/practices", {"region": "hu-hr"}).status_code == 200


def test_a_nul_in_a_pages_address_gets_400(client: Any) -> None:
    answer = client.get("/en/", {"q": "x\x00"})
    assert answer.status_code == 400
    assert b"NUL" in answer.content
    assert client.get("/en/", {"q": "x"}).status_code == 200
