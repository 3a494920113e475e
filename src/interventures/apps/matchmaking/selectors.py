"""Reads of partner search, always through the access rules."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import Q

from interventures.apps.accounts.models import Company
from interventures.apps.accounts.permissions import Action, access, can, can_see_contact, visible
from interventures.apps.assessment.selectors import my_assessments, result_view
from interventures.apps.common.models import Region
from interventures.apps.keyplayers.models import Service
from interventures.apps.keyplayers.selectors import services_for_partner_search
from interventures.apps.partnership.models import Call, PolicyInstrument
from interventures.apps.partnership.selectors import instrument_list

from .engine import TOP_K
from .models import Interest, PartnerProfile, Suggestion

SUPPORT_SERVICES = 6


def company_of(user: Any) -> Company | None:
    company_id = getattr(getattr(user, "profile", None), "company_id", None)
    if company_id is None:
        return None
    company = Company.objects.filter(pk=company_id).first()
    return company if company is not None and can(user, Action.EDIT, company) else None


def profile_of(*, user: Any) -> PartnerProfile | None:
    company = company_of(user)
    if company is None:
        return None
    return PartnerProfile.objects.filter(company=company).first()


def profile_prefill(*, user: Any, company: Company) -> dict[str, Any]:
    """What the SME already told: its company, and its latest completed preparedness test."""
    initial: dict[str, Any] = {"name": company.name, "country": company.country, "nuts3": company.nuts3}
    done = [a for a in my_assessments(user=user) if a.is_completed]
    if done:
        latest = done[0]
        initial.update(
            stage=latest.stage,
            size_class=latest.size_class,
            nuts3=company.nuts3 or latest.nuts3,
            languages=[latest.language[:2]] if latest.language else [],
        )
        if latest.sector:
            initial["nace"] = latest.sector
    return initial


def latest_stage(*, user: Any) -> str:
    done = [a for a in my_assessments(user=user) if a.is_completed]
    return done[0].stage if done else ""


def partner_get(*, user: Any, token: Any) -> PartnerProfile:
    """A profile by its token: its own company's, or a published one (404 otherwise)."""
    return access(user, PartnerProfile.objects.select_related("company"), token=token)


def agreed_company_ids(*, profile: PartnerProfile) -> set[int]:
    """Companies with which `profile`'s company and the other side both declared interest, undeclined."""
    sent = set(
        Interest.objects.filter(source=profile, declined=False).values_list("target__company_id", flat=True)
    )
    received = set(
        Interest.objects.filter(target=profile, declined=False).values_list("source__company_id", flat=True)
    )
    return sent & received


@dataclass(frozen=True)
class Contact:
    name: str
    email: str
    phone: str


def contact_of(*, user: Any, partner: PartnerProfile) -> Contact | None:
    """The partner's contact details, only where the permissions module allows it."""
    if not can_see_contact(
        user, owner_company_id=partner.company_id, agreed_company_ids=agreed_company_ids(profile=partner)
    ):
        return None
    return Contact(name=partner.contact_name, email=partner.contact_email, phone=partner.contact_phone)


@dataclass(frozen=True)
class SuggestionRow:
    partner: PartnerProfile
    rank: int
    score: float
    parts: dict[str, float]
    sent: bool  # we asked to meet
    received: bool  # they asked to meet us
    declined: bool  # they declined our request
    mutual: bool


def suggestion_list(*, user: Any, profile: PartnerProfile) -> list[SuggestionRow]:
    """The profile's stored suggestions among profiles still published, with the state of interest."""
    profile = access(user, PartnerProfile.objects.all(), pk=profile.pk, action=Action.EDIT)
    rows = list(
        visible(user, Suggestion.objects.filter(profile=profile))
        .filter(partner__published=True)
        .select_related("partner")
        .order_by("-score", "partner_id")[:TOP_K]
    )  # the rows are the top k of each border pair; the list is the best k of them
    sent = dict(Interest.objects.filter(source=profile).values_list("target_id", "declined"))
    received = dict(Interest.objects.filter(target=profile).values_list("source_id", "declined"))
    return [
        SuggestionRow(
            partner=s.partner,
            rank=rank,
            score=s.score,
            parts=s.parts,
            sent=s.partner_id in sent,
            received=s.partner_id in received and not received[s.partner_id],
            declined=bool(sent.get(s.partner_id)),
            mutual=s.partner_id in sent
            and not sent[s.partner_id]
            and s.partner_id in received
            and not received[s.partner_id],
        )
        for rank, s in enumerate(rows, start=1)
    ]


def requests_received(*, profile: PartnerProfile) -> list[PartnerProfile]:
    """Published companies that asked to meet and are not yet answered."""
    answered = Interest.objects.filter(source=profile).values("target_id")
    return list(
        PartnerProfile.objects.filter(
            Q(interests_sent__target=profile, interests_sent__declined=False), published=True
        ).exclude(pk__in=answered)
    )


def interest_state(*, profile: PartnerProfile | None, partner: PartnerProfile) -> dict[str, bool]:
    if profile is None:
        return {"sent": False, "received": False, "declined": False, "mutual": False}
    sent = Interest.objects.filter(source=profile, target=partner).first()
    received = Interest.objects.filter(source=partner, target=profile, declined=False).exists()
    return {
        "sent": sent is not None,
        "received": received,
        "declined": bool(sent and sent.declined),
        "mutual": bool(sent and not sent.declined and received),
    }


@dataclass(frozen=True)
class SupportOffer:
    """What two companies that agreed to meet can lean on: the SME's regional partner's services
    (key players directory) for partner search and its gaps, and the recorded calls of the
    programmes that fund cooperation across this border (the partnership's instrument data)."""

    region: Region | None
    services: list[Service]
    instruments: list[PolicyInstrument]
    calls: list[Call]


def home_region(profile: PartnerProfile) -> Region | None:
    """The partnership region of a profile's company: the company's own, else the one whose NUTS
    codes hold its NUTS 3 region."""
    region = profile.company.region
    if region is not None and region.partner:
        return region
    if profile.nuts3:
        for candidate in Region.objects.filter(partner=True):
            codes = {str(c) for version in (candidate.nuts or {}).values() for c in version}
            if any(profile.nuts3.startswith(code) for code in codes if code):
                return candidate
    return None


def support_offer(*, user: Any, partner: PartnerProfile, lang: str = "") -> SupportOffer | None:
    """The support offer for the user's company and `partner`, once both declared interest in
    meeting (None before, and for its own profile)."""
    own = profile_of(user=user)
    if own is None or own.pk == partner.pk or own.company_id == partner.company_id:
        return None
    if partner.company_id not in agreed_company_ids(profile=own):
        return None
    region = home_region(own)
    services: list[Service] = []
    if region is not None:
        done = [a for a in my_assessments(user=user) if a.is_completed and a.result]
        gaps = [g.dimension for g in result_view(assessment=done[0], lang=lang or "en").gaps] if done else []
        services = services_for_partner_search(
            region=region, dimensions=gaps, stage=own.stage or None, language=lang or None
        )[:SUPPORT_SERVICES]
    pair = {own.country, partner.country}
    instruments = []
    for inst in instrument_list():
        r = inst.region
        if r.partner and pair <= set(r.countries) | set(r.neighbouring_countries) and pair & set(r.countries):
            instruments.append(inst)  # a programme of this border (the Interreg programme of the pair)
        elif region is not None and r.pk == region.pk:
            instruments.append(inst)  # the SME's own region's instrument
    calls = [call for inst in instruments for call in inst.calls.all()]
    return SupportOffer(region=region, services=services, instruments=instruments, calls=calls)
