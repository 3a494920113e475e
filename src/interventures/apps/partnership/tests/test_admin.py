from __future__ import annotations

import pytest
from django.contrib import admin
from django.urls import reverse

pytestmark = pytest.mark.django_db

APPS = {"common", "partnership", "classifications"}
MODELS = [m for m in admin.site._registry if m._meta.app_label in APPS]


def test_every_reference_model_is_in_the_admin():
    names = {m.__name__ for m in MODELS}
    assert names >= {
        "Project",
        "Region",
        "Organisation",
        "PolicyInstrument",
        "PriorityAxis",
        "Objective",
        "Scheme",
        "Call",
        "ExpectedResult",
        "Weakness",
        "DataInconsistency",
        "FigureComparison",
        "Activity",
        "NutsRegion",
        "NaceActivity",
        "EsifProgramme",
        "EsifPlannedAmount",
    }


def test_admin_changelist_and_change_page_render_for_every_model(client, admin_user, reference_data):
    from interventures.apps.classifications.services import nace_load

    nace_load()
    client.force_login(admin_user)
    for model in MODELS:
        meta = model._meta
        response = client.get(reverse(f"admin:{meta.app_label}_{meta.model_name}_changelist"))
        assert response.status_code == 200, model.__name__
        obj = model.objects.order_by("pk").first()
        assert obj is not None, model.__name__
        response = client.get(reverse(f"admin:{meta.app_label}_{meta.model_name}_change", args=[obj.pk]))
        assert response.status_code == 200, model.__name__
