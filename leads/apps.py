from django.apps import AppConfig

# Imported for its effect: it registers the app's system checks (they read settings only).
from leads import checks  # noqa: F401


class LeadsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "leads"
    verbose_name = "Leads"

    def ready(self):
        # Registers the deployment check that a new lead reaches somebody on the staff.
        from leads import checks  # noqa: F401
