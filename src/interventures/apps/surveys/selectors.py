"""Reads for the surveys domain, scoped by the permissions module."""

from __future__ import annotations

from typing import Any

from django.db.models import Count, Q, QuerySet

from interventures.apps.accounts.permissions import Action, access, can_export_region, visible

from .models import Campaign, ImportJob, PopulationCount, Questionnaire, Response, ResponseStatus


def campaign_list(*, user: Any) -> QuerySet[Campaign]:
    return (
        visible(user, Campaign.objects.all())
        .select_related("region", "version__questionnaire")
        .annotate(n_submitted=Count("responses", filter=Q(responses__status=ResponseStatus.SUBMITTED)))
        .order_by("region__code", "name")
    )


def campaign_get(*, user: Any, pk: int, action: Action = Action.VIEW) -> Campaign:
    return access(
        user, Campaign.objects.select_related("region", "version__questionnaire"), pk=pk, action=action
    )


def campaign_get_public(*, slug: str) -> Campaign | None:
    """A campaign by its public link (respondents need no account)."""
    return Campaign.objects.select_related("version", "region").filter(slug=slug).first()


def campaign_microdata_allowed(*, user: Any, campaign: Campaign) -> bool:
    return can_export_region(user, campaign.region_id)


def campaign_counts(*, campaign: Campaign) -> dict[str, int]:
    rows = Response.objects.filter(campaign=campaign).values("status").annotate(n=Count("pk"))
    counts = {r["status"]: r["n"] for r in rows}
    return {
        "submitted": counts.get(ResponseStatus.SUBMITTED, 0),
        "draft": counts.get(ResponseStatus.DRAFT, 0),
    }


def questionnaire_list(*, user: Any) -> QuerySet[Questionnaire]:
    return visible(user, Questionnaire.objects.all()).select_related("region")


def questionnaire_get(*, user: Any, pk: int) -> Questionnaire:
    return access(user, Questionnaire.objects.all(), pk=pk)


def response_list(*, user: Any, campaign: Campaign) -> QuerySet[Response]:
    """Microdata: only for those who may export the campaign's region."""
    return visible(user, Response.objects.filter(campaign=campaign), Action.EXPORT)


def import_job_get(*, user: Any, pk: int) -> ImportJob:
    return access(user, ImportJob.objects.select_related("campaign__version"), pk=pk, action=Action.EXPORT)


def import_job_list(*, user: Any, campaign: Campaign) -> QuerySet[ImportJob]:
    return visible(user, ImportJob.objects.filter(campaign=campaign), Action.EXPORT)


def population_list(*, user: Any, region_id: int | None = None) -> QuerySet[PopulationCount]:
    qs = visible(user, PopulationCount.objects.select_related("region"))
    return qs.filter(region_id=region_id) if region_id else qs
