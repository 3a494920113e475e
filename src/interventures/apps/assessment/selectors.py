"""Reads of the preparedness test: fetching by token under the access rules, regional figures, lists."""

from __future__ import annotations

import uuid
from collections import Counter
from dataclasses import dataclass
from typing import Any

from django.db.models import Avg, Count, Max, Q, QuerySet

from interventures.apps.accounts.permissions import Action, access, can, visible
from interventures.apps.classifications.selectors import nace_sections
from interventures.apps.common.disclosure import min_cell
from interventures.apps.common.models import Region
from interventures.apps.partnership.models import Call, PolicyInstrument
from interventures.apps.partnership.selectors import instrument_for_region, partner_region_get
from interventures.core import capacity
from interventures.core.stats import suppress_distribution

from .models import Assessment, DimensionScore, Status


def assessment_for_token(*, user: Any, token: uuid.UUID | str, action: Action = Action.VIEW) -> Assessment:
    """The assessment behind a resume link.

    The token is the key of an anonymous test: whoever holds the link may continue it, as the SME was
    promised when it was shown. Once the test belongs to an account, the token alone no longer opens
    it and the platform's access rules decide (its owner; its region's partner only when shared)."""
    queryset = Assessment.objects.select_related("region", "company")
    anonymous = queryset.filter(token=token, user__isnull=True).first()
    if anonymous is not None:
        return anonymous
    return access(user, queryset, action=action, token=token)


def my_assessments(*, user: Any, session_token: str | None = None) -> list[Assessment]:
    """The tests of a logged-in SME (its own and its company's), or the anonymous visitor's test of
    this browser session, newest first."""
    if getattr(user, "is_authenticated", False):
        profile = getattr(user, "profile", None)
        mine = Q(user_id=user.pk)
        if profile is not None and profile.company_id is not None:
            mine |= Q(company_id=profile.company_id)
        return list(visible(user, Assessment.objects.filter(mine)).order_by("-created_at")[:20])
    if session_token:
        try:
            return list(Assessment.objects.filter(token=uuid.UUID(session_token), user__isnull=True))
        except ValueError:
            return []
    return []


def may_edit(*, user: Any, assessment: Assessment) -> bool:
    """Whether this visitor acts as the SME (answers, shares), as opposed to an adviser reading it."""
    return assessment.user_id is None or can(user, Action.EDIT, assessment)


def answers_of(*, assessment: Assessment) -> dict[str, str]:
    return dict(assessment.answers.values_list("item_id", "value"))


def result_view(*, assessment: Assessment, lang: str) -> capacity.ResultView:
    """A completed assessment's stored result in `lang`, read with the model version that scored it.

    Reads only what completion stored (`result` and `progress`); nothing is scored again. The one
    presenter (`core.capacity.present_result`) behind the result page, its PDF and the API."""
    result = capacity.result_from_dict(assessment.result or {})
    progress = capacity.stage_progress_from_dict(assessment.progress) if assessment.progress else None
    return capacity.present_result(capacity.load_model(result.model_version), result, lang, progress=progress)


@dataclass(frozen=True)
class RegionalAverage:
    n: int  # completed results behind the averages
    by_dimension: dict[str, float | None]  # None where fewer than the minimum cell scored the dimension
    suppressed: bool  # fewer than the minimum cell: nothing may be shown


def dimension_averages(*, queryset: QuerySet[Assessment]) -> RegionalAverage:
    """Averages per dimension over completed results, suppressed below the minimum cell."""
    completed = queryset.filter(status=Status.COMPLETED)
    n = completed.count()
    if n < min_cell():
        return RegionalAverage(n=n, by_dimension={}, suppressed=True)
    rows = (
        DimensionScore.objects.filter(assessment__in=completed.values("pk"), score__isnull=False)
        .values("dimension")
        .annotate(avg=Avg("score"), k=Count("id"))
    )
    by_dimension = {r["dimension"]: (float(r["avg"]) if r["k"] >= min_cell() else None) for r in rows}
    return RegionalAverage(n=n, by_dimension=by_dimension, suppressed=False)


def regional_average(*, assessment: Assessment) -> RegionalAverage | None:
    """The average of the completed results of the same region and model version (None: no region)."""
    if assessment.region_id is None:
        return None
    same = Assessment.objects.filter(region_id=assessment.region_id, model_version=assessment.model_version)
    return dimension_averages(queryset=same)


def shared_results(
    *, user: Any, region_id: int | None, stage: str = "", sector: str = "", size_class: str = ""
) -> QuerySet[Assessment]:
    """Completed results the user may see (a partner: its region's shared ones), filtered."""
    queryset = visible(user, Assessment.objects.filter(status=Status.COMPLETED), Action.VIEW)
    if region_id is not None:
        queryset = queryset.filter(region_id=region_id)
    if stage:
        queryset = queryset.filter(stage=stage)
    if sector:
        queryset = queryset.filter(sector=sector)
    if size_class:
        queryset = queryset.filter(size_class=size_class)
    return queryset.select_related("region").order_by("-completed_at", "-pk")


