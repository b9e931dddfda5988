"""Celery tasks of the leads app. Thin: they take ids, call leads.services, and decide only when to
run again."""

from celery import shared_task
from django.core.management import call_command

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


@shared_task(ignore_result=True)
def escalate_unanswered_leads() -> list[int]:
    """Every few minutes (Celery beat): alert the staff list about requests nobody answered."""
    from leads.followup import escalate_unanswered

    return escalate_unanswered()


@shared_task(ignore_result=True)
def send_follow_up_digests() -> list[int]:
    """Each morning (Celery beat): every intake user's follow-ups for the day."""
    from leads.followup import send_daily_digests

    return send_daily_digests()


@shared_task(ignore_result=True)
def purge_expired_leads() -> int:
    """Daily (Celery beat): anonymise leads closed for longer than LEADS_RETENTION_DAYS."""
    from leads.followup import purge_expired_leads as purge

    return purge()


@shared_task(ignore_result=True)
def clear_expired_sessions() -> None:
    """Daily (Celery beat): delete expired sessions, and what they held (first touch, a thank-you
    page's name), instead of keeping them until someone runs clearsessions by hand."""
    call_command("clearsessions")
