from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MatchmakingConfig(AppConfig):
    name = "interventures.apps.matchmaking"
    label = "matchmaking"
    verbose_name = _("Partner search")
    default_auto_field = "django.db.models.BigAutoField"
