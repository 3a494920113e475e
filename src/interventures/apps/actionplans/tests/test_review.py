"""The review and monitoring beyond the sections: evidence files on monitoring entries, comments on
indicators and evidence links, any two versions compared, the translation of a plan's texts."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from interventures.apps.accounts.permissions import OPERATOR
from interventures.apps.actionplans import selectors, services
from interventures.apps.actionplans.models import Comment, MonitoringFile

from .test_actionplans import _complete_plan

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n% minutes of the monitoring committee\n"


def _endorsed(w: dict[str, Any]) -> Any:
    plan = _complete_plan(w)
    services.plan_transition(user=w["partner"], plan=plan, transition="submit")
    services.plan_transition(user=w["coordinator"], plan=plan, transition="endorse")
    return plan


def test_a_monitoring_entry_keeps_its_files_under_random_names_and_serves_them_to_plan_readers(
    world: dict[str, Any], client: Any
) -> None:
    plan = _endorsed(world)
    action = plan.actions.get()
    client.force_login(world["partner"])
    url = reverse("actionplans:monitoring", args=[plan.pk, action.pk])
    upload = SimpleUploadedFile("../../etc/Jegyzőkönyv <1>.pdf", PDF, content_type="text/html")
    response = client.post(
        url,
        {
            f"mon{action.pk}-date": "2021-06-01",
            f"mon{action.pk}-status": "on_track",
            f"mon{action.pk}-files": [upload],
        },
    )
    assert response.status_code == 302
    stored = MonitoringFile.objects.get()
    assert stored.name == "Jegyzőkönyv _1_.pdf"  # no folder, no markup: a display name only
    assert stored.content_type == "application/pdf"  # from the checked kind, not the browser's claim
    assert len(stored.token) >= 40
    assert stored.token in stored.file.name
    assert "Jegyz" not in stored.file.name
    assert ".." not in stored.file.name
    assert Path(stored.file.path).read_bytes() == PDF
    file_url = reverse("actionplans:monitoring_download", args=[plan.pk, stored.token])
    assert file_url in client.get(reverse("actionplans:plan", args=[plan.pk])).content.decode()
    got = client.get(file_url)
    assert got.status_code == 200
    assert b"".join(got.streaming_content) == PDF
    assert got["Content-Type"] == "application/pdf"
    assert got["X-Content-Type-Options"] == "nosniff"
    assert got["Content-Disposition"].startswith("attachment")
    # an endorsed plan is public: so is its monitoring evidence; a guessed token finds nothing
    client.logout()
    assert client.get(file_url).status_code == 200
    assert client.get(reverse("actionplans:monitoring_download", args=[plan.pk, "x" * 43])).status_code == 404


def test_a_draft_plans_files_are_hidden_from_those_who_may_not_see_the_plan(
    world: dict[str, Any], client: Any
) -> None:
    plan = _complete_plan(world)
    entry = services.monitoring_add(
        user=OPERATOR,
        action=plan.actions.get(),
        date=dt.date(2021, 6, 1),
        status="on_track",
        files=[SimpleUploadedFile("a.pdf", PDF)],
    )
    url = reverse("actionplans:monitoring_download", args=[plan.pk, entry.files.get().token])
    assert client.get(url).status_code == 404
    client.force_login(world["other_partner"])
    assert client.get(url).status_code == 404
    client.force_login(world["stakeholder"])
    assert client.get(url).status_code == 200


@pytest.mark.parametrize(
    ("name", "content", "why"),
    [
        ("notes.html", b"<script>alert(1)</script>", "only PDF"),
        ("fake.pdf", b"MZ\x90\x00 an executable", "not the kind of file"),
        ("empty.png", b"", "not the kind of file"),
        ("noextension", PDF, "only PDF"),
    ],
)
def test_a_file_of_another_kind_than_its_name_or_not_allowed_is_refused_and_nothing_is_stored(
    world: dict[str, Any], name: str, content: bytes, why: str
) -> None:
    plan = _endorsed(world)
    with pytest.raises(services.ActionPlanError, match=why):
        services.monitoring_add(
            user=world["partner"],
            action=plan.actions.get(),
            date=dt.date(2021, 6, 1),
            status="on_track",
            files=[SimpleUploadedFile("ok.pdf", PDF), SimpleUploadedFile(name, content)],
        )
    assert not plan.actions.get().monitoring.exists()
    assert not MonitoringFile.objects.exists()


def test_files_are_bounded_in_size_and_number(world: dict[str, Any], monkeypatch: Any) -> None:
    plan = _endorsed(world)
    action = plan.actions.get()
    monkeypatch.setattr(services, "FILE_MAX_BYTES", 100)
    with pytest.raises(services.ActionPlanError, match="larger than"):
        services.monitoring_add(
            user=world["partner"],
            action=action,
            date=dt.date(2021, 6, 1),
            status="on_track",
            files=[SimpleUploadedFile("big.pdf", PDF + b"0" * 100)],
        )
    too_many = [SimpleUploadedFile(f"{n}.pdf", PDF) for n in range(services.FILES_PER_ENTRY + 1)]
    with pytest.raises(services.ActionPlanError, match="at most"):
        services.monitoring_add(
            user=world["partner"], action=action, date=dt.date(2021, 6, 1), status="on_track", files=too_many
        )
    assert not MonitoringFile.objects.exists()
    # only who may monitor the plan attaches files
    entry = services.monitoring_add(
        user=world["partner"], action=action, date=dt.date(2021, 6, 1), status="late"
    )
    with pytest.raises(services.NotAllowed):
        services.monitoring_file_add(
            user=world["stakeholder"], entry=entry, files=[SimpleUploadedFile("a.pdf", PDF)]
        )


def test_stakeholders_comment_on_an_indicator_and_an_evidence_link_of_the_plan_only(
    world: dict[str, Any], client: Any
) -> None:
    plan = _complete_plan(world)
    action = plan.actions.get()
    indicator, cited = action.indicators.get(), action.evidence.get()
    services.comment_add(
        user=world["stakeholder"], plan=plan, section=f"indicator-{indicator.pk}", text="Baseline?"
    )
    services.comment_add(
        user=world["coordinator"], plan=plan, section=f"evidence-{cited.pk}", text="Newer run?"
    )
    with pytest.raises(services.NotAllowed):
        services.comment_add(
            user=world["other_partner"], plan=plan, section=f"evidence-{cited.pk}", text="No"
        )
    # another plan's indicator, an unknown section or a made-up target: refused
    other = services.plan_create(
        user=OPERATOR,
        region=world["other_partner"].profile.region,
        instrument=_instrument(world["other_partner"]),
    )
    other_action = services.action_save(
        user=OPERATOR, plan=other, action=None, title="X", background="", description=""
    )
    for section in (f"action-{other_action.pk}", "part9", "indicator-999999", "evidence-x"):
        with pytest.raises(services.ActionPlanError):
            services.comment_add(user=world["stakeholder"], plan=plan, section=section, text="Hm")
    assert set(Comment.objects.values_list("section", flat=True)) == {
        f"indicator-{indicator.pk}",
        f"evidence-{cited.pk}",
    }
    client.force_login(world["partner"])
    page = client.get(reverse("actionplans:plan", args=[plan.pk])).content.decode()
    assert f'name="section" value="indicator-{indicator.pk}"' in page
    assert "Baseline?" in page
    assert f'name="section" value="evidence-{cited.pk}"' in page
    assert "Newer run?" in page
    response = client.post(
        reverse("actionplans:comment", args=[plan.pk]), {"section": f"action-{other_action.pk}", "text": "x"}
    )
    assert response.status_code == 302
    assert Comment.objects.count() == 2


def _instrument(user: Any) -> Any:
    from interventures.apps.partnership.selectors import instrument_for_region

    return instrument_for_region(user.profile.region)


def test_the_history_compares_any_two_versions_chosen_from_the_list(
    world: dict[str, Any], client: Any
) -> None:
    plan = _complete_plan(world)
    versions = list(selectors.version_list(plan))
    newest, oldest = versions[0].number, versions[-1].number
    client.force_login(world["stakeholder"])
    url = reverse("actionplans:history", args=[plan.pk])
    page = client.get(url).content.decode()
    for v in versions:  # every version is in both pickers
        assert page.count(f'<option value="{v.number}"') == 2
    page = client.get(url, {"a": oldest, "b": newest}).content.decode()
    assert f'<option value="{oldest}" selected' in page
    assert f'<option value="{newest}" selected' in page
    assert "actions.a" in page
    assert "Amend the scheme" in page
    page = client.get(url, {"a": newest, "b": newest}).content.decode()
    assert "No difference." in page
    assert "No such version." in client.get(url, {"a": 1, "b": 999}, follow=True).content.decode()


def test_the_partner_translates_the_plans_texts_and_an_empty_field_falls_back_to_english(
    world: dict[str, Any], client: Any
) -> None:
    plan = _complete_plan(world)
    action = plan.actions.get()
    url = reverse("actionplans:translate", args=[plan.pk, "hu"])
    client.force_login(world["stakeholder"])
    assert client.get(url).status_code == 403
    client.force_login(world["partner"])
    assert "Amend the scheme" in client.get(url).content.decode()
    response = client.post(url, {"context": "Háttér", f"a{action.pk}-title": "A konstrukció módosítása"})
    assert response.status_code == 302
    action.refresh_from_db()
    assert action.translations == {"hu": {"title": "A konstrukció módosítása"}}
    assert selectors.version_list(plan).first().what == "translation"
    hu = client.get(reverse("actionplans:plan", args=[plan.pk]), HTTP_ACCEPT_LANGUAGE="hu")
    page = client.get("/hu" + reverse("actionplans:plan", args=[plan.pk])[3:]).content.decode()
    assert hu.status_code in (200, 302)
    assert "A konstrukció módosítása" in page
    assert '<span lang="en">Study visit</span>' in page  # untranslated: shown in English, marked
    client.post(url, {"context": "", f"a{action.pk}-title": ""})
    action.refresh_from_db()
    assert action.translations == {}
    with pytest.raises(services.ActionPlanError):
        services.plan_translation_save(user=world["partner"], plan=plan, lang="en", context="x")
    assert client.get(reverse("actionplans:translate", args=[plan.pk, "xx"])).status_code == 404


def test_an_action_cites_a_key_players_improvement_item_and_a_decision_on_it_flags_the_citation(
    world: dict[str, Any],
) -> None:
    from interventures.apps.keyplayers.models import Improvement

    item = Improvement.objects.create(
        region=world["region"], key="no_service:digital:domestic", kind="no_service"
    )
    plan = _complete_plan(world)
    action = plan.actions.get()
    cited = services.evidence_add(
        user=world["partner"], action=action, kind="improvement", key="hu-hr:no_service:digital:domestic"
    )
    [row] = [r for r in selectors.evidence_rows(action) if r.evidence.pk == cited.pk]
    assert row.freshness == "current"
    assert row.label == "Hungary–Croatia: No service where the need is high"
    assert row.url.endswith("/players/regions/hu-hr/#improvements-heading")
    item.status = "accepted"
    item.save(update_fields=["status"])
    [row] = [r for r in selectors.evidence_rows(action) if r.evidence.pk == cited.pk]
    assert row.freshness == "changed"
    with pytest.raises(services.ActionPlanError):
        services.evidence_add(user=world["partner"], action=action, kind="improvement", key="hu-hr:nothing")
