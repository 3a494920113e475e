import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from interventures.apps.accounts.models import Role
from interventures.apps.surveys import services
from interventures.apps.surveys.models import Response, ResponseStatus

from .conftest import VALID


def test_partners_see_their_campaigns_and_the_public_does_not(client, client_as, campaign, make_campaign):
    assert client.get(reverse("surveys:campaign_list")).status_code == 302
    other = make_campaign(name="Elsewhere")
    c, _user = client_as(Role.REGIONAL_PARTNER, region=campaign.region)
    page = c.get(reverse("surveys:campaign_list")).content.decode()
    assert campaign.name in page
    assert "Elsewhere" not in page
    assert c.get(reverse("surveys:campaign_detail", args=[other.pk])).status_code == 404


@pytest.mark.parametrize(
    ("role", "own", "status"),
    [
        (Role.REGIONAL_PARTNER, True, 200),
        (Role.REGIONAL_PARTNER, False, 404),
        (Role.STAKEHOLDER, True, 403),
        (Role.COORDINATOR, False, 200),
    ],
)
def test_microdata_export_is_limited_to_the_region_partner_and_the_coordinator(
    client_as, campaign, make_region, role, own, status
):
    kw = {"region": campaign.region if own else make_region()} if role != Role.COORDINATOR else {}
    c, _user = client_as(role, **kw)
    assert c.get(reverse("surveys:campaign_export", args=[campaign.pk, "csv"])).status_code == status


def _respond_url(client, campaign):
    r = client.get(reverse("surveys:start", args=[campaign.slug]))
    assert r.status_code == 302
    return r["Location"]


def test_a_respondent_goes_page_by_page_with_skip_logic_and_submits(client, campaign):
    url = _respond_url(client, campaign)
    assert client.get(reverse("surveys:start", args=[campaign.slug]))["Location"] == url  # resume
    page = client.get(url).content.decode()
    assert 'name="employees"' in page
    assert "Page 1 of" in page
    r = client.post(url, {"p": 0, "employees": "300", "shown": ["employees", "turnover", "founded"]})
    assert "0 to 249" in r.content.decode()  # constraint message, server-side
    r = client.post(
        url, {"p": 0, "employees": "12", "turnover": "1,5", "shown": ["employees", "turnover", "founded"]}
    )
    assert r.status_code == 302
    assert r["Location"].endswith("?p=1")
    r = client.post(url, {"p": 1, "exports": "no", "shown": ["exports"]})
    # the trade group is skipped (exports = no): straight to the last page
    assert r["Location"].endswith("?p=3")
    page = client.get(r["Location"]).content.decode()
    assert 'name="where"' not in page
    assert "Thank you" in page
    r = client.post(url, {"p": 3, "comment": "ok", "shown": ["comment"]})
    assert r.status_code == 302
    assert r["Location"].endswith("/done/")
    response = Response.objects.get(campaign=campaign)
    assert response.status == ResponseStatus.SUBMITTED
    assert response.answers["employees"] == 12
    # a retried final post (double click, flaky network) makes no second response
    client.post(url, {"p": 3, "comment": "ok", "shown": ["comment"]})
    assert Response.objects.filter(campaign=campaign).count() == 1


def test_questions_appearing_on_the_same_page_are_shown_before_moving_on(client, campaign):
    url = _respond_url(client, campaign)
    client.post(url, {"p": 0, "employees": "1", "shown": ["employees", "turnover", "founded"]})
    client.post(url, {"p": 1, "exports": "yes", "shown": ["exports"]})
    r = client.post(
        url, {"p": 2, "neighbours_only": "no", "where": ["us"], "shown": ["neighbours_only", "where"]}
    )
    assert r.status_code == 200
    assert 'name="us_share"' in r.content.decode()


def test_autosave_keeps_each_answer(client, campaign):
    url = _respond_url(client, campaign)
    client.get(url)
    save = url + "autosave/"
    assert client.post(save, {"name": "employees", "value": "7"}).json() == {"saved": True, "errors": {}}
    assert client.post(save, {"name": "employees", "value": "x"}).json()["errors"]["employees"]
    assert client.post(save, {"name": "nope", "value": "1"}).status_code == 400
    assert Response.objects.get(campaign=campaign).answers["employees"] == "x"


