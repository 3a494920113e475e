"""Issue #11 on the web form: image, audio, video and file questions as uploads (bounded, the kind
told by the content, stored under a random name, the answer the file's name as Kobo exports it,
downloaded by who may see microdata), rank as a place per choice, and select_one_from_file with
its choice file attached on the questionnaire page, on a form shaped as Kobo's builder writes."""

from __future__ import annotations

import io
import re
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from openpyxl import load_workbook

from interventures.apps.accounts.models import Role
from interventures.apps.surveys import exports, services
from interventures.apps.surveys.models import Response, ResponseFile, ResponseStatus
from interventures.core.survey import media
from interventures.core.survey.tests.xlsforms import workbook
from interventures.core.survey.xlsform import read_xlsform

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00\x00\x00\rIHDR" + b"\x00" * 40
PDF = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\n"
TOWNS_CSV = "name,label,label::Magyar (hu),county\npecs,Pécs,Pécs,baranya\nmohacs,Mohács,Mohács,baranya\nszeged,Szeged,Szeged,csongrad\n"


def media_form() -> bytes:
    """Kobo's builder's shape: $kuid columns, a photo, a document with body::accept, a rank, a
    town from a CSV the form names (filtered by county), and a photo per site in a repeat."""
    return workbook(
        [
            [
                "type",
                "name",
                "label",
                "label::Magyar (hu)",
                "required",
                "choice_filter",
                "body::accept",
                "$kuid",
            ],
            ["image", "shopfront", "Shop front", "Kirakat", "", "", "", "k1"],
            ["file", "report", "Annual report", "Éves jelentés", "", "", ".pdf", "k2"],
            ["rank pri", "priorities", "Rank your priorities", "Rangsor", "", "", "", "k3"],
            ["select_one county", "county", "County", "Megye", "", "", "", "k4"],
            [
                "select_one_from_file towns.csv",
                "town",
                "Town",
                "Település",
                "",
                "county = ${county}",
                "",
                "k5",
            ],
            ["begin_repeat", "site", "Site", "Telephely", "", "", "", "k6"],
            ["text", "site_name", "Site name", "Telephely neve", "yes", "", "", "k7"],
            ["image", "site_photo", "Photo", "Fotó", "", "", "", "k8"],
            ["end_repeat", "", "", "", "", "", "", "k9"],
        ],
        [
            ["list_name", "name", "label", "label::Magyar (hu)"],
            ["pri", "export", "Exporting", "Export"],
            ["pri", "staff", "Staff", "Munkaerő"],
            ["pri", "money", "Finance", "Pénzügy"],
            ["county", "baranya", "Baranya", "Baranya"],
            ["county", "csongrad", "Csongrád", "Csongrád"],
        ],
        [["form_title", "form_id", "default_language"], ["Shops", "shops", "English (en)"]],
    )


@pytest.fixture
def shops(db: Any, make_region: Any) -> Any:
    region = make_region()
    q = services.questionnaire_create(
        name="Shops", form=read_xlsform(media_form()), published=True, region_id=region.pk
    )
    return services.campaign_create(region_id=region.pk, name="Shops", version=q.current)


def _start(client: Client, campaign: Any) -> str:
    return client.get(reverse("surveys:start", args=[campaign.slug]))["Location"]


def _draft() -> Response:
    return Response.objects.get()


def test_a_photo_is_stored_under_a_random_name_and_its_name_is_the_answer(client: Client, shops: Any) -> None:
    url = _start(client, shops)
    page = client.get(url).content.decode()
    assert 'enctype="multipart/form-data"' in page
    assert '<input id="f-shopfront" name="shopfront" type="file" accept="image/*"' in page
    assert 'accept=".pdf"' in page  # the file question's body::accept
    client.post(url, {"p": "0", "shopfront": SimpleUploadedFile("../../My shop.PNG", PNG, "image/png")})
    assert _draft().answers["shopfront"] == "My_shop.PNG"
    record = ResponseFile.objects.get()
    assert record.name == "My_shop.PNG"
    assert record.file.name == f"surveys/files/{record.token}.png"  # never the respondent's name
    assert (record.content_type, record.size) == ("image/png", len(PNG))
    # A second photo replaces the first; the answer names the new one.
    client.post(url, {"p": "0", "shopfront": SimpleUploadedFile("front.png", PNG, "image/png")})
    assert _draft().answers["shopfront"] == "front.png"
    assert list(ResponseFile.objects.values_list("name", flat=True)) == ["front.png"]
    # Autosave never sets a file question's answer: only an upload does.
    assert client.post(url + "autosave/", {"name": "shopfront", "value": "x.png"}).status_code == 400


