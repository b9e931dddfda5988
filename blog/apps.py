from django.apps import AppConfig


class BlogConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "blog"
    verbose_name = "Articles"

    def ready(self):
        # The page cache reads the models, so it is imported once they are loaded (ready() is
        # Django's documented place to connect signals).
        from core.page_cache import connect_purge_signals

        # Topics and people appear on articles, the article list and the feed.
        connect_purge_signals([self.get_model("Topic"), self.get_model("Person")])
