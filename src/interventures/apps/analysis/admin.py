"""Admin for the analysis domain: runs (read-mostly) with their figures, and the SWOT reports."""

from django.contrib import admin

from .models import AnalysisRun, Figure, SituationReport


@admin.register(AnalysisRun)
class AnalysisRunAdmin(admin.ModelAdmin):
    list_display = ("pk", "region", "status", "progress", "started_at", "finished_at", "is_demo")
    list_filter = ("status", "region", "is_demo")
    readonly_fields = ("diagnostics", "error", "started_at", "finished_at", "progress", "stage")


@admin.register(Figure)
class FigureAdmin(admin.ModelAdmin):
    list_display = ("identifier", "kind", "estimate", "ci_low", "ci_high", "n", "suppressed")
    list_filter = ("kind", "section", "suppressed")
    search_fields = ("identifier",)
    list_select_related = ("run",)


@admin.register(SituationReport)
class SituationReportAdmin(admin.ModelAdmin):
    list_display = ("region", "published", "is_demo", "updated_at")
    list_filter = ("published", "is_demo")
