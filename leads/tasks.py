"""Celery tasks of the leads app. Thin: they take ids, call leads.services, and decide only when to
run again."""

from celery import shared_task

from leads.conf import leads_setting
from leads.services import deliver_email, queue_delivery, sweep_deliveries

# The hard limit kills a stuck send well inside the claim's lease, so a claim older than the
# lease always belongs to a worker that is no longer sending (see leads.services.claim_delivery).
LEASE_SECONDS = float(leads_setting("LEADS_SENDING_LEASE_SECONDS"))


@shared_task(
    bind=True,
    acks_late=True,
    reject_on_worker_lost=True,
    soft_time_limit=LEASE_SECONDS * 0.6,
    time_limit=LEASE_SECONDS * 0.8,
    ignore_result=True,
)
def deliver_email_task(self, delivery_id: int) -> str:
    """Send one email delivery; queue the next attempt when it must be tried again."""
    outcome = deliver_email(delivery_id)
    if outcome.retry_in is not None and not self.request.is_eager:
        queue_delivery(delivery_id, countdown=outcome.retry_in)
    return outcome.result


@shared_task(ignore_result=True)
def sweep_email_deliveries() -> dict:
    """Every minute (Celery beat): queue deliveries left pending or claimed by a lost worker."""
    return sweep_deliveries()
