from importlib import import_module

from django.apps import AppConfig
from django.utils.module_loading import autodiscover_modules


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
        # Every app's `emails` module registers the email kinds it sends through the outbox
        # (leads.emails.register_email_kind) and its sections of the daily digest
        # (register_digest_section), the way the admin finds each app's admin.py.
        autodiscover_modules("emails")
        # The system checks read the staff recipients, so they load once the models have
        # (ready() is where Django registers checks).
        import_module(f"{self.name}.checks")
