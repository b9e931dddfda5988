from django.apps import AppConfig, apps
from wagtail.images import get_image_model


class CoreConfig(AppConfig):
    """What every app of the project shares. It imports no other app of the project."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "core"
    verbose_name = "Site-wide settings"

    def ready(self):
        # The page cache reads the models, so it is imported once they are loaded (ready() is
        # Django's documented place to connect signals).
        from core.page_cache import connect_purge_signals
        from core.wagtail_patches import apply_patches

        clinic_settings = self.get_model("ClinicSettings")
        seo_settings = apps.get_model("wagtailseo", "SeoSettings")
        apply_patches()
        connect_purge_signals(
            [
                clinic_settings,
                self.get_model("OpeningHours"),
                self.get_model("CrisisMessage"),
                seo_settings,
                get_image_model(),
                apps.get_model("wagtailcore", "Site"),
                apps.get_model("wagtailcore", "Locale"),
                apps.get_model("wagtailcore", "PageViewRestriction"),
            ]
        )
