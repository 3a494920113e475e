import io

import polars as pl
import pyreadstat
import pytest
from openpyxl import load_workbook

from interventures.apps.accounts.models import Role
from interventures.apps.surveys import exports, selectors, services
from interventures.apps.surveys.models import Response

from .conftest import VALID


@pytest.fixture
def filled(campaign):
    for i, answers in enumerate([VALID, {"employees": "3", "exports": "no", "comment": 'ő, ű; "quoted"'}]):
        r = services.response_start(campaign=campaign, key=f"k{i}", language="hu")
        services.response_save_answers(response=r, answers=answers)
        services.response_submit(response=r)
    return campaign


def reimport(target, data, fmt):
    job = services.import_upload(campaign=target, data=data, filename=f"x.{fmt}", fmt=fmt)
    return services.import_run(job=job)


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_exports_reimport_to_the_same_answers(filled, make_campaign, fmt):
    target = make_campaign(name="Copy")
    job = reimport(target, exports.export(filled, fmt), fmt)
    assert job.n_imported == 2, list(job.rejected_rows.values_list("reasons", flat=True))
    before = sorted(str(r.answers) for r in Response.objects.filter(campaign=filled))
    after = sorted(str(r.answers) for r in Response.objects.filter(campaign=target))
    assert before == after
    assert set(Response.objects.filter(campaign=target).values_list("language", flat=True)) == {"hu"}


def test_identities_are_pseudonymised_and_stable(filled):
    text = exports.to_csv(filled).decode("utf-8-sig")
    keys = [r.idempotency_key for r in Response.objects.filter(campaign=filled)]
    assert not any(k in text for k in keys)
    assert exports.pseudonym(filled.pk, "k0") in text
    assert exports.to_csv(filled) == exports.to_csv(filled)


def test_xlsx_has_one_row_per_submitted_response(filled):
    services.response_start(campaign=filled, key="draft-only")
    ws = load_workbook(io.BytesIO(exports.to_xlsx(filled))).active
    assert ws.max_row == 3


def test_spss_file_carries_variable_and_value_labels(filled, tmp_path):
    path = tmp_path / "x.sav"
    path.write_bytes(exports.to_sav(filled, language="hu"))
    frame, meta = pyreadstat.read_sav(str(path), output_format="polars")
    assert meta.column_names_to_labels["employees"] == "Alkalmazottak"
    assert meta.variable_value_labels["exports"] == {1.0: "Igen", 2.0: "Nem"}
    assert frame["where_us"].to_list() == [1.0, None]
    assert frame["exports"].to_list() == [1.0, 2.0]


def test_parquet_keeps_types(filled):
    frame = pl.read_parquet(io.BytesIO(exports.to_parquet(filled)))
    assert frame["employees"].to_list() == [12.0, 3.0]
    assert frame["where"].to_list() == [["hr", "us"], None]


def test_only_the_regions_partner_and_the_coordinator_may_read_microdata(filled, make_user, make_region):
    own = make_user(Role.REGIONAL_PARTNER, region=filled.region)
    other = make_user(Role.REGIONAL_PARTNER, region=make_region())
    stakeholder = make_user(Role.STAKEHOLDER, region=filled.region)
    coordinator = make_user(Role.COORDINATOR)
    allowed = {
        u: selectors.campaign_microdata_allowed(user=u, campaign=filled)
        for u in (own, other, stakeholder, coordinator)
    }
    assert allowed == {own: True, other: False, stakeholder: False, coordinator: True}
    assert selectors.response_list(user=own, campaign=filled).count() == 2
    assert selectors.response_list(user=other, campaign=filled).count() == 0
    assert selectors.response_list(user=stakeholder, campaign=filled).count() == 0
