"""Sending one delivery: claim it atomically, build its email from its kind, send it, and record
how it went (sent, retry later, failed for good). The atomic claim means a repeated or concurrent
run never sends one email twice. Queueing and the sweep are in outbox.queue."""

import datetime
import logging
import re
import secrets
import smtplib
from dataclasses import dataclass

from anymail.exceptions import AnymailAPIError, AnymailRecipientsRefused
from django.conf import settings
from django.core.mail import BadHeaderError, mail_admins
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone

from outbox.conf import outbox_setting
from outbox.kinds import builder_for
from outbox.models import DeliveryStatus, EmailDelivery

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class DeliveryOutcome:
    """What one delivery attempt did: `result` is one of sent, retry, failed, skipped."""

    result: str
    retry_in: float | None = None
    detail: str = ""


def lease() -> datetime.timedelta:
    return datetime.timedelta(seconds=float(outbox_setting("LEADS_SENDING_LEASE_SECONDS")))


def claim_delivery(delivery_id: int, now: datetime.datetime) -> EmailDelivery | None:
    """Take a delivery for sending, atomically: one conditional UPDATE, so of two workers (or a task
    that runs twice) exactly one gets it. A claim older than the lease belongs to a lost worker."""
    claimable = Q(status=DeliveryStatus.PENDING, next_attempt_at__lte=now) | Q(
        status=DeliveryStatus.SENDING, claimed_at__lt=now - lease()
    )
    claimed = EmailDelivery.objects.filter(claimable, pk=delivery_id).update(
        status=DeliveryStatus.SENDING, attempts=F("attempts") + 1, claimed_at=now
    )
    if claimed != 1:
        return None
    return EmailDelivery.objects.select_related("recipient_user").get(pk=delivery_id)


def build_email(delivery: EmailDelivery):
    """The email a delivery row stands for, rendered as it is sent, by its kind's builder."""
    return builder_for(delivery.kind)(delivery)


def retry_delay(attempts: int) -> float:
    """Exponential backoff with equal jitter: half the doubled delay fixed, half random, capped."""
    base = float(outbox_setting("LEADS_EMAIL_RETRY_BASE_SECONDS"))
    cap = float(outbox_setting("LEADS_EMAIL_RETRY_MAX_SECONDS"))
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
    max_attempts = int(outbox_setting("LEADS_EMAIL_MAX_ATTEMPTS"))
    if delivery.attempts > max_attempts:
        return mark_failed(delivery, f"Gave up after {max_attempts} attempts (worker lost)")
    try:
        build_email(delivery).send(fail_silently=False)
    except Exception as error:
        permanent, text = describe_send_error(error)
        logger.warning(
            "Email delivery %s (%s) attempt %s failed: %s",
            delivery.pk,
            log_label(delivery),
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
    logger.info("Email delivery %s (%s) sent", delivery.pk, log_label(delivery))
    return DeliveryOutcome("sent")


def log_label(delivery: EmailDelivery) -> str:
    """'confirmation about lead #12': ids only, never a name or an address."""
    return " ".join(part for part in (delivery.kind, delivery.about_description()) if part)


def outcome_without_claim(delivery_id: int, now: datetime.datetime) -> DeliveryOutcome:
    """Why a delivery could not be claimed; for one another worker is sending, when to look again."""
    delivery = EmailDelivery.objects.filter(pk=delivery_id).first()
    if delivery is None:
        return DeliveryOutcome("skipped", detail="no such delivery")
    if delivery.status == DeliveryStatus.SENDING and delivery.claimed_at is not None:
        remaining = lease().total_seconds() - (now - delivery.claimed_at).total_seconds()
        return DeliveryOutcome("skipped", retry_in=max(remaining, 0) + 1, detail="being sent")
    return DeliveryOutcome("skipped", detail=delivery.status)


def mark_failed(delivery: EmailDelivery, text: str) -> DeliveryOutcome:
    EmailDelivery.objects.filter(pk=delivery.pk).update(
        status=DeliveryStatus.FAILED, last_error=text[:2000]
    )
    logger.error("Email delivery %s (%s) failed: staff must look", delivery.pk, log_label(delivery))
    alert_admins_of_failure(delivery, text)
    return DeliveryOutcome("failed", detail=text)


# An email address inside a mail server's reply ("550 <jordan@example.org>: unknown user").
EMAIL_ADDRESS_PATTERN = re.compile(
    r"[^\s<>()\[\]\"',;:]+@[^\s<>()\[\]\"',;:]+\.[^\s<>()\[\]\"',;:]+"
)


def mask_email_addresses(text: str) -> str:
    """The text with every email address replaced, for alerts that leave the admin."""
    return EMAIL_ADDRESS_PATTERN.sub("[email address]", text)


def delivery_admin_url(delivery_id: int) -> str:
    """The absolute address of a delivery's page in the admin, for the failure alert."""
    path = reverse("email_deliveries:inspect", args=[delivery_id])
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path


def alert_admins_of_failure(delivery: EmailDelivery, text: str) -> None:
    """Tell the site's ADMINS; never with a visitor's details, only ids, the error (its email
    addresses masked) and a link."""
    text = mask_email_addresses(text)
    about = delivery.about_description()
    label = delivery.get_kind_display()
    try:
        mail_admins(
            f"Email delivery {delivery.pk} failed ({label})",
            (
                f"The {label.lower()}{' ' + about if about else ''} could not be sent.\n\n"
                f"Error: {text}\n\n"
                f"Review and retry it: {delivery_admin_url(delivery.pk)}\n"
            ),
        )
    except Exception:
        logger.exception("Could not alert the admins about email delivery %s", delivery.pk)
