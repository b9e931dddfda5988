from django.apps import AppConfig


class LeadsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "leads"
    verbose_name = "Leads"

    def ready(self):
        # Registers the app's system checks; they read models, so only once the apps are loaded.
        from leads import checks  # noqa: F401
