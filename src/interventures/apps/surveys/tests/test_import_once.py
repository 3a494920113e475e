"""An upload is read once: the mapping step parses the file and keeps the tables it read (bounded,
beside the file), and the run reads those, not the file. Retries after a failure read them too and
never duplicate a row; rejected rows keep their reasons; a file too large to keep is read again."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.core.files.base import ContentFile

from interventures.apps.surveys import services
from interventures.apps.surveys.models import ImportStatus, Response
from interventures.apps.surveys.services import imports
from interventures.core.survey import tabular
from interventures.core.survey.tabular import UnreadFormula, dump_tables, load_tables, read_limited_tables

from .test_imports import GOOD, HEADER, _xlsx


@pytest.fixture
def reads(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The names of the files parsed (each call of the reader the services use)."""
    seen: list[str] = []

    def counting(data: bytes, fmt: Any, *args: Any, **kwargs: Any) -> Any:
        seen.append(str(fmt))
        return read_limited_tables(data, fmt, *args, **kwargs)

    monkeypatch.setattr(imports, "read_limited_tables", counting)
    return seen


def _upload(campaign: Any, data: bytes, fmt: str = "csv", mode: str = "valid_only") -> Any:
    return services.import_upload(campaign=campaign, data=data, filename=f"f.{fmt}", fmt=fmt, mode=mode)


def test_the_run_reads_the_tables_kept_at_upload_not_the_file(campaign: Any, reads: list[str]) -> None:
    data = _xlsx(
        [
            ["respondent_id", "employees", "turnover", "founded", "exports"],
            ["r1", 12, 1.5, dt.datetime(2001, 3, 4), "no"],  # noqa: DTZ001 - Excel cells carry no time zone
            ["r2", "x", None, None, "no"],
        ]
    )
    job = _upload(campaign, data, "xlsx")
    assert reads == ["xlsx"]
    assert job.file.storage.exists(job.options["parsed"])
    job = services.import_run(job=job)
    assert reads == ["xlsx"]  # the mapping step's reading only
    assert (job.status, job.n_imported, job.n_rejected) == (ImportStatus.DONE, 1, 1)
    assert Response.objects.get().answers["founded"] == "2001-03-04"  # the date cell kept its type
    [bad] = job.rejected_rows.all()
    assert (bad.row_number, [r["code"] for r in bad.reasons]) == (3, ["not_integer"])
    assert not job.file.storage.exists(job.options["parsed"])  # forgotten once the run is done


def test_a_retry_after_a_failure_reads_the_kept_tables_and_never_duplicates(
    campaign: Any, reads: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    job = _upload(campaign, "\n".join([HEADER, *GOOD, "r4,x,,,no,,,,"]).encode())
    finish = imports._import_finish
    calls = {"n": 0}

    def crash_once(**kwargs: Any) -> Any:
        calls["n"] += 1
        if calls["n"] == 1:
            raise RuntimeError("the database went away")
        return finish(**kwargs)

    monkeypatch.setattr(imports, "_import_finish", crash_once)
    with pytest.raises(RuntimeError):
        services.import_run(job=job)
    job.refresh_from_db()
    assert (job.status, Response.objects.count(), job.rejected_rows.count()) == (ImportStatus.UPLOADED, 0, 0)
    assert job.file.storage.exists(job.options["parsed"])  # kept for the retry
    job = services.import_run(job=job)
    assert reads == ["csv"]
    assert (job.n_imported, job.n_rejected) == (3, 1)
    assert sorted(Response.objects.values_list("respondent_id", flat=True)) == ["r1", "r2", "r3"]
    with pytest.raises(services.SurveyError):
        services.import_run(job=job)  # done: a second run is refused, nothing is added
    assert Response.objects.count() == 3


def test_a_kobo_export_with_repeat_sheets_is_read_once(make_region: Any, reads: list[str]) -> None:
    from interventures.core.survey.tests.test_tool_repeats import kobo_nested_export, nested_form
    from interventures.core.survey.xlsform import read_xlsform

    q = services.questionnaire_create(name="Nested", form=read_xlsform(nested_form()), published=True)
    campaign = services.campaign_create(region_id=make_region().pk, name="Nested", version=q.current)
    job = services.import_run(job=_upload(campaign, kobo_nested_export(), "kobo", "all_or_nothing"))
    assert reads == ["kobo"]
    assert job.n_imported == 2
    assert [len(r.answers["site"]) for r in Response.objects.order_by("pk")] == [2, 1]


def test_tables_too_large_to_keep_are_read_again_at_the_run(
    campaign: Any, reads: list[str], settings: Any
) -> None:
    settings.INTERVENTURES_IMPORT_LIMITS = {"max_expanded_bytes": 200}
    job = _upload(campaign, "\n".join([HEADER, *GOOD]).encode())
    assert "parsed" not in job.options
    job = services.import_run(job=job)
    assert reads == ["csv", "csv"]
    assert job.n_imported == 3


def test_kept_tables_that_cannot_be_read_are_replaced_by_the_file(campaign: Any, reads: list[str]) -> None:
    job = _upload(campaign, "\n".join([HEADER, *GOOD]).encode())
    name = job.options["parsed"]
    job.file.storage.delete(name)
    assert job.file.storage.save(name, ContentFile(b"not gzip")) == name
    job = services.import_run(job=job)
    assert reads == ["csv", "csv"]
    assert job.n_imported == 3


def test_every_cell_type_survives_the_kept_form() -> None:
    table = tabular.Table(
        columns=("a", "b"),
        rows=(
            (2, ("text", 3)),
            (3, (1.5, True)),
            (4, (dt.datetime(2024, 5, 2, 8, 5), dt.date(2024, 5, 2))),  # noqa: DTZ001 - as Excel gives them
            (5, (dt.time(8, 5), None)),
            (6, (UnreadFormula("Sheet1", "B6", "=1+1"), dt.timedelta(hours=1))),
        ),
        encoding="utf-8",
        delimiter=";",
    )
    tables = [("main", table), ("site", tabular.Table(columns=("x",), rows=()))]
    assert load_tables(dump_tables(tables, max_bytes=10_000), max_bytes=10_000) == tables
    with pytest.raises(tabular.ParsedTooLarge):
        dump_tables(tables, max_bytes=50)
    with pytest.raises(tabular.TableError):
        load_tables(dump_tables(tables, max_bytes=10_000), max_bytes=50)
