from django.apps import AppConfig


class CoreConfig(AppConfig):
    """What every app of the project shares. It imports no other app of the project."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "core"
    verbose_name = "Site-wide settings"
