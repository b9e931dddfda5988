from django.apps import AppConfig
from django.utils.module_loading import autodiscover_modules


class OutboxConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "outbox"
    verbose_name = "Email outbox"

    def ready(self):
        # Every app's `emails` module registers the email kinds it sends (outbox.kinds), the way
        # the admin finds each app's admin.py; the outbox itself never imports those apps.
        autodiscover_modules("emails")
