from django.apps import AppConfig


class CoreConfig(AppConfig):
    """What every app of the project shares. It imports no other app of the project."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "core"
    verbose_name = "Site-wide settings"

    def ready(self):
        # Imported here: models can only be imported once the app registry is ready (Django's
        # documented place for connecting signals).
        from wagtail.images import get_image_model
        from wagtail.models import PageViewRestriction, Site
        from wagtailseo.models import SeoSettings

        from core.models import ClinicSettings
        from core.page_cache import cache_site_setting_lookups, connect_purge_signals

        for setting_class in (ClinicSettings, SeoSettings):
            cache_site_setting_lookups(setting_class)
        connect_purge_signals(
            [ClinicSettings, SeoSettings, get_image_model(), Site, PageViewRestriction]
        )
