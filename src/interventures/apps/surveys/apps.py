from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SurveysConfig(AppConfig):
    name = "interventures.apps.surveys"
    label = "surveys"
    verbose_name = _("Surveys")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from interventures.apps.common.uploads import delete_files_with_records

        from .models import ResponseFile

        # A respondent's file leaves the disk with its response: pruned, purged by the retention
        # rule (services/retention.py) or deleted with its campaign.
        delete_files_with_records(ResponseFile)
