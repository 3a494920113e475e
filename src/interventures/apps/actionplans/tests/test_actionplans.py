from __future__ import annotations

import io
from decimal import Decimal
from typing import Any

import pytest
from django.urls import reverse

from interventures.apps.accounts.permissions import OPERATOR
from interventures.apps.actionplans import selectors, services
from interventures.apps.actionplans.models import ActionPlan, Evidence, ImprovementType, PlanStatus
from interventures.apps.analysis.models import AnalysisRun, Figure, RunStatus
from interventures.apps.common.disclosure import min_cell
from interventures.apps.common.models import Region
from interventures.apps.common.usage import used_by
from interventures.apps.partnership.models import Organisation
from interventures.apps.partnership.selectors import instrument_for_region
from interventures.core.actionplans import Freshness
from interventures.core.stats import DISCLOSURE_RULE

pytestmark = pytest.mark.django_db


def _run(region: Region, estimate: float) -> AnalysisRun:
    from django.utils import timezone

    run = AnalysisRun.objects.create(
        region=region,
        status=RunStatus.DONE,
        finished_at=timezone.now(),
        diagnostics={"disclosure_rule": DISCLOSURE_RULE, "min_cell": min_cell()},
    )
    Figure.objects.create(
        run=run,
        identifier="SAR-hu-hr-CAP-finance",
        variable="finance",
        section="3",
        kind="mean",
        estimate=estimate,
        n=40,
    )
    return run


def _complete_plan(w: dict[str, Any]) -> ActionPlan:
    _run(w["region"], 41.0)
    plan = services.plan_create(user=w["partner"], region=w["region"], instrument=w["instrument"])
    org = Organisation.objects.filter(region=w["region"]).first()
    services.plan_context_save(
        user=w["partner"],
        plan=plan,
        organisation=org,
        other_organisations=[],
        contact="Ms A",
        improvement_type=ImprovementType.MANAGEMENT,
        context="Beneficiary Light",
    )
    action = services.action_save(
        user=w["partner"],
        plan=plan,
        action=None,
        title="Amend the scheme",
        background="Study visit",
        description="Test",
    )
    services.action_money_save(
        user=w["partner"],
        action=action,
        players=[org],
        timeframe="2021",
        costs=Decimal("1000.50"),
        funding="TA",
    )
    services.indicator_add(
        user=w["partner"],
        action=action,
        name="SMEs applying",
        unit="SMEs",
        baseline=Decimal(40),
        target=Decimal(80),
        source="JS",
    )
    services.evidence_add(user=w["partner"], action=action, kind="figure", key="SAR-hu-hr-CAP-finance")
    return plan


def test_checklist_empties_as_the_steps_are_filled_and_then_the_plan_goes_to_review(
    world: dict[str, Any],
) -> None:
    plan = services.plan_create(user=world["partner"], region=world["region"], instrument=world["instrument"])
    codes = {m.code for m in selectors.plan_checklist(plan)}
    assert {"contact", "improvement_type", "context", "no_action"} <= codes
    with pytest.raises(services.ActionPlanError):
        services.plan_transition(user=world["partner"], plan=plan, transition="submit")
    plan.delete()
    plan = _complete_plan(world)
    assert selectors.plan_checklist(plan) == []
    services.plan_transition(user=world["partner"], plan=plan, transition="submit")
    assert plan.status == PlanStatus.IN_REVIEW
    assert not plan.public


def test_only_the_regions_partner_edits_and_only_a_draft(world: dict[str, Any]) -> None:
    plan = _complete_plan(world)
    for who in ("other_partner", "stakeholder", "coordinator"):
        with pytest.raises(services.NotAllowed):
            services.action_save(
                user=world[who], plan=plan, action=None, title="x", background="", description=""
            )
    services.plan_transition(user=world["partner"], plan=plan, transition="submit")
    with pytest.raises(services.NotAllowed):
        services.action_save(
            user=world["partner"], plan=plan, action=None, title="x", background="", description=""
        )
    with pytest.raises(services.NotAllowed):  # the partner does not endorse its own plan
        services.plan_transition(user=world["partner"], plan=plan, transition="endorse")
    services.plan_transition(user=world["coordinator"], plan=plan, transition="endorse")
    assert plan.public
    assert plan.status_by == world["coordinator"]


