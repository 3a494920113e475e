from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ActionPlansConfig(AppConfig):
    name = "interventures.apps.actionplans"
    label = "actionplans"
    verbose_name = _("Action Plans")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from interventures.apps.common.uploads import delete_files_with_records
        from interventures.apps.common.usage import register_usage

        from .models import ImprovementFile, MonitoringFile
        from .selectors import evidence_usage

        register_usage("actionplans", evidence_usage)
        # an evidence file leaves the disk with its record, its entry, action or plan, on commit
        delete_files_with_records(MonitoringFile, ImprovementFile)
