"""The administrator's view of the Action Plans across regions (partners, stakeholders and the
coordinator work through the pages, whose services check who may do what). Versions, citations'
states and evidence files are records: shown, not edited here."""

from __future__ import annotations

from django.contrib import admin
from django.http import HttpRequest

from .models import (
    Action,
    ActionPlan,
    Comment,
    Evidence,
    ImprovementFile,
    Indicator,
    MonitoringEntry,
    MonitoringFile,
    PlanVersion,
    PolicyImprovement,
)


class ActionInline(admin.TabularInline):
    model = Action
    fields = ("order", "title", "timeframe", "costs")
    extra = 0
    show_change_link = True


@admin.register(ActionPlan)
class ActionPlanAdmin(admin.ModelAdmin):
    list_display = ("region", "instrument", "status", "status_at", "is_demo", "updated_at")
    list_filter = ("status", "region", "is_demo")
    readonly_fields = ("public", "status", "status_by", "status_at")
    filter_horizontal = ("other_organisations",)
    inlines = [ActionInline]


class IndicatorInline(admin.TabularInline):
    model = Indicator
    extra = 0


class EvidenceInline(admin.TabularInline):
    model = Evidence
    fields = ("kind", "target_key", "note", "cited_version", "cited_value", "cited_by", "cited_at")
    readonly_fields = ("cited_version", "cited_value", "cited_by", "cited_at")
    extra = 0


@admin.register(Action)
class ActionAdmin(admin.ModelAdmin):
    list_display = ("title", "plan", "order", "timeframe", "costs")
    list_filter = ("plan__region",)
    search_fields = ("title",)
    filter_horizontal = ("players",)
    inlines = [IndicatorInline, EvidenceInline]


@admin.register(Comment)
class CommentAdmin(admin.ModelAdmin):
    """The review's record: read, corrected or deleted here, written only on the plan's pages."""

    list_display = ("plan", "section", "author", "created_at")
    list_filter = ("plan__region",)
    search_fields = ("text",)
    readonly_fields = ("plan", "section", "author", "created_at")

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False


@admin.register(PlanVersion)
class PlanVersionAdmin(admin.ModelAdmin):
    list_display = ("plan", "number", "what", "author", "created_at")
    list_filter = ("plan__region",)
    readonly_fields = ("plan", "number", "document", "what", "author", "created_at")

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False


@admin.register(MonitoringFile)
class MonitoringFileAdmin(admin.ModelAdmin):
    """Files arrive only through the monitoring page (its checks of size and kind)."""

    list_display = ("name", "entry", "content_type", "size", "uploaded_at")
    fields = ("entry", "name", "content_type", "size", "uploaded_by", "uploaded_at")
    readonly_fields = fields

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False


@admin.register(ImprovementFile)
class ImprovementFileAdmin(admin.ModelAdmin):
    """Files arrive only through the plan's improvements (their checks of size and kind)."""

    list_display = ("name", "improvement", "content_type", "size", "uploaded_at")
    list_filter = ("improvement__plan__region",)
    fields = ("improvement", "name", "content_type", "size", "uploaded_by", "uploaded_at")
    readonly_fields = fields

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False


@admin.register(MonitoringEntry)
class MonitoringEntryAdmin(admin.ModelAdmin):
    list_display = ("action", "date", "status", "is_demo")
    list_filter = ("status", "action__plan__region")


@admin.register(PolicyImprovement)
class PolicyImprovementAdmin(admin.ModelAdmin):
    list_display = ("plan", "kind", "date", "funds_influenced", "is_demo")
    list_filter = ("kind", "plan__region")
