from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AssessmentConfig(AppConfig):
    name = "interventures.apps.assessment"
    label = "assessment"
    verbose_name = _("Preparedness test")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        # The key players directory (a floor below) compares its services with the need the tests measure.
        from interventures.apps.keyplayers.needs import register_need_source

        from .selectors import region_need, region_need_state

        register_need_source("assessment", region_need, state=region_need_state)

        # An account deleted: its tests become anonymous records (accounts/personal_data.py).
        from interventures.apps.accounts import personal_data

        from .services import assessments_erase_for

        personal_data.register(name="assessment", erase=assessments_erase_for)
