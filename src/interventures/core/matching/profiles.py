"""What the engine knows of a company looking for a partner, and the rules of admissibility."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum


class Cooperation(StrEnum):
    JOINT_DEVELOPMENT = "joint_development"
    SUBCONTRACTING = "subcontracting"
    SUPPLIER = "supplier"
    DISTRIBUTION = "distribution"
    JOINT_VENTURE = "joint_venture"
    JOINT_BID = "joint_bid"


class OfferKind(StrEnum):
    PRODUCT = "product"
    SERVICE = "service"
    TECHNOLOGY = "technology"
    CAPACITY = "capacity"


# Kinds of cooperation that fit together fall into families: building something together (developing
# a product or service, a joint venture, a joint grant bid: the Beneficiary Light scheme funds joint
# development through a joint bid); supplying (subcontracting is a kind of supply); selling the other's
# products (distribution or agency). Two kinds fit when they are of one family.
FAMILIES: tuple[frozenset[Cooperation], ...] = (
    frozenset({Cooperation.JOINT_DEVELOPMENT, Cooperation.JOINT_VENTURE, Cooperation.JOINT_BID}),
    frozenset({Cooperation.SUBCONTRACTING, Cooperation.SUPPLIER}),
    frozenset({Cooperation.DISTRIBUTION}),
)
COMPATIBLE: frozenset[tuple[Cooperation, Cooperation]] = frozenset(
    (a, b) for family in FAMILIES for a in family for b in family
)


def families(kinds: frozenset[Cooperation]) -> frozenset[int]:
    return frozenset(n for n, family in enumerate(FAMILIES) if family & kinds)


def cooperation_compatible(a: frozenset[Cooperation], b: frozenset[Cooperation]) -> bool:
    return bool(families(a) & families(b))


@dataclass(frozen=True)
class MatchProfile:
    """One company's partner-search profile, as plain values.

    `country` and `target_countries` are Eurostat/ISO alpha-2 codes; an empty `target_countries`
    means the default neighbours (see `Borders`). `at_border` is the NUTS 3 border typology (None:
    unknown region). `company` names the company behind the profile: two profiles of one company are
    never matched."""

    id: str
    country: str
    name: str = ""
    nuts3: str = ""
    size_class: str = ""
    nace: tuple[str, ...] = ()
    languages: frozenset[str] = frozenset()
    stage: str = ""
    offers: str = ""
    seeks: str = ""
    offer_nace: tuple[str, ...] = ()
    seek_nace: tuple[str, ...] = ()
    offer_kinds: frozenset[OfferKind] = frozenset()
    seek_kinds: frozenset[OfferKind] = frozenset()
    cooperation: frozenset[Cooperation] = frozenset(Cooperation)
    target_countries: frozenset[str] = frozenset()
    at_border: bool | None = None
    company: str = ""

    @property
    def owner(self) -> str:
        return self.company or self.id


@dataclass(frozen=True)
class Borders:
    """Which countries are across the border: `neighbours` by country (from the cross-border
    programmes), and `areas` for NUTS 3 regions inside a known programme area, whose default is the
    other side of that area only (a Hungarian SME in Baranya looks to Croatia, not to Austria).
    `areas` is keyed by NUTS code (any level): a region listed at NUTS 2 or 0 covers its NUTS 3."""

    neighbours: Mapping[str, frozenset[str]] = field(default_factory=dict)
    areas: Mapping[str, frozenset[str]] = field(default_factory=dict)

    def targets(self, profile: MatchProfile) -> frozenset[str]:
        if profile.target_countries:
            return frozenset(profile.target_countries) - {profile.country}
        area = self.area_of(profile.nuts3)
        if area is not None:
            return frozenset(area) - {profile.country}
        return frozenset(self.neighbours.get(profile.country, frozenset())) - {profile.country}

    def area_of(self, nuts3: str) -> frozenset[str] | None:
        """The neighbours of the programme area holding `nuts3` (its longest listed NUTS prefix)."""
        for end in range(len(nuts3), 1, -1):
            found = self.areas.get(nuts3[:end])
            if found is not None:
                return frozenset(found)
        return None


def admissible(a: MatchProfile, b: MatchProfile, borders: Borders) -> bool:
    """The hard rules: never the same company; each in a country the other targets; compatible
    kinds of cooperation."""
    if a.owner == b.owner:
        return False
    if b.country not in borders.targets(a) or a.country not in borders.targets(b):
        return False
    return cooperation_compatible(a.cooperation, b.cooperation)
