"""Survey fixtures: a questionnaire built from the core's small test form, and campaigns on it."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from interventures.core.survey.tests.forms import small_form


@pytest.fixture
def questionnaire(db: Any) -> Any:
    from interventures.apps.surveys.services import questionnaire_create

    return questionnaire_create(name="Small", form=small_form(), published=True)


@pytest.fixture
def make_campaign(db: Any, make_region: Callable[..., Any], questionnaire: Any) -> Callable[..., Any]:
    from interventures.apps.surveys.services import campaign_create

    def make(region: Any = None, **kw: Any) -> Any:
        region = region or make_region()
        return campaign_create(
            region_id=region.pk, name=kw.pop("name", "Survey"), version=questionnaire.current, **kw
        )

    return make


@pytest.fixture
def campaign(make_campaign: Callable[..., Any]) -> Any:
    return make_campaign()


VALID = {"employees": "12", "exports": "yes", "where": "hr us", "us_share": "30", "turnover": "1,5"}
