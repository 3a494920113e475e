"""The directory's export in the import's columns: CSV and XLSX give back the same directory when
imported again, no cell is a formula, and the web download holds published entries for everyone and
drafts only for those who edit the region."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from interventures.apps.accounts.permissions import OPERATOR
from interventures.apps.common.models import Region
from interventures.apps.keyplayers import exports, imports, services
from interventures.apps.keyplayers.models import Service, Tie
from interventures.apps.partnership.models import Call, Organisation, PolicyInstrument

pytestmark = pytest.mark.django_db

EVIL = '=HYPERLINK("http://evil.example","x")'


@pytest.fixture
def directory(partner_region: Region, make_org: Callable[..., Any], make_service: Callable[..., Any]) -> Any:
    """A directory with every field the export writes: a draft, translations, a call, a formula-like
    name, a tie with a start date and one to another region's organisation."""
    instrument = PolicyInstrument.objects.filter(region=partner_region).first()
    assert instrument is not None
    call = Call.objects.create(instrument=instrument, title="Export vouchers 2020")
    chamber = make_org(
        name="Osijek chamber",
        short_name="OC",
        description="Helps firms; -and more",
        contact="info@example.org",
        languages=["hr", "hu"],
        cross_border=True,
        cross_border_countries=["HU"],
        rsg_member=True,
        website="https://example.org",
        translations={"hu": {"name": "Eszéki kamara", "description": "Segít"}},
        type="chamber",
        country="HR",
    )
    draft = make_org(name=EVIL, type="cluster", published=False, country="HU")
    make_service(
        chamber,
        name="Fair stands",
        service_type="fairs",
        description="@stand",
        dimensions=["market", "networks"],
        stages=["exploring"],
        cost="subsidised",
        languages=["hr"],
        instrument=instrument,
        call=call,
        needs_cross_border=True,
        website="https://example.org/fairs",
        translations={"hr": {"name": "Sajamski štandovi"}},
    )
    make_service(draft, name="+Coaching", service_type="coaching")
    services.tie_create(
        user=OPERATOR,
        source=chamber,
        target=draft,
        kind="cooperates",
        strength=2,
        start_date=dt.date(2020, 3, 1),
    )
    elsewhere = Organisation.objects.exclude(region=partner_region).filter(published=True).first()
    assert elsewhere is not None
    services.tie_create(user=OPERATOR, source=draft, target=elsewhere, kind="refers")
    return partner_region


def _snapshot(region: Region) -> dict[str, Any]:
    orgs = sorted(
        (
            o.slug,
            o.name,
            o.short_name,
            o.type,
            o.country,
            o.description,
            o.contact,
            o.cross_border,
            tuple(o.cross_border_countries),
            tuple(o.languages),
            o.website,
            o.rsg_member,
            o.published,
            json.dumps(o.translations or {}, sort_keys=True),
            tuple(sorted(n.code for n in o.nuts_regions.all())),
        )
        for o in Organisation.objects.filter(region=region)
    )
    svcs = sorted(
        (
            s.organisation.slug,
            s.service_type,
            s.name,
            s.description,
            tuple(s.dimensions),
            tuple(s.stages),
            s.cost,
            tuple(s.languages),
            s.instrument_id,
            s.call_id,
            s.needs_cross_border,
            s.website,
            json.dumps(s.translations or {}, sort_keys=True),
        )
        for s in Service.objects.filter(organisation__region=region)
    )
    ties = sorted(
        (t.source.slug, t.target.slug, t.kind, t.strength, t.cross_border, t.start_date)
        for t in Tie.objects.filter(source__region=region)
    )
    return {"organisations": orgs, "services": svcs, "ties": ties}


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_export_then_import_gives_the_same_directory(directory: Region, fmt: str, tmp_path: Path) -> None:
    before = _snapshot(directory)
    assert len(before["services"]) == 2
    assert len(before["ties"]) == 2
    paths = exports.write_directory(exports.directory_tables(user=OPERATOR, region=directory), tmp_path, fmt)
    files = {
        key: (p.name, p.read_bytes()) for key, p in zip(("ORGS", "SERVICES", "TIES"), paths, strict=True)
    }
    result = imports.ecosystem_import(user=OPERATOR, region=directory, files=files, replace=True)
    assert result.services == 2
    assert result.ties == 2
    assert _snapshot(directory) == before


