"""Fuzzing the v1 API from its own OpenAPI document (schemathesis), as each role: anonymous, an SME,
a stakeholder, a regional partner, the coordinator and the advisory partner, each with a bearer
token. Whatever it sends, no answer is a server error, and every answer has the documented content
type and conforms to the documented schema, with a documented status. Bounded: a few examples per operation and role (FUZZ_EXAMPLES), so the run stays
within a minute or two as routers are added."""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from typing import Any

import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    ignored_auth,
    response_schema_conformance,
    status_code_conformance,
)

from interventures.apps.accounts.models import Role

FUZZ_EXAMPLES = int(os.environ.get("INTERVENTURES_FUZZ_EXAMPLES", "8"))
ROLES = ["anonymous", "sme", "stakeholder", "partner", "coordinator", "advisor"]
# No server error; the status, content type and body of every answer are the document's (the
# error answers are documented on every operation: api.DocumentedErrorsAPI); an operation that
# needs an account refuses a request without one. Not checked: whether a schema-valid request
# is accepted (the domain refuses, with 400 and a reason, what no schema says: an unknown
# questionnaire version, an incomplete test).
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
    ignored_auth,
]


def _schema() -> Any:
    """The document /api/v1/openapi.json serves (built without a request, so without the database,
    at collection), sent to the platform's WSGI application in this process."""
    from django.core.wsgi import get_wsgi_application

    from interventures.apps.api.api import api

    loaded = schemathesis.openapi.from_dict(json.loads(json.dumps(api.get_openapi_schema(), default=str)))
    loaded.app = get_wsgi_application()
    return loaded


schema = _schema()


@pytest.fixture
def test_transaction_kept() -> Any:
    """The WSGI application closes the database connection after each request; Django's test client
    stops it doing so, and so does this (or the test's transaction would be lost)."""
    from django.core import signals
    from django.db import close_old_connections

    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


@pytest.fixture
def headers_of(
    make_user: Callable[..., Any], campaigns: tuple[Any, Any], regions: tuple[Any, Any]
) -> dict[str, dict[str, str]]:
    """Each role's Authorization header: a fresh token of one user of the role (none for anonymous),
    in a world of two regions with a campaign each."""
    from interventures.apps.api.services import token_create

    north, _south = regions
    users = {
        "sme": make_user(Role.SME),
        "stakeholder": make_user(Role.STAKEHOLDER, region=north),
        "partner": make_user(Role.REGIONAL_PARTNER, region=north),
        "coordinator": make_user(Role.COORDINATOR),
        "advisor": make_user(Role.ADVISOR),
    }
    headers: dict[str, dict[str, str]] = {"anonymous": {}}
    for role, user in users.items():
        _token, secret = token_create(user=user, name="fuzz", can_write=True)
        headers[role] = {"Authorization": f"Bearer {secret}"}
    return headers


@schema.parametrize()
@settings(
    max_examples=FUZZ_EXAMPLES,
    deadline=None,
    suppress_health_check=list(HealthCheck),
    derandomize=True,  # the same cases every run: a failure is reproduced by running it again
    database=None,
)
@pytest.mark.django_db
def test_no_answer_of_the_api_is_a_server_error_or_breaks_its_schema(
    case: Any, headers_of: dict[str, dict[str, str]], test_transaction_kept: None
) -> None:
    for role in ROLES:  # each generated request, sent as every role (the failure names the role)
        try:
            case.call_and_validate(
                headers=headers_of[role],
                checks=CHECKS,
            )
        except AssertionError as failure:
            failure.add_note(f"sent as: {role}")
            raise
