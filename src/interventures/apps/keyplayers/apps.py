from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class KeyplayersConfig(AppConfig):
    name = "interventures.apps.keyplayers"
    label = "keyplayers"
    verbose_name = _("Key players")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from interventures.apps.common.sections import register_section

        from .needs import need_state
        from .report import players_section

        register_section(
            7, "players", _("Key players"), build=players_section, app="keyplayers", state=need_state
        )
