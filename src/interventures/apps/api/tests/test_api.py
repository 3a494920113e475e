"""The v1 API end to end: tokens, the pages' permission rules, pagination and filters, idempotent
creates, published figures only, and the OpenAPI document with its offline documentation page."""

from __future__ import annotations

import json
import re

import pytest
from django.test import Client

from interventures.apps.api.models import ApiToken, IdempotencyRecord
from interventures.apps.api.services import token_create, token_digest, token_revoke
from interventures.apps.surveys.models import Response

from .conftest import VALID

pytestmark = pytest.mark.django_db


def _post(client: Client, url: str, body: dict, key: str | None = "key-1", **extra: str):
    headers = {"HTTP_IDEMPOTENCY_KEY": key} if key else {}
    return client.post(url, json.dumps(body), content_type="application/json", **headers, **extra)


# ---- tokens --------------------------------------------------------------------------------------


def test_a_token_is_random_shown_once_and_stored_only_as_its_hash(people):
    token, secret = token_create(user=people["sme"], name="crm")
    other, other_secret = token_create(user=people["sme"], name="crm")
    assert secret != other_secret
    assert len(secret) > 40
    assert token.digest == token_digest(secret)
    assert secret not in json.dumps(list(ApiToken.objects.values()), default=str)
    assert secret.startswith(f"iv_{token.prefix}_")


def test_a_token_acts_as_its_owner_and_a_revoked_or_unknown_one_is_refused(people, campaigns, bearer):
    north, _south = campaigns
    client = bearer(people["partner_north"])
    assert client.get(f"/api/v1/surveys/campaigns/{north.pk}").status_code == 200
    token = ApiToken.objects.get(user=people["partner_north"])
    assert token.last_used_at is not None
    token_revoke(user=people["partner_north"], pk=token.pk)
    assert client.get(f"/api/v1/surveys/campaigns/{north.pk}").status_code == 401
    forged = Client(HTTP_AUTHORIZATION="Bearer iv_00000000_" + "x" * 43)
    assert forged.get("/api/v1/reference/regions").status_code == 401  # not silently anonymous
    assert Client(HTTP_AUTHORIZATION="Basic abc").get("/api/v1/reference/regions").status_code == 401


def test_nobody_else_revokes_a_token(people):
    from django.http import Http404

    token, _secret = token_create(user=people["sme"], name="mine")
    for intruder in ("coordinator", "partner_north"):
        with pytest.raises(Http404):
            token_revoke(user=people[intruder], pk=token.pk)
    assert ApiToken.objects.get(pk=token.pk).revoked_at is None


def test_a_read_only_token_cannot_create(people, campaigns, bearer):
    north, _south = campaigns
    r = _post(
        bearer(people["partner_north"], can_write=False),
        f"/api/v1/surveys/campaigns/{north.pk}/responses",
        {"answers": VALID},
    )
    assert r.status_code == 403
    assert "read-only" in r.json()["detail"]
    assert not Response.objects.exists()


def test_the_tokens_page_creates_shows_once_and_revokes(client_as):
    client, user = client_as("sme")
    page = client.post("/en/api-tokens/", {"name": "My CRM", "can_write": "on"})
    assert page.status_code == 200
    assert page["Cache-Control"] == "no-store"
    secret = re.search(r'value="(iv_[^"]+)"', page.content.decode()).group(1)
    token = ApiToken.objects.get(user=user)
    assert token.digest == token_digest(secret)
    assert token.can_write
    assert secret not in client.get("/en/api-tokens/").content.decode()  # shown once
    assert (
        Client(HTTP_AUTHORIZATION=f"Bearer {secret}").get("/api/v1/assessment/assessments").status_code == 200
    )
    assert client.post(f"/en/api-tokens/{token.pk}/revoke/").status_code == 302
    assert (
        Client(HTTP_AUTHORIZATION=f"Bearer {secret}").get("/api/v1/assessment/assessments").status_code == 401
    )


# ---- the pages' rules ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("who", "north", "south"),
    [
        ("partner_north", 200, 404),  # another region's microdata: not even its existence
        ("partner_south", 404, 200),
        ("coordinator", 200, 200),
        ("stakeholder_north", 403, 404),  # sees its region's campaign, may not export it
        ("sme", 404, 404),
    ],
)
def test_microdata_follows_the_role_matrix(people, campaigns, bearer, who, north, south):
    client = bearer(people[who])
    got = tuple(client.get(f"/api/v1/surveys/campaigns/{c.pk}/responses").status_code for c in campaigns)
    assert got == (north, south)


def test_a_stakeholder_does_not_export_microdata_even_of_its_region(people, campaigns, bearer):
    north, _south = campaigns
    r = bearer(people["stakeholder_north"]).get(f"/api/v1/surveys/campaigns/{north.pk}/responses")
    assert r.status_code == 403


