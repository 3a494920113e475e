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
from interventures.core.survey.tests.xlsforms import odk_repeat_form, workbook
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


def kobo_export_with_kept_repeat_columns() -> bytes:
    """`kobo_nested_export` with an earlier version's column in each repeat sheet (`old_size` of a
    site, `about/site/product/old_price` of a product) and Kobo's `__version__` of the rows."""
    from openpyxl import load_workbook as load

    wb = load(io.BytesIO(kobo_nested_export()))
    for title, column, values in (
        ("site", "old_size", ["big", "", "small"]),
        ("product", "about/site/product/old_price", ["3.5", "7", "12"]),
    ):
        ws = wb[title]
        ws.cell(row=1, column=ws.max_column + 1, value=column)
        for i, v in enumerate(values, start=2):
            ws.cell(row=i, column=ws.max_column, value=v or None)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def test_a_repeats_kept_columns_are_kept_with_their_instance(make_survey: Any) -> None:
    campaign = make_survey(nested_form())
    _upload, job = _import(campaign, kobo_export_with_kept_repeat_columns(), "kobo")
    assert job.n_imported == 2, list(job.rejected_rows.values_list("reasons", flat=True))
    first, second = (r.extra for r in Response.objects.filter(campaign=campaign).order_by("pk"))
    # The product of the second site of a submission is not confused with the first site's.
    assert first == {
        "site[1]/old_size": "big",
        "site[1]/product[1]/about/site/product/old_price": "3.5",
        "site[1]/product[2]/about/site/product/old_price": "7",
    }
    assert second == {"site[1]/old_size": "small", "site[1]/product[1]/about/site/product/old_price": "12"}


def test_a_repeats_kept_columns_are_exported_in_the_repeats_table_not_the_main_one(make_survey: Any) -> None:
    campaign = make_survey(nested_form())
    _import(campaign, kobo_export_with_kept_repeat_columns(), "kobo")
    wb = load_workbook(io.BytesIO(exports.export(campaign, "xlsx")))
    main, site, product = ([list(r) for r in wb[n].iter_rows(values_only=True)] for n in wb.sheetnames)
    assert not any("old" in str(c) for c in main[0])
    assert site[0] == ["town", "old_size", "_index", "_parent_table_name", "_parent_index"]
    assert site[1:] == [
        ["Pécs", "big", 1, "responses", 1],
        ["Szeged", None, 2, "responses", 1],
        ["Zagreb", "small", 3, "responses", 2],
    ]
    assert product[0][2] == "about/site/product/old_price"
    assert [r[2] for r in product[1:]] == ["3.5", "7", "12"]
    assert [r[-1] for r in product[1:]] == [1, 1, 3]  # each product's site, by the site's _index


@pytest.mark.parametrize("fmt", ["xlsx", "csv"])
def test_export_then_import_loses_no_instance_and_no_kept_column(make_survey: Any, fmt: str) -> None:
    source = make_survey(nested_form(), "Source")
    _import(source, kobo_export_with_kept_repeat_columns(), "kobo")
    kept_in_repeats = [r.extra for r in Response.objects.filter(campaign=source).order_by("pk")]
    for r, extra in zip(
        Response.objects.filter(campaign=source).order_by("pk"), kept_in_repeats, strict=True
    ):
        r.extra = {"old_question": "kept", **extra}
        r.save(update_fields=["extra"])
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
    # Every kept column comes back where it was: the submission's in the row, each instance's in it.
    assert [r.extra for r in Response.objects.filter(campaign=target).order_by("pk")] == [
        {"old_question": "kept", **extra} for extra in kept_in_repeats
    ]
    assert exports.repeat_tables(target) == exports.repeat_tables(source)


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


def select_repeat_form() -> bytes:
    """A firm with products, each with a select_one (its market) and a number, in a repeat."""
    return workbook(
        [
            ["type", "name", "label"],
            ["text", "firm", "Firm"],
            ["begin_repeat", "product", "Product"],
            ["text", "product_name", "Product"],
            ["select_one market", "market", "Market"],
            ["integer", "units", "Units"],
            ["end_repeat"],
        ],
        [["list_name", "name", "label"], ["market", "home", "Home"], ["market", "eu", "EU"]],
        [["form_title", "form_id"], ["Markets", "markets"]],
    )