def test_stakeholders_and_coordinator_comment_the_other_region_does_not(world: dict[str, Any]) -> None:
    plan = _complete_plan(world)
    services.comment_add(user=world["stakeholder"], plan=plan, section="part2", text="Add the language")
    services.comment_add(user=world["coordinator"], plan=plan, section="part2", text="Agreed")
    with pytest.raises(services.NotAllowed):
        services.comment_add(user=world["other_partner"], plan=plan, section="part2", text="no")
    assert [c.text for c in selectors.comments_by_section(plan)["part2"]] == ["Add the language", "Agreed"]


def test_a_figure_of_a_newer_run_flags_the_citation_and_refresh_clears_it(world: dict[str, Any]) -> None:
    plan = _complete_plan(world)
    action = plan.actions.get()
    assert [r.freshness for r in selectors.evidence_rows(action)] == [Freshness.CURRENT]
    _run(world["region"], 47.0)
    [row] = selectors.evidence_rows(action)
    assert row.freshness is Freshness.CHANGED
    assert row.current_value == "47"
    services.evidence_refresh(user=world["partner"], evidence=row.evidence)
    assert [r.freshness for r in selectors.evidence_rows(action)] == [Freshness.CURRENT]


def test_citing_an_unknown_identifier_is_refused_with_its_name(world: dict[str, Any]) -> None:
    plan = _complete_plan(world)
    with pytest.raises(services.ActionPlanError, match="SAR-nowhere"):
        services.evidence_add(
            user=world["partner"], action=plan.actions.get(), kind="figure", key="SAR-nowhere"
        )


def test_a_figure_shows_the_actions_that_use_it_to_those_who_may_see_the_plan(world: dict[str, Any]) -> None:
    _complete_plan(world)
    uses = used_by(world["coordinator"], "figure", "SAR-hu-hr-CAP-finance")
    assert [u.label for u in uses] == ["Hungary–Croatia: Amend the scheme"] or uses[0].label.endswith(
        "Amend the scheme"
    )
    assert used_by(None, "figure", "SAR-hu-hr-CAP-finance") == []  # a draft is not public


def test_every_write_is_a_version_and_the_diff_names_the_change(world: dict[str, Any]) -> None:
    plan = _complete_plan(world)
    action = plan.actions.get()
    services.action_save(
        user=world["partner"],
        plan=plan,
        action=action,
        title="Amend the call",
        background="Study visit",
        description="Test",
    )
    versions = list(selectors.version_list(plan))
    last, before = versions[0], versions[1]
    assert last.author == world["partner"]
    assert last.what == "actions"
    changes = {c.path: c for c in selectors.version_diff(plan, before.number, last.number) or []}
    assert set(changes) == {f"actions.a{action.pk}.title"}
    assert changes[f"actions.a{action.pk}.title"].after == "Amend the call"


def test_monitoring_values_give_indicator_progress_and_status_counts(world: dict[str, Any]) -> None:
    import datetime as dt

    plan = _complete_plan(world)
    services.plan_transition(user=world["partner"], plan=plan, transition="submit")
    services.plan_transition(user=world["coordinator"], plan=plan, transition="endorse")
    action = plan.actions.get()
    ind = action.indicators.get()
    services.monitoring_add(
        user=world["partner"],
        action=action,
        date=dt.date(2021, 6, 1),
        status="on_track",
        values={str(ind.pk): "50"},
    )
    services.monitoring_add(
        user=world["partner"],
        action=action,
        date=dt.date(2022, 1, 1),
        status="late",
        values={str(ind.pk): "60"},
    )
    plan = selectors.plan_get(user=world["coordinator"], pk=plan.pk)
    assert plan is not None
    action = plan.actions.all()[0]
    assert selectors.indicator_progress(action) == {ind.pk: Decimal("0.5")}
    assert selectors.plan_status_counts(plan)["late"] == 1


