from django.contrib import admin

from .models import Interest, PartnerProfile, Suggestion


@admin.register(PartnerProfile)
class PartnerProfileAdmin(admin.ModelAdmin):
    list_display = ("name", "country", "nuts3", "published", "is_demo")
    list_filter = ("published", "is_demo", "country")
    search_fields = ("name",)
    readonly_fields = ("token",)


@admin.register(Suggestion)
class SuggestionAdmin(admin.ModelAdmin):
    list_display = ("profile", "rank", "partner", "score")
    raw_id_fields = ("profile", "partner")


@admin.register(Interest)
class InterestAdmin(admin.ModelAdmin):
    list_display = ("source", "target", "declined", "created_at")
    raw_id_fields = ("source", "target")
