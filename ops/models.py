"""What the operations endpoints read that must be shared by every web and worker process."""

from django.db import models


class WorkerHeartbeat(models.Model):
    """The last time a periodic task finished on a worker: every web process reads it from the
    database, so /health/ready and /metrics know a worker and beat are alive wherever they run."""

    name = models.CharField(
        max_length=100,
        primary_key=True,
        help_text="Which periodic task beats (e.g. delivery-sweep).",
    )
    beat_at = models.DateTimeField(help_text="When the task last finished successfully.")
    worker = models.CharField(
        max_length=200, blank=True, help_text="The Celery node name that ran it."
    )

    class Meta:
        verbose_name = "worker heartbeat"

    def __str__(self) -> str:
        return f"{self.name} at {self.beat_at:%Y-%m-%d %H:%M:%S}"
