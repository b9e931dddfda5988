from django.apps import AppConfig


class BlogConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "blog"
    verbose_name = "Articles"

    def ready(self):
        # Imported here: models can only be imported once the app registry is ready.
        from blog.models import Person, Topic
        from core.page_cache import connect_purge_signals

        # Topics and people appear on articles, the article list and the feed.
        connect_purge_signals([Topic, Person])
