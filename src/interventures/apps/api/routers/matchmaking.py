"""Partner search: the caller's own profile (read, update), its suggestions with the parts of the
score, a partner's profile, and declaring or declining interest in meeting. A partner's contact
details are in the answer only when accounts.permissions.can_see_contact allows it (both sides
declared interest); everything else about them is what the partner published."""

import uuid
from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest
from django.http.request import QueryDict
from django.utils.translation import get_language
from ninja import Field, Header, Router, Schema
from ninja.errors import HttpError

from interventures.apps.common.translated import tr
from interventures.apps.matchmaking import selectors, services
from interventures.apps.matchmaking.forms import ProfileForm
from interventures.apps.matchmaking.models import PartnerProfile

from ..auth import caller, signed_in
from ..services import idempotent_create

router = Router(tags=["matchmaking"], auth=signed_in)

MAX_LIST = 50


class ProfileIn(Schema):
    name: str = Field(..., max_length=200)
    country: str = Field(..., max_length=2, description="ISO 3166 alpha-2")
    nuts3: str = Field("", max_length=5)
    size_class: str = Field("", max_length=10)
    nace: list[str] = Field(
        default_factory=list, max_length=MAX_LIST, description="NACE Rev. 2 codes, any level"
    )
    year_founded: int | None = None
    languages: list[str] = Field(default_factory=list, max_length=MAX_LIST)
    stage: str = Field("", max_length=40)
    offers: str = Field("", max_length=2000)
    seeks: str = Field("", max_length=2000)
    offer_kinds: list[str] = Field(default_factory=list, max_length=MAX_LIST)
    seek_kinds: list[str] = Field(default_factory=list, max_length=MAX_LIST)
    cooperation: list[str] = Field(default_factory=list, max_length=MAX_LIST)
    target_countries: list[str] = Field(default_factory=list, max_length=MAX_LIST)
    contact_name: str = Field("", max_length=200)
    contact_email: str = Field("", max_length=254)
    contact_phone: str = Field("", max_length=40)
    published: bool = False


class ProfileOut(ProfileIn):
    token: str


class Contact(Schema):
    name: str
    email: str
    phone: str


class SupportServiceOut(Schema):
    name: str
    service_type: str
    organisation: str
    organisation_slug: str
    website: str
    contact: str


class SupportCallOut(Schema):
    title: str
    for_smes: str
    instrument: str


class SupportOut(Schema):
    region: str | None = Field(None, description="the SME's partnership region (its code)")
    services: list[SupportServiceOut]
    calls: list[SupportCallOut]


class PartnerOut(Schema):
    token: str
    name: str
    country: str
    nuts3: str
    size_class: str
    nace: list[str]
    languages: list[str]
    stage: str
    offers: str
    seeks: str
    cooperation: list[str]
    contact: Contact | None = Field(None, description="only once both sides declared interest")
    support: SupportOut | None = Field(
        None,
        description="once both sides declared interest: the regional partner's services and the calls "
        "that fund cooperation across this border, in the request's language",
    )
    interest: dict[str, bool]


class SuggestionOut(Schema):
    rank: int
    partner: str = Field(..., description="the partner's token (GET /partners/{token})")
    name: str
    country: str
    score: float
    parts: dict[str, float] = Field(..., description="each part in [0, 1] before weighting")
    sent: bool
    received: bool
    declined: bool
    mutual: bool


class InterestOut(Schema):
    partner: str
    sent: bool
    received: bool
    mutual: bool


def _company(request: HttpRequest) -> Any:
    user = caller(request).user
    company = selectors.company_of(user)
    if company is None:
        raise PermissionDenied  # partner search is a company's
    return user, company


def _own(request: HttpRequest) -> tuple[Any, PartnerProfile]:
    user, _company_ = _company(request)
    own = selectors.profile_of(user=user)
    if own is None:
        raise HttpError(404, "no partner-search profile yet: PUT /profile")
    return user, own


def _profile(p: PartnerProfile) -> dict[str, Any]:
    fields = ProfileIn.model_fields
    return {"token": str(p.token), **{f: getattr(p, f) for f in fields}}


def _partner(user: Any, own: PartnerProfile | None, p: PartnerProfile) -> dict[str, Any]:
    contact = selectors.contact_of(user=user, partner=p)
    return {
        "token": str(p.token),
        **{
            f: getattr(p, f) for f in ("name", "country", "nuts3", "size_class", "nace", "languages", "stage")
        },
        **{f: getattr(p, f) for f in ("offers", "seeks", "cooperation")},
        "contact": contact.__dict__ if contact is not None else None,
        "support": _support(selectors.support_offer(user=user, partner=p, lang=get_language() or "en")),
        "interest": selectors.interest_state(profile=own, partner=p),
    }