def _markets(make_survey: Any) -> Any:
    campaign = make_survey(select_repeat_form())
    data = _zip(
        {
            "markets.csv": _csv(
                [
                    ["SubmissionDate", "firm", "meta-instanceID", "KEY"],
                    ["2024-05-02", "Kft", "uuid:a", "uuid:a"],
                ]
                + [["2024-05-03", "Doo", "uuid:b", "uuid:b"]]
            ),
            "markets-product.csv": _csv(
                [
                    [
                        "product-product_name",
                        "product-market",
                        "product-units",
                        "product-old_code",
                        "PARENT_KEY",
                        "KEY",
                    ],
                    ["paprika", "eu", "10", "P1", "uuid:a", "uuid:a/product[1]"],
                    ["salami", "home", "4", "", "uuid:a", "uuid:a/product[2]"],
                    ["wine", "eu", "7", "W9", "uuid:b", "uuid:b/product[1]"],
                ]
            ),
        }
    )
    _upload, job = _import(campaign, data, "odk", "markets.zip")
    assert job.n_imported == 2, list(job.rejected_rows.values_list("reasons", flat=True))
    return campaign


def _members(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def test_the_spss_export_of_a_form_with_repeats_is_a_zip_with_one_file_per_repeat(
    make_survey: Any, tmp_path: Any
) -> None:
    import pyreadstat

    campaign = _markets(make_survey)
    assert exports.is_zip(campaign, "sav")
    files = _members(exports.export(campaign, "sav"))
    assert sorted(files) == [f"{campaign.slug}-product.sav", f"{campaign.slug}.sav"]
    read = {}
    for name, content in files.items():
        (tmp_path / name).write_bytes(content)
        read[name] = pyreadstat.read_sav(str(tmp_path / name), output_format="dict")
    main, _meta = read[f"{campaign.slug}.sav"]
    product, meta = read[f"{campaign.slug}-product.sav"]
    # SPSS names start with a letter: `_index` is `v_index`, labelled with the name as written.
    assert list(main["firm"]) == ["Kft", "Doo"]
    assert list(main["v_index"]) == [1.0, 2.0]
    assert meta.variable_value_labels["market"] == {1.0: "Home", 2.0: "EU"}
    assert meta.column_names_to_labels["market"] == "Market"
    assert list(product["market"]) == [2.0, 1.0, 2.0]
    assert list(product["units"]) == [10.0, 4.0, 7.0]
    assert list(product["product_old_code"]) == ["P1", "", "W9"]  # the kept column, in its repeat's file
    assert meta.column_names_to_labels["product_old_code"] == "product-old_code"
    # The parent key: each product's row in the main file, by its _index.
    assert list(product["v_parent_index"]) == [1.0, 1.0, 2.0]
    assert meta.column_names_to_labels["v_parent_index"] == "_parent_index"
    assert set(product["v_parent_table_name"]) == {"responses"}


def test_the_parquet_export_of_a_form_with_repeats_is_a_zip_with_one_file_per_repeat(
    make_survey: Any,
) -> None:
    import polars as pl

    campaign = _markets(make_survey)
    files = _members(exports.export(campaign, "parquet"))
    assert sorted(files) == [f"{campaign.slug}-product.parquet", f"{campaign.slug}.parquet"]
    main = pl.read_parquet(io.BytesIO(files[f"{campaign.slug}.parquet"]))
    product = pl.read_parquet(io.BytesIO(files[f"{campaign.slug}-product.parquet"]))
    assert "product-old_code" not in main.columns
    assert product["units"].to_list() == [10.0, 4.0, 7.0]
    assert product["market"].to_list() == ["eu", "home", "eu"]
    assert product["product-old_code"].to_list() == ["P1", "", "W9"]
    joined = product.join(main, left_on="_parent_index", right_on="_index")
    assert joined["firm"].to_list() == ["Kft", "Kft", "Doo"]


def test_the_export_page_names_the_zip_of_a_form_with_repeats(make_survey: Any, client_as: Any) -> None:
    from django.urls import reverse

    from interventures.apps.accounts.models import Role

    campaign = _markets(make_survey)
    c, _user = client_as(Role.REGIONAL_PARTNER, region=campaign.region)
    for fmt in ("sav", "parquet", "csv"):
        got = c.get(reverse("surveys:campaign_export", args=[campaign.pk, fmt]))
        assert got["Content-Type"] == "application/zip"
        assert got["Content-Disposition"] == f'attachment; filename="{campaign.slug}.{fmt}.zip"'
