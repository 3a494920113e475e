"""The respondent's address is a secret: attacks on the survey links of issue 8 (finding 2).

Each test performs the attack an outsider tried and asserts that it fails: a response is reached
only through its invitation's token or its own random resume key, never by a row number or a key
the client made up, and a completed response is neither shown back nor changed."""

from __future__ import annotations

import re

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import Resolver404, resolve, reverse

from interventures.apps.surveys import services
from interventures.apps.surveys.models import Response, ResponseStatus

from .conftest import VALID

KEY = re.compile(r"[A-Za-z0-9_-]{43,64}")


def _invitee(campaign, client=None):
    """An invitee opens their personal link and answers the first question (autosaved)."""
    client = client or Client()
    (inv,) = services.invitations_create(campaign=campaign, n=1)
    url = client.get(reverse("surveys:invitation", args=[inv.token]))["Location"]
    assert client.post(url + "autosave/", {"name": "employees", "value": "17"}).json()["saved"]
    return inv, url


def _row_url(campaign, key, suffix=""):
    return f"/en/surveys/c/{campaign.slug}/r/{key}/{suffix}"


def _submitted(client, campaign):
    """A public respondent who completed the survey; returns their respond URL."""
    url = client.get(reverse("surveys:start", args=[campaign.slug]))["Location"]
    response = Response.objects.get(resume_key=url.rstrip("/").split("/")[-1])
    services.response_save_answers(response=response, answers={**VALID, "comment": "our-secret-plans"})
    services.response_submit(response=response)
    return url, response


@pytest.mark.parametrize("public", [True, False])
def test_an_invitees_draft_is_not_shown_at_inv_and_its_number(client, make_campaign, public):
    campaign = make_campaign(public=public)
    inv, url = _invitee(campaign)
    assert b'value="17"' in Client().get(url).content  # the invitee's own address shows the draft
    for key in (f"inv-{inv.pk}", "inv-1", f"inv-{inv.pk:0>20}", f"invitation-{inv.pk:0>20}"):
        r = client.get(_row_url(campaign, key))
        assert r.status_code == 404
        assert b'value="17"' not in r.content


def test_an_anonymous_autosave_cannot_overwrite_an_invitees_answers(client, campaign):
    inv, _url = _invitee(campaign)
    for key in (f"inv-{inv.pk}", f"invitation-{inv.pk:0>20}", inv.token):
        assert (
            client.post(_row_url(campaign, key, "autosave/"), {"name": "employees", "value": "0"}).status_code
            == 404
        )
    assert Response.objects.get(invitation=inv).answers == {"employees": "17"}


def test_opening_an_invitations_address_first_does_not_hijack_its_response(client, campaign):
    first, second = services.invitations_create(campaign=campaign, n=2)
    for key in (f"inv-{second.pk}", f"invitation-{second.pk:0>20}"):
        assert client.get(_row_url(campaign, key)).status_code == 404
    assert not Response.objects.exists()
    invitee = Client()
    url = invitee.get(reverse("surveys:invitation", args=[second.token]))["Location"]
    response = Response.objects.get()
    assert response.invitation == second
    assert url == _row_url(campaign, response.resume_key)
    # the address is random and says nothing about the invitation or the row
    assert KEY.fullmatch(response.resume_key)
    assert response.resume_key not in (second.token, first.token, response.idempotency_key)


def test_a_campaign_that_is_not_public_is_reached_only_through_its_invitations(client, make_campaign):
    campaign = make_campaign(public=True)
    url = client.get(reverse("surveys:start", args=[campaign.slug]))["Location"]
    assert client.get(url).status_code == 200
    campaign.public = False
    campaign.save(update_fields=["public"])
    # the public link and the drafts it made are closed; the invitation's response is reachable
    assert client.get(reverse("surveys:start", args=[campaign.slug])).status_code == 404
    assert client.get(url).status_code == 404
    assert client.post(url + "autosave/", {"name": "employees", "value": "3"}).status_code == 404
    _inv, invitee_url = _invitee(campaign)
    assert Client().get(invitee_url).status_code == 200