def test_pages_public_once_endorsed_and_the_docx_holds_every_part(world: dict[str, Any], client: Any) -> None:
    from docx import Document

    plan = _complete_plan(world)
    url = reverse("actionplans:plan", args=[plan.pk])
    assert client.get(url).status_code == 404
    client.force_login(world["partner"])
    for step in ("context", "evidence", "actions", "money", "indicators", "review"):
        assert client.get(reverse("actionplans:step", args=[plan.pk, step])).status_code == 200
    r = client.post(
        reverse("actionplans:step", args=[plan.pk, "actions"]),
        {"op": "action_add", "title": "Second", "background": "", "description": ""},
    )
    assert r.status_code == 302
    assert plan.actions.count() == 2
    r = client.post(
        reverse("actionplans:step", args=[plan.pk, "evidence"]),
        {"op": "evidence_add", "action": plan.actions.last().pk, "kind": "figure", "key": "SAR-none"},
    )
    assert r.status_code == 400
    assert "SAR-none" in r.content.decode()
    plan.actions.last().delete()
    services.plan_transition(user=world["partner"], plan=plan, transition="submit")
    services.plan_transition(user=world["coordinator"], plan=plan, transition="endorse")
    client.logout()
    page = client.get(url).content.decode()
    assert "Amend the scheme" in page
    assert "SAR-hu-hr-CAP-finance" in page
    doc = Document(io.BytesIO(client.get(reverse("actionplans:plan_export", args=[plan.pk, "docx"])).content))
    text = "\n".join(p.text for p in doc.paragraphs) + "\n".join(
        c.text for t in doc.tables for r in t.rows for c in r.cells
    )
    for expected in (
        "Part I",
        "Part II",
        "Part III",
        "Amend the scheme",
        "SMEs applying",
        "SAR-hu-hr-CAP-finance",
    ):
        assert expected in text


def _instrument_of(code: str) -> Any:
    return instrument_for_region(Region.objects.get(code=code))


def test_demo_loads_a_synthetic_plan_for_each_region_citing_the_demo_figures(world: dict[str, Any]) -> None:
    from interventures.apps.actionplans import demo
    from interventures.apps.learning.services import practices_reference_load

    practices_reference_load()
    _run(world["region"], 41.0)
    lt = Region.objects.get(code="lt-klaipeda")
    run = _run(lt, 30.0)
    Figure.objects.filter(run=run).update(identifier="SAR-lt-klaipeda-BAR-admin", variable="BAR-admin")
    # a region whose partner already started its own plan keeps it, without a demo beside it
    own = services.plan_create(
        user=OPERATOR, region=world["other_partner"].profile.region, instrument=_instrument_of("lombardia")
    )
    out = io.StringIO()
    demo.load(out=out)
    demo.load(out=out)  # idempotent
    plans = {p.region.code: p for p in ActionPlan.objects.filter(is_demo=True)}
    assert set(plans) == {"hu-hr", "podkarpackie", "castilla-y-leon", "lt-klaipeda"}
    assert ActionPlan.objects.get(region__code="lombardia") == own
    assert "lombardia already has an Action Plan" in out.getvalue()
    hu = plans["hu-hr"]
    assert hu.status == PlanStatus.DRAFT
    assert hu.actions.get().evidence.filter(kind="figure", target_key="SAR-hu-hr-CAP-finance").exists()
    assert hu.translations["hu"]["context"].startswith("Az Interreg")
    # a figure the demo analysis did not publish is not cited (no dangling link)
    assert not Evidence.objects.filter(target_key__startswith="SAR-podkarpackie-").exists()
    signed = plans["lt-klaipeda"]
    assert signed.status == PlanStatus.SIGNED
    action = signed.actions.get()
    assert action.evidence.filter(kind="figure", target_key="SAR-lt-klaipeda-BAR-admin").exists()
    assert action.evidence.filter(kind="practice", target_key="klaipeda-sme-grants").exists()
    entries = list(action.monitoring.order_by("date"))
    assert [m.status for m in entries] == ["on_track", "done"]
    assert all(m.is_demo for m in entries)
    assert entries[-1].values == {str(action.indicators.get().pk): "51"}
    assert signed.improvements.get().funds_influenced == Decimal("3250000.00")
    assert "Demo contact (synthetic)" == signed.contact
    assert OPERATOR is not None


