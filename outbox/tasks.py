"""The outbox's Celery tasks: the delivery task (defined beside its queue in outbox.queue, and
imported here so Celery's autodiscovery of `tasks` modules finds it) and the periodic sweep."""

from celery import shared_task

from outbox.queue import deliver_email_task, sweep_deliveries

__all__ = ["deliver_email_task", "sweep_email_deliveries"]


# The registered name predates the outbox app; the beat schedule and queued messages use it.
@shared_task(name="leads.tasks.sweep_email_deliveries", ignore_result=True)
def sweep_email_deliveries() -> dict:
    """Every minute (Celery beat): queue deliveries left pending or claimed by a lost worker."""
    return sweep_deliveries()
