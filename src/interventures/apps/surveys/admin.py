"""Admin for the surveys domain. Regional partners are staff too, so every list is scoped by the
permissions module; responses (microdata) are not in the admin at all: they leave only as
pseudonymised exports."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import HttpRequest

from interventures.apps.accounts.permissions import Action, bound_region_id, can, visible

from .models import Campaign, ImportJob, PopulationCount, Questionnaire


class ScopedAdmin(admin.ModelAdmin):
    def get_queryset(self, request: HttpRequest) -> QuerySet[Any]:
        return visible(request.user, super().get_queryset(request))

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return obj is None or can(request.user, Action.EDIT, obj)

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return obj is not None and can(request.user, Action.EDIT, obj)

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> Any:
        # A partner works for one region: what it edits stays in that region.
        fields = list(super().get_readonly_fields(request, obj))
        if obj is not None and bound_region_id(request.user) is not None and hasattr(obj, "region_id"):
            fields.append("region")
        return fields

    def save_model(self, request: HttpRequest, obj: Any, form: Any, change: bool) -> None:
        """The rule holds after the change too: nobody saves an object they could not then edit (a
        partner moving its campaign or population figures into another region)."""
        if not can(request.user, Action.EDIT, obj):
            raise PermissionDenied
        super().save_model(request, obj, form, change)


@admin.register(Questionnaire)
class QuestionnaireAdmin(ScopedAdmin):
    list_display = ["name", "region", "is_standard", "published", "is_demo"]
    list_filter = ["is_standard", "region"]
    readonly_fields = ["copied_from"]


@admin.register(Campaign)
class CampaignAdmin(ScopedAdmin):
    list_display = ["name", "region", "opens_at", "closes_at", "target_n", "is_demo"]
    list_filter = ["region", "is_demo"]
    readonly_fields = ["version", "slug"]


@admin.register(ImportJob)
class ImportJobAdmin(ScopedAdmin):
    list_display = ["original_name", "campaign", "format", "mode", "status", "n_imported", "n_rejected"]
    list_filter = ["status", "format"]
    exclude = ["file", "mapping", "options"]
    readonly_fields = [
        "campaign",
        "original_name",
        "format",
        "mode",
        "status",
        "n_rows",
        "n_imported",
        "n_rejected",
        "message",
        "created_by",
        "finished_at",
    ]

    def get_queryset(self, request: HttpRequest) -> QuerySet[Any]:
        return visible(request.user, admin.ModelAdmin.get_queryset(self, request), Action.EXPORT)


@admin.register(PopulationCount)
class PopulationCountAdmin(ScopedAdmin):
    list_display = ["region", "nuts", "size_class", "nace_section", "count", "source", "year", "is_demo"]
    list_filter = ["region", "size_class", "year"]
