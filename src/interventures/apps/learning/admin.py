"""The administrator's view of learning across regions (partners work through the pages)."""

from __future__ import annotations

from django.contrib import admin
from django.http import HttpRequest

from .models import (
    Event,
    EventLink,
    EventMaterial,
    FastTrackInitiative,
    GoodPractice,
    Lesson,
    Participant,
    Transferability,
)


@admin.register(GoodPractice)
class GoodPracticeAdmin(admin.ModelAdmin):
    list_display = ("title", "region", "country", "status", "is_reference", "is_demo")
    list_filter = ("status", "is_reference", "region")
    search_fields = ("title", "search_text")
    readonly_fields = ("validated", "search_text", "tag_text")


class LinkInline(admin.TabularInline):
    model = EventLink
    extra = 0


class LessonInline(admin.StackedInline):
    model = Lesson
    extra = 0


@admin.register(Event)
class EventAdmin(admin.ModelAdmin):
    list_display = ("title", "kind", "region", "starts_at", "format", "is_demo")
    list_filter = ("kind", "region", "format")
    inlines = [LinkInline, LessonInline]
    filter_horizontal = ("practices",)


@admin.register(EventMaterial)
class EventMaterialAdmin(admin.ModelAdmin):
    """An event's files arrive only through the event's page (its checks of size and kind): shown and
    deleted here (the stored copy goes with the record), never added or edited."""

    list_display = ("name", "event", "content_type", "size", "uploaded_at")
    list_filter = ("event__region",)
    fields = ("event", "name", "content_type", "size", "uploaded_by", "uploaded_at")
    readonly_fields = fields

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False


@admin.register(Participant)
class ParticipantAdmin(admin.ModelAdmin):
    list_display = ("name", "event", "stakeholder_type", "attended")
    list_filter = ("stakeholder_type", "attended")


@admin.register(Transferability)
class TransferabilityAdmin(admin.ModelAdmin):
    list_display = ("practice", "region", "final")


@admin.register(FastTrackInitiative)
class FastTrackInitiativeAdmin(admin.ModelAdmin):
    list_display = ("title", "region", "status", "decided_on")
    list_filter = ("status", "region")
