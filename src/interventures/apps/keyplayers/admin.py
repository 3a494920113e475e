"""Admin of the key players directory, for administrators (partners edit through the directory's own
pages, where the permissions module scopes them to their region)."""

from __future__ import annotations

from django.contrib import admin

from .models import Comment, Improvement, Service, Tie


@admin.register(Service)
class ServiceAdmin(admin.ModelAdmin):
    list_display = ["name", "organisation", "service_type", "cost", "is_demo"]
    list_filter = ["service_type", "cost", "organisation__region", "is_demo"]
    search_fields = ["name", "organisation__name"]
    list_select_related = ["organisation"]
    raw_id_fields = ["organisation"]


@admin.register(Tie)
class TieAdmin(admin.ModelAdmin):
    list_display = ["source", "kind", "target", "strength", "cross_border"]
    list_filter = ["kind", "cross_border", "source__region"]
    list_select_related = ["source", "target"]
    raw_id_fields = ["source", "target"]


@admin.register(Comment)
class CommentAdmin(admin.ModelAdmin):
    list_display = ["organisation", "author", "created_at"]
    list_select_related = ["organisation", "author"]
    raw_id_fields = ["organisation", "author"]


@admin.register(Improvement)
class ImprovementAdmin(admin.ModelAdmin):
    list_display = ["region", "rank", "kind", "status", "current", "for_action_plan"]
    list_filter = ["region", "kind", "status", "current"]
