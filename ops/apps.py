from django.apps import AppConfig


class OpsConfig(AppConfig):
    """Operations: health endpoints, request ids in logs and tasks, metrics, error reporting."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "ops"
    verbose_name = "Operations"

    def ready(self):
        # Connects the Celery signal handlers (request id in task headers, worker heartbeat).
        from ops import celery_signals  # noqa: F401
