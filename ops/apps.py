from importlib import import_module

from django.apps import AppConfig


class OpsConfig(AppConfig):
    """Operations: health endpoints, request ids in logs and tasks, metrics, error reporting."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "ops"
    verbose_name = "Operations"

    def ready(self):
        # The Celery signal handlers (request id in task headers, worker heartbeat) read the
        # models, so their module is loaded once the models are, by name, as blog loads its checks.
        import_module(f"{self.name}.celery_signals")
