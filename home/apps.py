from django.apps import AppConfig


class HomeConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "home"
    verbose_name = "Home and site settings"

    def ready(self):
        # Imported here: models can only be imported once the app registry is ready.
        from wagtail.images import get_image_model
        from wagtail.models import PageViewRestriction, Site
        from wagtailseo.models import SeoSettings

        from home.models import ClinicSettings
        from home.page_cache import cache_site_setting_lookups, connect_purge_signals

        for setting_class in (ClinicSettings, SeoSettings):
            cache_site_setting_lookups(setting_class)
        connect_purge_signals(
            [ClinicSettings, SeoSettings, get_image_model(), Site, PageViewRestriction]
        )
