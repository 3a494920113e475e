from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AnalysisConfig(AppConfig):
    name = "interventures.apps.analysis"
    label = "analysis"
    verbose_name = _("Situation analysis")
    default_auto_field = "django.db.models.BigAutoField"
