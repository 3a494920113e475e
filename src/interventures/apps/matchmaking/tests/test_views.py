"""The SME's way through partner search, and no contact detail on any page before both agree."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.urls import reverse

from interventures.apps.accounts.models import Role
from interventures.apps.matchmaking.models import Interest, PartnerProfile

pytestmark = pytest.mark.django_db


def test_profile_form_prefills_saves_and_validates(
    client_as: Callable[..., Any], make_company: Callable[..., Any], django_capture_on_commit_callbacks: Any
) -> None:
    company = make_company(name="Pécsi Bor Kft.")
    client, _user = client_as(Role.SME, company=company)
    page = client.get(reverse("matchmaking:profile"))
    assert page.status_code == 200
    assert 'value="Pécsi Bor Kft."' in page.content.decode()
    bad = client.post(
        reverse("matchmaking:profile"), {"name": "X", "country": "HU", "nuts3": "AT221", "nace": "99.99"}
    )
    text = bad.content.decode()
    assert "99.99 is not a NACE Rev. 2 code." in text
    assert "This NUTS 3 region is not in the country you chose." in text
    with django_capture_on_commit_callbacks(execute=True):
        ok = client.post(
            reverse("matchmaking:profile"),
            {
                "name": "Pécsi Bor",
                "country": "HU",
                "nuts3": "HU231",
                "nace": "1102",
                "offers": "bor",
                "cooperation": ["joint_bid"],
                "published": "on",
            },
        )
    assert ok.status_code == 302
    saved = PartnerProfile.objects.get(company=company)
    assert saved.nace == ["11.02"]
    assert saved.published
    assert saved.cooperation == ["joint_bid"]


def test_no_contact_on_any_page_before_both_agree(
    client: Any,
    make_user: Callable[..., Any],
    make_profile: Callable[..., Any],
    django_capture_on_commit_callbacks: Any,
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        a = make_profile(
            "HU",
            "HU231",
            offers="Szőlőbor termelése",
            seeks="italok nagykereskedelme",
            contact_email="anna@bor.example",
            contact_phone="+36 72 555 0101",
        )
        b = make_profile(
            "HR",
            "HR025",
            offers="Trgovina na veliko pićima",
            seeks="proizvodnja vina",
            contact_email="ivan@pice.example",
            contact_phone="+385 31 555 0202",
        )
    user_a = make_user(Role.SME, company=a.company)
    user_b = make_user(Role.SME, company=b.company)

    def pages_of(user: Any, other: Any) -> str:
        client.force_login(user)
        return "".join(
            client.get(url).content.decode()
            for url in (
                reverse("matchmaking:suggestions"),
                reverse("matchmaking:partner", kwargs={"token": other.token}),
            )
        )

    seen_by_a = pages_of(user_a, b)
    assert b.name in seen_by_a  # suggested
    assert "ivan@pice.example" not in seen_by_a
    assert "555 0202" not in seen_by_a
    client.force_login(user_a)
    client.post(reverse("matchmaking:interest", kwargs={"token": b.token}))
    assert Interest.objects.filter(source=a, target=b).exists()
    assert "ivan@pice.example" not in pages_of(user_a, b)  # asked, not yet accepted
    seen_by_b = pages_of(user_b, a)
    assert "anna@bor.example" not in seen_by_b
    assert "They want to meet you" in seen_by_b
    client.force_login(user_b)
    client.post(reverse("matchmaking:interest", kwargs={"token": a.token}))  # accepts
    assert "ivan@pice.example" in pages_of(user_a, b)
    assert "anna@bor.example" in pages_of(user_b, a)
    # a third company, and the region's partner, never see them
    third = make_user(Role.SME, company=make_profile("HR").company)
    assert "anna@bor.example" not in pages_of(third, a)
    client.force_login(make_user(Role.REGIONAL_PARTNER))
    assert client.get(reverse("matchmaking:partner", kwargs={"token": a.token})).status_code == 403


def test_unpublished_profile_is_hidden_and_its_owner_sees_it(
    client: Any, make_user: Callable[..., Any], make_profile: Callable[..., Any]
) -> None:
    hidden = make_profile("HR", published=False)
    other = make_user(Role.SME, company=make_profile("HU").company)
    client.force_login(other)
    assert client.get(reverse("matchmaking:partner", kwargs={"token": hidden.token})).status_code == 404
    assert client.post(reverse("matchmaking:interest", kwargs={"token": hidden.token})).status_code == 404
    client.force_login(make_user(Role.SME, company=hidden.company))
    assert client.get(reverse("matchmaking:partner", kwargs={"token": hidden.token})).status_code == 200


def test_from_the_result_page_to_a_prefilled_profile(client_as: Callable[..., Any]) -> None:
    from interventures.apps.assessment import services as assessment_services
    from interventures.core import capacity

    client, user = client_as(Role.SME)
    region = user.profile.company.region
    a = assessment_services.assessment_start(
        region=region, size_class="small", sector="C", language="hu", user=user
    )
    answers = {item.id: item.options[-1].id for item in capacity.load_model().items}
    assessment_services.answers_save(assessment=a, answers=answers)
    a = assessment_services.assessment_complete(assessment=a)
    page = client.get(reverse("assessment:result", kwargs={"token": a.token})).content.decode()
    assert reverse("matchmaking:profile") in page
    form = client.get(reverse("matchmaking:profile")).content.decode()
    assert f'value="{a.stage}" selected' in form  # the readiness stage comes from the test
    assert 'value="small" selected' in form
