"""Writes of the preparedness test: answers saved as given, scoring with the core, sharing, claiming,
and the API's idempotent one-shot submission."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from interventures.apps.assessment import services
from interventures.apps.assessment.models import Answer, Assessment, DimensionScore, Status
from interventures.core import capacity

from .conftest import answers_at

pytestmark = pytest.mark.django_db


def start(regions: dict[str, Any], **kwargs: Any) -> Assessment:
    kwargs.setdefault("region", regions["hu-hr"])
    return services.assessment_start(size_class="micro", sector="C", language="hu", **kwargs)


def test_start_records_the_profile_and_the_current_model_version(regions: dict[str, Any]) -> None:
    assessment = start(regions)
    assert assessment.status == Status.IN_PROGRESS
    assert assessment.model_version == capacity.load_model().version
    assert assessment.language == "hu"
    assert assessment.region.code == "hu-hr"


def test_start_accepts_another_eu_border_region_by_nuts3(regions: dict[str, Any], nuts3: None) -> None:
    assessment = start(regions, region=None, country="sk", nuts3="sk042")
    assert (assessment.region, assessment.country, assessment.nuts3) == (None, "SK", "SK042")


@pytest.mark.parametrize(
    "kwargs",
    [
        {"region": None},  # neither one of the five nor a NUTS 3 code
        {"region": None, "country": "SK", "nuts3": "AT130"},  # NUTS 3 of another country
        {"region": None, "country": "FR", "nuts3": "FR101"},  # not a border region
        {"size_class": "huge"},
        {"sector": "Z"},
    ],
)
def test_start_refuses_an_incomplete_profile(
    regions: dict[str, Any], nuts3: None, kwargs: dict[str, Any]
) -> None:
    base = {"region": regions["hu-hr"], "size_class": "micro", "sector": "C", "language": "en"}
    with pytest.raises(services.AssessmentError):
        services.assessment_start(**(base | kwargs))
    assert not Assessment.objects.exists()


@pytest.mark.parametrize(
    ("country", "code", "says"),
    [
        ("AT", "AT999", "AT999 is not a NUTS 3 code of NUTS 2024"),  # no such region
        ("FR", "FR101", "FR101 is not an EU border region"),  # a region, but an inland one
    ],
)
def test_start_says_whether_a_nuts3_code_is_unknown_or_not_a_border_region(
    regions: dict[str, Any], nuts3: None, country: str, code: str, says: str
) -> None:
    with pytest.raises(services.AssessmentError, match=says):
        start(regions, region=None, country=country, nuts3=code)


def test_answer_save_is_an_idempotent_upsert(regions: dict[str, Any], model: capacity.CapacityModel) -> None:
    assessment = start(regions)
    item = model.items[0]
    for _ in range(3):
        services.answer_save(assessment=assessment, item_id=item.id, value=item.options[0].id)
    services.answer_save(assessment=assessment, item_id=item.id, value=item.options[-1].id)
    assert list(assessment.answers.values_list("item_id", "value")) == [(item.id, item.options[-1].id)]


def test_answer_save_keeps_dont_know_as_given(regions: dict[str, Any], model: capacity.CapacityModel) -> None:
    item = next(i for i in model.items if i.allow_dont_know)
    assessment = start(regions)
    services.answer_save(assessment=assessment, item_id=item.id, value=capacity.DONT_KNOW)
    assert Answer.objects.get(assessment=assessment).value == capacity.DONT_KNOW


def test_an_empty_answer_withdraws_the_earlier_one(
    regions: dict[str, Any], model: capacity.CapacityModel
) -> None:
    item = model.items[0]
    assessment = start(regions)
    services.answer_save(assessment=assessment, item_id=item.id, value=item.options[0].id)
    services.answer_save(assessment=assessment, item_id=item.id, value="")
    assert not assessment.answers.exists()


@pytest.mark.parametrize(("item_id", "value"), [("no_such_item", "x"), (None, "no_such_option")])
def test_answer_save_names_the_bad_item(
    regions: dict[str, Any], model: capacity.CapacityModel, item_id: str | None, value: str
) -> None:
    item_id = item_id or model.items[0].id
    assessment = start(regions)
    with pytest.raises(capacity.AnswerError) as excinfo:
        services.answer_save(assessment=assessment, item_id=item_id, value=value)
    assert excinfo.value.item_id == item_id
    assert not assessment.answers.exists()


def test_complete_scores_with_the_core_and_stores_the_version(
    regions: dict[str, Any], model: capacity.CapacityModel
) -> None:
    answers = answers_at(model, 99)  # the best option everywhere
    assessment = start(regions)
    services.answers_save(assessment=assessment, answers=answers)
    done = services.assessment_complete(assessment=assessment)
    expected = capacity.score(model, answers)
    assert done.status == Status.COMPLETED
    assert done.completed_at is not None
    assert done.result == expected.to_dict()
    assert done.result["model_version"] == model.version
    assert done.stage == expected.stage
    assert done.overall == expected.overall
    stored = dict(DimensionScore.objects.filter(assessment=done).values_list("dimension", "score"))
    assert stored == dict(expected.dimension_scores)


def test_a_completed_test_no_longer_takes_answers(
    regions: dict[str, Any], model: capacity.CapacityModel
) -> None:
    assessment = start(regions)
    services.assessment_complete(assessment=assessment)
    assessment.refresh_from_db()
    with pytest.raises(services.AssessmentError):
        services.answer_save(
            assessment=assessment, item_id=model.items[0].id, value=model.items[0].options[0].id
        )


def test_completing_twice_keeps_the_first_result(
    regions: dict[str, Any], model: capacity.CapacityModel
) -> None:
    assessment = start(regions)
    services.answers_save(assessment=assessment, answers=answers_at(model, 0))
    first = services.assessment_complete(assessment=assessment)
    again = services.assessment_complete(assessment=Assessment.objects.get(pk=assessment.pk))
    assert again.completed_at == first.completed_at
    assert DimensionScore.objects.filter(assessment=assessment).count() == len(model.dimensions)


def test_sharing_is_explicit_and_revocable(make_result: Any) -> None:
    result = make_result("lombardia")
    assert not result.shared_with_region
    services.assessment_share(assessment=result)
    assert result.shared_with_region
    assert result.shared_at is not None
    services.assessment_unshare(assessment=result)
    result.refresh_from_db()
    assert not result.shared_with_region
    assert result.unshared_at is not None


def test_an_unfinished_test_cannot_be_shared(regions: dict[str, Any]) -> None:
    with pytest.raises(services.AssessmentError):
        services.assessment_share(assessment=start(regions))


def test_claim_attaches_the_test_to_the_user_and_company(regions: dict[str, Any], make_user: Any) -> None:
    user = make_user("sme", region=regions["hu-hr"])
    assessment = services.assessment_claim(assessment=start(regions), user=user)
    assert assessment.user == user
    assert assessment.company == user.profile.company


@pytest.mark.parametrize("role", ["regional_partner", "coordinator"])
def test_an_adviser_trying_the_test_keeps_it_anonymous(
    regions: dict[str, Any], make_user: Any, role: str
) -> None:
    adviser = make_user(role, region=regions["hu-hr"])
    assessment = start(regions, user=adviser)
    assert assessment.user is None  # else the access rules would hide an unshared test from its taker
    with pytest.raises(services.AssessmentError):
        services.assessment_claim(assessment=assessment, user=adviser)


def test_a_logged_in_sme_owns_the_test_it_starts(regions: dict[str, Any], make_user: Any) -> None:
    sme = make_user("sme", region=regions["hu-hr"])
    assessment = start(regions, user=sme)
    assert assessment.user == sme
    assert assessment.company == sme.profile.company


def test_claim_refuses_a_test_of_another_account(regions: dict[str, Any], make_user: Any) -> None:
    assessment = services.assessment_claim(assessment=start(regions), user=make_user("sme"))
    with pytest.raises(services.AssessmentError):
        services.assessment_claim(assessment=assessment, user=make_user("sme"))


def submit(
    regions: dict[str, Any],
    answers: dict[str, Any],
    key: str = "9d2f0c7a-services-client-1",
    caller: Any = None,
) -> tuple[Assessment, bool]:
    return services.assessment_submit(
        caller=caller,
        client_key=key,
        answers=answers,
        region=regions["podkarpackie"],
        size_class="medium",
        sector="J",
        language="pl",
    )


def test_submit_with_the_same_key_never_duplicates(
    regions: dict[str, Any], model: capacity.CapacityModel
) -> None:
    first, created = submit(regions, answers_at(model, 2))
    assert created
    assert first.is_completed
    for _ in range(3):  # the client retries after a lost response
        again, created_again = submit(regions, answers_at(model, 2))
        assert again.pk == first.pk
        assert not created_again
    assert Assessment.objects.count() == 1
    assert Answer.objects.count() == len(model.items)


def test_submit_racing_a_retry_past_the_lookup_still_stores_one(
    regions: dict[str, Any], model: capacity.CapacityModel, monkeypatch: pytest.MonkeyPatch
) -> None:
    first, _ = submit(regions, answers_at(model, 2))
    # The retry looked before the first one committed: only the unique key stops the duplicate.
    monkeypatch.setattr(services, "_by_client_key", lambda scope, key: None)
    again, created = submit(regions, answers_at(model, 2))
    assert again.pk == first.pk
    assert not created
    assert Assessment.objects.count() == 1
    assert Answer.objects.count() == len(model.items)


def test_submit_with_a_bad_answer_stores_nothing(
    regions: dict[str, Any], model: capacity.CapacityModel
) -> None:
    answers = answers_at(model, 1) | {model.items[3].id: "not-an-option"}
    with pytest.raises(capacity.AnswerError) as excinfo:
        submit(regions, answers)
    assert excinfo.value.item_id == model.items[3].id
    assert not Assessment.objects.exists()
    assert not Answer.objects.exists()


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_stored_answers_are_always_the_last_given(regions: dict[str, Any], data: st.DataObject) -> None:
    """Whatever order and however often an SME changes its mind, each item keeps its last answer."""
    model = capacity.load_model()
    saves = data.draw(
        st.lists(
            st.sampled_from(model.items[:6]).flatmap(
                lambda item: st.tuples(
                    st.just(item.id),
                    st.sampled_from(
                        [o.id for o in item.options]
                        + ([capacity.DONT_KNOW] if item.allow_dont_know else [])
                        + [""]
                    ),
                )
            ),
            max_size=15,
        )
    )
    assessment = start(regions)
    for item_id, value in saves:
        services.answer_save(assessment=assessment, item_id=item_id, value=value)
    last: dict[str, str] = {}
    for item_id, value in saves:
        last[item_id] = value
    expected = {k: v for k, v in last.items() if v}
    assert dict(assessment.answers.values_list("item_id", "value")) == expected
