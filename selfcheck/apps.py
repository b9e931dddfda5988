from importlib import import_module

from django.apps import AppConfig


class SelfCheckConfig(AppConfig):
    """ "Could this be for me?": a short self-check that helps a visitor decide whether to talk to
    the clinic, never a diagnosis. It imports leads (a request with the answers attached) and
    core; leads and core never import it (an import-linter contract)."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "selfcheck"
    verbose_name = "Self-check"

    def import_models(self):
        super().import_models()
        # The page type lives in selfcheck.pages, above the forms it shows (as leads.pages does);
        # loading it here registers it with the models.
        import_module(f"{self.name}.pages")
