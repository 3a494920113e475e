"""The JSON API: the model in a language, idempotent submission under retries, results by token."""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.test import Client

from interventures.apps.assessment.models import Answer, Assessment
from interventures.core import capacity

from .conftest import answers_at, low_then_high

pytestmark = pytest.mark.django_db

KEY = "4f0c9a2e-7d1b-4c55-9e3a-api-test-1"  # anonymous callers use random keys (a UUID will do)


def submit(client: Client, body: dict[str, Any], key: str | None = KEY) -> Any:
    headers = {"HTTP_IDEMPOTENCY_KEY": key} if key else {}
    return client.post(
        "/api/assessment/submit/", json.dumps(body), content_type="application/json", **headers
    )


def body(model: capacity.CapacityModel, **overrides: Any) -> dict[str, Any]:
    return {
        "region": "hu-hr",
        "size_class": "small",
        "sector": "C",
        "lang": "hr",
        "answers": low_then_high(model),
    } | overrides


@pytest.mark.parametrize("lang", ["en", "hu", "lt"])
def test_the_model_in_a_language(client: Client, model: capacity.CapacityModel, lang: str) -> None:
    data = client.get("/api/assessment/model/", {"lang": lang}).json()
    assert data["version"] == model.version
    assert data["lang"] == lang
    assert [d["id"] for d in data["dimensions"]] == [d.id for d in model.dimensions]
    first = model.items_of(model.dimensions[0].id)[0]
    assert data["dimensions"][0]["items"][0] == first.id
    assert next(i for i in data["items"] if i["id"] == first.id)["text"] == first.text[lang]
    assert len(data["items"]) == len(model.items)


def test_an_unknown_language_is_refused(client: Client) -> None:
    response = client.get("/api/assessment/model/", {"lang": "xx"})
    assert response.status_code == 400
    assert "xx" in response.json()["error"]


def test_submit_returns_the_scored_result(
    client: Client, regions: Any, model: capacity.CapacityModel
) -> None:
    response = submit(client, body(model))
    assert response.status_code == 201
    data = response.json()
    expected = capacity.score(model, low_then_high(model))
    assert data["result"] == json.loads(json.dumps(expected.to_dict()))
    assert data["stage"]["name"] == model.stage(expected.stage).name["hr"]
    assert data["plan"]
    assert data["plan"][0]["order"] == 1
    assert data["next_stage"] is None or data["next_stage"]["requirements"]
    assert data["model_version"] == model.version


def test_retries_with_the_same_key_never_duplicate(
    client: Client, regions: Any, model: capacity.CapacityModel
) -> None:
    first = submit(client, body(model))
    retries = [submit(client, body(model)) for _ in range(4)]
    assert first.status_code == 201
    assert {r.status_code for r in retries} == {200}
    assert {r.json()["token"] for r in retries} == {first.json()["token"]}
    assert Assessment.objects.count() == 1
    assert Answer.objects.count() == len(model.items)


def test_the_key_may_come_in_the_body(client: Client, regions: Any, model: capacity.CapacityModel) -> None:
    submit(client, body(model, client_key="in-body-3b1e8f5c2a9d4e7f"), key=None)
    submit(client, body(model, client_key="in-body-3b1e8f5c2a9d4e7f"), key=None)
    assert Assessment.objects.get().client_key == "in-body-3b1e8f5c2a9d4e7f"


def test_a_submission_without_a_key_is_refused(
    client: Client, regions: Any, model: capacity.CapacityModel
) -> None:
    response = submit(client, body(model), key=None)
    assert response.status_code == 400
    assert response.json()["field"] == "client_key"
    assert not Assessment.objects.exists()


@pytest.mark.parametrize(
    "answers_of",
    [
        lambda m: {m.items[2].id: "no_such_option"},
        lambda m: {"no_such_item": m.items[0].options[0].id},
        lambda m: {m.items[2].id: 3},
    ],
)
def test_a_bad_answer_gets_400_naming_the_item(
    client: Client, regions: Any, model: capacity.CapacityModel, answers_of: Any
) -> None:
    answers = answers_of(model)
    response = submit(client, body(model, answers=answers_at(model, 1) | answers))
    assert response.status_code == 400
    assert response.json()["item"] == next(iter(answers))
    assert next(iter(answers)) in response.json()["error"]
    assert not Assessment.objects.exists()


@pytest.mark.parametrize(
    ("overrides", "field"),
    [({"region": "atlantis"}, "region"), ({"lang": "xx"}, "lang"), ({"sector": 3}, "sector")],
)
def test_a_bad_profile_gets_400(
    client: Client, regions: Any, model: capacity.CapacityModel, overrides: dict[str, Any], field: str
) -> None:
    response = submit(client, body(model, **overrides))
    assert response.status_code == 400
    assert response.json()["field"] == field


def test_not_json_is_refused(client: Client) -> None:
    response = client.post(
        "/api/assessment/submit/", "answers=1", content_type="application/json", HTTP_IDEMPOTENCY_KEY="k"
    )
    assert response.status_code == 400


def test_get_a_result_by_its_token(client: Client, regions: Any, model: capacity.CapacityModel) -> None:
    token = submit(client, body(model)).json()["token"]
    data = Client().get(f"/api/assessment/result/{token}/", {"lang": "es"}).json()
    assert data["token"] == token
    assert data["stage"]["name"] == model.stage(data["result"]["stage"]).name["es"]


def test_an_unknown_token_is_404(client: Client) -> None:
    assert client.get("/api/assessment/result/00000000-0000-4000-8000-000000000000/").status_code == 404
