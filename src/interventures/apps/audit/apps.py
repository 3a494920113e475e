from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AuditConfig(AppConfig):
    name = "interventures.apps.audit"
    label = "audit"
    verbose_name = _("Audit log")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from interventures.apps.accounts import personal_data

        from . import signals
        from .services import entries_erase_for

        signals.connect()
        personal_data.register(name="audit", erase=entries_erase_for)