def test_a_file_of_the_wrong_kind_or_too_large_is_refused_saying_why(
    client: Client, shops: Any, monkeypatch: Any
) -> None:
    url = _start(client, shops)
    page = client.post(
        url,
        {"p": "0", "shopfront": SimpleUploadedFile("photo.png", PDF, "image/png")},  # the name lies
    ).content.decode()
    assert "This question takes a photo or image (JPEG, PNG, GIF, WebP or HEIC)." in page
    assert 'aria-invalid="true"' in page
    page = client.post(
        url, {"p": "0", "report": SimpleUploadedFile("report.txt", b"plain text", "text/plain")}
    )
    assert "This kind of file is not taken here." in page.content.decode()  # body::accept says .pdf
    monkeypatch.setattr(media, "MAX_FILE_BYTES", 1024 * 1024)
    big = SimpleUploadedFile("r.pdf", PDF + b"0" * (1024 * 1024))
    assert "The file is larger than 1 MB." in client.post(url, {"p": "0", "report": big}).content.decode()
    assert ResponseFile.objects.count() == 0
    assert "shopfront" not in _draft().answers
    assert "report" not in _draft().answers


def test_a_post_over_the_page_limit_is_refused_before_it_is_read(client: Client, shops: Any) -> None:
    from interventures.apps.surveys.views import respond

    url = _start(client, shops)
    moved = client.generic("POST", url, b"x", CONTENT_LENGTH=str(respond.MAX_POST_BYTES + 1))
    assert moved.status_code == 302
    assert "too_large=1" in moved["Location"]
    assert "The page was not saved" in client.get(moved["Location"]).content.decode()


def test_rank_is_a_place_per_choice_and_each_choice_takes_one_place(client: Client, shops: Any) -> None:
    url = _start(client, shops)
    page = client.get(url).content.decode()
    assert '<label for="f-priorities-1">Place 1</label>' in page
    assert page.count('<select id="f-priorities-') == 3  # one drop-down list per choice, no dragging
    page = client.post(url, {"p": "0", "priorities": ["staff", "staff", "export"]}).content.decode()
    assert "Give each choice its own place, and every choice a place." in page
    client.post(url, {"p": "0", "priorities": ["staff", "money", "export"]})
    assert _draft().answers["priorities"] == "staff money export"
    page = client.get(url).content.decode()
    assert '<option value="money" data-choice="money" selected>Finance</option>' in re.search(
        r'<select id="f-priorities-2".*?</select>', page, re.S
    ).group(0)
    saved = client.post(url + "autosave/", {"name": "priorities", "value": ["money", "", "export"]}).json()
    assert saved["errors"] == {"priorities": "Give each choice its own place, and every choice a place."}


def test_a_choice_file_attached_on_the_questionnaire_page_gives_the_select_its_choices(
    client_as: Any, shops: Any
) -> None:
    respondent = Client()
    url = _start(respondent, shops)
    assert 'name="town"' not in respondent.get(url).content.decode()  # no file yet: another tool's
    c, _user = client_as(Role.REGIONAL_PARTNER, region=shops.region)
    detail = reverse("surveys:questionnaire_detail", args=[shops.version.questionnaire_id])
    page = c.get(detail).content.decode()
    assert "<code>towns.csv</code>: not attached" in page
    c.post(detail, {"action": "choice_file", "choice_file": SimpleUploadedFile("other.csv", b"name\na\n")})
    shops.version.refresh_from_db()
    assert shops.version.attachments == {}
    moved = c.post(
        detail, {"action": "choice_file", "choice_file": SimpleUploadedFile("towns.csv", TOWNS_CSV.encode())}
    )
    assert moved.status_code == 302
    assert "towns.csv</code>: attached; choices in the file: 3" in c.get(detail).content.decode()
    # The web form offers the file's choices, filtered by the county as the choice_filter says.
    page = respondent.get(url).content.decode()
    assert 'type="radio" name="town" value="pecs"' in page
    saved = respondent.post(url + "autosave/", {"name": "county", "value": "csongrad", "p": "0"}).json()
    assert saved["choices"]["town"] == ["szeged"]
    saved = respondent.post(url + "autosave/", {"name": "town", "value": "pecs", "p": "0"}).json()
    assert saved["errors"] == {"town": "Not one of the allowed answers."}
    saved = respondent.post(url + "autosave/", {"name": "town", "value": "szeged", "p": "0"}).json()
    assert saved["errors"] == {}
    # A new version of the form that still names the file keeps it.
    shops.version.refresh_from_db()
    again = services.questionnaire_revise(questionnaire=shops.version.questionnaire, form=shops.version.form)
    assert list(again.attachments) == ["towns.csv"]


