from __future__ import annotations

from django.contrib import admin

from .models import ApiToken


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    """Administrators see and revoke tokens; the secret is never stored, so never shown."""

    list_display = ("prefix", "name", "user", "can_write", "created_at", "last_used_at", "revoked_at")
    list_filter = ("can_write",)
    search_fields = ("prefix", "name", "user__username")
    readonly_fields = ("user", "prefix", "created_at", "last_used_at")
    fields = ("user", "name", "prefix", "can_write", "created_at", "last_used_at", "revoked_at")

    def has_add_permission(self, request: object) -> bool:
        return False  # tokens are made on the tokens page, where the secret is shown once
