"""The worker heartbeat: written by the delivery sweep on a worker, read by every web process."""

import datetime

from django.utils import timezone

from ops.models import WorkerHeartbeat

DELIVERY_SWEEP = "delivery-sweep"


def record_heartbeat(name: str, worker: str = "", now: datetime.datetime | None = None) -> None:
    """Note that the periodic task `name` just finished on `worker`."""
    WorkerHeartbeat.objects.update_or_create(
        name=name, defaults={"beat_at": now or timezone.now(), "worker": worker[:200]}
    )


def heartbeat_age_seconds(name: str, now: datetime.datetime | None = None) -> float | None:
    """Seconds since the task `name` last finished, or None when it never has."""
    beat_at = WorkerHeartbeat.objects.filter(name=name).values_list("beat_at", flat=True).first()
    if beat_at is None:
        return None
    return max(0.0, ((now or timezone.now()) - beat_at).total_seconds())
