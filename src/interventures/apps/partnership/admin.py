"""Admin for the partnership's reference data. The files in reference/data stay the source of truth:
`interventures reference load` overwrites edits to loaded rows with the file contents."""

from __future__ import annotations

from django.contrib import admin

from interventures.apps.common.models import Region

from .models import (
    Activity,
    Call,
    DataInconsistency,
    ExpectedResult,
    FigureComparison,
    Objective,
    Organisation,
    PolicyInstrument,
    PriorityAxis,
    Project,
    Scheme,
    Weakness,
)


@admin.register(Project)
class ProjectAdmin(admin.ModelAdmin):
    list_display = ["acronym", "programme", "topic", "start_date", "end_date"]


class OrganisationInline(admin.TabularInline):
    model = Organisation
    extra = 0
    fields = ["name", "short_name", "role", "country"]


@admin.register(Region)
class RegionAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "kind", "nuts_level", "order"]
    search_fields = ["code", "name"]
    inlines = [OrganisationInline]


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = ["name", "short_name", "type", "role", "region", "country", "published"]
    list_filter = ["role", "type", "region", "published", "rsg_member"]
    search_fields = ["name", "short_name"]
    list_select_related = ["region"]
    filter_horizontal = ["nuts_regions"]


class AxisInline(admin.TabularInline):
    model = PriorityAxis
    extra = 0
    fields = ["code", "esif_code", "title", "addressed", "budget", "budget_stated", "share", "share_stated"]


class SchemeInline(admin.StackedInline):
    model = Scheme
    extra = 0


class CallInline(admin.StackedInline):
    model = Call
    extra = 0


class InconsistencyInline(admin.StackedInline):
    model = DataInconsistency
    extra = 0


@admin.register(PolicyInstrument)
class PolicyInstrumentAdmin(admin.ModelAdmin):
    list_display = [
        "name",
        "region",
        "cci",
        "fund",
        "total_budget",
        "total_budget_stated",
        "priority_axes_count",
    ]
    list_filter = ["region"]
    search_fields = ["name", "cci"]
    list_select_related = ["region"]
    inlines = [AxisInline, SchemeInline, CallInline, InconsistencyInline]


@admin.register(PriorityAxis)
class PriorityAxisAdmin(admin.ModelAdmin):
    list_display = ["instrument", "code", "title", "addressed", "budget", "share"]
    list_filter = ["addressed", "instrument"]
    list_select_related = ["instrument"]


@admin.register(Objective)
class ObjectiveAdmin(admin.ModelAdmin):
    list_display = ["instrument", "code", "kind", "title", "budget"]
    list_filter = ["kind", "instrument"]
    list_select_related = ["instrument"]


@admin.register(Scheme)
class SchemeAdmin(admin.ModelAdmin):
    list_display = ["name", "instrument", "budget", "lead_beneficiary"]
    list_select_related = ["instrument"]


@admin.register(Call)
class CallAdmin(admin.ModelAdmin):
    list_display = [
        "title",
        "instrument",
        "applications",
        "granted_share",
        "granted_amount",
        "contracts_signed",
    ]
    list_filter = ["instrument"]
    list_select_related = ["instrument"]


@admin.register(ExpectedResult)
class ExpectedResultAdmin(admin.ModelAdmin):
    list_display = ["description", "kind", "instrument", "value", "unit"]
    list_select_related = ["instrument"]


@admin.register(Weakness)
class WeaknessAdmin(admin.ModelAdmin):
    list_display = ["__str__", "kind", "instrument"]
    list_filter = ["kind", "instrument"]
    list_select_related = ["instrument"]


@admin.register(DataInconsistency)
class DataInconsistencyAdmin(admin.ModelAdmin):
    list_display = ["instrument", "subject", "stated", "expected"]
    list_select_related = ["instrument"]


@admin.register(FigureComparison)
class FigureComparisonAdmin(admin.ModelAdmin):
    list_display = [
        "instrument",
        "subject",
        "seed_stated",
        "esif_value",
        "esif_column",
        "esif_version",
        "differs",
    ]
    list_filter = ["differs", "instrument"]
    list_select_related = ["instrument"]


@admin.register(Activity)
class ActivityAdmin(admin.ModelAdmin):
    list_display = ["name", "count", "order"]
