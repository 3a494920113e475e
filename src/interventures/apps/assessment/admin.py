"""Admin for the preparedness test: read what was answered and scored; results are not edited here."""

from django.contrib import admin

from .models import Answer, Assessment, DimensionScore


class AnswerInline(admin.TabularInline):
    model = Answer
    extra = 0
    readonly_fields = ["item_id", "value", "answered_at"]
    can_delete = False


class DimensionScoreInline(admin.TabularInline):
    model = DimensionScore
    extra = 0
    readonly_fields = ["dimension", "score"]
    can_delete = False


@admin.register(Assessment)
class AssessmentAdmin(admin.ModelAdmin):
    list_display = [
        "token",
        "region",
        "size_class",
        "sector",
        "status",
        "stage",
        "overall",
        "shared_with_region",
        "is_demo",
        "created_at",
    ]
    list_filter = ["status", "region", "size_class", "shared_with_region", "is_demo"]
    search_fields = ["token", "nuts3", "company__name"]
    readonly_fields = [
        "token",
        "client_key",
        "model_version",
        "result",
        "progress",
        "stage",
        "overall",
        "completed_at",
        "shared_at",
        "unshared_at",
        "created_at",
        "updated_at",
    ]
    raw_id_fields = ["user", "company"]
    inlines = [AnswerInline, DimensionScoreInline]
