"""The app's side of the engine: profiles from the database as the core's MatchProfile, and an
index over the published ones with the reference data's borders and NACE titles."""

from __future__ import annotations

import functools
from collections.abc import Iterable

from interventures.core.capacity import load_model
from interventures.core.matching import Borders, Cooperation, MatchIndex, MatchProfile, OfferKind, Taxonomy
from interventures.reference.borders import border_nuts3, country_neighbours, programme_areas
from interventures.reference.files import nace_rows

from .models import PartnerProfile

TOP_K = 10


@functools.lru_cache(maxsize=1)
def taxonomy() -> Taxonomy:
    return Taxonomy.from_rows(nace_rows())


@functools.lru_cache(maxsize=1)
def borders() -> Borders:
    return Borders(neighbours=country_neighbours(), areas=programme_areas())


def stages() -> list[str]:
    return [s.id for s in load_model().stages]


def as_match_profile(p: PartnerProfile) -> MatchProfile:
    def kinds(values: Iterable[str]) -> frozenset[OfferKind]:
        return frozenset(OfferKind(v) for v in values if v in OfferKind._value2member_map_)

    coop = frozenset(Cooperation(v) for v in p.cooperation if v in Cooperation._value2member_map_)
    return MatchProfile(
        id=str(p.pk),
        company=str(p.company_id),
        name=p.name,
        country=p.country,
        nuts3=p.nuts3,
        size_class=p.size_class,
        nace=tuple(p.nace),
        languages=frozenset(p.languages),
        stage=p.stage,
        offers=p.offers,
        seeks=p.seeks,
        offer_nace=tuple(p.offer_nace),
        seek_nace=tuple(p.seek_nace),
        offer_kinds=kinds(p.offer_kinds),
        seek_kinds=kinds(p.seek_kinds),
        cooperation=coop or frozenset(Cooperation),
        target_countries=frozenset(p.target_countries),
        at_border=border_nuts3().get(p.nuts3) if p.nuts3 else None,
    )


def index_of(profiles: Iterable[PartnerProfile]) -> MatchIndex:
    index = MatchIndex(taxonomy=taxonomy(), borders=borders(), stages=stages(), k=TOP_K)
    index.add_all([as_match_profile(p) for p in profiles])
    return index