def test_changing_an_earlier_answer_drops_answers_that_no_longer_apply(client, campaign):
    url = _respond_url(client, campaign)
    client.get(url)
    key = url.rstrip("/").split("/")[-1]
    response = Response.objects.get(resume_key=key)
    services.response_save_answers(response=response, answers={**VALID, "exports": "no"})
    r = client.post(url, {"p": 3, "shown": ["comment"]})
    assert r["Location"].endswith("/done/")
    response.refresh_from_db()
    assert "where" not in response.answers


def test_an_invitation_link_resumes_its_single_response(client, campaign):
    (inv,) = services.invitations_create(campaign=campaign, n=1)
    first = client.get(reverse("surveys:invitation", args=[inv.token]))["Location"]
    client.cookies.clear()
    assert client.get(reverse("surveys:invitation", args=[inv.token]))["Location"] == first


def test_import_through_the_web_with_mapping_and_rejected_rows(client_as, campaign):
    c, _user = client_as(Role.REGIONAL_PARTNER, region=campaign.region)
    upload = SimpleUploadedFile("r.csv", b"rid,employees,exports,colour\nr1,3,no,red\nr2,999,no,blue\n")
    r = c.post(
        reverse("surveys:import_upload", args=[campaign.pk]),
        {"file": upload, "format": "csv", "mode": "valid_only", "encoding": "", "delimiter": ""},
    )
    assert r.status_code == 302
    mapping_url = r["Location"]
    page = c.get(mapping_url).content.decode()
    assert "colour" in page
    assert '<option value="employees" selected>' in page  # matched automatically by name
    r = c.post(
        mapping_url,
        {
            "col_0": "__respondent_id__",
            "col_1": "employees",
            "col_2": "exports",
            "col_3": "__ignore__",
            "mode": "valid_only",
        },
    )
    assert r.status_code == 302
    result = c.get(r["Location"]).content.decode()
    assert "rejected" in result.lower()
    job_pk = int(r["Location"].rstrip("/").split("/")[-2])
    csv_text = c.get(reverse("surveys:import_rejected", args=[job_pk])).content.decode("utf-8-sig")
    assert "999" in csv_text
    assert Response.objects.filter(campaign=campaign).count() == 1


def test_population_upload_page(client_as, make_region):
    region = make_region("castilla-y-leon", "Castilla y León")
    c, _user = client_as(Role.REGIONAL_PARTNER, region=region)
    data = b"region,size_class,nace_section,count,source,year\ncastilla-y-leon,small,C,10,Test,2021\n"
    r = c.post(reverse("surveys:population"), {"file": SimpleUploadedFile("p.csv", data)})
    assert r.status_code == 302
    assert "Test" in c.get(reverse("surveys:population")).content.decode()


def test_autosave_returns_the_pages_skip_logic_from_the_server(client, campaign):
    url = _respond_url(client, campaign)
    client.get(url)
    save = url + "autosave/"
    client.post(save, {"name": "exports", "value": "yes", "p": 1})
    state = client.post(save, {"name": "neighbours_only", "value": "yes", "p": 2}).json()
    assert state["relevant"] == ["neighbours_only", "where"]
    assert state["choices"] == {"where": ["hr", "hu"]}  # the choice filter keeps neighbours only
    client.post(save, {"name": "neighbours_only", "value": "no", "p": 2})
    state = client.post(save, {"name": "where", "value": ["us"], "p": 2}).json()
    assert "us_share" in state["relevant"]
    assert state["choices"] == {"where": ["hr", "hu", "us"]}


def test_an_all_or_nothing_result_counts_rows_with_errors_apart_from_valid_rows_held_back(
    client_as, campaign
):
    c, _user = client_as(Role.REGIONAL_PARTNER, region=campaign.region)
    data = b"respondent_id,employees,exports\nr1,3,no\nr2,4,no\nr3,5,no\nr4,999,no\n"
    job = services.import_upload(campaign=campaign, data=data, filename="r.csv", fmt="csv")
    job = services.import_run(job=job)
    page = c.get(reverse("surveys:import_result", args=[job.pk])).content.decode()
    assert (job.n_rejected, job.n_held_back, job.n_imported) == (1, 3, 0)
    assert 'Rows with errors</th><td class="num">1<' in page
    assert 'Valid rows not imported (all or nothing)</th><td class="num">3<' in page


