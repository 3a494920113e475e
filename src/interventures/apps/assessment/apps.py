from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AssessmentConfig(AppConfig):
    name = "interventures.apps.assessment"
    label = "assessment"
    verbose_name = _("Preparedness test")
    default_auto_field = "django.db.models.BigAutoField"
