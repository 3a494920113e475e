"""API tokens of integrations and the idempotency records of the API's creates.

A token is random (secrets.token_urlsafe), shown once, and stored only as its SHA-256 digest: a
leaked database does not leak usable tokens. Its public prefix names it in lists and logs. A token
acts as its owner and nobody else, can be read-only, and is revoked by setting `revoked_at` (kept,
so that the owner sees when and which).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from interventures.apps.accounts.permissions_fields import AccessFields


class ApiToken(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("owner"), on_delete=models.CASCADE, related_name="api_tokens"
    )
    name = models.CharField(_("name"), max_length=100)
    prefix = models.CharField(_("prefix"), max_length=16, unique=True, editable=False)
    digest = models.CharField(max_length=64, unique=True, editable=False)
    can_write = models.BooleanField(_("may create"), default=False)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    last_used_at = models.DateTimeField(_("last used"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)

    access = AccessFields(user="user", personal=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")

    def __str__(self) -> str:
        return f"{self.prefix}… ({self.name})"

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None


class IdempotencyRecord(models.Model):
    """The first answer to a create made with an Idempotency-Key, kept for replays.

    The key is looked up only in its caller's scope ("user:<id>", or "anonymous" with a long random
    key) and for one operation; the fingerprint of the body tells a replay (same answer) from a
    reuse of the key with another body (refused)."""

    scope = models.CharField(max_length=40)
    operation = models.CharField(max_length=100)
    key = models.CharField(max_length=200)
    fingerprint = models.CharField(max_length=64)
    status = models.PositiveSmallIntegerField()
    body = models.JSONField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["scope", "operation", "key"], name="api_idempotency_unique")
        ]
        indexes = [models.Index(fields=["created_at"])]
        verbose_name = _("idempotency record")
        verbose_name_plural = _("idempotency records")

    def __str__(self) -> str:
        return f"{self.operation} {self.key}"
