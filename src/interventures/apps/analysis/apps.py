from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AnalysisConfig(AppConfig):
    name = "interventures.apps.analysis"
    label = "analysis"
    verbose_name = _("Situation analysis")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from interventures.apps.common.versions import watch

        # What a region's report is built from besides the figures and the registered sections
        # (their apps are watched when they register): the report's texts, the region and its
        # programme, the classifications.
        watch("analysis", "common", "partnership", "classifications")

        # The key players directory (a floor below) weighs the need it compares with its services.
        from interventures.apps.keyplayers.needs import register_need_source

        from .needs import region_survey_need, region_survey_need_state

        register_need_source("survey", region_survey_need, state=region_survey_need_state)
