"""The learning forms end to end: a practice created, edited and translated; participants registered
one by one and from a file (rejected rows kept with reasons); feedback by the participant's link and
by the partner; lessons learnt. Each through the page, as the role that may, and refused to others."""

from __future__ import annotations

import io

import openpyxl
import pytest
from django.test import Client
from django.urls import reverse
from django.utils import translation

from interventures.apps.accounts.models import Role
from interventures.apps.common.models import Region
from interventures.apps.learning.models import (
    Feedback,
    GoodPractice,
    Participant,
    ParticipantImport,
    PracticeStatus,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def hu(reference):
    return Region.objects.get(code="hu-hr")


def test_a_partner_creates_edits_and_translates_a_practice_of_their_region(hu, client_as):
    client, _user = client_as(Role.REGIONAL_PARTNER, region=hu)
    assert (
        'href="/en/learning/practices/new/"' in client.get(reverse("learning:practice_list")).content.decode()
    )
    data = {
        "title": "Cross-border SME coaching",
        "region": str(hu.pk),
        "problem": "SMEs lack advice across the border.",
        "dimensions": ["strategy", "networks"],
        "barriers": ["partners"],
        "sources_text": "https://example.org/a\nnot an address",
    }
    page = client.post(reverse("learning:practice_create"), data)
    assert page.status_code == 200
    assert "not an address is not a web address" in page.content.decode()
    data["sources_text"] = "https://example.org/a"
    response = client.post(reverse("learning:practice_create"), data)
    practice = GoodPractice.objects.get(title="Cross-border SME coaching")
    assert response.status_code == 302
    assert practice.region == hu
    assert practice.status == PracticeStatus.DRAFT
    assert practice.dimensions == ["strategy", "networks"]
    assert practice.sources == ["https://example.org/a"]
    assert "networks" in practice.tag_text
    url = reverse("learning:practice_translate", args=[practice.slug, "hu"])
    client.post(url, {"title": "Határon átnyúló KKV-mentorálás", "problem": "A KKV-k nem kapnak tanácsot."})
    practice.refresh_from_db()
    assert practice.translations["hu"] == {
        "title": "Határon átnyúló KKV-mentorálás",
        "problem": "A KKV-k nem kapnak tanácsot.",
    }
    found = client.get(reverse("learning:practice_list"), {"q": "mentoralas"}).content.decode()
    assert "Cross-border SME coaching" in found  # the search reads the new translation
    with translation.override("hu"):
        detail = client.get(reverse("learning:practice_detail", args=[practice.slug])).content.decode()
    assert "A KKV-k nem kapnak tanácsot." in detail


def test_a_partner_may_not_file_a_practice_under_another_region(hu, client_as):
    other = Region.objects.get(code="lombardia")
    client, _user = client_as(Role.REGIONAL_PARTNER, region=hu)
    page = client.post(reverse("learning:practice_create"), {"title": "X", "region": str(other.pk)})
    assert page.status_code == 200
    assert not GoodPractice.objects.filter(title="X").exists()
    stakeholder, _u = client_as(Role.STAKEHOLDER, region=hu)
    assert stakeholder.get(reverse("learning:practice_create")).status_code == 403


def test_errors_are_named_in_the_users_language(hu, client_as):
    client, _user = client_as(Role.REGIONAL_PARTNER, region=hu)
    with translation.override("pl"):
        page = client.post(reverse("learning:practice_create"), {"title": ""}).content.decode()
    assert "To pole jest wymagane." in page  # Django's own message, in Polish


def _xlsx(rows):
    book = openpyxl.Workbook()
    for row in rows:
        book.active.append(row)
    buf = io.BytesIO()
    book.save(buf)
    return buf.getvalue()


def test_a_participants_list_registers_the_good_rows_and_keeps_the_refused_with_reasons(
    hu, client_as, make_event
):
    event = make_event(hu)
    client, _user = client_as(Role.REGIONAL_PARTNER, region=hu)
    data = _xlsx(
        [
            ["Name", "email", "organisation", "stakeholder_type", "gender", "attended"],
            ["Anna Kovács", "anna@example.org", "Pannon EGTC", "public", "woman", "yes"],
            ["Bob", "not-an-email", "", "sme", "", "no"],
            ["", "c@example.org", "", "alien", "", "maybe"],
            ["Dora", "ANNA@example.org", "Small firm Ltd", "SME", "woman", "1"],
        ]
    )
    upload = io.BytesIO(data)
    upload.name = "list.xlsx"
    response = client.post(reverse("learning:participants_import", args=[event.uid]), {"file": upload})
    assert response.status_code == 302
    record = ParticipantImport.objects.get(event=event)
    assert record.imported == 1
    assert [r["row"] for r in record.rejected] == [3, 4, 5]
    assert {x["code"] for x in record.rejected[1]["reasons"]} == {
        "name_missing",
        "type_unknown",
        "attended_unknown",
    }
    assert record.rejected[2]["reasons"][0]["code"] == "email_taken"  # the same address, another case
    anna = Participant.objects.get(event=event)
    assert anna.organisation is not None
    assert anna.organisation.slug == "pannon-egtc"
    assert anna.attended
    with translation.override("it"):
        page = client.get(response["Location"].replace("/en/", "/it/")).content.decode()
    assert "not-an-email non è un indirizzo e-mail." in page
    csv = client.get(reverse("learning:participants_import_rejected", args=[event.uid, record.pk]))
    assert b"not-an-email" in csv.content
    assert b"is not an e-mail address" in csv.content


def test_a_file_over_the_limit_or_without_the_required_columns_registers_nobody(hu, client_as, make_event):
    event = make_event(hu)
    client, _user = client_as(Role.REGIONAL_PARTNER, region=hu)
    upload = io.BytesIO(b"nom;email\nAnna;a@example.org\n")
    upload.name = "list.csv"
    page = client.post(reverse("learning:participants_import", args=[event.uid]), {"file": upload})
    assert "lacks the required columns: name, stakeholder_type" in page.content.decode()
    assert not Participant.objects.filter(event=event).exists()
    big = io.BytesIO(b"name,stakeholder_type\n" + b"a,sme\n" * 400_000)
    big.name = "big.csv"
    page = client.post(reverse("learning:participants_import", args=[event.uid]), {"file": big})
    assert "files of up to 2.0" in page.content.decode()
    assert not ParticipantImport.objects.exists()


def test_only_the_host_partner_and_the_coordinator_register_participants(hu, client_as, make_event):
    event = make_event(hu)
    url = reverse("learning:participant_add", args=[event.uid])
    other, _u = client_as(Role.REGIONAL_PARTNER, region=Region.objects.get(code="lombardia"))
    assert other.get(url).status_code == 403
    coordinator, _c = client_as(Role.COORDINATOR)
    response = coordinator.post(
        url, {"name": "Eva", "stakeholder_type": "bso", "gender": "woman", "attended": "on"}
    )
    assert response.status_code == 302
    assert Participant.objects.get(event=event).name == "Eva"


def test_feedback_by_the_participants_own_link_and_by_the_partner(hu, client_as, make_event):
    event = make_event(hu)
    partner, _u = client_as(Role.REGIONAL_PARTNER, region=hu)
    partner.post(
        reverse("learning:participant_add", args=[event.uid]),
        {
            "name": "Eva",
            "email": "eva@example.org",
            "stakeholder_type": "bso",
            "gender": "woman",
            "attended": "on",
        },
    )
    eva = Participant.objects.get(event=event)
    client = Client()  # the participant, signed in to nothing (client_as signed in the fixture's client)
    assert client.get(reverse("learning:feedback", args=["not-the-key"])).status_code == 404
    url = reverse("learning:feedback", args=[eva.feedback_token])
    assert client.post(url, {"usefulness": "5", "capacity_gain": "yes"}).status_code == 302
    eva.refresh_from_db()
    assert eva.feedback.usefulness == 5
    assert eva.feedback.capacity_gain
    by_partner = reverse("learning:participant_feedback", args=[event.uid, eva.pk])
    partner.post(by_partner, {"usefulness": "3", "capacity_gain": "no", "comment": "paper form"})
    again = Feedback.objects.get(participant=eva)
    assert (again.usefulness, again.capacity_gain, again.comment) == (3, False, "paper form")
    stakeholder, _s = client_as(Role.STAKEHOLDER, region=hu)
    assert stakeholder.get(by_partner).status_code == 403


def test_a_lesson_is_added_from_the_event_page_linked_to_a_practice(hu, client_as, make_event):
    event = make_event(hu)
    practice = GoodPractice.objects.get(slug="export-consortia-extremadura")
    client, _user = client_as(Role.REGIONAL_PARTNER, region=hu)
    page = client.get(reverse("learning:event_detail", args=[event.uid])).content.decode()
    assert reverse("learning:lesson_add", args=[event.uid]) in page
    url = reverse("learning:lesson_add", args=[event.uid])
    bad = client.post(url, {"text": "x", "finding": "SAR hu"})
    assert "A figure identifier holds" in bad.content.decode()
    client.post(
        url, {"text": "Consortia need a lead firm.", "practice": str(practice.pk), "finding": "SAR-hu-hr-X"}
    )
    lesson = event.lessons.get()
    assert lesson.practice == practice
    assert lesson.finding == "SAR-hu-hr-X"
    detail = client.get(reverse("learning:practice_detail", args=[practice.slug])).content.decode()
    assert "Consortia need a lead firm." in detail


def test_reference_content_is_edited_in_its_data_files_not_on_the_pages(hu, client_as):
    practice = GoodPractice.objects.get(slug="b-light-hu-hr")  # reference content of the partner's region
    client, _user = client_as(Role.REGIONAL_PARTNER, region=hu)
    detail = client.get(reverse("learning:practice_detail", args=[practice.slug])).content.decode()
    assert reverse("learning:practice_edit", args=[practice.slug]) not in detail
    assert client.get(reverse("learning:practice_edit", args=[practice.slug])).status_code == 403
    url = reverse("learning:practice_translate", args=[practice.slug, "hu"])
    assert client.post(url, {"title": "Más"}).status_code == 403
    practice.refresh_from_db()
    assert practice.status == PracticeStatus.VALIDATED
    assert practice.translations["hu"]["title"] != "Más"
