import datetime as dt
import threading

import pytest
from django.db import connection
from django.utils import timezone

from interventures.apps.surveys import services
from interventures.apps.surveys.models import Questionnaire, Response, ResponseStatus
from interventures.core.survey import Question
from interventures.core.survey.edit import add_question

from .conftest import VALID


def test_a_questionnaire_keeps_every_version(questionnaire):
    form = questionnaire.current.form
    revised = add_question(form, Question("web", "text", {"en": "Website", "hu": "Honlap"}), after="comment")
    v2 = services.questionnaire_revise(questionnaire=questionnaire, form=revised)
    assert (v2.number, questionnaire.versions.count()) == (2, 2)
    assert questionnaire.current.form.question("web").label["hu"] == "Honlap"


def test_an_invalid_questionnaire_is_refused_with_its_problems(questionnaire):
    from dataclasses import replace

    broken = replace(questionnaire.current.form, questions=questionnaire.current.form.questions[:3])
    with pytest.raises(services.SurveyError) as err:
        services.questionnaire_create(name="Broken", form=broken)
    assert any("not ended" in p for p in err.value.problems)


def test_a_partner_copy_belongs_to_the_region(questionnaire, make_region):
    region = make_region()
    copy = services.questionnaire_copy(source=questionnaire, name="Copy", region_id=region.pk)
    assert (copy.region_id, copy.copied_from_id) == (region.pk, questionnaire.pk)
    assert copy.current.form == questionnaire.current.form


def test_the_standard_questionnaire_is_created_once(db):
    first = services.questionnaire_ensure_standard()
    again = services.questionnaire_ensure_standard()
    assert first.pk == again.pk
    assert Questionnaire.objects.filter(is_standard=True).count() == 1
    assert first.current.form.languages == ("en", "hu", "hr", "it", "pl", "es", "lt")


def test_a_campaign_refuses_languages_the_questionnaire_lacks(make_campaign):
    with pytest.raises(services.SurveyError):
        make_campaign(languages=["en", "lt"])


def test_campaign_slugs_are_unique(make_campaign):
    assert make_campaign(name="Survey").slug != make_campaign(name="Survey").slug


def test_starting_twice_with_the_same_key_resumes_the_same_draft(campaign):
    a = services.response_start(campaign=campaign, key="k1", language="hu")
    b = services.response_start(campaign=campaign, key="k1")
    assert a.pk == b.pk


def test_autosave_merges_answers_and_reports_cell_errors(campaign):
    r = services.response_start(campaign=campaign, key="k1")
    assert services.response_save_answers(response=r, answers={"employees": "12"}) == []
    errors = services.response_save_answers(response=r, answers={"exports": "maybe"})
    assert [e.code for e in errors] == ["not_a_choice"]
    r.refresh_from_db()
    assert r.answers == {"employees": "12", "exports": "maybe"}


def test_submit_validates_everything_and_stores_typed_values(campaign):
    r = services.response_start(campaign=campaign, key="k1")
    services.response_save_answers(response=r, answers={"employees": "12"})
    with pytest.raises(services.ResponseInvalid) as err:
        services.response_submit(response=r)
    assert [e.question for e in err.value.errors] == ["exports"]
    services.response_save_answers(response=r, answers=VALID)
    done = services.response_submit(response=r)
    assert done.status == ResponseStatus.SUBMITTED
    assert done.answers["where"] == ["hr", "us"]
    assert done.answers["turnover"] == "1.5"
    assert done.answers["n_markets"] == "2"


def test_a_retried_submit_returns_the_same_response(campaign):
    r = services.response_start(campaign=campaign, key="k1")
    services.response_save_answers(response=r, answers=VALID)
    first = services.response_submit(response=r)
    again = services.response_submit(response=services.response_start(campaign=campaign, key="k1"))
    assert first.pk == again.pk
    assert first.submitted_at == again.submitted_at
    assert Response.objects.filter(campaign=campaign).count() == 1


def test_a_closed_campaign_takes_no_submissions(make_campaign):
    past = timezone.now() - dt.timedelta(days=2)
    campaign = make_campaign(opens_at=past - dt.timedelta(days=5), closes_at=past)
    r = services.response_start(campaign=campaign, key="k1")
    services.response_save_answers(response=r, answers=VALID)
    with pytest.raises(services.CampaignClosed):
        services.response_submit(response=r)


def test_an_invitation_admits_one_response(campaign):
    (inv,) = services.invitations_create(campaign=campaign, n=1)
    a = services.response_start(campaign=campaign, key="browser-1", invitation=inv)
    b = services.response_start(campaign=campaign, key="browser-2", invitation=inv)
    assert a.pk == b.pk


@pytest.mark.django_db(transaction=True)
def test_concurrent_retries_of_start_and_submit_make_one_response(make_region, questionnaire):
    if connection.vendor != "postgresql":
        pytest.skip("real concurrency needs PostgreSQL (SQLite serialises writers)")
    campaign = services.campaign_create(region_id=make_region().pk, name="C", version=questionnaire.current)
    r = services.response_start(campaign=campaign, key="same")
    services.response_save_answers(response=r, answers=VALID)
    barrier = threading.Barrier(6)
    results, errors = [], []

    def retry():
        try:
            barrier.wait()
            resp = services.response_start(campaign=campaign, key="same")
            results.append(services.response_submit(response=resp).pk)
        except Exception as exc:  # noqa: BLE001 - collected and asserted below
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=retry) for _ in range(6)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    assert set(results) == {r.pk}
    assert Response.objects.filter(campaign=campaign).count() == 1


@pytest.mark.django_db(transaction=True)
def test_concurrent_first_starts_with_one_key_make_one_draft(make_region, questionnaire):
    if connection.vendor != "postgresql":
        pytest.skip("real concurrency needs PostgreSQL (SQLite serialises writers)")
    campaign = services.campaign_create(region_id=make_region().pk, name="C", version=questionnaire.current)
    barrier = threading.Barrier(6)
    pks, errors = [], []

    def start():
        try:
            barrier.wait()
            pks.append(services.response_start(campaign=campaign, key="new-key").pk)
        except Exception as exc:  # noqa: BLE001
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=start) for _ in range(6)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    assert len(set(pks)) == 1


def test_an_autosave_that_raced_the_submit_is_refused_and_changes_nothing(campaign):
    r = services.response_start(campaign=campaign)
    services.response_save_answers(response=r, answers=VALID)
    stale = Response.objects.get(pk=r.pk)  # an autosave request read the draft before the submit
    services.response_submit(response=r)
    with pytest.raises(services.ResponseSubmitted):
        services.response_save_answers(response=stale, answers={"employees": "200"})
    r.refresh_from_db()
    assert r.answers["employees"] == 12


def test_every_web_response_gets_its_own_random_resume_key_and_imports_get_none(campaign):
    keys = {services.response_start(campaign=campaign).resume_key for _ in range(5)}
    assert len(keys) == 5
    assert all(len(k) >= 43 for k in keys)
    (inv,) = services.invitations_create(campaign=campaign, n=1)
    invited = services.response_start(campaign=campaign, invitation=inv)
    assert invited.resume_key not in keys
    assert len(invited.resume_key) >= 43
    assert str(inv.pk) not in invited.resume_key.split("-")
