"""The data migration that stores the progress of results completed before it was stored."""

from __future__ import annotations

import importlib
from typing import Any

import pytest
from django.apps import apps

from interventures.apps.assessment.models import Assessment
from interventures.core import capacity

from .conftest import answers_at

pytestmark = pytest.mark.django_db

backfill = importlib.import_module(
    "interventures.apps.assessment.migrations.0002_progress_of_existing_results"
)


def test_existing_results_get_their_progress_scored_once(
    make_result: Any, model: capacity.CapacityModel
) -> None:
    old = make_result("hu-hr", answers=answers_at(model, 1))
    gone = make_result("lombardia", answers=answers_at(model, 2))
    Assessment.objects.update(progress=None)
    # A result of a model version without a data file any more keeps no progress (it shows none).
    Assessment.objects.filter(pk=gone.pk).update(result={**gone.result, "model_version": "0.0-retired"})
    backfill.store_progress(apps, None)
    old.refresh_from_db()
    gone.refresh_from_db()
    assert old.progress == capacity.stage_progress(model, answers_at(model, 1)).to_dict()
    assert gone.progress is None
    backfill.forget_progress(apps, None)
    old.refresh_from_db()
    assert old.progress is None
