"""Reads of the key players directory. Lists are scoped by the permissions module; the analysis
(coverage, gaps, network, improvements) is computed by core/ecosystem from what the user may see."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Prefetch, Q, QuerySet

from interventures.apps.accounts.permissions import Action, can, visible
from interventures.apps.common.disclosure import min_cell
from interventures.apps.common.models import Region
from interventures.apps.partnership.models import Organisation, PolicyInstrument
from interventures.core import capacity, ecosystem

from .models import Comment, Improvement, Service, ServiceType, Tie
from .needs import Need, need_for


@dataclass(frozen=True)
class DirectoryFilters:
    region: Region | None = None
    q: str = ""
    type: str = ""
    service_type: str = ""
    dimension: str = ""
    stage: str = ""
    cost: str = ""
    language: str = ""
    cross_border: bool = False
    rsg: bool = False


def organisation_list(*, user: Any, filters: DirectoryFilters | None = None) -> QuerySet[Organisation]:
    """The directory as `user` may see it (the public: published entries), filtered."""
    f = filters or DirectoryFilters()
    qs = visible(user, Organisation.objects.all()).select_related("region")
    if f.region is not None:
        qs = qs.filter(region=f.region)
    if f.q:
        qs = qs.filter(Q(name__icontains=f.q) | Q(short_name__icontains=f.q) | Q(description__icontains=f.q))
    if f.type:
        qs = qs.filter(type=f.type)
    if f.cross_border:
        qs = qs.filter(cross_border=True)
    if f.rsg:
        qs = qs.filter(rsg_member=True)
    services = Service.objects.all()
    if f.service_type:
        services = services.filter(service_type=f.service_type)
    if f.cost:
        services = services.filter(cost=f.cost)
    ids = None
    if f.service_type or f.cost or f.dimension or f.stage or f.language:
        rows = services.values_list("organisation_id", "dimensions", "stages", "languages")
        ids = {
            org
            for org, dims, stages, langs in rows
            if (not f.dimension or f.dimension in (dims or []))
            and (not f.stage or f.stage in (stages or []))
            and (not f.language or f.language in (langs or []))
        }
        qs = qs.filter(pk__in=ids)
    return qs.annotate(service_count=Count("services", distinct=True)).order_by(
        "region__order", "order", "name"
    )


def organisation_get(*, user: Any, slug: str, action: Action = Action.VIEW) -> Organisation:
    from interventures.apps.accounts.permissions import access

    return access(
        user,
        Organisation.objects.select_related("region").prefetch_related(
            "nuts_regions",
            Prefetch("services", queryset=Service.objects.select_related("instrument", "call")),
            Prefetch("ties_out", queryset=Tie.objects.select_related("target__region")),
            Prefetch("ties_in", queryset=Tie.objects.select_related("source__region")),
        ),
        action=action,
        slug=slug,
    )


def service_list(
    *,
    user: Any,
    region: Region | None = None,
    organisation: Organisation | None = None,
    service_type: str = "",
    cost: str = "",
) -> QuerySet[Service]:
    """Services `user` may see (the public: those of published entries), filtered."""
    qs = visible(user, Service.objects.all()).select_related("organisation__region", "instrument", "call")
    if region is not None:
        qs = qs.filter(organisation__region=region)
    if organisation is not None:
        qs = qs.filter(organisation=organisation)
    if service_type:
        qs = qs.filter(service_type=service_type)
    if cost:
        qs = qs.filter(cost=cost)
    return qs.order_by("organisation__region__order", "organisation__name", "service_type", "name", "pk")


def tie_list(
    *,
    user: Any,
    region: Region | None = None,
    organisation: Organisation | None = None,
    kind: str = "",
    cross_border: bool | None = None,
) -> QuerySet[Tie]:
    """Ties whose two ends `user` may see, filtered (region: either end in it)."""
    seen = visible(user, Organisation.objects.all()).values("pk")
    qs = Tie.objects.filter(source__in=seen, target__in=seen).select_related("source", "target")
    if region is not None:
        qs = qs.filter(Q(source__region=region) | Q(target__region=region))
    if organisation is not None:
        qs = qs.filter(Q(source=organisation) | Q(target=organisation))
    if kind:
        qs = qs.filter(kind=kind)
    if cross_border is not None:
        qs = qs.filter(cross_border=cross_border)
    return qs.order_by("source__name", "kind", "target__name", "pk")


def comment_list(*, user: Any, organisation: Organisation) -> QuerySet[Comment]:
    return visible(user, Comment.objects.filter(organisation=organisation)).select_related("author")


def may(user: Any, action: Action, obj: Any) -> bool:
    return can(user, action, obj)


def region_organisations(*, user: Any, region: Region) -> list[Organisation]:
    return list(visible(user, Organisation.objects.filter(region=region)).order_by("order", "name"))


def region_services(*, user: Any, region: Region) -> list[Service]:
    return list(
        visible(user, Service.objects.filter(organisation__region=region)).select_related(
            "organisation", "instrument", "call"
        )
    )


def region_ties(*, user: Any, region: Region) -> list[Tie]:
    """Ties of the region's organisations that `user` may see (both ends visible)."""
    seen = set(visible(user, Organisation.objects.all()).values_list("pk", flat=True))
    ties = Tie.objects.filter(Q(source__region=region) | Q(target__region=region)).select_related(
        "source__region", "target__region"
    )
    return [t for t in ties if t.source_id in seen and t.target_id in seen]


