"""The platform's one public JSON API, /api/v1/ (django-ninja): its OpenAPI document at
/api/v1/openapi.json and its documentation page at /api/v1/docs (Swagger UI, served from the
vendored static files of django-ninja; no CDN).

A domain joins the API with ONE line in ROUTERS: (its URL prefix, the dotted path of its Router in
routers/<domain>.py). docs/architecture.md ("The API") says what a router module holds.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from ninja import NinjaAPI, Swagger

from interventures.apps.assessment.services import AssessmentError
from interventures.apps.learning.services import LearningError
from interventures.apps.surveys.services import SurveyError

from .auth import public
from .services import IdempotencyError, TokenError
from .throttling import throttles

ROUTERS: tuple[tuple[str, str], ...] = (
    ("reference", "interventures.apps.api.routers.reference.router"),
    ("assessment", "interventures.apps.api.routers.assessment.router"),
    ("surveys", "interventures.apps.api.routers.surveys.router"),
    ("aggregates", "interventures.apps.api.routers.aggregates.router"),
    ("keyplayers", "interventures.apps.api.routers.keyplayers.router"),
    ("learning", "interventures.apps.api.routers.learning.router"),
    ("actionplans", "interventures.apps.api.routers.actionplans.router"),
    ("matchmaking", "interventures.apps.api.routers.matchmaking.router"),
)

DESCRIPTION = """\
The Inter Ventures platform for the internationalisation of SMEs in EU border regions.

**Authentication.** Integrations send `Authorization: Bearer <token>`; a signed-in user creates
and revokes tokens on the page "API tokens" (a token acts as its owner, may be read-only, and is
stored only as a hash). A browser signed in to the pages may call the API with its session (and
the CSRF token on writes). Without either, only the public endpoints answer.

**Permissions** are the pages' (one module decides both): a caller sees through the API exactly
what it sees in the pages, no more.

**Lists** are paginated: `limit` (at most 500) and `offset`; the answer holds `items` and `count`.

**Creates** take an `Idempotency-Key` header: a retry with the same key and body gets the first
answer (status 200 instead of 201) and creates nothing; the same key with another body is refused
(409). Keys are the caller's own: without an account they must be random (16 characters or more).

**Errors** are `{"detail": ...}` with the status: 400 bad input (the message names it), 401 no or
a bad token, 403 not allowed, 404 not found or not visible to the caller, 409 key reused,
413 body too large, 422 input of the wrong shape, 429 too many requests.

**Published figures** never rest on fewer respondents than the minimum cell; suppressed figures
carry no value, no standard error and no count.
"""

# The errors every operation may answer (DESCRIPTION says when), documented on each operation so
# that a client, and schemathesis, finds every status it can get in the document.
ERRORS_OF_EVERY_OPERATION = {
    400: "bad input (the message names it)",
    401: "no token, or a bad one",
    403: "not allowed",
    404: "not found, or not visible to the caller",
    422: "input of the wrong shape",
    429: "too many requests",
}
ERRORS_OF_A_WRITE = {409: "the idempotency key was used with another body", 413: "body too large"}
ERROR_SCHEMA = {
    "type": "object",
    "properties": {
        "detail": {
            "anyOf": [{"type": "string"}, {"type": "array", "items": {"type": "object"}}],
            "description": "the message; for 422, each problem of the input",
        }
    },
    "required": ["detail"],
}


class DocumentedErrorsAPI(NinjaAPI):
    """django-ninja's API, whose OpenAPI document also lists the error answers of each operation."""

    def get_openapi_schema(self, *, path_prefix: str | None = None, path_params: Any = None) -> Any:
        document = super().get_openapi_schema(path_prefix=path_prefix, path_params=path_params)
        # An operation open to anonymous callers takes a token but does not need one: `{}` among
        # its security requirements says so (ninja lists only the bearer scheme).
        public_ids = {
            operation.operation_id or self.get_openapi_operation_id(operation)
            for router in self._get_bound_routers()  # as ninja's schema reads them: auth resolved
            for view in router.path_operations.values()
            for operation in view.operations
            if any(getattr(auth, "required", True) is False for auth in operation.auth_callbacks)
        }
        document.setdefault("components", {}).setdefault("schemas", {})["Error"] = ERROR_SCHEMA
        error = {"content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}}
        for operations in document["paths"].values():
            for method, operation in operations.items():
                if operation.get("operationId") in public_ids and operation.get("security"):
                    operation["security"] = [{}, *operation["security"]]
                errors = ERRORS_OF_EVERY_OPERATION | (ERRORS_OF_A_WRITE if method != "get" else {})
                for status, description in errors.items():
                    operation["responses"].setdefault(status, {"description": description, **error})
        return document


api = DocumentedErrorsAPI(
    title="Inter Ventures API",
    version="1",
    description=DESCRIPTION,
    urls_namespace="v1_api",
    auth=public,
    throttle=throttles(),
    docs=Swagger(settings={"persistAuthorization": False}),
)

for _prefix, _router in ROUTERS:
    api.add_router(f"/{_prefix}/", _router)


def _detail(request: HttpRequest, message: str, status: int) -> HttpResponse:
    return api.create_response(request, {"detail": message}, status=status)


@api.exception_handler(PermissionDenied)
def _forbidden(request: HttpRequest, exc: PermissionDenied) -> HttpResponse:
    return _detail(request, str(exc) or "you may not do this", 403)


@api.exception_handler(IdempotencyError)
def _idempotency(request: HttpRequest, exc: IdempotencyError) -> HttpResponse:
    return _detail(request, str(exc), exc.status)


@api.exception_handler(SurveyError)
@api.exception_handler(LearningError)
@api.exception_handler(AssessmentError)
@api.exception_handler(TokenError)
def _domain_error(request: HttpRequest, exc: Exception) -> HttpResponse:
    problems = [str(p) for p in getattr(exc, "problems", ())]
    message = " ".join([str(exc), *problems]) if problems else str(exc)
    return _detail(request, message, 400)
