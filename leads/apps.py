from importlib import import_module

from django.apps import AppConfig


class LeadsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "leads"
    verbose_name = "Leads"

    def import_models(self):
        super().import_models()
        # The page types live in leads.pages, on top of the app's layers (they route to the public
        # views); loading them here registers them with the models, as models.py would.
        import_module(f"{self.name}.pages")

    def ready(self):
        # The system checks read the staff recipients, so they load once the models have
        # (ready() is where Django registers checks).
        import_module(f"{self.name}.checks")