def _support(offer: selectors.SupportOffer | None) -> dict[str, Any] | None:
    if offer is None:
        return None
    return {
        "region": offer.region.code if offer.region is not None else None,
        "services": [
            {
                "name": tr(s, "name"),
                "service_type": s.service_type,
                "organisation": tr(s.organisation, "name"),
                "organisation_slug": s.organisation.slug,
                "website": s.website or s.organisation.website,
                "contact": s.organisation.contact,
            }
            for s in offer.services
        ],
        "calls": [
            {"title": tr(c, "title"), "for_smes": tr(c, "for_smes"), "instrument": tr(c.instrument, "name")}
            for c in offer.calls
        ],
    }


@router.get("/profile", response=ProfileOut, operation_id="mm_profile")
def mm_profile(request: HttpRequest) -> dict[str, Any]:
    """The caller's company's profile (with its own contact details)."""
    _user, own = _own(request)
    return _profile(own)


@router.put("/profile", response=ProfileOut, operation_id="mm_profile_update")
def mm_profile_update(request: HttpRequest, body: ProfileIn) -> dict[str, Any]:
    """Create or replace the caller's company's profile (checked as the profile page checks it);
    its suggestions, and those of the profiles it enters or leaves, follow."""
    user, company = _company(request)
    data = QueryDict(mutable=True)
    for name, value in body.dict().items():
        if isinstance(value, list):
            data.setlist(name, value if name != "nace" else ["; ".join(value)])
        elif isinstance(value, bool):
            if value:
                data[name] = "on"
        elif value is not None:
            data[name] = str(value)
    form = ProfileForm(data)
    if not form.is_valid():
        raise HttpError(400, "; ".join(f"{f}: {' '.join(str(m) for m in e)}" for f, e in form.errors.items()))
    saved = services.profile_save(user=user, company=company, data=services.ProfileData(**form.cleaned_data))
    return _profile(saved)


@router.get("/suggestions", response=list[SuggestionOut], operation_id="mm_suggestions")
def mm_suggestions(request: HttpRequest) -> list[dict[str, Any]]:
    """The best partners for the caller's published profile, best first, with each part of the
    score (docs/matching.md); no contact details."""
    user, own = _own(request)
    if not own.published:
        return []
    return [
        {
            "rank": r.rank,
            "partner": str(r.partner.token),
            "name": r.partner.name,
            "country": r.partner.country,
            "score": r.score,
            "parts": r.parts,
            "sent": r.sent,
            "received": r.received,
            "declined": r.declined,
            "mutual": r.mutual,
        }
        for r in selectors.suggestion_list(user=user, profile=own)
    ]


@router.get("/partners/{token}", response=PartnerOut, operation_id="mm_partner")
def mm_partner(request: HttpRequest, token: uuid.UUID) -> dict[str, Any]:
    """A published profile (or the caller's own); its contact only after mutual interest."""
    user, _company_ = _company(request)
    other = selectors.partner_get(user=user, token=token)
    return _partner(user, selectors.profile_of(user=user), other)


def _interest(request: HttpRequest, token: uuid.UUID, key: str, action: str) -> tuple[int, dict[str, Any]]:
    user, _company_ = _company(request)
    other = selectors.partner_get(user=user, token=token)

    def create() -> tuple[int, dict[str, Any]]:
        try:
            if action == "interest":
                services.interest_declare(user=user, target=other)
            else:
                services.interest_decline(user=user, source=other)
        except services.MatchmakingError as exc:
            raise HttpError(409, str(exc)) from exc
        state = selectors.interest_state(profile=selectors.profile_of(user=user), partner=other)
        return 201, {
            "partner": str(other.token),
            **{k: state.get(k, False) for k in ("sent", "received", "mutual")},
        }

    return idempotent_create(
        user=user,
        operation=f"matchmaking.{action}:{other.pk}",
        key=key,
        payload={"partner": str(token)},
        create=create,
    )


@router.post(
    "/partners/{token}/interest", response={200: InterestOut, 201: InterestOut}, operation_id="mm_interest"
)
def mm_interest(
    request: HttpRequest,
    token: uuid.UUID,
    idempotency_key: str = Header(..., alias="Idempotency-Key", max_length=200),
) -> tuple[int, dict[str, Any]]:
    """Declare interest in meeting this partner (or accept its request: then both see the contact)."""
    return _interest(request, token, idempotency_key, "interest")


@router.post(
    "/partners/{token}/decline", response={200: InterestOut, 201: InterestOut}, operation_id="mm_decline"
)
def mm_decline(
    request: HttpRequest,
    token: uuid.UUID,
    idempotency_key: str = Header(..., alias="Idempotency-Key", max_length=200),
) -> tuple[int, dict[str, Any]]:
    """Decline this partner's request to meet (and withdraw one's own interest in it)."""
    return _interest(request, token, idempotency_key, "decline")
