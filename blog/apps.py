from importlib import import_module

from django.apps import AppConfig


class BlogConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "blog"
    verbose_name = "Articles"

    def import_models(self):
        super().import_models()
        # The general content pages and their price list live in blog.pages, beside the models;
        # loading them here registers them with the models, as models.py would.
        import_module(f"{self.name}.pages")

    def ready(self):
        # The deploy checks read the pages, so they load once the models have (ready() is where
        # Django registers checks).
        import_module(f"{self.name}.checks")