@dataclass(frozen=True)
class DirectoryEntries:
    organisations: list[Organisation]
    services: list[Service]
    ties: list[Tie]
    drafts: bool  # True: the region's unpublished entries are included


def directory_entries(*, user: Any, region: Region) -> DirectoryEntries:
    """What `user` may export of `region`'s directory: every entry for those who edit it (the
    region's partner, the coordinator, administrators, the command line), the published entries for
    everyone else. Ties are the region's (their source is in it) whose target is exported too or,
    in another region, visible to `user` (published, for the public)."""
    from interventures.apps.accounts.permissions import Operator, can_edit_directory

    drafts = isinstance(user, Operator) or can_edit_directory(user, region.pk)
    orgs_qs = Organisation.objects.filter(region=region)
    if not drafts:
        orgs_qs = orgs_qs.filter(published=True)
    orgs = list(orgs_qs.prefetch_related("nuts_regions").order_by("order", "name", "slug"))
    ids = {o.pk for o in orgs}
    services = list(
        Service.objects.filter(organisation__in=ids)
        .select_related("organisation", "instrument", "call__instrument")
        .order_by("organisation__order", "organisation__name", "service_type", "name", "pk")
    )
    others = Organisation.objects.exclude(region=region)
    if isinstance(user, Operator):
        seen = set(others.values_list("pk", flat=True))
    else:
        others = visible(user, others) if drafts else others.filter(published=True)
        seen = set(others.values_list("pk", flat=True))
    ties = [
        t
        for t in Tie.objects.filter(source__in=ids)
        .select_related("source", "target")
        .order_by("source__name", "kind", "target__name", "pk")
        if t.target_id in ids or t.target_id in seen
    ]
    return DirectoryEntries(orgs, services, ties, drafts)


@dataclass(frozen=True)
class Ecosystem:
    region: Region
    organisations: list[Organisation]
    services: list[Service]
    ties: list[Tie]
    network: ecosystem.NetworkMeasures
    cells: tuple[ecosystem.CoverageCell, ...]
    gaps: tuple[ecosystem.Gap, ...]
    findings: tuple[ecosystem.Finding, ...]
    need: Need
    min_cell: int
    language_source: str = "rule"  # "survey": the survey's reported languages; "rule": official + tests
    languages: tuple[tuple[str, ecosystem.LanguageShare], ...] = ()  # survey: share working in each
    unserved: ecosystem.LanguageShare | None = None  # survey: share working in no offered language


