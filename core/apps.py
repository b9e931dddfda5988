from importlib import import_module

from django.apps import AppConfig


class CoreConfig(AppConfig):
    """What every app of the project shares. It imports no other app of the project."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "core"
    verbose_name = "Site-wide settings"

    def ready(self):
        # The patches replace parts of Wagtail's and wagtail-seo's models, so they are applied
        # once every model is loaded (ready() is Django's documented place). Their module reads
        # Wagtail's models, which cannot be loaded while this one is, so it is loaded by name, as
        # Django loads each app's models. The page cache's purge signals are connected with the
        # models they watch (core/models.py, blog/models.py).
        import_module(f"{self.name}.wagtail_patches").apply_patches()