def test_the_practice_page_lists_the_actions_that_cite_it(world: dict[str, Any], client: Any) -> None:
    from interventures.apps.learning.services import practices_reference_load

    practices_reference_load()
    from interventures.apps.learning.models import GoodPractice

    practice = GoodPractice.objects.filter(validated=True).order_by("slug").first()
    assert practice is not None
    plan = _complete_plan(world)
    services.evidence_add(
        user=world["partner"], action=plan.actions.get(), kind="practice", key=practice.slug
    )
    url = reverse("learning:practice_detail", args=[practice.slug])
    assert "Amend the scheme" not in client.get(url).content.decode()  # a draft plan is not public
    client.force_login(world["coordinator"])
    assert f"#action-{plan.actions.get().pk}" in client.get(url).content.decode()


def test_cli_exports_the_plan_as_json_with_evidence_ids(world: dict[str, Any], tmp_path: Any) -> None:
    import json

    from interventures.cli.main import main

    _complete_plan(world)
    out = tmp_path / "plan.json"
    assert (
        main(
            [
                "actionplan",
                "export",
                "--region",
                "hu-hr",
                "--format",
                "json",
                "--lang",
                "hu",
                "--out",
                str(out),
            ]
        )
        == 0
    )
    doc = json.loads(out.read_text())
    assert doc["region"] == "hu-hr"
    assert doc["status"] == "draft"
    assert doc["improvement_type"] == "management"
    [action] = doc["actions"]
    assert action["title"] == "Amend the scheme"
    assert action["costs"] == "1000.50"
    assert action["indicators"][0] | {"key": None, "translations": None} == {
        "key": None,
        "translations": None,
        "name": "SMEs applying",
        "unit": "SMEs",
        "baseline": "40.00",
        "target": "80.00",
        "source": "JS",
    }
    assert [(e["kind"], e["id"]) for e in action["evidence"]] == [("figure", "SAR-hu-hr-CAP-finance")]
    assert main(["actionplan", "export", "--region", "lombardia", "--format", "json", "--out", str(out)]) == 2


def test_dashboard_adds_up_improvements_in_exact_euros_and_counts_actions(
    world: dict[str, Any], client: Any
) -> None:
    import datetime as dt

    plan = _complete_plan(world)
    with pytest.raises(services.NotAllowed):  # a draft has no improvement yet
        services.improvement_add(
            user=world["partner"],
            plan=plan,
            kind="new_call",
            description="x",
            date=dt.date(2021, 9, 1),
            funds_influenced=Decimal(1),
        )
    services.plan_transition(user=world["partner"], plan=plan, transition="submit")
    services.plan_transition(user=world["coordinator"], plan=plan, transition="endorse")
    for amount in ("1000000.10", "200000.20"):
        services.improvement_add(
            user=world["partner"],
            plan=plan,
            kind="prefinancing",
            description="Advance payment",
            date=dt.date(2021, 9, 1),
            funds_influenced=Decimal(amount),
        )
    services.monitoring_add(
        user=world["partner"], action=plan.actions.get(), date=dt.date(2021, 10, 1), status="done"
    )
    board = selectors.dashboard(user=None, region=world["region"])
    assert board.funds_influenced == Decimal("1200000.30")
    assert (board.instruments_addressed, board.instruments_improved) == (1, 1)
    assert board.actions["done"] == 1
    assert board.actions["late"] == 0
    assert selectors.dashboard(user=None, region=Region.objects.get(code="lombardia")).funds_influenced == 0
    page = client.get(reverse("actionplans:dashboard_region", args=["hu-hr"])).content.decode()
    assert "1,200,000.30" in page


def test_the_api_gives_the_plan_with_each_citations_freshness(world: dict[str, Any], client: Any) -> None:
    plan = _complete_plan(world)
    url = reverse("actionplans_api:plan", args=[plan.pk])
    assert client.get(url).status_code == 404
    client.force_login(world["stakeholder"])
    _run(world["region"], 50.0)
    doc = client.get(url).json()
    assert doc["actions"][0]["evidence"][0]["freshness"] == "changed"
    listed = client.get(reverse("actionplans_api:plan_list")).json()["plans"]
    assert [p["region"] for p in listed] == ["hu-hr"]