def test_anonymous_callers_reach_only_public_endpoints(campaigns):
    anon = Client()
    assert anon.get("/api/v1/reference/regions").status_code == 200
    assert anon.get("/api/v1/aggregates/figures").status_code == 200
    assert anon.get("/api/v1/surveys/campaigns").status_code == 401
    assert anon.get("/api/v1/assessment/assessments").status_code == 401


def test_a_session_write_needs_the_csrf_token(people, campaigns):
    north, _south = campaigns
    client = Client(enforce_csrf_checks=True)
    client.force_login(people["partner_north"])
    r = _post(client, f"/api/v1/surveys/campaigns/{north.pk}/responses", {"answers": VALID})
    assert r.status_code == 403
    assert "CSRF" in r.json()["detail"]
    assert not Response.objects.exists()


# ---- creates -------------------------------------------------------------------------------------


def test_a_create_is_idempotent_and_a_reused_key_with_another_body_is_refused(people, campaigns, bearer):
    north, _south = campaigns
    client = bearer(people["partner_north"])
    url = f"/api/v1/surveys/campaigns/{north.pk}/responses"
    first = _post(client, url, {"answers": VALID})
    assert first.status_code == 201, first.content
    again = _post(client, url, {"answers": VALID})
    assert again.status_code == 200
    assert again.json() == first.json()
    other = _post(client, url, {"answers": {**VALID, "employees": "13"}})
    assert other.status_code == 409
    assert Response.objects.filter(campaign=north, status="submitted").count() == 1
    assert Response.objects.get().answers["employees"] == 12
    # The key is the caller's own: another caller with the same key makes its own response.
    coordinator = _post(bearer(people["coordinator"]), url, {"answers": VALID})
    assert coordinator.status_code == 201
    assert coordinator.json()["id"] != first.json()["id"]


def test_a_create_without_a_key_or_with_wrong_answers_stores_nothing(people, campaigns, bearer):
    north, _south = campaigns
    client = bearer(people["partner_north"])
    url = f"/api/v1/surveys/campaigns/{north.pk}/responses"
    assert _post(client, url, {"answers": VALID}, key=None).status_code == 422
    bad = _post(client, url, {"answers": {**VALID, "employees": "many"}}, key="k-bad")
    assert bad.status_code == 400
    assert "employees" in bad.json()["detail"]
    # the failed create left no record: a corrected retry with the same key succeeds
    assert not IdempotencyRecord.objects.exists()
    assert _post(client, url, {"answers": VALID}, key="k-bad").status_code == 201
    assert Response.objects.count() == 1


def test_a_partner_cannot_send_responses_to_another_region(people, campaigns, bearer):
    _north, south = campaigns
    r = _post(
        bearer(people["partner_north"]), f"/api/v1/surveys/campaigns/{south.pk}/responses", {"answers": VALID}
    )
    assert r.status_code == 404
    assert not Response.objects.exists()


def test_the_assessment_submission_is_idempotent_for_anonymous_callers_with_random_keys(regions):
    from interventures.core import capacity

    model = capacity.load_model()
    answers = {item.id: item.options[0].id for item in model.items}
    body = {"answers": answers, "size_class": "micro", "sector": "C", "region": "hu-hr"}
    anon = Client()
    assert _post(anon, "/api/v1/assessment/submissions", body, key="short").status_code == 400
    key = "7f1c2a9e-1b0d-4c5e-9a77-3d2f8e6b5a10"
    first = _post(anon, "/api/v1/assessment/submissions", body, key=key)
    assert first.status_code == 201, first.content
    assert first.json()["result"]["stage"]
    again = _post(anon, "/api/v1/assessment/submissions", body, key=key)
    assert again.status_code == 200
    assert again.json()["token"] == first.json()["token"]
    assert _post(anon, "/api/v1/assessment/submissions", {**body, "sector": "G"}, key=key).status_code == 409
    token = first.json()["token"]
    assert anon.get(f"/api/v1/assessment/results/{token}").json()["token"] == token


# ---- lists ---------------------------------------------------------------------------------------


def test_lists_are_paginated_and_filtered(people, campaigns, bearer):
    north, south = campaigns
    client = bearer(people["coordinator"])
    page = client.get("/api/v1/surveys/campaigns?limit=1").json()
    assert page["count"] == 2
    assert len(page["items"]) == 1
    second = client.get("/api/v1/surveys/campaigns?limit=1&offset=1").json()
    assert {page["items"][0]["id"], second["items"][0]["id"]} == {north.pk, south.pk}
    only = client.get("/api/v1/surveys/campaigns?region=lombardia").json()
    assert [c["id"] for c in only["items"]] == [south.pk]
    assert client.get("/api/v1/surveys/campaigns?limit=100000").status_code == 422  # bounded


# ---- published figures ---------------------------------------------------------------------------


