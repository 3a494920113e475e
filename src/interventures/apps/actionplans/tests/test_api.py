"""The Action Plans in the v1 API: the plans the caller may see, each citation's freshness, and the
review's comments created once per Idempotency-Key."""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.test import Client

from interventures.apps.actionplans import services
from interventures.apps.actionplans.models import Comment
from interventures.apps.analysis.models import Figure

from .test_actionplans import _complete_plan, _run

pytestmark = pytest.mark.django_db

BASE = "/api/v1/actionplans/plans"


def _bearer(user: Any) -> Client:
    from interventures.apps.api.services import token_create

    _token, secret = token_create(user=user, name="test", can_write=True)
    return Client(HTTP_AUTHORIZATION=f"Bearer {secret}")


def test_the_list_and_the_plan_follow_the_plans_visibility_with_each_citations_freshness(
    world: dict[str, Any],
) -> None:
    plan = _complete_plan(world)
    anonymous = Client()
    assert anonymous.get(BASE).json() == {"items": [], "count": 0}  # a draft is not public
    assert anonymous.get(f"{BASE}/{plan.pk}").status_code == 404
    assert _bearer(world["other_partner"]).get(f"{BASE}/{plan.pk}").status_code == 404
    stakeholder = _bearer(world["stakeholder"])
    listed = stakeholder.get(BASE, {"region": "hu-hr"}).json()
    assert listed["count"] == 1
    assert listed["items"][0]["status"] == "draft"
    doc = stakeholder.get(f"{BASE}/{plan.pk}").json()
    [action] = doc["actions"]
    [cited] = action["evidence"]
    assert (cited["kind"], cited["id"], cited["freshness"]) == ("figure", "SAR-hu-hr-CAP-finance", "current")
    assert action["indicators"][0]["comment_on"].startswith("indicator-")
    # a newer run changes the figure: the API says the citation changed
    run = _run(world["region"], 55.0)
    assert Figure.objects.filter(run=run).exists()
    doc = stakeholder.get(f"{BASE}/{plan.pk}").json()
    assert doc["actions"][0]["evidence"][0]["freshness"] == "changed"


def test_a_comment_is_created_once_per_key_on_a_part_an_indicator_or_an_evidence_link(
    world: dict[str, Any],
) -> None:
    plan = _complete_plan(world)
    action = plan.actions.get()
    stakeholder = _bearer(world["stakeholder"])
    body = {"section": f"indicator-{action.indicators.get().pk}", "text": "Where is the baseline from?"}
    url = f"{BASE}/{plan.pk}/comments"

    def post(client: Client, payload: dict[str, Any], key: str) -> Any:
        return client.post(
            url, json.dumps(payload), content_type="application/json", HTTP_IDEMPOTENCY_KEY=key
        )

    first = post(stakeholder, body, "k-1")
    assert first.status_code == 201
    assert first.json()["section"] == body["section"]
    again = post(stakeholder, body, "k-1")
    assert again.status_code == 200
    assert again.json()["id"] == first.json()["id"]
    assert post(stakeholder, {**body, "text": "Other"}, "k-1").status_code == 409
    assert Comment.objects.count() == 1
    evidence = {"section": f"evidence-{action.evidence.get().pk}", "text": "Is this the 2021 run?"}
    assert post(_bearer(world["coordinator"]), evidence, "k-2").status_code == 201
    # a section that is not this plan's: 400, nothing stored; another region's partner: 404
    assert post(stakeholder, {"section": "indicator-999999", "text": "x"}, "k-3").status_code == 400
    assert post(_bearer(world["other_partner"]), body, "k-4").status_code == 404
    assert Client().post(url, json.dumps(body), content_type="application/json").status_code == 401
    listed = stakeholder.get(url).json()
    assert [c["text"] for c in listed["items"]] == ["Where is the baseline from?", "Is this the 2021 run?"]


def test_readers_of_a_public_plan_who_may_not_comment_get_403_on_its_comments(world: dict[str, Any]) -> None:
    plan = _complete_plan(world)
    services.plan_transition(user=world["partner"], plan=plan, transition="submit")
    services.plan_transition(user=world["coordinator"], plan=plan, transition="endorse")
    other = _bearer(world["other_partner"])
    assert other.get(f"{BASE}/{plan.pk}").status_code == 200
    assert other.get(f"{BASE}/{plan.pk}/comments").status_code == 403
