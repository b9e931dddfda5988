from django.apps import AppConfig

# Imported for its effect: it registers the app's system checks (they read settings only).
from leads import checks  # noqa: F401


class LeadsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "leads"
    verbose_name = "Contact requests"
