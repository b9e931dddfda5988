from importlib import import_module

from django.apps import AppConfig


class AccountsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "accounts"
    verbose_name = "Staff accounts"

    def ready(self):
        # The sign-in audit's signal receivers read the models, so their module is loaded once
        # the models are, by name, as blog loads its checks.
        import_module(f"{self.name}.signals")