def stage_distribution(*, queryset: QuerySet[Assessment]) -> tuple[int, dict[str, int | None] | None]:
    """(n, count per stage id of the current model), None when n is below the minimum cell.

    The distribution is shown with its total n, so it is a set of proportions: a stage's count is
    shown only when it and the rest of n are both at least the minimum cell (a stage with none is a
    count below it too), and the smallest other counts are hidden as long as the hidden ones could
    be worked out from n (core.stats.suppress_distribution). Hidden counts are None."""
    counts = Counter(
        dict(queryset.order_by().values_list("stage").annotate(k=Count("id")).values_list("stage", "k"))
    )
    n = sum(counts.values())
    if n < min_cell():
        return n, None
    every_stage = {stage.id: 0 for stage in capacity.load_model().stages} | dict(counts)
    return n, suppress_distribution(every_stage, min_cell())


def partnership_region(*, code: str) -> Region | None:
    """One of the partnership's regions by its code (None for any other code)."""
    return partner_region_get(code=code)


def region_choices() -> list[Region]:
    """The partnership's regions an SME picks from (other EU border regions go by NUTS 3 code)."""
    return list(Region.objects.filter(partner=True))  # names only: none of region_list()'s prefetches


def start_initial(*, user: Any) -> dict[str, str]:
    """What the start form can take from a logged-in SME's company: its region (one of the five, or
    another border region by country and NUTS 3 code), and the size class and sector the company gave
    in its latest test. Empty for anyone else."""
    profile = getattr(user, "profile", None) if getattr(user, "is_authenticated", False) else None
    company = getattr(profile, "company", None)
    if company is None:
        return {}
    initial: dict[str, str] = {}
    if company.region is not None and company.region.partner:
        initial["region"] = company.region.code
    elif company.nuts3:
        initial.update(region="other", country=company.country or company.nuts3[:2], nuts3=company.nuts3)
    if company.nuts3:
        initial.setdefault("nuts3", company.nuts3)
    latest = (
        visible(user, Assessment.objects.filter(company_id=company.pk))
        .order_by("-created_at")
        .values("size_class", "sector")
        .first()
    )
    if latest:
        initial.update({k: str(v) for k, v in latest.items() if v})
    return initial


def sector_choices(lang: str) -> list[tuple[str, str]]:
    """NACE Rev. 2 sections (letter, title in `lang`)."""
    return [(s["code"], s["title"]) for s in nace_sections(lang)]


def support_for(*, assessment: Assessment) -> tuple[PolicyInstrument | None, list[Call]]:
    """The region's policy instrument and its calls, for the development plan (none outside the five)."""
    if assessment.region is None:
        return None, []
    instrument = instrument_for_region(assessment.region)
    if instrument is None:
        return None, []
    return instrument, list(instrument.calls.all())


def services_for(*, assessment: Assessment, gaps: list[str], limit: int = 6) -> list[Any]:
    """The published services of the SME's region (the key players directory) that build its
    largest gaps: those for its stage and in its language first."""
    from interventures.apps.keyplayers.selectors import services_for_gaps

    if assessment.region is None or not gaps:
        return []
    found = services_for_gaps(
        region=assessment.region,
        dimensions=gaps,
        stage=assessment.stage or None,
        language=assessment.language,
    )
    return found[:limit]


def region_need_state(region: Region) -> str:
    """What region_need() counts, in short: the completed tests, how many and the latest."""
    found = Assessment.objects.filter(region=region, status=Status.COMPLETED).aggregate(
        n=Count("pk"), latest=Max("completed_at")
    )
    return f"{found['n']}@{found['latest'].isoformat() if found['latest'] else ''}"


def region_need(region: Region) -> Any:
    """The need of `region`'s SMEs for the key players directory: for each stage, the completed
    tests at that stage, and for each dimension those whose result names it among the gaps; plus the
    languages the tests were taken in. Counts only (the directory withholds cells below the minimum)."""
    from interventures.apps.keyplayers.needs import Need
    from interventures.core.ecosystem import NeedCell

    rows = Assessment.objects.filter(region=region, status=Status.COMPLETED).values_list(
        "stage", "result", "language"
    )
    at_stage: Counter[str] = Counter()
    with_gap: Counter[tuple[str, str]] = Counter()
    languages: set[str] = set()
    for stage, result, language in rows:
        if not stage:
            continue
        at_stage[stage] += 1
        languages.add(str(language).split("-")[0])
        for gap in (result or {}).get("gaps") or ():
            with_gap[str(gap.get("dimension")), stage] += 1
    dims = [d.id for d in capacity.load_model().dimensions]
    cells = {(d, s): NeedCell(n, with_gap[d, s]) for s, n in at_stage.items() for d in dims}
    return Need(cells=cells, languages=frozenset(languages), source="assessment")