def test_the_files_of_a_submitted_response_are_exported_by_name_and_downloaded_by_who_may_see_microdata(
    client_as: Any, shops: Any
) -> None:
    respondent = Client()
    url = _start(respondent, shops)
    respondent.post(url, {"p": "0", "shopfront": SimpleUploadedFile("front.png", PNG)})
    respondent.post(url, {"p": "0", "report": SimpleUploadedFile("report.pdf", PDF)})
    respondent.post(url, {"p": "0", "remove_file": "report"})  # cleared: its file goes at submit
    respondent.post(url, {"p": "0", "priorities": ["money", "staff", "export"], "county": "baranya"})
    respondent.post(url, {"p": "1", "repeat_add": "site"})
    respondent.post(
        url,
        {
            "p": "1",
            "instance": ["site[1]"],
            "site[1]/site_name": "Main",
            "site[1]/site_photo": SimpleUploadedFile("front.png", PNG),  # the same name: numbered
            "shown": ["site[1]/site_name", "site[1]/site_photo"],
        },
    )
    response = _draft()
    assert response.status == ResponseStatus.SUBMITTED, response.answers
    assert response.answers["shopfront"] == "front.png"
    assert response.answers["site"] == [{"site_name": "Main", "site_photo": "front-2.png"}]
    assert "report" not in response.answers
    assert sorted(ResponseFile.objects.values_list("name", flat=True)) == ["front-2.png", "front.png"]
    # The exports name the files in their questions' columns, in the repeat's sheet too.
    book = load_workbook(io.BytesIO(exports.to_xlsx(shops)), read_only=True)
    header, row = list(book["responses"].iter_rows(values_only=True))[:2]
    assert row[header.index("shopfront")] == "front.png"
    assert row[header.index("priorities")] == "money staff export"
    site_header, site_row = list(book["site"].iter_rows(values_only=True))[:2]
    assert site_row[site_header.index("site_photo")] == "front-2.png"
    # The files page and downloads: the region's partner, not its stakeholders.
    partner, _user = client_as(Role.REGIONAL_PARTNER, region=shops.region)
    assert (
        "Files given on the web form"
        in partner.get(reverse("surveys:campaign_detail", args=[shops.pk])).content.decode()
    )
    listing = partner.get(reverse("surveys:campaign_files", args=[shops.pk])).content.decode()
    token = ResponseFile.objects.get(name="front.png").token
    assert reverse("surveys:campaign_file", args=[shops.pk, token]) in listing
    download = partner.get(reverse("surveys:campaign_file", args=[shops.pk, token]))
    assert download.status_code == 200
    assert b"".join(download.streaming_content) == PNG
    assert download["Content-Disposition"].startswith('attachment; filename="front.png"')
    assert partner.get(reverse("surveys:campaign_file", args=[shops.pk, "x" * 43])).status_code == 404
    stakeholder, _user = client_as(Role.STAKEHOLDER, region=shops.region)
    assert stakeholder.get(reverse("surveys:campaign_file", args=[shops.pk, token])).status_code == 403
    assert stakeholder.get(reverse("surveys:campaign_files", args=[shops.pk])).status_code == 403
    # And imported again (a Kobo export of the same form): the names come back as the answers.
    again = services.campaign_create(region_id=shops.region_id, name="Again", version=shops.version)
    job = services.import_run(
        job=services.import_upload(campaign=again, data=exports.to_xlsx(shops), filename="s.xlsx", fmt="kobo")
    )
    assert (job.n_imported, job.n_rejected) == (1, 0), list(
        job.rejected_rows.values_list("reasons", flat=True)
    )
    assert Response.objects.get(campaign=again).answers == response.answers
