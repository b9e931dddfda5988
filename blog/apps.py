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
        # The page cache reads the models, so it is imported once they are loaded (ready() is
        # Django's documented place to connect signals).
        from core.page_cache import connect_purge_signals

        # Topics and people appear on articles, the article list and the feed; the prices on the
        # cost page.
        connect_purge_signals(
            [
                self.get_model("Topic"),
                self.get_model("Person"),
                self.get_model("PriceListSettings"),
                self.get_model("PriceRow"),
            ]
        )
        # The deploy checks read the pages, so they load once the models have (ready() is where
        # Django registers checks).
        import_module(f"{self.name}.checks")
