from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from interventures.apps.accounts.permissions import can_read_audit_log

from .models import AuditEntry


@admin.register(AuditEntry)
class AuditEntryAdmin(admin.ModelAdmin):
    """Read-only: entries are written by the platform, never by hand, and never changed."""

    list_display = ["at", "actor_label", "area", "kind", "target", "object_id", "object_label", "region"]
    list_filter = ["area", "kind", "region"]
    search_fields = ["actor_label", "object_label", "target"]
    date_hierarchy = "at"

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return can_read_audit_log(request.user)

    def has_module_permission(self, request: HttpRequest) -> bool:
        return can_read_audit_log(request.user)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
