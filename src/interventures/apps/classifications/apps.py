from django.apps import AppConfig


class ClassificationsConfig(AppConfig):
    name = "interventures.apps.classifications"
    label = "classifications"
    default_auto_field = "django.db.models.BigAutoField"
