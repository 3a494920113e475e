"""Issue #11 in the app: KoboToolbox and ODK Central exports with repeat groups and with columns of an
earlier form version import with every answer in place and every column kept; the platform's own
exports write repeats and kept columns the same way, so export -> import loses nothing."""

from __future__ import annotations

import io
import zipfile
from typing import Any

import pytest
from openpyxl import load_workbook

from interventures.apps.surveys import exports, services
from interventures.apps.surveys.forms import MappingForm
from interventures.apps.surveys.models import ImportStatus, Response
from interventures.core.survey.tabular import EXTRA
from interventures.core.survey.tests.test_tool_repeats import (
    _csv,
    _zip,
    kobo_nested_export,
    nested_form,
)
from interventures.core.survey.tests.xlsforms import odk_repeat_form
from interventures.core.survey.xlsform import read_xlsform


@pytest.fixture
def make_survey(db: Any, make_region: Any) -> Any:
    def make(form_bytes: bytes, name: str = "Survey") -> Any:
        q = services.questionnaire_create(name=name, form=read_xlsform(form_bytes), published=True)
        return services.campaign_create(region_id=make_region().pk, name=name, version=q.current)

    return make


def _import(campaign: Any, data: bytes, fmt: str, filename: str = "x") -> Any:
    job = services.import_upload(campaign=campaign, data=data, filename=filename, fmt=fmt)
    return job, services.import_run(job=job)


def _answers(campaign: Any) -> list[dict[str, Any]]:
    return [r.answers for r in Response.objects.filter(campaign=campaign).order_by("pk")]


def test_a_kobo_xlsx_export_with_nested_repeats_imports_every_instance(make_survey: Any) -> None:
    campaign = make_survey(nested_form())
    upload, job = _import(campaign, kobo_nested_export(), "kobo", "nested.xlsx")
    assert upload.options["tables"] == [
        {"name": "site", "rows": 3, "repeat": "site"},
        {"name": "product", "rows": 3, "repeat": "product"},
    ]
    assert (job.status, job.n_imported, job.n_rejected) == (ImportStatus.DONE, 2, 0)
    first, second = _answers(campaign)
    assert first["site"] == [
        {
            "town": "Pécs",
            "product": [{"product_name": "paprika", "units": 10}, {"product_name": "salami", "units": 4}],
        },
        {"town": "Szeged"},
    ]
    assert second["site"] == [{"town": "Zagreb", "product": [{"product_name": "wine", "units": 7}]}]


def test_an_odk_central_zip_keeps_an_earlier_versions_columns(make_survey: Any) -> None:
    campaign = make_survey(odk_repeat_form())
    data = _zip(
        {
            "sites_v2.csv": _csv(
                [
                    ["SubmissionDate", "firm-firm_name", "n_sites", "old_turnover", "meta-instanceID", "KEY"],
                    ["2024-05-02T10:00:00.000Z", "Kft", "1", "120000", "uuid:a", "uuid:a"],
                ]
            ),
            "sites_v2-site.csv": _csv(
                [
                    ["site-country", "site-city", "PARENT_KEY", "KEY"],
                    ["hu", "pecs", "uuid:a", "uuid:a/site[1]"],
                ]
            ),
        }
    )
    upload, job = _import(campaign, data, "odk", "sites.zip")
    assert upload.mapping["old_turnover"] == EXTRA
    assert job.n_imported == 1, list(job.rejected_rows.values_list("reasons", flat=True))
    response = Response.objects.get(campaign=campaign)
    assert response.respondent_id == "uuid:a"
    assert response.extra == {"old_turnover": "120000"}
    assert response.answers["site"] == [{"country": "hu", "city": "pecs"}]
    assert dict(MappingForm(columns=["old_turnover"], mapping={}, targets=[]).fields["col_0"].choices)[EXTRA]


def test_an_instance_whose_submission_is_not_in_the_file_is_rejected_with_its_reason(
    make_survey: Any,
) -> None:
    campaign = make_survey(odk_repeat_form())
    data = _zip(
        {
            "f.csv": _csv([["firm-firm_name", "n_sites", "KEY"], ["Kft", "1", "uuid:a"]]),
            "f-site.csv": _csv([["site-country", "PARENT_KEY", "KEY"], ["hu", "uuid:zz", "uuid:zz/site[1]"]]),
        }
    )
    _upload, job = _import(campaign, data, "odk")
    assert job.status == ImportStatus.REJECTED
    [reason] = job.rejected_rows.get().reasons
    assert (reason["code"], reason["params"]) == ("orphan_instance", {"table": "f-site", "table_row": 2})


@pytest.mark.parametrize("fmt", ["xlsx", "csv"])
def test_export_then_import_loses_no_instance_and_no_kept_column(make_survey: Any, fmt: str) -> None:
    source = make_survey(nested_form(), "Source")
    _import(source, kobo_nested_export(), "kobo")
    Response.objects.filter(campaign=source).update(extra={"old_question": "kept"})
    data = exports.export(source, fmt)
    if fmt == "csv":
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = sorted(archive.namelist())
        assert names == [f"{source.slug}-product.csv", f"{source.slug}-site.csv", f"{source.slug}.csv"]
    else:
        assert load_workbook(io.BytesIO(data)).sheetnames == ["responses", "site", "product"]
    target = make_survey(nested_form(), "Target")
    upload = services.import_upload(campaign=target, data=data, filename=f"x.{fmt}", fmt=fmt)
    # The platform's own file: the kept column needs the partner's "keep" (a plain CSV or workbook).
    assert upload.mapping["old_question"] == ""
    services.import_set_mapping(job=upload, mapping={"old_question": EXTRA})
    job = services.import_run(job=upload)
    assert job.n_imported == 2, list(job.rejected_rows.values_list("reasons", flat=True))
    assert _answers(target) == _answers(source)
    assert [r.extra for r in Response.objects.filter(campaign=target)] == [{"old_question": "kept"}] * 2


def test_the_mapping_step_names_the_repeat_sheets_and_offers_keep(make_survey: Any, client_as: Any) -> None:
    from django.urls import reverse

    from interventures.apps.accounts.models import Role

    campaign = make_survey(nested_form())
    data = kobo_nested_export()
    upload = services.import_upload(campaign=campaign, data=data, filename="nested.xlsx", fmt="kobo")
    c, _user = client_as(Role.REGIONAL_PARTNER, region=campaign.region)
    page = c.get(reverse("surveys:import_mapping", args=[upload.pk])).content.decode()
    assert "site: 3 rows, the instances of the repeat group site" in page
    assert "product: 3 rows, the instances of the repeat group product" in page
    assert f'<option value="{EXTRA}">keep (not a question of this form)</option>' in page
