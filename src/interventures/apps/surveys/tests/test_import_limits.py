"""Issue #8, finding 5 for imports: limits stated and enforced, imports written in short batches that
nobody sees until the last one, a failure removes them, a retry never duplicates."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from django.urls import reverse

from interventures.apps.accounts.models import Role
from interventures.apps.surveys import exports, services
from interventures.apps.surveys.models import ImportStatus, Response, ResponseStatus
from interventures.apps.surveys.services import imports

from .test_imports import GOOD, HEADER

pytestmark = pytest.mark.django_db


def upload(campaign: Any, text: str, **kw: Any) -> Any:
    return services.import_upload(campaign=campaign, data=text.encode(), filename="f.csv", fmt="csv", **kw)


@override_settings(INTERVENTURES_IMPORT_LIMITS={"max_rows": 2})
def test_a_file_over_the_row_limit_is_refused_in_the_readers_language(campaign: Any) -> None:
    from django.utils import translation

    with translation.override("hu"), pytest.raises(services.SurveyError) as refused:
        upload(campaign, "\n".join([HEADER, *GOOD]))
    assert "2" in str(refused.value)
    assert "sor" in str(refused.value)


@override_settings(INTERVENTURES_IMPORT_LIMITS={"max_bytes": 100})
def test_the_upload_page_states_the_limits_and_refuses_a_large_file(client_as: Any, campaign: Any) -> None:
    client, _user = client_as(Role.COORDINATOR)
    url = reverse("surveys:import_upload", args=[campaign.pk])
    assert "100" in client.get(url).content.decode().split('id="import-limits"')[1][:200]
    data = "\n".join([HEADER, *GOOD]).encode()
    page = client.post(
        url, {"file": SimpleUploadedFile("big.csv", data), "format": "csv", "mode": "all_or_nothing"}
    )
    assert page.status_code == 200
    assert "100" in page.content.decode()
    assert not campaign.imports.exists()


def test_an_import_is_written_in_batches_that_nobody_counts_until_the_last(
    campaign: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(imports, "IMPORT_BATCH", 1)
    seen: dict[str, Any] = {}

    finish = imports._import_finish

    def look(*, job: Any, **kwargs: Any) -> Any:  # after every batch is written, before the import finishes
        seen["staged"] = Response.objects.filter(import_job=job, status=ResponseStatus.IMPORTING).count()
        seen["exported"] = len(exports.table(campaign)[1])
        return finish(job=job, **kwargs)

    monkeypatch.setattr(imports, "_import_finish", look)
    job = services.import_run(job=upload(campaign, "\n".join([HEADER, *GOOD]), mode="valid_only"))
    assert seen == {"staged": 3, "exported": 0}
    assert job.status == ImportStatus.DONE
    assert Response.objects.filter(campaign=campaign, status=ResponseStatus.SUBMITTED).count() == 3


def test_a_failure_after_some_batches_removes_them_and_a_retry_imports_once(
    campaign: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(imports, "IMPORT_BATCH", 1)

    finish = imports._import_finish

    def crash(**kwargs: Any) -> Any:
        raise RuntimeError("disk full")

    monkeypatch.setattr(imports, "_import_finish", crash)
    job = upload(campaign, "\n".join([HEADER, *GOOD]), mode="valid_only")
    with pytest.raises(RuntimeError):
        services.import_run(job=job)
    job.refresh_from_db()
    assert job.status == ImportStatus.UPLOADED
    assert not Response.objects.filter(campaign=campaign).exists()
    monkeypatch.setattr(imports, "_import_finish", finish)
    services.import_run(job=job)
    with pytest.raises(services.SurveyError, match="already been run"):
        services.import_run(job=job)
    assert Response.objects.filter(campaign=campaign).count() == 3


def test_the_mapping_page_runs_the_import_through_the_background_task(client_as: Any, campaign: Any) -> None:
    client, _user = client_as(Role.COORDINATOR)
    job = upload(campaign, "\n".join([HEADER, *GOOD]), mode="valid_only")
    columns = [c for c in job.options["columns"] if c in job.mapping]
    data = {f"col_{i}": job.mapping[c] for i, c in enumerate(columns)} | {"mode": "valid_only"}
    response = client.post(reverse("surveys:import_mapping", args=[job.pk]), data)
    assert response.status_code == 302
    assert response["Location"].endswith(f"/import/{job.pk}/result/")
    job.refresh_from_db()
    assert job.status == ImportStatus.DONE
    assert job.n_imported == 3
    page = client.get(response["Location"]).content.decode()
    assert "3 rows imported, 0 rejected." in page


def test_a_running_import_shows_its_progress_and_refreshes(client_as: Any, campaign: Any) -> None:
    client, _user = client_as(Role.COORDINATOR)
    job = upload(campaign, "\n".join([HEADER, *GOOD]))
    type(job).objects.filter(pk=job.pk).update(status=ImportStatus.RUNNING, n_rows=3, n_imported=1)
    page = client.get(reverse("surveys:import_result", args=[job.pk])).content.decode()
    assert 'http-equiv="refresh"' in page
    assert "1 of 3 rows written" in page
