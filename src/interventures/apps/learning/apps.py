from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LearningConfig(AppConfig):
    name = "interventures.apps.learning"
    label = "learning"
    verbose_name = _("Learning across regions")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from django.utils.translation import gettext_lazy

        from interventures.apps.common.sections import register_section

        from .report import practices_section

        register_section(
            8,
            "practices",
            gettext_lazy("Good practices relevant to the gaps"),
            build=practices_section,
            app="learning",
        )
        from interventures.apps.common.uploads import delete_files_with_records

        from .models import EventMaterial

        delete_files_with_records(EventMaterial)

        # Event registrations are not tied to an account but to an e-mail address: exported with the
        # account's data and anonymised when it is deleted (accounts/personal_data.py).
        from interventures.apps.accounts import personal_data

        from .services import participants_erase_for, participants_export_for

        personal_data.register(
            name="learning.Participant", erase=participants_erase_for, export=participants_export_for
        )