def test_other_respondents_keys_and_sequential_guesses_reach_nothing(client, make_campaign):
    campaign, other = make_campaign(), make_campaign(name="Other")
    mine = client.get(reverse("surveys:start", args=[campaign.slug]))["Location"]
    theirs = Client().get(reverse("surveys:start", args=[campaign.slug]))["Location"]
    assert mine != theirs  # each browser its own random key
    key = mine.rstrip("/").split("/")[-1]
    # the same key on another campaign, an invitation's token, creation keys and row numbers
    assert client.get(_row_url(other, key)).status_code == 404
    (inv,) = services.invitations_create(campaign=campaign, n=1)
    services.response_start(campaign=campaign, key="k" * 30)
    response = Response.objects.get(resume_key=key)
    guesses = [inv.token, "k" * 30, response.idempotency_key[:64], f"{response.pk:0>20}"]
    guesses += [f"web-{n:0>20}" for n in range(1, 4)]
    for guess in guesses:
        assert client.get(_row_url(campaign, guess)).status_code == 404
        assert (
            client.post(
                _row_url(campaign, guess, "autosave/"), {"name": "employees", "value": "1"}
            ).status_code
            == 404
        )
    assert Response.objects.filter(campaign=campaign).count() == 3  # nothing created by the guesses


@pytest.mark.parametrize(
    "key",
    [
        "a" * 65,  # too long
        "a" * 19,  # too short
        "a" * 30 + ".b",
        "a" * 30 + "%27--",
        "a" * 30 + "%C3%A9",
        "a" * 30 + "%20",
    ],
)
def test_malformed_keys_are_404_without_asking_the_database(client, campaign, key):
    path = _row_url(campaign, key)
    with pytest.raises(Resolver404):
        resolve(path)
    with pytest.raises(Resolver404):
        resolve(f"/en/surveys/t/{key}/")
    with CaptureQueriesContext(connection) as queries:
        assert client.get(path).status_code == 404
        assert client.post(path + "autosave/", {"name": "employees", "value": "1"}).status_code == 404
    assert not [q for q in queries.captured_queries if "surveys_" in q["sql"]]


def test_a_get_with_an_unknown_key_creates_no_draft(client, campaign):
    made_up = "A" * 43
    for suffix in ("", "done/"):
        assert client.get(_row_url(campaign, made_up, suffix)).status_code == 404
    assert not Response.objects.exists()


def test_revisiting_the_public_link_resumes_the_same_draft_in_any_language(client, campaign):
    first = client.get(reverse("surveys:start", args=[campaign.slug]))["Location"]
    client.post(first + "autosave/", {"name": "employees", "value": "7"})
    for lang in ("en", "hu", "en"):
        again = client.get(f"/{lang}/surveys/c/{campaign.slug}/")
        assert again.status_code == 302
        assert again["Location"].split("/r/")[1] == first.split("/r/")[1]
    assert Response.objects.filter(campaign=campaign).count() == 1
    page = client.get(first).content.decode()
    assert 'value="7"' in page


def test_a_completed_response_refuses_autosave_and_posts_with_a_translated_message(client, campaign):
    url, response = _submitted(client, campaign)
    hu = url.replace("/en/", "/hu/", 1)
    r = client.post(hu + "autosave/", {"name": "comment", "value": "changed"})
    assert r.status_code == 409
    assert r.json() == {"saved": False, "error": "Ezt a választ már beküldték."}
    r = client.post(url, {"p": 3, "comment": "changed", "shown": ["comment"]})
    assert r.status_code == 409
    assert "This response has already been submitted." in r.content.decode()
    response.refresh_from_db()
    assert response.answers["comment"] == "our-secret-plans"


def test_a_completed_responses_answers_are_not_shown_to_a_later_visitor(client, campaign):
    url, _response = _submitted(client, campaign)
    later = Client()
    for visitor in (client, later):
        r = visitor.get(url, follow=True)
        assert r.status_code == 200
        assert r.redirect_chain[-1][0].endswith("/done/")
        assert "our-secret-plans" not in r.content.decode()
        assert 'name="comment"' not in r.content.decode()
    # the public link, revisited in the same browser, shows the thank-you page, not the answers
    r = client.get(reverse("surveys:start", args=[campaign.slug]), follow=True)
    assert r.redirect_chain[-1][0].endswith("/done/")
    assert "our-secret-plans" not in r.content.decode()


def test_an_invitation_answered_by_import_shows_the_thank_you_page_not_the_answers(client, campaign):
    (inv,) = services.invitations_create(campaign=campaign, n=1)
    job = services.import_upload(
        campaign=campaign,
        data=f"token,employees,exports,comment\n{inv.token},4,no,imported-secret\n".encode(),
        filename="r.csv",
        fmt="csv",
    )
    assert services.import_run(job=job).n_imported == 1
    imported = Response.objects.get(invitation=inv)
    assert imported.status == ResponseStatus.SUBMITTED
    assert imported.resume_key is None
    r = client.get(reverse("surveys:invitation", args=[inv.token]))
    assert r.status_code == 200
    assert "imported-secret" not in r.content.decode()
    assert Response.objects.get(invitation=inv).resume_key is None  # still no web address
