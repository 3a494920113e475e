"""Small synthetic surveys for the analysis tests: a few regions, each with a campaign on the
standard questionnaire, some dozens of responses and population counts."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np
import pytest

SIZES = ("micro", "small", "medium")
SECTORS = ("C", "G", "M")


@pytest.fixture
def standard_version(db: Any) -> Any:
    from interventures.apps.surveys.services import questionnaire_ensure_standard

    return questionnaire_ensure_standard().current


@pytest.fixture
def make_survey(make_region: Callable[..., Any], standard_version: Any) -> Callable[..., Any]:
    """make_survey(code, n=60, seed=1, large=0, answers=None): a region with a campaign of n synthetic
    responses (sizes micro/small/medium, sectors C/G/M), `large` extra respondents in size class
    "large", and population counts for every size × sector cell."""
    from interventures.apps.surveys.demo import PROFILES, synthetic_answers
    from interventures.apps.surveys.models import PopulationCount, Response, ResponseStatus
    from interventures.apps.surveys.services import campaign_create
    from interventures.core.survey import clean_response
    from interventures.core.survey.validate import dump_values

    def make(
        code: str, *, n: int = 60, seed: int = 1, large: int = 0, answers: list[dict[str, Any]] | None = None
    ) -> Any:
        region = make_region(code, f"Region {code}")
        form = standard_version.form
        campaign = campaign_create(
            region_id=region.pk, name=f"Survey {code}", version=standard_version, languages=["en"]
        )
        rng = np.random.default_rng(seed)
        profile = PROFILES.get(code, PROFILES["hu-hr"])
        rows = answers
        if rows is None:
            rows = []
            for i in range(n + large):
                a = synthetic_answers(form, profile, rng)
                a["size_class"] = "large" if i >= n else SIZES[i % 3]
                a["nace_section"] = SECTORS[(i // 3) % 3] if i < n else SECTORS[i % 3]
                a["turnover"] = "10_50m" if a["size_class"] in ("medium", "large") else "lt2m"
                rows.append(a)
        stored = []
        for i, a in enumerate(rows):
            values, errors = clean_response(form, a)
            assert not errors, errors[:3]
            stored.append(
                Response(
                    campaign=campaign,
                    idempotency_key=f"t-{i}",
                    status=ResponseStatus.SUBMITTED,
                    answers=dump_values(form, values),
                )
            )
        Response.objects.bulk_create(stored)
        cells = [(s, t) for s in SIZES for t in SECTORS] + ([("large", t) for t in SECTORS] if large else [])
        PopulationCount.objects.bulk_create(
            [
                PopulationCount(
                    region=region, size_class=s, nace_section=t, count=100 * (1 + i), source="test", year=2021
                )
                for i, (s, t) in enumerate(cells)
            ]
        )
        return region

    return make


@pytest.fixture
def analysed(make_survey: Callable[..., Any]) -> Callable[..., Any]:
    """analysed(code, **survey): a surveyed region with a finished analysis run."""
    from interventures.apps.accounts.permissions import OPERATOR
    from interventures.apps.analysis.services import analysis_run_create, analysis_run_execute

    def make(code: str, **kwargs: Any) -> Any:
        region = make_survey(code, **kwargs)
        run = analysis_run_create(user=OPERATOR, region=region, start=False)
        run = analysis_run_execute(run_id=run.pk)
        assert run.status == "done", run.error
        return region, run

    return make
