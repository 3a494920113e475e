"""The directory's upload page: the CLI's checks, shown before anything is written; a refusal names
every problem and gives the refused rows as a formula-safe CSV; size-bounded; the partner's region only."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from interventures.apps.common.models import Region
from interventures.apps.keyplayers.models import DirectoryImport, ImportStatus, Service, Tie
from interventures.apps.keyplayers.tests.test_cli import ORGS, SERVICES, TIES
from interventures.apps.partnership.models import Organisation

pytestmark = pytest.mark.django_db


def _files(orgs: str = ORGS, services: str = SERVICES, ties: str = TIES) -> dict[str, Any]:
    return {
        "organisations": SimpleUploadedFile("orgs.csv", orgs.encode(), content_type="text/csv"),
        "services": SimpleUploadedFile("services.csv", services.encode(), content_type="text/csv"),
        "ties": SimpleUploadedFile("ties.csv", ties.encode(), content_type="text/csv"),
    }


def test_the_partner_sees_what_the_files_create_then_imports_them(
    client_as: Callable[..., Any], partner_region: Region
) -> None:
    client, _partner = client_as("regional_partner", region=partner_region)
    page = reverse("keyplayers:directory_import", args=[partner_region.code])
    assert client.get(page).status_code == 200
    sent = client.post(page, _files())
    assert sent.status_code == 302
    staged = DirectoryImport.objects.get()
    assert staged.status == ImportStatus.CHECKED
    assert sent["Location"] == reverse("keyplayers:directory_import_review", args=[staged.token])
    review = client.get(sent["Location"]).content.decode()
    assert "Organisations to create: 2." in review
    assert "Organisations to update: 0." in review  # the partner pannon-egtc is named, not in ORGS
    assert "osijek-chamber" in review
    assert not Organisation.objects.filter(slug="osijek-chamber").exists()  # shown, not written
    done = client.post(sent["Location"])
    assert done["Location"] == reverse("keyplayers:region", args=[partner_region.code])
    assert Organisation.objects.filter(slug__in=["osijek-chamber", "drava-cluster"]).count() == 2
    assert Service.objects.filter(organisation__region=partner_region).count() == 2
    assert Tie.objects.filter(source__slug="osijek-chamber").count() == 1
    staged.refresh_from_db()
    assert staged.status == ImportStatus.IMPORTED
    assert staged.summary["result"]["ties"] == 2
    assert client.post(sent["Location"]).status_code == 302  # once imported, a replay imports nothing
    assert Service.objects.filter(organisation__region=partner_region).count() == 2


def test_a_bad_row_refuses_everything_and_the_refused_rows_download_is_formula_safe(
    client_as: Callable[..., Any], partner_region: Region
) -> None:
    client, _partner = client_as("regional_partner", region=partner_region)
    bad = ORGS + "=cmd|' /C calc'!A0,Evil,nonsense,,,,,\n"
    sent = client.post(reverse("keyplayers:directory_import", args=[partner_region.code]), _files(orgs=bad))
    staged = DirectoryImport.objects.get()
    assert staged.status == ImportStatus.REFUSED
    review = client.get(sent["Location"]).content.decode()
    assert "Nothing is imported. Problems found: 2." in review
    assert {(p["file"], p["row"], p["column"]) for p in staged.problems} == {
        ("ORGS", 4, "id"),
        ("ORGS", 4, "type"),
    }
    assert client.post(sent["Location"]).status_code == 302
    assert not Organisation.objects.filter(slug="osijek-chamber").exists()
    download = client.get(reverse("keyplayers:directory_import_problems", args=[staged.token]))
    assert download["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(download.content.decode("utf-8-sig"))))
    assert rows[0][:5] == ["file", "row", "column", "reason", "value"]
    cells = [c for r in rows[1:] for c in r]
    assert "'=cmd|' /C calc'!A0" in cells
    assert not any(c.startswith(("=", "+", "@")) for c in cells)


def test_a_file_over_the_limit_is_refused_before_it_is_read(
    client_as: Callable[..., Any], partner_region: Region, settings: Any
) -> None:
    settings.INTERVENTURES_IMPORT_LIMITS = {"max_bytes": 1024 * 1024}
    client, _partner = client_as("regional_partner", region=partner_region)
    big = ORGS + "x" * (1024 * 1024 + 1)
    page = client.post(reverse("keyplayers:directory_import", args=[partner_region.code]), _files(orgs=big))
    assert page.status_code == 200
    assert "The file is larger than 1 MB." in page.content.decode()
    assert not DirectoryImport.objects.exists()


def test_another_regions_partner_neither_uploads_nor_opens_the_upload(
    client_as: Callable[..., Any], partner_region: Region
) -> None:
    client, _partner = client_as("regional_partner", region=partner_region)
    client.post(reverse("keyplayers:directory_import", args=[partner_region.code]), _files())
    staged = DirectoryImport.objects.get()
    other = Region.objects.exclude(pk=partner_region.pk).filter(partner=True).first()
    outsider, _u = client_as("regional_partner", region=other)
    assert outsider.get(reverse("keyplayers:directory_import", args=[partner_region.code])).status_code == 403
    assert outsider.get(reverse("keyplayers:directory_import_review", args=[staged.token])).status_code == 404
    assert (
        outsider.post(reverse("keyplayers:directory_import_review", args=[staged.token])).status_code == 404
    )
    assert not Organisation.objects.filter(slug="osijek-chamber").exists()
