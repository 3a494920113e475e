from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ActionPlansConfig(AppConfig):
    name = "interventures.apps.actionplans"
    label = "actionplans"
    verbose_name = _("Action Plans")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from interventures.apps.common.usage import register_usage

        from . import storage
        from .selectors import evidence_usage

        register_usage("actionplans", evidence_usage)
        storage.connect()
