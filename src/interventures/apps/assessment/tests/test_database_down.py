"""A database that cannot be reached for a moment: the SME gets a clear 503 page in its language (not
an error "on our side"), the answers autosaved before it are still there, and an answer sent again
once the database is back is stored (the page's script retries: static/assessment/autosave.js)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

import pytest
from django.db import OperationalError, connection
from django.test import Client
from django.urls import reverse
from django.utils import translation

from interventures.apps.assessment.models import Assessment
from interventures.core import capacity

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _reference(reference: dict[str, Any]) -> None:
    """The start page offers the real regions and NACE sections."""


@contextmanager
def database_unreachable() -> Iterator[None]:
    """Every statement fails as a lost connection does (the savepoints of the test's own transaction
    still pass, so the test's database is left as it was)."""

    def refuse(execute: Callable[..., Any], sql: str, params: Any, many: bool, context: Any) -> Any:
        if sql.lstrip().upper().startswith(("SAVEPOINT", "RELEASE", "ROLLBACK")):
            return execute(sql, params, many, context)
        raise OperationalError("server closed the connection unexpectedly")

    with connection.execute_wrapper(refuse):
        yield


def url(name: str, lang: str = "en", **kwargs: Any) -> str:
    with translation.override(lang):
        return reverse(f"assessment:{name}", kwargs=kwargs)


def test_an_unreachable_database_is_a_clear_503_and_no_saved_answer_is_lost(
    regions: Any, model: capacity.CapacityModel
) -> None:
    client = Client(raise_request_exception=False)
    client.post(url("start", "hu"), {"region": "hu-hr", "size_class": "small", "sector": "C"})
    assessment = Assessment.objects.get()
    first, second = model.items_of(model.dimensions[0].id)[:2]
    saved = client.post(
        url("autosave", "hu", token=assessment.token), {"item": first.id, "value": first.options[2].id}
    )
    assert saved.status_code == 200

    with database_unreachable():
        lost = client.post(
            url("autosave", "hu", token=assessment.token),
            {"item": second.id, "value": second.options[1].id},
            HTTP_ACCEPT="application/json",
        )
        page = client.post(
            url("step", "hu", token=assessment.token, number=1),
            {first.id: first.options[2].id, second.id: second.options[1].id, "go": "next"},
        )

    assert lost.status_code == 503
    assert lost.json()["saved"] is False
    assert lost["Retry-After"]
    assert page.status_code == 503
    html = page.content.decode()
    with translation.override("hu"):
        assert translation.gettext("Temporarily unavailable") in html
        assert translation.gettext("Temporarily unavailable") != "Temporarily unavailable"
    assert 'lang="hu"' in html
    # What was autosaved before the database went away is still there.
    assert dict(assessment.answers.values_list("item_id", "value")) == {first.id: first.options[2].id}

    # The script sends the unacknowledged answer again once the database answers: it is stored.
    again = client.post(
        url("autosave", "hu", token=assessment.token),
        {"item": second.id, "value": second.options[1].id},
        HTTP_ACCEPT="application/json",
    )
    assert again.status_code == 200
    assert dict(assessment.answers.values_list("item_id", "value")) == {
        first.id: first.options[2].id,
        second.id: second.options[1].id,
    }


def test_the_api_gets_a_json_503_too(client: Any) -> None:
    client.raise_request_exception = False
    with database_unreachable():
        answer = client.get("/api/v1/reference/regions")
    assert answer.status_code == 503
    assert "database" in answer.json()["detail"]
