"""Reads for the surveys domain, scoped by the permissions module."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from typing import Any

from django.db.models import (
    Case,
    Count,
    Exists,
    IntegerField,
    OuterRef,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Coalesce

from interventures.apps.accounts.permissions import Action, access, can, can_export_region, visible
from interventures.apps.common.models import SizeClass

from .models import (
    Campaign,
    ImportJob,
    Invitation,
    PopulationCount,
    Questionnaire,
    RejectedRow,
    Response,
    ResponseSource,
    ResponseStatus,
)


def campaign_list(*, user: Any) -> QuerySet[Campaign]:
    """The campaigns the user sees, with their submitted responses counted by a subquery (a join and
    GROUP BY over every response would carry the campaigns' columns through the grouping)."""
    submitted = (
        Response.objects.filter(campaign=OuterRef("pk"), status=ResponseStatus.SUBMITTED)
        .order_by()
        .values("campaign")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return (
        visible(user, Campaign.objects.all())
        .select_related("region", "version__questionnaire")
        .defer("version__form_json")  # the whole form: not needed to list campaigns
        .annotate(n_submitted=Coalesce(Subquery(submitted), 0))
        .order_by("region__code", "name")
    )


def campaign_get(*, user: Any, pk: int, action: Action = Action.VIEW) -> Campaign:
    return access(
        user, Campaign.objects.select_related("region", "version__questionnaire"), pk=pk, action=action
    )


def campaign_get_public(*, slug: str) -> Campaign | None:
    """A campaign by its public link (respondents need no account)."""
    return Campaign.objects.select_related("version", "region").filter(slug=slug).first()


def response_for_respondent(*, campaign: Campaign, key: str) -> Response | None:
    """The response a respondent reaches with its random resume key (None: no such response). On a
    campaign that is not public only an invitation's response is reachable: its resume key is handed
    out by the invitation link alone."""
    if not key:
        return None
    responses = Response.objects.filter(campaign=campaign, resume_key=key)
    if not campaign.public:
        responses = responses.filter(invitation__isnull=False)
    return responses.first()


def campaign_by_pk(*, pk: int) -> Campaign | None:
    """A campaign with its questionnaire version, for the command line (which acts as the platform's
    operator, so nothing is scoped to a user)."""
    return Campaign.objects.select_related("version").filter(pk=pk).first()


def invitation_by_token(*, token: str) -> Invitation | None:
    """The invitation a personal link carries, with its campaign and questionnaire version."""
    return Invitation.objects.select_related("campaign__version").filter(token=token).first()


def invitations_recent(*, campaign: Campaign, limit: int = 50) -> list[Invitation]:
    """The campaign's latest personal links, each marked `answered` when a response was started."""
    return list(
        Invitation.objects.filter(campaign=campaign)
        .annotate(answered=Exists(Response.objects.filter(invitation=OuterRef("pk"))))
        .order_by("-pk")[:limit]
    )


def campaign_microdata_allowed(*, user: Any, campaign: Campaign) -> bool:
    return can_export_region(user, campaign.region_id)


def campaign_counts(*, campaign: Campaign) -> dict[str, int]:
    rows = Response.objects.filter(campaign=campaign).values("status").annotate(n=Count("pk"))
    counts = {r["status"]: r["n"] for r in rows}
    return {
        "submitted": counts.get(ResponseStatus.SUBMITTED, 0),
        "draft": counts.get(ResponseStatus.DRAFT, 0),
    }


def campaign_source_counts(*, campaign: Campaign) -> list[tuple[str, int]]:
    """Submitted responses by where they came from (web form, import, the API, demo), as
    (label, count) in ResponseSource's order, the sources with none left out."""
    rows = (
        Response.objects.filter(campaign=campaign, status=ResponseStatus.SUBMITTED)
        .values("source")
        .annotate(n=Count("pk"))
    )
    counts = {r["source"]: r["n"] for r in rows}
    return [(str(s.label), counts[s.value]) for s in ResponseSource if counts.get(s.value)]


def questionnaire_list(*, user: Any) -> QuerySet[Questionnaire]:
    return visible(user, Questionnaire.objects.all()).select_related("region")


def questionnaire_get(*, user: Any, pk: int) -> Questionnaire:
    return access(user, Questionnaire.objects.all(), pk=pk)


def response_list(*, user: Any, campaign: Campaign) -> QuerySet[Response]:
    """Microdata: only for those who may export the campaign's region."""
    return visible(user, Response.objects.filter(campaign=campaign), Action.EXPORT)


def import_job_get(*, user: Any, pk: int) -> ImportJob:
    return access(user, ImportJob.objects.select_related("campaign__version"), pk=pk, action=Action.EXPORT)


@dataclass(frozen=True)
class MappingRow:
    """One column of an uploaded file in the mapping step: a few of its values, the question it was
    matched to automatically ("" when none) and the one chosen now."""

    column: str
    samples: tuple[str, ...] | None  # None: uploaded before samples were kept
    automatic: str
    chosen: str


def import_mapping_rows(*, job: ImportJob) -> list[MappingRow]:
    """The columns of an uploaded file in the file's order, for the mapping step."""
    from interventures.core.survey.tabular import Format, auto_mapping

    columns = [c for c in job.options.get("columns", []) if c in job.mapping]
    columns += [c for c in job.mapping if c not in columns]
    automatic = auto_mapping(job.campaign.version.form, columns, Format(job.format), keep_unknown=True)
    samples = job.options.get("samples")
    return [
        MappingRow(
            column=c,
            samples=tuple(samples.get(c, ())) if isinstance(samples, dict) else None,
            automatic=automatic.get(c, ""),
            chosen=job.mapping.get(c, ""),
        )
        for c in columns
    ]


def import_rejected_rows(*, job: ImportJob, limit: int) -> list[RejectedRow]:
    """The first `limit` rows an import rejected, with their reasons."""
    return list(RejectedRow.objects.filter(job=job).order_by("row_number")[:limit])


def import_job_list(*, user: Any, campaign: Campaign) -> QuerySet[ImportJob]:
    return visible(user, ImportJob.objects.filter(campaign=campaign), Action.EXPORT)


def population_list(*, user: Any, region_id: int | None = None) -> QuerySet[PopulationCount]:
    """Ordered by region, NUTS code, size class from micro to large (not alphabetically), NACE."""
    size_rank = Case(
        *(When(size_class=value, then=Value(rank)) for rank, value in enumerate(SizeClass.values)),
        default=Value(len(SizeClass.values)),
        output_field=IntegerField(),
    )
    qs = visible(user, PopulationCount.objects.select_related("region")).order_by(
        "region", "nuts", size_rank, "nace_section", "-year"
    )
    return qs.filter(region_id=region_id) if region_id else qs


def questionnaire_by_pk(*, pk: int) -> Questionnaire | None:
    """A questionnaire for the command line (the platform's operator: nothing is scoped to a user)."""
    return Questionnaire.objects.filter(pk=pk).first()


def questionnaire_get_for_edit(*, user: Any, pk: int) -> Questionnaire:
    """404 when the user may not see it, 403 when they may see but not edit it (a partner and the
    partnership-wide standard questionnaire: they copy it instead)."""
    return access(user, Questionnaire.objects.select_related("region"), pk=pk, action=Action.EDIT)


def questionnaire_may_edit(*, user: Any, questionnaire: Questionnaire) -> bool:
    return can(user, Action.EDIT, questionnaire)


def questionnaire_campaigns(*, version: Any) -> QuerySet[Campaign]:
    """The campaigns fielding a version (their responses refer to it, so it is frozen)."""
    return Campaign.objects.filter(version=version).select_related("region").order_by("name")


def region_choices() -> list[tuple[str, str]]:
    from interventures.apps.common.models import Region

    return [(str(r.pk), r.label) for r in Region.objects.order_by("code")]


def copy_languages(*, region_id: int | None, available: list[str]) -> list[str]:
    """The languages a copy starts with: for a region's partner, the region's own languages and
    English (as the source has them); for the coordinator, or a region that lists no languages,
    all the source's."""
    from interventures.apps.common.models import Region

    region = Region.objects.filter(pk=region_id).first() if region_id else None
    wanted = {*region.languages, "en"} if region is not None and region.languages else set(available)
    chosen = [code for code in available if code in wanted]
    return chosen or list(available)


def nuts3_codes() -> frozenset[str]:
    """Every NUTS 3 code of the classifications app (any NUTS version); empty when not loaded."""
    from interventures.apps.classifications.models import NutsRegion

    return frozenset(NutsRegion.objects.filter(level=3).values_list("code", flat=True))


def region_nuts3_options(*, region: Any, language: str) -> list[dict[str, Any]]:
    """The NUTS 3 regions of a campaign's region (current NUTS version, else the latest the region
    lists), grouped by country: [{"country", "country_name", "options": [{"code", "name"}]}], the
    countries and the regions within each in alphabetical order of their names. Country names are in
    `language`; NUTS names are Eurostat's official ones (in the region's own language). Empty when
    the region lists no NUTS codes or the classification is not loaded."""
    from interventures.apps.classifications.selectors import NUTS_CURRENT, nuts3_within
    from interventures.reference.countries import country_name

    by_version = (region.nuts or {}) if region is not None else {}
    if not by_version:
        return []
    version = str(NUTS_CURRENT) if str(NUTS_CURRENT) in by_version else max(by_version, key=int)
    groups: dict[str, list[dict[str, str]]] = {}
    for nuts in nuts3_within(by_version[version], version=int(version)):
        groups.setdefault(nuts.country, []).append({"code": nuts.code, "name": nuts.name})
    out: list[dict[str, Any]] = [
        {
            "country": code,
            "country_name": country_name(code, language, default=code),
            "options": sorted(options, key=lambda o: _alphabetical(o["name"])),
        }
        for code, options in groups.items()
    ]
    return sorted(out, key=lambda g: _alphabetical(g["country_name"]))


def _alphabetical(text: str) -> str:
    """A sort key that files Ávila with A and Šiaulių with S (accents aside, case aside)."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).casefold()


def recent_imports(*, user: Any, limit: int = 10) -> list[ImportJob]:
    """The latest imports into the campaigns this user may import into (its start page)."""
    return list(
        visible(user, ImportJob.objects.all(), Action.EXPORT)
        .select_related("campaign__region")
        .order_by("-created_at")[:limit]
    )


def response_file_list(*, campaign: Campaign) -> list[Any]:
    """The files of the campaign's submitted responses, newest first (bounded: a page lists 500)."""
    from .models import ResponseFile

    return list(
        ResponseFile.objects.filter(response__campaign=campaign, response__status=ResponseStatus.SUBMITTED)
        .select_related("response")
        .order_by("-uploaded_at", "-pk")[:500]
    )


def response_file_get(*, campaign: Campaign, token: str) -> Any:
    """A file of one of the campaign's submitted responses, by its random token; None otherwise."""
    from .models import ResponseFile

    return (
        ResponseFile.objects.filter(
            response__campaign=campaign, response__status=ResponseStatus.SUBMITTED, token=token
        )
        .select_related("response")
        .first()
    )
