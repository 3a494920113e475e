"""The platform's one public JSON API, /api/v1/ (django-ninja): its OpenAPI document at
/api/v1/openapi.json and its documentation page at /api/v1/docs (Swagger UI, served from the
vendored static files of django-ninja; no CDN).

A domain joins the API with ONE line in ROUTERS: (its URL prefix, the dotted path of its Router in
routers/<domain>.py). docs/architecture.md ("The API") says what a router module holds.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from ninja import NinjaAPI, Swagger

from interventures.apps.assessment.services import AssessmentError
from interventures.apps.surveys.services import SurveyError

from .auth import public
from .services import IdempotencyError, TokenError
from .throttling import throttles

ROUTERS: tuple[tuple[str, str], ...] = (
    ("reference", "interventures.apps.api.routers.reference.router"),
    ("assessment", "interventures.apps.api.routers.assessment.router"),
    ("surveys", "interventures.apps.api.routers.surveys.router"),
    ("aggregates", "interventures.apps.api.routers.aggregates.router"),
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

api = NinjaAPI(
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
@api.exception_handler(AssessmentError)
@api.exception_handler(TokenError)
def _domain_error(request: HttpRequest, exc: Exception) -> HttpResponse:
    problems = [str(p) for p in getattr(exc, "problems", ())]
    message = " ".join([str(exc), *problems]) if problems else str(exc)
    return _detail(request, message, 400)
