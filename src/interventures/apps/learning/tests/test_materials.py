"""An event's files (materials.py): bounded, checked by content, served to who may see the event,
removed from disk with their record."""

from __future__ import annotations

import io
import zipfile

import pytest
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from interventures.apps.accounts.models import Role
from interventures.apps.accounts.permissions import OPERATOR
from interventures.apps.common.models import Region
from interventures.apps.learning import materials, services
from interventures.apps.learning.models import EventMaterial

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"


def _zip(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def test_the_partner_uploads_a_file_everyone_who_sees_the_event_downloads_it_and_removal_clears_the_disk(
    reference, make_event, client_as, client, media, django_capture_on_commit_callbacks
):
    hu = Region.objects.get(code="hu-hr")
    event = make_event(hu)
    partner, _user = client_as(Role.REGIONAL_PARTNER, region=hu)
    upload = SimpleUploadedFile("../../Slides: round 1.pdf", PDF, content_type="application/pdf")
    response = partner.post(reverse("learning:event_materials", args=[event.uid]), {"file": upload})
    assert response.status_code == 302
    material = EventMaterial.objects.get()
    assert material.name == "Slides_ round 1.pdf"  # no folder, no colon
    assert material.file.name.startswith("learning/materials/")
    assert ".." not in material.file.name
    assert default_storage.exists(material.file.name)
    download = client.get(reverse("learning:material_download", args=[event.uid, material.token]))
    assert download.status_code == 200
    assert b"".join(download.streaming_content) == PDF
    assert download["X-Content-Type-Options"] == "nosniff"
    assert "attachment" in download["Content-Disposition"]
    assert (
        "Slides_ round 1.pdf"
        in client.get(reverse("learning:event_detail", args=[event.uid])).content.decode()
    )
    with django_capture_on_commit_callbacks(execute=True):
        partner.post(reverse("learning:material_delete", args=[event.uid, material.token]))
    assert not EventMaterial.objects.exists()
    assert not default_storage.exists(material.file.name)


def test_an_unpublished_events_files_are_hidden_from_the_public(reference, make_event, client, media):
    event = make_event(Region.objects.get(code="hu-hr"), published=False)
    material = materials.material_add(
        user=OPERATOR, event=event, upload=SimpleUploadedFile("minutes.pdf", PDF)
    )
    assert (
        client.get(reverse("learning:material_download", args=[event.uid, material.token])).status_code == 404
    )


@pytest.mark.parametrize(
    ("name", "data", "reason"),
    [
        ("run.exe", b"MZ\x90\x00", "only PDF"),
        ("slides.pdf", b"<html>not a pdf</html>", "not the kind of file"),
        ("empty.pdf", b"", "empty or larger"),
        ("slides.pptx", _zip({"word/document.xml": b"<w/>"}), "not the kind of file"),  # a DOCX renamed
        ("notes.odt", _zip({"mimetype": b"application/vnd.oasis.opendocument.presentation"}), "not the kind"),
    ],
)
def test_files_are_checked_by_their_content(reference, make_event, media, name, data, reason):
    event = make_event(Region.objects.get(code="hu-hr"))
    with pytest.raises(services.LearningError, match=reason):
        materials.material_add(user=OPERATOR, event=event, upload=SimpleUploadedFile(name, data))
    assert not EventMaterial.objects.exists()
    assert not any(media.rglob("*.*"))


def test_a_file_over_the_bound_is_refused_and_real_office_files_pass(
    reference, make_event, media, monkeypatch
):
    event = make_event(Region.objects.get(code="hu-hr"))
    monkeypatch.setattr(materials, "MAX_BYTES", 100)
    with pytest.raises(services.LearningError, match="larger than"):
        materials.material_add(
            user=OPERATOR, event=event, upload=SimpleUploadedFile("big.pdf", PDF + b"x" * 200)
        )
    pptx = _zip({"[Content_Types].xml": b"<Types/>", "ppt/presentation.xml": b"<p/>"})
    monkeypatch.setattr(materials, "MAX_BYTES", 10_000)
    stored = materials.material_add(user=OPERATOR, event=event, upload=SimpleUploadedFile("deck.pptx", pptx))
    assert stored.content_type.endswith("presentationml.presentation")


def test_files_go_from_disk_with_their_event(
    reference, make_event, media, django_capture_on_commit_callbacks
):
    event = make_event(Region.objects.get(code="hu-hr"))
    material = materials.material_add(user=OPERATOR, event=event, upload=SimpleUploadedFile("a.pdf", PDF))
    path = material.file.name
    with django_capture_on_commit_callbacks(execute=True):
        event.delete()
    assert not default_storage.exists(path)


def test_only_the_events_editors_upload(reference, make_event, client_as, media):
    hu = Region.objects.get(code="hu-hr")
    event = make_event(hu)
    stake, _user = client_as(Role.STAKEHOLDER, region=hu)
    url = reverse("learning:event_materials", args=[event.uid])
    assert stake.post(url, {"file": SimpleUploadedFile("a.pdf", PDF)}).status_code == 403
    assert not EventMaterial.objects.exists()
