"""Admin for the classifications (read-mostly: the loader keeps them equal to the files)."""

from __future__ import annotations

from django.contrib import admin

from .models import EsifPlannedAmount, EsifProgramme, NaceActivity, NutsRegion


@admin.register(NutsRegion)
class NutsRegionAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "version", "level", "country", "border"]
    list_filter = ["version", "level", "border"]
    search_fields = ["code", "name"]


@admin.register(NaceActivity)
class NaceActivityAdmin(admin.ModelAdmin):
    list_display = ["code", "level", "section", "__str__"]
    list_filter = ["level", "section"]
    search_fields = ["code"]


class PlannedAmountInline(admin.TabularInline):
    model = EsifPlannedAmount
    extra = 0
    fields = [
        "fund",
        "priority",
        "to_code",
        "category_of_region",
        "eu_amount",
        "national_amount",
        "total_amount",
    ]


@admin.register(EsifProgramme)
class EsifProgrammeAdmin(admin.ModelAdmin):
    list_display = ["cci", "title", "member_state", "funds", "version", "strand"]
    list_filter = ["member_state", "funds"]
    search_fields = ["cci", "title"]
    inlines = [PlannedAmountInline]


@admin.register(EsifPlannedAmount)
class EsifPlannedAmountAdmin(admin.ModelAdmin):
    list_display = [
        "programme",
        "fund",
        "priority",
        "to_code",
        "category_of_region",
        "eu_amount",
        "total_amount",
    ]
    list_filter = ["fund"]
    search_fields = ["programme__cci", "programme__title"]
    list_select_related = ["programme"]