def region_ecosystem(*, user: Any, region: Region) -> Ecosystem:
    """Everything the analysis pages, section 7 and the export show for one region."""
    model = capacity.load_model()
    orgs = region_organisations(user=user, region=region)
    services = region_services(user=user, region=region)
    ties = region_ties(user=user, region=region)
    # Organisations of other regions a tie reaches are nodes of the network too.
    nodes = {o.slug: o for o in orgs}
    for t in ties:
        nodes.setdefault(t.source.slug, t.source)
        nodes.setdefault(t.target.slug, t.target)
    network = ecosystem.measure(
        list(nodes),
        [ecosystem.Edge(t.source.slug, t.target.slug, t.kind, t.strength, t.cross_border) for t in ties],
    )
    need = need_for(region)
    cells = ecosystem.coverage(
        [d.id for d in model.dimensions],
        [s.id for s in model.stages],
        [ecosystem.ServiceSpan(tuple(s.dimensions or ()), tuple(s.stages or ())) for s in services],
        need.cells,
        min_cell=min_cell(),
        survey=need.weighted,
    )
    gaps = ecosystem.rank_gaps(cells)
    weak = dict(
        PolicyInstrument.objects.filter(region=region)
        .annotate(n=Count("weaknesses"))
        .values_list("slug", "n")
    )
    calls = {s.call.instrument_id for s in services if s.call is not None}
    by_pk = dict(PolicyInstrument.objects.filter(pk__in=calls).values_list("pk", "slug"))
    crossing = {t.source.slug for t in ties if t.cross_border} | {
        t.target.slug for t in ties if t.cross_border
    }
    findings = ecosystem.find_improvements(
        scope=region.code,
        gaps=gaps,
        services=[
            ecosystem.ServiceFacts(
                id=str(s.pk),
                organisation=s.organisation.slug,
                languages=tuple(s.languages or ()),
                needs_cross_border=s.needs_cross_border,
                instrument=(
                    s.instrument.slug if s.instrument else by_pk.get(s.call.instrument_id) if s.call else None
                ),
            )
            for s in services
        ],
        sme_languages=set(region.languages or []) | set(need.languages),
        cross_border_organisations=crossing,
        instrument_weaknesses=weak,
        survey_languages=need.survey_languages,
        min_cell=min_cell(),
    )
    source = ecosystem.language_source(need.survey_languages)
    reported: tuple[tuple[str, ecosystem.LanguageShare], ...] = ()
    unserved = None
    if source == "survey" and need.survey_languages is not None:
        said = need.survey_languages
        reported = tuple((lang, said.working_in(lang, min_cell=min_cell())) for lang in said.reported())
        offered = {lang for s in services for lang in s.languages or ()}
        unserved = said.none_of(offered, min_cell=min_cell()) if offered else None
    return Ecosystem(
        region=region,
        organisations=orgs,
        services=services,
        ties=ties,
        network=network,
        cells=cells,
        gaps=gaps,
        findings=findings,
        need=need,
        min_cell=min_cell(),
        language_source=source,
        languages=reported,
        unserved=unserved,
    )


def improvement_list(*, user: Any, region: Region) -> QuerySet[Improvement]:
    return visible(user, Improvement.objects.filter(region=region))


def services_for_gaps(
    *, region: Region, dimensions: list[str], stage: str | None = None, language: str | None = None
) -> list[Service]:
    """Published services of `region` that build any of `dimensions` (for the SME's development
    plan): those building more of them first, then those serving `stage`, then those offered in
    `language`."""
    rows = list(
        Service.objects.filter(organisation__region=region, organisation__published=True).select_related(
            "organisation"
        )
    )
    wanted = set(dimensions)
    lang = (language or "").split("-")[0]
    chosen = [s for s in rows if set(s.dimensions or ()) & wanted]
    chosen.sort(
        key=lambda s: (
            -len(set(s.dimensions or ()) & wanted),
            stage not in (s.stages or ()),
            bool(lang) and lang not in (s.languages or ()),
            s.organisation.name,
            s.name,
        )
    )
    return chosen


def services_for_partner_search(
    *, region: Region, dimensions: list[str], stage: str | None = None, language: str | None = None
) -> list[Service]:
    """Published services of `region` for an SME that has found a partner across the border: partner
    search and B2B matchmaking first, then services that work with an organisation across the
    border, then those that build any of `dimensions` (its gaps); within each, those serving `stage`
    and those offered in `language` first."""
    rows = list(
        Service.objects.filter(organisation__region=region, organisation__published=True).select_related(
            "organisation"
        )
    )
    wanted = set(dimensions)
    lang = (language or "").split("-")[0]

    def kind(s: Service) -> int:
        if s.service_type == ServiceType.MATCHMAKING:
            return 0
        if s.needs_cross_border:
            return 1
        return 2 if set(s.dimensions or ()) & wanted else 3

    chosen = [s for s in rows if kind(s) < 3]
    chosen.sort(
        key=lambda s: (
            kind(s),
            -len(set(s.dimensions or ()) & wanted),
            bool(stage) and stage not in (s.stages or ()),
            bool(lang) and lang not in (s.languages or ()),
            s.organisation.name,
            s.name,
        )
    )
    return chosen
