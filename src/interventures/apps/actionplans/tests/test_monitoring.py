"""Phase 2 beyond the entries themselves: evidence files on policy instrument improvements, entries
and files deleted with their stored copies (never an orphan on disk), monitoring in the plan's
history, and the language of what users write, with its translations."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.urls import reverse
from django.utils import translation

from interventures.apps.accounts.permissions import OPERATOR
from interventures.apps.actionplans import selectors, services
from interventures.apps.actionplans.models import (
    ActionPlan,
    Comment,
    ImprovementFile,
    MonitoringEntry,
    MonitoringFile,
    PolicyImprovement,
)
from interventures.apps.common.usage import used_by

from .test_actionplans import _complete_plan
from .test_review import PDF, _endorsed

pytestmark = pytest.mark.django_db
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32


def _entry(plan: Any, user: Any = OPERATOR, **kw: Any) -> MonitoringEntry:
    return services.monitoring_add(
        user=user,
        action=plan.actions.get(),
        date=dt.date(2021, 6, 1),
        status="on_track",
        progress=kw.pop("progress", "Call drafted"),
        files=[SimpleUploadedFile("minutes.pdf", PDF), SimpleUploadedFile("photo.png", PNG)],
        **kw,
    )


def _improvement(plan: Any, user: Any = OPERATOR, files: Any = None) -> PolicyImprovement:
    return services.improvement_add(
        user=user,
        plan=plan,
        kind="prefinancing",
        description="Pre-financing of 50 % for Light beneficiaries",
        date=dt.date(2021, 9, 1),
        funds_influenced=Decimal("250000.00"),
        files=files if files is not None else [SimpleUploadedFile("decision.pdf", PDF)],
    )


def test_an_improvement_keeps_its_evidence_files_as_monitoring_does(
    world: dict[str, Any], client: Any
) -> None:
    plan = _endorsed(world)
    client.force_login(world["partner"])
    response = client.post(
        reverse("actionplans:improvement", args=[plan.pk]),
        {
            "kind": "eligibility",
            "description": "Micro-enterprises are eligible",
            "date": "2021-10-01",
            "funds_influenced": "1200.50",
            "improvement-files": [SimpleUploadedFile("../Határozat <2>.pdf", PDF, content_type="text/html")],
        },
    )
    assert response.status_code == 302
    stored = ImprovementFile.objects.get()
    assert stored.name == "Határozat _2_.pdf"
    assert stored.content_type == "application/pdf"
    assert stored.file.name.startswith("actionplans/improvements/")
    assert stored.token in stored.file.name
    assert "Hat" not in stored.file.name
    assert Path(stored.file.path).read_bytes() == PDF
    url = reverse("actionplans:improvement_download", args=[plan.pk, stored.token])
    assert url in client.get(reverse("actionplans:plan", args=[plan.pk])).content.decode()
    got = client.get(url)
    assert b"".join(got.streaming_content) == PDF
    assert got["Content-Disposition"].startswith("attachment")
    assert got["X-Content-Type-Options"] == "nosniff"
    assert got["Content-Security-Policy"] == "default-src 'none'; sandbox"


def test_an_improvement_with_a_refused_file_is_not_recorded(world: dict[str, Any]) -> None:
    plan = _endorsed(world)
    for files in (
        [SimpleUploadedFile("decision.pdf", b"<html>not a pdf</html>")],
        [SimpleUploadedFile("run.exe", b"MZ")],
        [SimpleUploadedFile(f"{n}.pdf", PDF) for n in range(services.FILES_PER_ENTRY + 1)],
    ):
        with pytest.raises(services.ActionPlanError):
            _improvement(plan, user=world["partner"], files=files)
    assert not PolicyImprovement.objects.exists()
    assert not ImprovementFile.objects.exists()


def test_deleting_an_entry_a_file_or_an_improvement_removes_the_stored_files(
    world: dict[str, Any], django_capture_on_commit_callbacks: Any
) -> None:
    plan = _endorsed(world)
    partner = world["partner"]
    entry = _entry(plan)
    improvement = _improvement(plan)
    one, other = (Path(f.file.path) for f in entry.files.all())
    decision = Path(improvement.files.get().file.path)
    assert one.exists()
    assert other.exists()
    assert decision.exists()
    with django_capture_on_commit_callbacks(execute=True):
        services.monitoring_file_delete(user=partner, file=entry.files.get(name="minutes.pdf"))
    assert not one.exists()
    assert other.exists()
    with django_capture_on_commit_callbacks(execute=True):
        services.monitoring_delete(user=partner, entry=entry)
    assert not other.exists()
    with django_capture_on_commit_callbacks(execute=True):
        services.improvement_delete(user=partner, improvement=improvement)
    assert not decision.exists()
    assert not MonitoringFile.objects.exists()
    assert not ImprovementFile.objects.exists()


def _delete_and_roll_back(plan: Any) -> None:
    with transaction.atomic():
        plan.delete()
        transaction.set_rollback(True)


def test_a_cascade_removes_the_files_and_a_rolled_back_deletion_keeps_them(
    world: dict[str, Any], django_capture_on_commit_callbacks: Any
) -> None:
    plan = _endorsed(world)
    entry, improvement = _entry(plan), _improvement(plan)
    paths = [Path(f.file.path) for f in entry.files.all()] + [Path(improvement.files.get().file.path)]
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        _delete_and_roll_back(ActionPlan.objects.get(pk=plan.pk))
    assert callbacks == []
    assert all(p.exists() for p in paths)
    assert MonitoringFile.objects.count() == 2
    with django_capture_on_commit_callbacks(execute=True):
        # as the administrator's delete does: actions, entries, improvements go with the plan
        ActionPlan.objects.get(pk=plan.pk).delete()
    assert not any(p.exists() for p in paths)


def test_only_whoever_monitors_the_plan_deletes_its_entries(world: dict[str, Any], client: Any) -> None:
    plan = _endorsed(world)
    entry = _entry(plan)
    for who in ("stakeholder", "advisor", "coordinator", "other_partner"):
        with pytest.raises(services.NotAllowed):
            services.monitoring_delete(user=world[who], entry=entry)
        client.force_login(world[who])
        url = reverse("actionplans:monitoring_delete", args=[plan.pk, entry.pk])
        assert client.post(url).status_code == 403
    client.force_login(world["partner"])
    page = client.get(reverse("actionplans:plan", args=[plan.pk])).content.decode()
    assert reverse("actionplans:monitoring_delete", args=[plan.pk, entry.pk]) in page
    assert client.post(reverse("actionplans:monitoring_delete", args=[plan.pk, entry.pk])).status_code == 302
    assert not MonitoringEntry.objects.exists()


def test_monitoring_entries_are_in_the_history_and_its_diff(world: dict[str, Any], client: Any) -> None:
    plan = _endorsed(world)
    before = selectors.version_list(plan).first()
    entry = _entry(plan, user=world["partner"], progress="Call drafted")
    added = selectors.version_list(plan).first()
    assert added.what == "monitoring"
    assert added.author == world["partner"]
    changes = {c.path: c for c in selectors.version_diff(plan, before.number, added.number)}
    assert changes[f"monitoring.m{entry.pk}.status"].after == "on_track"
    assert changes[f"monitoring.m{entry.pk}.progress"].after == "Call drafted"
    assert changes[f"monitoring.m{entry.pk}.files.0"].after == "minutes.pdf"
    entry_pk = entry.pk
    services.monitoring_delete(user=world["partner"], entry=entry)
    removed = selectors.version_list(plan).first()
    changes = {c.path: c for c in selectors.version_diff(plan, added.number, removed.number)}
    assert changes[f"monitoring.m{entry_pk}.progress"].kind == "removed"
    improvement = _improvement(plan, user=world["partner"])
    recorded = selectors.version_list(plan).first()
    assert recorded.what == "improvements"
    diff = selectors.version_diff(plan, removed.number, recorded.number)
    assert f"improvements.p{improvement.pk}.funds_influenced" in {c.path for c in diff}
    client.force_login(world["stakeholder"])
    page = client.get(reverse("actionplans:history", args=[plan.pk])).content.decode()
    assert "monitoring" in page
    assert "policy instrument improvements" in page


def test_a_comment_keeps_its_language_and_its_author_adds_a_translation(
    world: dict[str, Any], client: Any
) -> None:
    plan = _complete_plan(world)
    # the addresses in English and in Hungarian, made before any request activates a language
    with translation.override("en"):
        en_page = reverse("actionplans:plan", args=[plan.pk])
        en_comment = reverse("actionplans:comment", args=[plan.pk])
    hu_page, hu_comment = (u.replace("/en/", "/hu/", 1) for u in (en_page, en_comment))
    client.force_login(world["stakeholder"])
    client.post(hu_comment, {"section": "part2", "text": "Kérjük a horvát nyelvű dokumentumokat"})
    comment = Comment.objects.get()
    assert comment.language == "hu"
    page = client.get(en_page).content.decode()
    assert '<span lang="hu">Kérjük a horvát nyelvű dokumentumokat</span>' in page
    # only its author translates it (the advisor reads it, and may not)
    with pytest.raises(services.NotAllowed):
        services.text_translation_save(user=world["advisor"], obj=comment, lang="en", fields={"text": "x"})
    with pytest.raises(services.ActionPlanError):  # not into the language it is written in
        services.text_translation_save(
            user=world["stakeholder"], obj=comment, lang="hu", fields={"text": "x"}
        )
    with translation.override("en"):
        url = reverse("actionplans:text_translate", args=[plan.pk, "comment", comment.pk])
    response = client.post(url, {"lang": "en", "text": "Please provide the documents in Croatian"})
    assert response.status_code == 302
    client.force_login(world["advisor"])
    english = client.get(en_page).content.decode()
    assert '<span lang="en">Please provide the documents in Croatian</span>' in english
    assert '<span lang="hu">Kérjük a horvát nyelvű dokumentumokat</span>' in english  # the original beside it
    assert "translated from Hungarian" in english
    # a Hungarian reader sees the original alone
    assert "Please provide the documents in Croatian" not in client.get(hu_page).content.decode()


def test_a_monitoring_entry_is_in_its_writers_language_and_the_partner_translates_it(
    world: dict[str, Any], client: Any
) -> None:
    plan = _endorsed(world)
    client.force_login(world["partner"])
    action = plan.actions.get()
    with translation.override("en"):
        en_page = reverse("actionplans:plan", args=[plan.pk])
        hr_monitoring = reverse("actionplans:monitoring", args=[plan.pk, action.pk]).replace(
            "/en/", "/hr/", 1
        )
    client.post(
        hr_monitoring,
        {
            f"mon{action.pk}-date": "2021-06-01",
            f"mon{action.pk}-status": "late",
            f"mon{action.pk}-progress": "Kašnjenje poziva",
        },
    )
    entry = MonitoringEntry.objects.get()
    assert entry.language == "hr"
    services.text_translation_save(
        user=world["partner"], obj=entry, lang="en", fields={"progress": "The call is late", "obstacles": ""}
    )
    entry.refresh_from_db()
    assert entry.translations == {"en": {"progress": "The call is late"}}
    assert selectors.version_list(plan).first().what == "translation"
    with pytest.raises(services.NotAllowed):
        services.text_translation_save(
            user=world["stakeholder"], obj=entry, lang="en", fields={"progress": "x"}
        )
    with pytest.raises(services.ActionPlanError):
        services.text_translation_save(user=world["partner"], obj=entry, lang="en", fields={"author": "x"})
    page = client.get(en_page).content.decode()
    assert '<span lang="en">The call is late</span>' in page
    assert '<span lang="hr">Kašnjenje poziva</span>' in page


def test_each_copy_of_the_document_shows_a_monitoring_entry_in_its_language(world: dict[str, Any]) -> None:
    import io

    from docx import Document

    from interventures.apps.actionplans import documents

    plan = _endorsed(world)
    entry = _entry(plan, progress="A poziv je objavljen", language="hr")
    services.text_translation_save(
        user=world["partner"], obj=entry, lang="en", fields={"progress": "The call is published"}
    )
    d = Document(io.BytesIO(documents.plan_docx(plan, languages=["en", "hr"])))
    text = "\n".join(p.text for p in d.paragraphs)
    english, croatian = text.split("The call is published", 1)
    assert "A poziv je objavljen" not in english  # the English copy: the translation only
    assert "A poziv je objavljen" in croatian  # the Croatian copy: the original


def test_an_improvements_file_is_deleted_on_its_own_by_whoever_monitors_the_plan(
    world: dict[str, Any], client: Any, django_capture_on_commit_callbacks: Any
) -> None:
    plan = _endorsed(world)
    improvement = _improvement(
        plan, files=[SimpleUploadedFile("decision.pdf", PDF), SimpleUploadedFile("photo.png", PNG)]
    )
    decision = improvement.files.get(name="decision.pdf")
    kept = Path(improvement.files.get(name="photo.png").file.path)
    gone = Path(decision.file.path)
    url = reverse("actionplans:improvement_file_delete", args=[plan.pk, decision.token])
    for who in ("stakeholder", "advisor", "coordinator", "other_partner"):
        with pytest.raises(services.NotAllowed):
            services.improvement_file_delete(user=world[who], file=decision)
        client.force_login(world[who])
        assert client.post(url).status_code == 403
        assert url not in client.get(reverse("actionplans:plan", args=[plan.pk])).content.decode()
    client.force_login(world["partner"])
    assert url in client.get(reverse("actionplans:plan", args=[plan.pk])).content.decode()
    assert client.get(url).status_code == 405
    before = selectors.version_list(plan).first()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url)
    assert response.status_code == 302
    assert response["Location"].endswith(f"#improvement-{improvement.pk}")
    assert not gone.exists()
    assert kept.exists()
    assert [f.name for f in improvement.files.all()] == ["photo.png"]
    assert PolicyImprovement.objects.filter(pk=improvement.pk).exists()
    after = selectors.version_list(plan).first()
    assert after.what == "improvements"
    changes = {c.path: c for c in selectors.version_diff(plan, before.number, after.number) or []}
    assert changes[f"improvements.p{improvement.pk}.files.0"].before == "decision.pdf"
    # another plan's file is not found through this plan
    assert (
        client.post(reverse("actionplans:improvement_file_delete", args=[plan.pk, "nope"])).status_code == 404
    )


def test_the_history_marks_each_cell_with_the_language_of_its_text(
    world: dict[str, Any], client: Any
) -> None:
    plan = _endorsed(world)
    before = selectors.version_list(plan).first()
    with translation.override("hu"):
        entry = _entry(plan, user=world["partner"], progress="Felhívás előkészítve", language="hu")
    services.improvement_add(
        user=world["partner"],
        plan=plan,
        kind="eligibility",
        description="Le microimprese sono ammissibili",
        date=dt.date(2021, 10, 1),
        funds_influenced=Decimal("10.00"),
        language="it",
    )
    after = selectors.version_list(plan).first()
    client.force_login(world["stakeholder"])
    page = client.get(
        reverse("actionplans:history", args=[plan.pk]), {"a": before.number, "b": after.number}
    ).content.decode()
    assert '<td lang="hu"><ins>Felhívás előkészítve</ins></td>' in page
    assert '<td lang="it"><ins>Le microimprese sono ammissibili</ins></td>' in page
    # a text's language is named in itself, not by its code (which reads as a word of the page)
    assert '<td lang="it"><ins>Italiano</ins></td>' in page
    assert '<td lang="hu"><ins>Magyar</ins></td>' in page
    assert "<ins>it</ins>" not in page
    # a file's name and a status code are in no known language: marked unknown, not English
    assert '<td lang=""><ins>minutes.pdf</ins></td>' in page
    assert '<td lang=""><ins>on_track</ins></td>' in page
    assert f"monitoring.m{entry.pk}.progress" in page
    # the plan's own text is English, its translations in their language
    services.plan_translation_save(user=OPERATOR, plan=plan, lang="hr", context="Kontekst plana")
    last = selectors.version_list(plan).first()
    page = client.get(
        reverse("actionplans:history", args=[plan.pk]), {"a": after.number, "b": last.number}
    ).content.decode()
    assert '<td lang="hr"><ins>Kontekst plana</ins></td>' in page
    assert 'lang="en"' not in page.split("<tbody>")[1]


def test_a_citations_note_keeps_the_page_language_it_was_written_in(
    world: dict[str, Any], client: Any
) -> None:
    plan = _complete_plan(world)
    action = plan.actions.get()
    services.evidence_remove(user=world["partner"], evidence=action.evidence.get())
    before = selectors.version_list(plan).first()
    client.force_login(world["partner"])
    step = reverse("actionplans:step", args=[plan.pk, "evidence"]).replace("/en/", "/hu/", 1)
    response = client.post(
        step,
        {
            "op": "evidence_add",
            "action": action.pk,
            "kind": "figure",
            "key": "SAR-hu-hr-CAP-finance",
            "note": "A finanszírozás hiánya",
        },
    )
    assert response.status_code == 302
    cited = action.evidence.get()
    assert (cited.note, cited.language) == ("A finanszírozás hiánya", "hu")
    page = client.get(reverse("actionplans:plan", args=[plan.pk])).content.decode()
    assert '<span lang="hu">A finanszírozás hiánya</span>' in page
    after = selectors.version_list(plan).first()
    history = client.get(
        reverse("actionplans:history", args=[plan.pk]), {"a": before.number, "b": after.number}
    ).content.decode()
    assert '<td lang="hu"><ins>A finanszírozás hiánya</ins></td>' in history
    # a citation without a note records no language; an operator's note says its own
    services.evidence_remove(user=world["partner"], evidence=cited)
    bare = services.evidence_add(
        user=world["partner"], action=action, kind="figure", key="SAR-hu-hr-CAP-finance"
    )
    assert bare.language == ""
    services.evidence_remove(user=world["partner"], evidence=bare)
    noted = services.evidence_add(
        user=OPERATOR, action=action, kind="figure", key="SAR-hu-hr-CAP-finance", note="Lack", language="xx"
    )
    assert noted.language == ""  # not one of the platform's languages: unknown, never a guess
    [use] = used_by(world["coordinator"], "figure", "SAR-hu-hr-CAP-finance")
    assert (use.note, use.lang) == ("Lack", "")