def test_no_exported_cell_is_a_formula(directory: Region) -> None:
    tables = exports.directory_tables(user=OPERATOR, region=directory)
    text = exports.table_csv(tables["organisations"]).decode("utf-8-sig")
    names = [r[1] for r in csv.reader(io.StringIO(text))]
    assert "'" + EVIL in names
    assert EVIL not in names
    sheet = load_workbook(io.BytesIO(exports.table_xlsx(tables["services"], title="services"))).active
    cells = [c for row in sheet.iter_rows() for c in row if isinstance(c.value, str)]
    assert {c.data_type for c in cells} == {"s"}
    assert "+Coaching" in {c.value for c in cells}


def _names(response: Any) -> set[str]:
    return {r[1] for r in list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))[1:]}


def test_the_download_holds_drafts_only_for_those_who_edit_the_region(
    directory: Region, client_as: Callable[..., Any]
) -> None:
    from django.test import Client

    client = Client()  # the public (client_as logs in the shared `client`)
    url = reverse("keyplayers:directory_export", args=[directory.code, "organisations", "csv"])
    public = client.get(url)
    assert public.status_code == 200
    assert public["Content-Disposition"] == f'attachment; filename="{directory.code}-organisations.csv"'
    assert "Osijek chamber" in _names(public)
    assert "'" + EVIL not in _names(public)
    stakeholder, _u = client_as("stakeholder", region=directory)
    assert "'" + EVIL not in _names(stakeholder.get(url))  # stakeholders comment; they do not edit
    other = Region.objects.exclude(pk=directory.pk).filter(partner=True).first()
    elsewhere, _u = client_as("regional_partner", region=other)
    assert "'" + EVIL not in _names(elsewhere.get(url))
    partner, _u = client_as("regional_partner", region=directory)
    assert "'" + EVIL in _names(partner.get(url))
    ties = partner.get(reverse("keyplayers:directory_export", args=[directory.code, "ties", "xlsx"]))
    assert ties["Content-Type"].startswith("application/vnd.openxmlformats")
    assert load_workbook(io.BytesIO(ties.content)).active.max_row == 3  # header and two ties
    # The public's ties: none from a draft (the draft's tie and the tie to it are not published).
    public_ties = client.get(reverse("keyplayers:directory_export", args=[directory.code, "ties", "csv"]))
    assert len(list(csv.reader(io.StringIO(public_ties.content.decode("utf-8-sig"))))) == 1
    assert client.get(url.replace("organisations", "people")).status_code == 404
    assert client.get(url.replace(".csv", ".pdf")).status_code == 404


def test_the_region_page_offers_the_downloads(directory: Region, client: Any) -> None:
    page = client.get(reverse("keyplayers:region", args=[directory.code])).content.decode()
    for table in exports.DIRECTORY_TABLES:
        for fmt in exports.FORMATS:
            assert reverse("keyplayers:directory_export", args=[directory.code, table, fmt]) in page
    assert "published entries" in page


def test_replace_keeps_the_listed_organisations_and_removes_the_others(directory: Region) -> None:
    from interventures.apps.keyplayers.models import Comment

    chamber = Organisation.objects.get(slug="hu-hr-osijek-chamber")
    services.comment_add(user=OPERATOR, organisation=chamber, text="Useful for fairs")
    tables = exports.directory_tables(user=OPERATOR, region=directory)
    columns, rows = tables["organisations"]
    kept = [r for r in rows if r[0] != "hu-hr-hyperlinkhttpevilexamplex"]  # drop the draft
    services_rows = [r for r in tables["services"][1] if r[0] != "hu-hr-hyperlinkhttpevilexamplex"]
    ties_rows = [r for r in tables["ties"][1] if "hu-hr-hyperlinkhttpevilexamplex" not in r[:2]]
    files = {
        "ORGS": ("o.csv", exports.table_csv((columns, kept))),
        "SERVICES": ("s.csv", exports.table_csv((tables["services"][0], services_rows))),
        "TIES": ("t.csv", exports.table_csv((tables["ties"][0], ties_rows))),
    }
    imports.ecosystem_import(user=OPERATOR, region=directory, files=files, replace=True)
    assert not Organisation.objects.filter(slug="hu-hr-hyperlinkhttpevilexamplex").exists()
    chamber = Organisation.objects.get(slug="hu-hr-osijek-chamber")  # the same row, updated in place
    assert Comment.objects.filter(organisation=chamber).count() == 1
    assert Organisation.objects.filter(region=directory, role__gt="").exists()  # partners stay
