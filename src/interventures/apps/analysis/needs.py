"""The survey-weighted need of a region's SMEs for the key players directory (a floor below, which
never imports this app: `AnalysisConfig.ready()` registers `region_survey_need` with
keyplayers.needs). It rests on the region's latest publishable run: the responses that run used,
raked with the same weights (core/situation `SituationAnalysis.rake`), each scored by the
preparedness test's rule, the shares by stage estimated by core/ecosystem/need.py."""

from __future__ import annotations

from typing import Any

from django.core.cache import cache

from interventures.apps.common.disclosure import min_cell
from interventures.apps.common.models import Region
from interventures.apps.keyplayers.needs import Need
from interventures.apps.surveys.models import Response, ResponseStatus
from interventures.core import capacity, ecosystem
from interventures.core.ecosystem.languages import EXPLICIT_QUESTION
from interventures.core.situation import SituationAnalysis, build_columns, spec_from

from .report.context import run_key
from .selectors import run_latest
from .services import _population

CACHE_SECONDS = 3600
CAPACITY_PREFIX = "cap_"


def region_survey_need_state(region: Region) -> str:
    """region_survey_need() reads the region's latest run: its id and when it finished."""
    return run_key(run_latest(region=region))


def region_survey_need(region: Region) -> Need:
    """The weighted shares of `region`'s latest publishable run (none when the region has none)."""
    run = run_latest(region=region)
    if run is None:
        return Need(source="survey")
    key = f"analysis:survey-need-2:{run_key(run)}:{min_cell()}"
    cached: Any = cache.get(key)
    if cached is not None:
        weighted_cached, languages_cached = cached
        return Need(
            source="survey",
            weighted=weighted_cached,
            weighted_from=str(run.pk),
            survey_languages=languages_cached,
        )
    campaigns = list(run.campaigns.select_related("region", "version").order_by("pk"))
    if not campaigns:
        return Need(source="survey")
    model = capacity.load_model()
    spec = spec_from(model, campaigns[0].version.form)
    responses = Response.objects.filter(campaign__in=campaigns, status=ResponseStatus.SUBMITTED)
    if run.finished_at is not None:  # the responses the run saw, not those submitted since
        responses = responses.exclude(submitted_at__gt=run.finished_at)
    rows = list(responses.order_by("pk").values_list("answers", "language"))
    answers = [a for a, _lang in rows]
    if not answers:
        return Need(source="survey")
    columns = build_columns(answers, [region.code] * len(answers), spec)
    try:
        raked = SituationAnalysis(min_cell=min_cell()).rake(columns, _population([region]))
    except ValueError:  # no population figures, or the sample cannot be raked: no weighted need
        return Need(source="survey")
    scored = [
        ecosystem.respondent_need(
            model,
            {
                k.removeprefix(CAPACITY_PREFIX): v
                for k, v in (answers[i] or {}).items()
                if k.startswith(CAPACITY_PREFIX)
            },
        )
        for i in raked.rows.tolist()
    ]
    weighted = ecosystem.weighted_need(
        raked.design, [s for s, _g in scored], [g for _s, g in scored], [d.id for d in model.dimensions]
    )
    languages = ecosystem.SurveyLanguages(
        design=raked.design,
        languages=tuple(
            ecosystem.respondent_languages(
                {
                    k.removeprefix(CAPACITY_PREFIX): v
                    for k, v in (answers[i] or {}).items()
                    if k.startswith(CAPACITY_PREFIX) or k == EXPLICIT_QUESTION
                },
                answered_in=rows[i][1] or "",
                region_languages=list(region.languages or []),
                neighbouring_countries=list(region.neighbouring_countries or []),
            )
            for i in raked.rows.tolist()
        ),
        source=str(run.pk),
    )
    cache.set(key, (weighted, languages), CACHE_SECONDS)
    return Need(source="survey", weighted=weighted, weighted_from=str(run.pk), survey_languages=languages)
