from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from interventures.apps.accounts.models import Role
from interventures.apps.surveys.models import Campaign, Questionnaire
from interventures.core.survey import Question
from interventures.core.survey.edit import add_question
from interventures.core.survey.tests.forms import small_form
from interventures.core.survey.xlsform import read_xlsform, xlsform_bytes


def test_a_partner_imports_an_xlsform_for_their_region(client_as, make_region):
    region = make_region()
    c, _user = client_as(Role.REGIONAL_PARTNER, region=region)
    upload = SimpleUploadedFile("form.xlsx", xlsform_bytes(small_form()))
    r = c.post(reverse("surveys:questionnaire_list"), {"file": upload, "name": "Mine"})
    assert r.status_code == 302
    q = Questionnaire.objects.get(name="Mine")
    assert q.region == region
    assert q.current.form == small_form()


def test_an_unsupported_xlsform_shows_where_the_problem_is(client_as):
    c, _user = client_as(Role.COORDINATOR)
    bad = SimpleUploadedFile("bad.csv", b"survey,type,name,label\n,slider,r,R\n")
    page = c.post(reverse("surveys:questionnaire_list"), {"file": bad}).content.decode()
    assert "survey, row 2, column" in page
    assert "slider" in page


def test_the_questionnaires_page_offers_the_standard_xlsform_as_shipped(client_as, make_region):
    from interventures.core.survey.standard import STANDARD_XLSFORM, standard_form

    c, _user = client_as(Role.REGIONAL_PARTNER, region=make_region())
    url = reverse("surveys:standard_xlsform")
    page = c.get(reverse("surveys:questionnaire_list")).content.decode()
    assert f'href="{url}"' in page
    r = c.get(url)
    assert r["Content-Type"] == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    assert r["Content-Disposition"] == 'attachment; filename="interventures-standard-1.xlsx"'
    assert r.content == STANDARD_XLSFORM.read_bytes()
    assert read_xlsform(r.content) == standard_form()


def test_copy_download_edit_and_upload_a_new_version(client_as, questionnaire, make_region):
    c, _user = client_as(Role.REGIONAL_PARTNER, region=make_region())
    r = c.post(reverse("surveys:questionnaire_detail", args=[questionnaire.pk]), {"action": "copy"})
    copy = Questionnaire.objects.get(copied_from=questionnaire)
    assert r["Location"].endswith(f"/questionnaires/{copy.pk}/")
    # the partner may not change the shared original
    assert c.post(reverse("surveys:questionnaire_detail", args=[questionnaire.pk]), {}).status_code == 403
    data = c.get(reverse("surveys:questionnaire_xlsform", args=[copy.pk])).content
    edited = add_question(read_xlsform(data), Question("web", "text", {"en": "Website", "hu": "Honlap"}))
    upload = SimpleUploadedFile("v2.xlsx", xlsform_bytes(edited))
    assert (
        c.post(reverse("surveys:questionnaire_detail", args=[copy.pk]), {"file": upload}).status_code == 302
    )
    copy.refresh_from_db()
    assert copy.current.number == 2
    assert copy.current.form.questions[0].name == "web"


def test_a_partner_creates_a_campaign_in_their_own_region(client_as, questionnaire, make_region):
    region = make_region()
    c, _user = client_as(Role.REGIONAL_PARTNER, region=region)
    r = c.post(
        reverse("surveys:campaign_create"),
        {
            "name": "Autumn survey",
            "questionnaire": questionnaire.pk,
            "languages": ["hu", "en"],
            "target_n": 200,
            "public": "on",
        },
    )
    assert r.status_code == 302
    campaign = Campaign.objects.get(name="Autumn survey")
    assert campaign.region == region
    assert campaign.languages == ["hu", "en"]
    assert campaign.target_n == 200


def test_a_campaign_in_a_language_the_form_lacks_is_refused(client_as, questionnaire):
    c, _user = client_as(Role.REGIONAL_PARTNER)
    r = c.post(
        reverse("surveys:campaign_create"),
        {"name": "X", "questionnaire": questionnaire.pk, "languages": ["lt"], "target_n": 1},
    )
    assert r.status_code == 200
    assert not Campaign.objects.filter(name="X").exists()


def test_the_campaign_list_needs_the_same_number_of_queries_for_any_number_of_campaigns(
    client_as, make_campaign
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    c, _user = client_as(Role.COORDINATOR)
    counts = []
    for n in (1, 6):
        while Campaign.objects.count() < n:
            make_campaign(name=f"C{Campaign.objects.count()}")
        with CaptureQueriesContext(connection) as ctx:
            page = c.get(reverse("surveys:campaign_list")).content.decode()
        assert page.count("/surveys/") >= n
        counts.append(len(ctx))
    assert counts[0] == counts[1]


def test_a_pdf_uploaded_as_xlsform_is_refused_by_name_asking_for_an_xlsx(client_as):
    c, _user = client_as(Role.COORDINATOR)
    pdf = SimpleUploadedFile("Survey plan.pdf", b"%PDF-1.7\n\xda\xe2\xff\x00 binary stream")
    page = c.post(reverse("surveys:questionnaire_list"), {"file": pdf}).content.decode()
    assert "Survey plan.pdf is not an XLSForm" in page
    assert ".xlsx" in page
    assert "codec" not in page
    assert not Questionnaire.objects.exists()


def test_an_xlsform_with_a_too_deep_expression_is_refused_with_where_and_why(client_as):
    """80 nested parentheses crashed the upload with a 500 (RecursionError)."""
    from openpyxl import Workbook

    c, _user = client_as(Role.COORDINATOR)
    book = Workbook()
    sheet = book.active
    sheet.title = "survey"
    sheet.append(["type", "name", "label", "relevant"])
    sheet.append(["integer", "n", "N", None])
    sheet.append(["text", "t", "T", "(" * 80 + "${n} > 1" + ")" * 80])
    import io

    buf = io.BytesIO()
    book.save(buf)
    response = c.post(
        reverse("surveys:questionnaire_list"), {"file": SimpleUploadedFile("deep.xlsx", buf.getvalue())}
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "more than 32 deep" in page
    assert "t" in page
    assert not Questionnaire.objects.exists()
