"""The advisory partner (AEBR's role): it reads every region's plan, drafts included, and comments on
each part, action, indicator and evidence link; it edits nothing, moves no status, monitors nothing
and sees no microdata."""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.urls import reverse

from interventures.apps.accounts.permissions import Action, can, can_export_region, is_staff_role, visible
from interventures.apps.actionplans import selectors, services
from interventures.apps.actionplans.models import ActionPlan, Comment

from .test_actionplans import _complete_plan

pytestmark = pytest.mark.django_db


def test_the_advisor_reads_a_draft_of_any_region_and_comments_on_each_section(world: dict[str, Any]) -> None:
    plan = _complete_plan(world)  # a draft: not public
    advisor = world["advisor"]
    assert not plan.public
    assert selectors.plan_get(user=advisor, pk=plan.pk) == plan
    assert can(advisor, Action.COMMENT, plan)
    action = plan.actions.get()
    indicator, cited = action.indicators.get(), action.evidence.get()
    for section in (
        "part1",
        "part2",
        "part3",
        f"action-{action.pk}",
        f"indicator-{indicator.pk}",
        f"evidence-{cited.pk}",
    ):
        services.comment_add(user=advisor, plan=plan, section=section, text=f"AEBR on {section}")
    assert Comment.objects.filter(author=advisor).count() == 6
    # it reads the review's comments of others too
    services.comment_add(user=world["stakeholder"], plan=plan, section="part1", text="RSG note")
    assert "RSG note" in {c.text for c in selectors.comment_list(user=advisor, plan=plan)}


def test_the_advisor_edits_nothing_moves_no_status_and_monitors_nothing(world: dict[str, Any]) -> None:
    plan = _complete_plan(world)
    advisor = world["advisor"]
    with pytest.raises(services.NotAllowed):
        services.action_save(user=advisor, plan=plan, action=None, title="x", background="", description="")
    with pytest.raises(services.NotAllowed):
        services.plan_transition(user=advisor, plan=plan, transition="submit")
    services.plan_transition(user=world["partner"], plan=plan, transition="submit")
    with pytest.raises(services.NotAllowed):
        services.plan_transition(user=advisor, plan=plan, transition="endorse")
    services.plan_transition(user=world["coordinator"], plan=plan, transition="endorse")
    import datetime as dt

    with pytest.raises(services.NotAllowed):
        services.monitoring_add(
            user=advisor, action=plan.actions.get(), date=dt.date(2021, 6, 1), status="late"
        )
    assert not can(advisor, Action.EDIT, plan)


def test_the_advisor_sees_no_microdata_and_is_not_partnership_staff(world: dict[str, Any]) -> None:
    from interventures.apps.accounts.models import Company
    from interventures.apps.surveys.models import Response

    advisor = world["advisor"]
    assert not is_staff_role(advisor)
    assert not advisor.is_staff
    assert not can_export_region(advisor, world["region"].pk)
    assert not can_export_region(advisor, None)
    company = Company.objects.create(name="SME", country="HU", region=world["region"])
    assert not visible(advisor, Company.objects.filter(pk=company.pk)).exists()
    assert list(visible(advisor, Response.objects.all())) == []
    assert not can(advisor, Action.VIEW, company)


def test_the_plan_page_shows_the_advisors_comment_with_its_role_and_no_edit_links(
    world: dict[str, Any], client: Any
) -> None:
    from interventures.apps.partnership.models import Organisation

    plan = _complete_plan(world)
    advisor = world["advisor"]
    client.force_login(advisor)
    url = reverse("actionplans:plan", args=[plan.pk])
    response = client.post(
        reverse("actionplans:comment", args=[plan.pk]), {"section": "part2", "text": "Cite the ESIF data"}
    )
    assert response.status_code == 302
    page = client.get(url).content.decode()
    assert "Cite the ESIF data" in page
    aebr = Organisation.objects.get(role="advisory_partner")
    assert "advisory partner" in page
    assert (aebr.short_name or aebr.name) in page
    assert reverse("actionplans:step", args=[plan.pk, "context"]) not in page
    assert 'value="endorse"' not in page
    assert client.get(reverse("actionplans:step", args=[plan.pk, "context"])).status_code == 403
    assert client.get(reverse("actionplans:history", args=[plan.pk])).status_code == 200
    start = client.get(reverse("web:start")).content.decode()
    assert url in start  # "My work" lists every region's plan to advise on
    assert "Your preparedness tests" not in start  # an SME's section


def test_the_advisor_reads_and_writes_comments_through_the_api(world: dict[str, Any], client: Any) -> None:
    from interventures.apps.api.services import token_create

    draft = _complete_plan(world)
    assert not ActionPlan.objects.get(pk=draft.pk).public
    _token, secret = token_create(user=world["advisor"], name="AEBR", can_write=True)
    headers = {"HTTP_AUTHORIZATION": f"Bearer {secret}"}
    assert client.get(f"/api/v1/actionplans/plans/{draft.pk}", **headers).status_code == 200
    made = client.post(
        f"/api/v1/actionplans/plans/{draft.pk}/comments",
        json.dumps({"section": "part3", "text": "Indicators: add a baseline source", "language": "en"}),
        content_type="application/json",
        HTTP_IDEMPOTENCY_KEY="aebr-0123456789abcdef",
        **headers,
    )
    assert made.status_code == 201, made.content
    assert made.json()["author_role"] == "advisor"
    listed = client.get(f"/api/v1/actionplans/plans/{draft.pk}/comments", **headers).json()
    assert [c["text"] for c in listed["items"]] == ["Indicators: add a baseline source"]
    # another region's partner does not even see the draft
    _t, other = token_create(user=world["other_partner"], name="x", can_write=True)
    assert (
        client.get(
            f"/api/v1/actionplans/plans/{draft.pk}/comments", HTTP_AUTHORIZATION=f"Bearer {other}"
        ).status_code
        == 404
    )
