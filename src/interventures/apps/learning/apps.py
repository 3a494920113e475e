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
        from django.db.models.signals import post_delete

        from .materials import remove_file_on_commit
        from .models import EventMaterial

        def material_deleted(sender: type, instance: EventMaterial, **kwargs: object) -> None:
            remove_file_on_commit(instance.file.name)

        post_delete.connect(material_deleted, sender=EventMaterial, dispatch_uid="learning.material_file")
