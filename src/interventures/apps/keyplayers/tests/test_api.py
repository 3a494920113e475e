"""The key players' v1 API: the directory's filters and visibility, a region's coverage under the
minimum cell, and the creates of the region's people with their idempotency keys."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client

from interventures.apps.accounts.models import Role
from interventures.apps.common.models import Region
from interventures.apps.keyplayers.models import Comment, Service, Tie

pytestmark = pytest.mark.django_db

BASE = "/api/v1/keyplayers"


def _bearer(user: Any) -> Client:
    from interventures.apps.api.services import token_create

    _token, secret = token_create(user=user, name="test", can_write=True)
    return Client(HTTP_AUTHORIZATION=f"Bearer {secret}")


def _post(client: Client, path: str, body: dict[str, Any], key: str) -> Any:
    return client.post(path, json.dumps(body), content_type="application/json", HTTP_IDEMPOTENCY_KEY=key)


def test_organisations_are_filtered_as_the_directory_and_drafts_stay_hidden(
    client: Any, make_org: Callable[..., Any], make_service: Any, partner_region: Region
) -> None:
    fund = make_org(name="Guarantee fund", type="bank_fund")
    make_service(fund, service_type="loans", dimensions=["finance"], stages=["exploring"], languages=["hu"])
    make_org(name="Quiet cluster", type="cluster")
    draft = make_org(name="Draft desk", published=False)
    found = client.get(f"{BASE}/organisations", {"service_type": "loans", "region": partner_region.code})
    assert found.status_code == 200
    assert [o["name"] for o in found.json()["items"]] == ["Guarantee fund"]
    assert found.json()["count"] == 1
    everyone = {o["id"] for o in client.get(f"{BASE}/organisations", {"limit": 500}).json()["items"]}
    assert fund.slug in everyone
    assert draft.slug not in everyone
    assert client.get(f"{BASE}/organisations/{draft.slug}").status_code == 404
    one = client.get(f"{BASE}/organisations/{fund.slug}").json()
    assert one["services"][0]["dimensions"] == ["finance"]
    services = client.get(f"{BASE}/services", {"organisation": fund.slug}).json()
    assert [s["service_type"] for s in services["items"]] == ["loans"]
    assert client.get(f"{BASE}/organisations", {"region": "nowhere"}).status_code == 404


def test_the_region_withholds_needs_and_their_n_under_the_minimum_cell(
    client: Any, make_org: Callable[..., Any], partner_region: Region, settings: Any
) -> None:
    from interventures.apps.assessment.models import Assessment, Status

    settings.INTERVENTURES_MIN_CELL = 5
    make_org(name="Border chamber")
    for i in range(8):  # 8 SMEs at one stage: 6 with a gap in finance (2 without: withheld)
        Assessment.objects.create(
            region=partner_region,
            size_class="small",
            sector="C",
            language="hu",
            model_version="1.0",
            status=Status.COMPLETED,
            stage="exploring",
            result={"gaps": [{"dimension": "finance" if i < 6 else "people", "score": 10, "shortfall": 90}]},
        )
    data = client.get(f"{BASE}/regions/{partner_region.code}").json()
    assert data["min_cell"] == 5
    cells = {(c["dimension"], c["stage"]): c for c in data["coverage"]}
    finance = cells["finance", "exploring"]
    assert finance["need"] is None
    assert finance["n"] is None
    assert finance["tests_n"] is None
    assert "Border chamber" in {o["name"] for o in data["organisations"]}


def test_a_stakeholder_comments_once_per_key_and_a_partner_adds_a_service_and_a_tie(
    make_user: Callable[..., Any], make_org: Callable[..., Any], partner_region: Region
) -> None:
    org = make_org(name="Border chamber", country="HU")
    other = make_org(name="Croatian chamber", country="HR")
    stakeholder = _bearer(make_user(Role.STAKEHOLDER, region=partner_region))
    path = f"{BASE}/organisations/{org.slug}/comments"
    first = _post(stakeholder, path, {"text": "Works with us on fairs"}, "comment-key-000001")
    assert first.status_code == 201
    again = _post(stakeholder, path, {"text": "Works with us on fairs"}, "comment-key-000001")
    assert again.status_code == 200
    assert again.json()["id"] == first.json()["id"]
    assert _post(stakeholder, path, {"text": "Another"}, "comment-key-000001").status_code == 409
    assert Comment.objects.filter(organisation=org).count() == 1
    # a stakeholder does not edit the directory
    refused = _post(
        stakeholder,
        f"{BASE}/organisations/{org.slug}/services",
        {"name": "X", "service_type": "training"},
        "svc-000000000001",
    )
    assert refused.status_code == 403
    partner = _bearer(make_user(Role.REGIONAL_PARTNER, region=partner_region))
    made = _post(
        partner,
        f"{BASE}/organisations/{org.slug}/services",
        {"name": "Fair stand", "service_type": "fairs", "dimensions": ["market"], "stages": ["exploring"]},
        "svc-000000000002",
    )
    assert made.status_code == 201, made.content
    assert Service.objects.get(pk=made.json()["id"]).dimensions == ["market"]
    bad = _post(
        partner,
        f"{BASE}/organisations/{org.slug}/services",
        {"name": "Y", "service_type": "nonsense"},
        "svc-000000000003",
    )
    assert bad.status_code == 400
    assert "service_type" in bad.json()["detail"]
    tie = _post(
        partner,
        f"{BASE}/organisations/{org.slug}/ties",
        {"target": other.slug, "kind": "cooperates", "since": "2020-05-01"},
        "tie-000000000001",
    )
    assert tie.status_code == 201, tie.content
    assert tie.json()["cross_border"] is True
    assert Tie.objects.filter(source=org, target=other).count() == 1
    listed = Client().get(f"{BASE}/ties", {"organisation": org.slug, "cross_border": "true"}).json()
    assert [(t["source"], t["target"]) for t in listed["items"]] == [(org.slug, other.slug)]
    others = Region.objects.exclude(pk=partner_region.pk).filter(partner=True).first()
    outsider = _bearer(make_user(Role.REGIONAL_PARTNER, region=others))
    assert (
        _post(
            outsider,
            f"{BASE}/organisations/{org.slug}/ties",
            {"target": other.slug, "kind": "funds"},
            "tie-000000000002",
        ).status_code
        == 403
    )
