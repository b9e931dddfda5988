"""Putting emails in the outbox and asking workers to send them. `enqueue` is the one way any
app sends an email: it writes a delivery row per email in the caller's transaction and queues the
new ones once that commits. The Celery message is only a nudge: the sweep queues again whatever a
lost message or a lost worker left behind, so no email is lost, and the claim in
outbox.delivery sends each once.

The delivery task lives here, beside the queue that sends it; outbox.tasks re-exports it for
Celery's autodiscovery."""

import datetime
import logging
from dataclasses import dataclass, field

from celery import shared_task
from django.contrib.contenttypes.models import ContentType
from django.db import models, transaction
from django.utils import timezone

from outbox.conf import outbox_setting
from outbox.delivery import deliver_email
from outbox.kinds import KINDS
from outbox.models import DeliveryStatus, EmailDelivery

logger = logging.getLogger(__name__)

# The hard limit kills a stuck send well inside the claim's lease, so a claim older than the
# lease always belongs to a worker that is no longer sending (see outbox.delivery.claim_delivery).
LEASE_SECONDS = float(outbox_setting("LEADS_SENDING_LEASE_SECONDS"))


@dataclass(frozen=True)
class Email:
    """One email to send: its kind (registered in outbox.kinds), where it goes, and what it is
    about. `dedupe_key` names an email that must exist once only (a second enqueue with the same
    key changes nothing); `skipped_reason` records an email deliberately not sent (a limit)."""

    kind: str
    recipient: str
    about: models.Model | None = None
    context: dict = field(default_factory=dict)
    recipient_user: models.Model | None = None
    dedupe_key: str | None = None
    recipient_key: str = ""
    skipped_reason: str = ""

    def row(self) -> EmailDelivery:
        if self.kind not in KINDS:
            raise ValueError(f"No app registers the email kind {self.kind!r}")
        about = {}
        if self.about is not None:
            about = {
                "about_type": ContentType.objects.get_for_model(self.about),
                "about_id": self.about.pk,
            }
        return EmailDelivery(
            kind=self.kind,
            recipient=self.recipient,
            context=self.context,
            recipient_user=self.recipient_user,
            dedupe_key=self.dedupe_key,
            recipient_key=self.recipient_key,
            status=DeliveryStatus.SKIPPED if self.skipped_reason else DeliveryStatus.PENDING,
            skipped_reason=self.skipped_reason[:200],
            **about,
        )


def enqueue(*emails: Email) -> list[EmailDelivery]:
    """Write a delivery row for each email, in the order given (that is the order they are sent),
    and queue the new pending ones when the current transaction commits. Emails without a dedupe
    key are written in one INSERT; one with a key is written only if no row has that key yet.
    Returns the rows written (not those whose dedupe key was already taken)."""
    rows = [email.row() for email in emails]
    if any(row.dedupe_key for row in rows):
        written = []
        with transaction.atomic():
            for row in rows:
                if row.dedupe_key is None:
                    row.save(force_insert=True)
                    written.append(row)
                    continue
                values = {f.attname: getattr(row, f.attname) for f in row._meta.concrete_fields}
                del values["id"], values["dedupe_key"]
                saved, created = EmailDelivery.objects.get_or_create(
                    dedupe_key=row.dedupe_key, defaults=values
                )
                if created:
                    written.append(saved)
    else:
        # One INSERT, without per-row save signals: a request's emails cost it one statement.
        written = EmailDelivery.objects.bulk_create(rows)
    queue_on_commit([row.pk for row in written if row.status == DeliveryStatus.PENDING])
    return written


def queue_on_commit(delivery_ids: list[int]) -> None:
    """Queue these deliveries once the current transaction commits (robust: a broker failure is
    logged, and the sweep sends what was not queued). Outside a transaction, at once."""
    if delivery_ids:
        # A lambda, not functools.partial: Django logs a robust callback's failure by __qualname__.
        transaction.on_commit(lambda: queue_deliveries(delivery_ids), robust=True)


def queue_delivery(delivery_id: int, countdown: float | None = None) -> bool:
    """Ask a worker to send one delivery. False when the broker cannot take the message: the row
    stays pending and the sweep queues it again."""
    try:
        deliver_email_task.apply_async(args=[delivery_id], countdown=countdown)
    except Exception:
        logger.warning(
            "Could not queue email delivery %s; the sweep will retry", delivery_id, exc_info=True
        )
        return False
    return True


def queue_deliveries(delivery_ids: list[int]) -> int:
    """Queue each delivery; stop at the first broker failure, so a request waits for at most one
    connection timeout. Returns how many were queued."""
    queued = 0
    for delivery_id in delivery_ids:
        if not queue_delivery(delivery_id):
            break
        queued += 1
    return queued


def retry_delivery(delivery_id: int) -> bool:
    """Staff's retry of a failed delivery: back to pending with fresh attempts, queued on commit."""
    with transaction.atomic():
        reopened = EmailDelivery.objects.filter(
            pk=delivery_id, status=DeliveryStatus.FAILED
        ).update(status=DeliveryStatus.PENDING, attempts=0, next_attempt_at=timezone.now())
        if reopened:
            queue_on_commit([delivery_id])
    return bool(reopened)


def sweep_deliveries(now: datetime.datetime | None = None, limit: int = 500) -> dict:
    """Queue again what was left behind: deliveries pending past their time (the broker was down,
    or Redis lost the message) and claims of workers that are gone (killed mid-send)."""
    now = now or timezone.now()
    lease = datetime.timedelta(seconds=float(outbox_setting("LEADS_SENDING_LEASE_SECONDS")))
    grace = datetime.timedelta(seconds=float(outbox_setting("LEADS_SWEEP_GRACE_SECONDS")))
    released = EmailDelivery.objects.filter(
        status=DeliveryStatus.SENDING, claimed_at__lt=now - lease
    ).update(
        status=DeliveryStatus.PENDING,
        next_attempt_at=now - grace,
        last_error="The worker sending this was lost; sending again.",
    )
    due = list(
        EmailDelivery.objects.filter(
            status=DeliveryStatus.PENDING, next_attempt_at__lte=now - grace
        )
        .order_by("next_attempt_at")
        .values_list("pk", flat=True)[:limit]
    )
    queued = queue_deliveries(due)
    if due:
        logger.info("Sweep: %s deliveries due, %s queued, %s released", len(due), queued, released)
    return {"due": len(due), "queued": queued, "released": released}


# The task keeps the name it was registered under when the outbox lived in the leads app, so
# messages already queued still find it.
@shared_task(
    bind=True,
    name="leads.tasks.deliver_email_task",
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
