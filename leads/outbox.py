"""The outbox: queue, claim, deliver and sweep email deliveries. Every email the project sends is an
`EmailDelivery` row first; the Celery message is only a nudge, so a lost message never loses an
email, and the atomic claim means a repeated or concurrent run never sends one twice.

The delivery task lives here, beside the queue that sends it: the outbox owns its worker entry
point, and nothing below it has to import the tasks module. leads.tasks holds the periodic tasks."""

import datetime
import logging
import re
import secrets
import smtplib
from dataclasses import dataclass

from anymail.exceptions import AnymailAPIError, AnymailRecipientsRefused
from celery import shared_task
from django.core.mail import BadHeaderError, mail_admins
from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone

from leads.conf import leads_setting
from leads.emails import build_email
from leads.models import DeliveryStatus, EmailDelivery
from leads.recipients import admin_url

logger = logging.getLogger(__name__)

# The hard limit kills a stuck send well inside the claim's lease, so a claim older than the
# lease always belongs to a worker that is no longer sending (see claim_delivery).
LEASE_SECONDS = float(leads_setting("LEADS_SENDING_LEASE_SECONDS"))


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


@dataclass(frozen=True)
class DeliveryOutcome:
    """What one delivery attempt did: `result` is one of sent, retry, failed, skipped."""

    result: str
    retry_in: float | None = None
    detail: str = ""


def claim_delivery(delivery_id: int, now: datetime.datetime) -> EmailDelivery | None:
    """Take a delivery for sending, atomically: one conditional UPDATE, so of two workers (or a task
    that runs twice) exactly one gets it. A claim older than the lease belongs to a lost worker."""
    lease = datetime.timedelta(seconds=float(leads_setting("LEADS_SENDING_LEASE_SECONDS")))
    claimable = Q(status=DeliveryStatus.PENDING, next_attempt_at__lte=now) | Q(
        status=DeliveryStatus.SENDING, claimed_at__lt=now - lease
    )
    claimed = EmailDelivery.objects.filter(claimable, pk=delivery_id).update(
        status=DeliveryStatus.SENDING, attempts=F("attempts") + 1, claimed_at=now
    )
    if claimed != 1:
        return None
    return EmailDelivery.objects.select_related("lead", "lead__source_page").get(pk=delivery_id)


def retry_delay(attempts: int) -> float:
    """Exponential backoff with equal jitter: half the doubled delay fixed, half random, capped."""
    base = float(leads_setting("LEADS_EMAIL_RETRY_BASE_SECONDS"))
    cap = float(leads_setting("LEADS_EMAIL_RETRY_MAX_SECONDS"))
    delay = min(cap, base * 2 ** max(attempts - 1, 0))
    return delay / 2 + secrets.SystemRandom().uniform(0, delay / 2)


def describe_send_error(error: Exception) -> tuple[bool, str]:
    """(permanent?, text) for a sending error. SMTP 5xx replies and unbuildable messages are
    permanent; 4xx replies, refused or dropped connections and timeouts are temporary."""
    if isinstance(error, AnymailRecipientsRefused):
        return True, f"{type(error).__name__}: {error}"
    if isinstance(error, AnymailAPIError):
        # An HTTP API's codes read the other way round: 429 and 5xx are worth retrying.
        status = error.status_code
        permanent = status is not None and 400 <= status < 500 and status != 429
        # str(error) reads the HTTP response, which a failure before any response lacks.
        summary = error.args[0] if error.args else ""
        return permanent, f"{type(error).__name__} (HTTP {status}): {summary}"
    if isinstance(error, smtplib.SMTPRecipientsRefused):
        replies = list(error.recipients.values())
        text = "; ".join(f"{code} {reply_text(message)}" for code, message in replies)
        return all(500 <= code < 600 for code, _ in replies), text
    if isinstance(error, smtplib.SMTPResponseException):
        text = f"{error.smtp_code} {reply_text(error.smtp_error)}"
        return 500 <= error.smtp_code < 600, text
    if isinstance(error, (BadHeaderError, ValueError, UnicodeError)):
        return True, f"{type(error).__name__}: {error}"
    # Refused or dropped connections, timeouts (OSError), a disconnect mid-conversation, the soft
    # time limit, and anything unforeseen: worth another try, within LEADS_EMAIL_MAX_ATTEMPTS.
    return False, f"{type(error).__name__}: {error}"


def reply_text(message) -> str:
    if isinstance(message, bytes):
        return message.decode("utf-8", errors="replace")
    return str(message)


