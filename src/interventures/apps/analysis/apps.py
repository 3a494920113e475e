from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AnalysisConfig(AppConfig):
    name = "interventures.apps.analysis"
    label = "analysis"
    verbose_name = _("Situation analysis")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        # The key players directory (a floor below) weighs the need it compares with its services.
        from interventures.apps.keyplayers.needs import register_need_source

        from .needs import region_survey_need

        register_need_source("survey", region_survey_need)