def test_the_population_table_lists_size_classes_from_micro_to_large(client_as, make_region):
    region = make_region("castilla-y-leon", "Castilla y León")
    c, _user = client_as(Role.REGIONAL_PARTNER, region=region)
    rows = "".join(
        f"castilla-y-leon,{size},C,10,Test,2021\n" for size in ("large", "medium", "micro", "small")
    )
    data = ("region,size_class,nace_section,count,source,year\n" + rows).encode()
    c.post(reverse("surveys:population"), {"file": SimpleUploadedFile("p.csv", data)})
    page = c.get(reverse("surveys:population")).content.decode()
    positions = [page.index(label) for label in ("Micro (", "Small (10", "Medium-sized (50", "Large (250")]
    assert positions == sorted(positions)


def test_the_campaign_period_reads_as_a_date_label_in_croatian_not_as_a_command(client_as, campaign):
    from django.utils import translation

    c, _user = client_as(Role.REGIONAL_PARTNER, region=campaign.region)
    with translation.override("hr"):
        url = reverse("surveys:campaign_detail", args=[campaign.pk])
    page = c.get(url).content.decode()
    assert "<dt>Otvoreno (od – do)</dt>" in page
    assert "<dt>Otvori</dt>" not in page


def test_rejected_row_reasons_are_shown_and_downloaded_in_the_readers_language(client_as, campaign):
    from django.utils import translation

    c, _user = client_as(Role.REGIONAL_PARTNER, region=campaign.region)
    data = b"respondent_id,employees,exports\nr1,3,no\nr1,4,no\nr3,x,no\n"
    job = services.import_upload(campaign=campaign, data=data, filename="r.csv", fmt="csv", mode="valid_only")
    job = services.import_run(job=job)
    with translation.override("hr"):
        page = c.get(reverse("surveys:import_result", args=[job.pk])).content.decode()
        csv_text = c.get(reverse("surveys:import_rejected", args=[job.pk])).content.decode("utf-8-sig")
    duplicate, not_integer = "Duplikat retka 2 u ovoj datoteci.", "Nije cijeli broj."
    assert duplicate in page
    assert not_integer in page
    assert "Duplicate of row" not in page
    assert "Not a whole number" not in page
    header, *rows = csv_text.splitlines()
    assert header.startswith("row,reasons,reason_code,")
    assert duplicate in rows[0]
    assert ",duplicate," in rows[0]
    assert not_integer in rows[1]
    assert ",not_integer," in rows[1]


def test_a_page_reads_the_response_against_its_form_once_per_request(client, campaign, monkeypatch):
    """Saving a page, finding its errors, the questions that apply and the next page all come from one
    reading of the draft (core/survey/flow.Evaluation), not one per question asked of it."""
    from interventures.apps.surveys.services import responses
    from interventures.core.survey import flow

    calls = []

    def counted(real):
        def clean(*args, **kwargs):
            calls.append(1)
            return real(*args, **kwargs)

        return clean

    monkeypatch.setattr(responses, "clean_response", counted(responses.clean_response))
    monkeypatch.setattr(flow, "clean_response", counted(flow.clean_response))
    url = client.get(reverse("surveys:start", args=[campaign.slug]))["Location"]
    calls.clear()
    assert client.get(url).status_code == 200
    assert len(calls) == 1
    calls.clear()
    r = client.post(url, {"p": 0, "employees": "12", "shown": ["employees", "turnover", "founded"]})
    assert r.status_code == 302
    assert r["Location"].endswith("?p=1")
    assert len(calls) == 1
    calls.clear()
    r = client.post(url, {"p": 0, "employees": "300", "shown": ["employees", "turnover", "founded"]})
    assert r.status_code == 200  # the page again, with the error
    assert len(calls) == 1
