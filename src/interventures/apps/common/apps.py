from django.apps import AppConfig


class CommonConfig(AppConfig):
    """The bottom floor every domain app stands on (docs/architecture.md)."""

    name = "interventures.apps.common"
    label = "common"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from . import versions

        versions.connect()