def deliver_email(delivery_id: int, now: datetime.datetime | None = None) -> DeliveryOutcome:
    """Claim one delivery, render and send its email, and record how it went."""
    now = now or timezone.now()
    delivery = claim_delivery(delivery_id, now)
    if delivery is None:
        return outcome_without_claim(delivery_id, now)
    max_attempts = int(leads_setting("LEADS_EMAIL_MAX_ATTEMPTS"))
    if delivery.attempts > max_attempts:
        return mark_failed(delivery, f"Gave up after {max_attempts} attempts (worker lost)")
    try:
        build_email(delivery).send(fail_silently=False)
    except Exception as error:
        permanent, text = describe_send_error(error)
        logger.warning(
            "Email delivery %s (lead %s) attempt %s failed: %s",
            delivery.pk,
            delivery.lead_id,
            delivery.attempts,
            "permanent" if permanent else "temporary",
            exc_info=not isinstance(error, (smtplib.SMTPException, OSError)),
        )
        if permanent:
            return mark_failed(delivery, text)
        if delivery.attempts >= max_attempts:
            return mark_failed(delivery, f"Gave up after {delivery.attempts} attempts: {text}")
        delay = retry_delay(delivery.attempts)
        EmailDelivery.objects.filter(pk=delivery.pk, claimed_at=delivery.claimed_at).update(
            status=DeliveryStatus.PENDING,
            next_attempt_at=timezone.now() + datetime.timedelta(seconds=delay),
            last_error=text,
        )
        return DeliveryOutcome("retry", retry_in=delay, detail=text)
    EmailDelivery.objects.filter(pk=delivery.pk).update(
        status=DeliveryStatus.SENT, sent_at=timezone.now(), last_error=""
    )
    logger.info("Email delivery %s (lead %s) sent", delivery.pk, delivery.lead_id)
    return DeliveryOutcome("sent")


def outcome_without_claim(delivery_id: int, now: datetime.datetime) -> DeliveryOutcome:
    """Why a delivery could not be claimed; for one another worker is sending, when to look again."""
    delivery = EmailDelivery.objects.filter(pk=delivery_id).first()
    if delivery is None:
        return DeliveryOutcome("skipped", detail="no such delivery")
    if delivery.status == DeliveryStatus.SENDING and delivery.claimed_at is not None:
        lease = float(leads_setting("LEADS_SENDING_LEASE_SECONDS"))
        remaining = lease - (now - delivery.claimed_at).total_seconds()
        return DeliveryOutcome("skipped", retry_in=max(remaining, 0) + 1, detail="being sent")
    return DeliveryOutcome("skipped", detail=delivery.status)


def mark_failed(delivery: EmailDelivery, text: str) -> DeliveryOutcome:
    EmailDelivery.objects.filter(pk=delivery.pk).update(
        status=DeliveryStatus.FAILED, last_error=text[:2000]
    )
    logger.error(
        "Email delivery %s (lead %s) failed: staff must look",
        delivery.pk,
        delivery.lead_id,
    )
    alert_admins_of_failure(delivery, text)
    return DeliveryOutcome("failed", detail=text)


# An email address inside a mail server's reply ("550 <jordan@example.org>: unknown user").
EMAIL_ADDRESS_PATTERN = re.compile(
    r"[^\s<>()\[\]\"',;:]+@[^\s<>()\[\]\"',;:]+\.[^\s<>()\[\]\"',;:]+"
)


def mask_email_addresses(text: str) -> str:
    """The text with every email address replaced, for alerts that leave the admin."""
    return EMAIL_ADDRESS_PATTERN.sub("[email address]", text)


def alert_admins_of_failure(delivery: EmailDelivery, text: str) -> None:
    """Tell the site's ADMINS; never with the visitor's details, only ids, the error (its email
    addresses masked) and a link."""
    text = mask_email_addresses(text)
    about = f" for lead #{delivery.lead_id}" if delivery.lead_id else ""
    try:
        mail_admins(
            f"Email delivery {delivery.pk} failed ({delivery.get_kind_display()})",
            (
                f"The {delivery.get_kind_display().lower()}{about} could not be sent.\n\n"
                f"Error: {text}\n\n"
                f"Review and retry it: {admin_url('email_deliveries:inspect', delivery.pk)}\n"
            ),
        )
    except Exception:
        logger.exception("Could not alert the admins about email delivery %s", delivery.pk)


def sweep_deliveries(now: datetime.datetime | None = None, limit: int = 500) -> dict:
    """Queue again what was left behind: deliveries pending past their time (the broker was down,
    or Redis lost the message) and claims of workers that are gone (killed mid-send)."""
    now = now or timezone.now()
    lease = datetime.timedelta(seconds=float(leads_setting("LEADS_SENDING_LEASE_SECONDS")))
    grace = datetime.timedelta(seconds=float(leads_setting("LEADS_SWEEP_GRACE_SECONDS")))
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


def retry_delivery(delivery_id: int) -> bool:
    """Staff's retry of a failed delivery: back to pending with fresh attempts, queued on commit."""
    with transaction.atomic():
        reopened = EmailDelivery.objects.filter(
            pk=delivery_id, status=DeliveryStatus.FAILED
        ).update(status=DeliveryStatus.PENDING, attempts=0, next_attempt_at=timezone.now())
        if reopened:
            transaction.on_commit(lambda: queue_delivery(delivery_id), robust=True)
    return bool(reopened)


def queue_on_commit(delivery_ids: list[int]) -> None:
    """Queue these deliveries once the current transaction commits (robust: a broker failure is
    logged, and the sweep sends what was not queued)."""
    # A lambda, not functools.partial: Django logs a robust callback's failure by __qualname__.
    transaction.on_commit(lambda: queue_deliveries(delivery_ids), robust=True)


# The task keeps the name it was registered under before the outbox had a module of its own, so
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
