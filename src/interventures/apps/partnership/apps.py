from django.apps import AppConfig


class PartnershipConfig(AppConfig):
    name = "interventures.apps.partnership"
    label = "partnership"
    default_auto_field = "django.db.models.BigAutoField"