def test_a_figure_on_fewer_respondents_than_the_minimum_cell_carries_no_number(regions):
    from interventures.apps.analysis.models import AnalysisRun, Figure, RunStatus
    from interventures.apps.common.disclosure import min_cell
    from interventures.core.stats import DISCLOSURE_RULE

    north, _south = regions
    run = AnalysisRun.objects.create(
        region=north,
        status=RunStatus.DONE,
        diagnostics={"disclosure_rule": DISCLOSURE_RULE, "min_cell": min_cell()},
    )
    common = {"run": run, "variable": "v", "section": "3", "kind": "mean"}
    Figure.objects.create(identifier="big", estimate=0.4, se=0.1, n=40, **common)
    Figure.objects.create(identifier="small", estimate=0.9, se=0.3, n=min_cell() - 1, **common)
    Figure.objects.create(identifier="flagged", suppressed=True, suppressed_by="n", n=3, **common)
    rows = {
        f["identifier"]: f for f in Client().get("/api/v1/aggregates/figures?region=hu-hr").json()["items"]
    }
    assert rows["big"]["estimate"] == 0.4
    assert rows["big"]["n"] == 40
    for name in ("small", "flagged"):
        row = rows[name]
        assert row["suppressed"]
        assert row["estimate"] is None
        assert row["se"] is None
        assert row["n"] is None
    public = Client().get("/api/v1/aggregates/figures?region=hu-hr&include_suppressed=false").json()
    assert [f["identifier"] for f in public["items"]] == ["big"]
    assert Client().get("/api/v1/aggregates/figures/small").json()["estimate"] is None


# ---- the document --------------------------------------------------------------------------------


def test_the_openapi_document_names_every_route_and_the_token_scheme(db):
    doc = Client().get("/api/v1/openapi.json").json()
    assert doc["info"]["version"] == "1"
    assert {
        "/api/v1/reference/regions",
        "/api/v1/surveys/campaigns/{campaign_id}/responses",
        "/api/v1/aggregates/figures",
        "/api/v1/assessment/submissions",
    } <= set(doc["paths"])
    create = doc["paths"]["/api/v1/surveys/campaigns/{campaign_id}/responses"]["post"]
    assert any(p["name"] == "Idempotency-Key" and p["required"] for p in create["parameters"])
    assert any(s.get("scheme") == "bearer" for s in doc["components"]["securitySchemes"].values())


def test_the_documentation_page_uses_no_outside_address(db):
    page = Client().get("/api/v1/docs").content.decode()
    assert "swagger-ui-bundle.js" in page
    assert not re.findall(r"""(?:src|href)=["']https?://""", page)
    assert "<script>" not in page  # no inline script: the CSP stays strict


def test_a_database_error_mid_create_loses_nothing_and_the_retry_creates_once(
    people, campaigns, bearer, monkeypatch
):
    from django.db import OperationalError

    from interventures.apps.surveys.services import responses as survey_services

    north, _south = campaigns
    client = bearer(people["partner_north"])
    client.raise_request_exception = False
    url = f"/api/v1/surveys/campaigns/{north.pk}/responses"
    real_submit = survey_services.response_submit

    def unreachable(**kwargs):
        raise OperationalError("server closed the connection unexpectedly")

    monkeypatch.setattr(survey_services, "response_submit", unreachable)
    # a database that cannot be reached is a 503 (common/middleware.DatabaseUnavailableMiddleware)
    assert _post(client, url, {"answers": VALID}, key="flaky-1").status_code == 503
    assert not Response.objects.exists()
    assert not IdempotencyRecord.objects.exists()
    monkeypatch.setattr(survey_services, "response_submit", real_submit)
    assert _post(client, url, {"answers": VALID}, key="flaky-1").status_code == 201
    assert _post(client, url, {"answers": VALID}, key="flaky-1").status_code == 200
    assert Response.objects.count() == 1


def test_a_response_sent_through_the_api_is_marked_so_in_the_api_the_campaign_page_and_exports(
    people, campaigns, bearer
):
    from django.urls import reverse

    from interventures.apps.surveys import exports

    north, _south = campaigns
    client = bearer(people["partner_north"])
    url = f"/api/v1/surveys/campaigns/{north.pk}/responses"
    assert _post(client, url, {"answers": VALID}).status_code == 201
    assert Response.objects.get(campaign=north).source == "api"
    (listed,) = client.get(url).json()["items"]
    assert listed["source"] == "api"
    columns, rows = exports.table(north)
    assert rows[0][columns.index("source")] == "api"
    page = Client()
    page.force_login(people["partner_north"])
    html = page.get(reverse("surveys:campaign_detail", args=[north.pk])).content.decode()
    sources = html.split('id="response-sources"')[1].split("</ul>")[0]
    assert "sent through the API: 1" in sources
    assert "imported" not in sources
