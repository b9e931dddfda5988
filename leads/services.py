"""Saving contact requests and delivering their emails. Views, admin actions, Celery tasks and
tests call these functions; nothing else writes leads or deliveries."""

import datetime
import logging
import re
import secrets
import smtplib
from dataclasses import dataclass

from anymail.exceptions import AnymailAPIError, AnymailRecipientsRefused
from django.conf import settings
from django.core.mail import BadHeaderError, mail_admins
from django.db import transaction
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from wagtail.models import Site

from leads import followup
from leads.conf import leads_setting
from leads.confirmation_limits import confirmation_delivery
from leads.crisis import DEFAULT_CRISIS_PHRASES, find_crisis_phrases
from leads.models import (
    DeliveryStatus,
    EmailDelivery,
    EmailKind,
    Lead,
    StaffNotificationSettings,
    TrappedSubmissionCount,
    UrgentRequestSettings,
)
from leads.stored_values import clean_for_storage

logger = logging.getLogger(__name__)


def submit_lead(
    *,
    details: dict,
    consent_version: str,
    source_page=None,
    source_url: str = "",
    first_touch: dict | None = None,
    client_address_hash: str = "",
    received_at: datetime.datetime | None = None,
) -> Lead:
    """Save one contact request and its pending email deliveries in one transaction and, once it
    is committed, queue the deliveries. When the same person (email or phone) has an open lead of
    the last LEADS_REPEAT_WINDOW_DAYS, the request becomes a new inquiry of that lead, which is
    returned (see leads.followup); otherwise a new lead with its first inquiry.

    `details` holds the form's cleaned values (full_name, email, phone, preferred_contact_method,
    best_time, message). Every text value, typed or captured (first touch, source address), is
    cleaned for its column in leads.stored_values before anything is saved, so no crafted value can
    make the save fail. A failure after the commit never undoes the save nor reaches the visitor:
    the callback is robust (logged, not raised), and the sweep sends what was not queued.
    """
    received_at = received_at or timezone.now()
    site = site_of_page(source_page)
    # Every text value is cleaned for its column here, whatever captured it (issue 11).
    submission = clean_for_storage(
        Lead,
        dict(
            full_name=details["full_name"],
            email=details["email"],
            phone=details.get("phone") or "",
            preferred_contact_method=details["preferred_contact_method"],
            best_time=details.get("best_time", ""),
            message=details.get("message", ""),
            consent_version=consent_version,
            source_page=source_page,
            source_url=source_url,
            client_address_hash=client_address_hash,
            received_at=received_at,
            **(first_touch or {}),
        ),
    )
    crisis_phrases = find_crisis_phrases(submission["message"], crisis_phrase_list(site))
    with transaction.atomic():
        # The same person asking again while their lead is open: a new inquiry of that lead.
        lead = followup.find_open_lead_for(submission["email"], submission["phone"], received_at)
        if lead is not None:
            delivery_ids = followup.attach_repeat_request(
                lead, submission, site_of(lead), crisis_phrases=crisis_phrases
            )
        else:
            lead = Lead.objects.create(
                **submission,
                consented_at=received_at,
                email_key=followup.normalise_email(submission["email"]),
                is_urgent=bool(crisis_phrases),
                crisis_phrases=crisis_phrases,
            )
            inquiry = followup.record_first_inquiry(lead)
            delivery_ids = create_deliveries(lead, site, inquiry)
        # A lambda, not functools.partial: Django logs a robust callback's failure by __qualname__.
        transaction.on_commit(lambda: start_lead_follow_up(delivery_ids), robust=True)
    return lead


def site_of_page(page) -> Site | None:
    """The Site a page belongs to, or the default Site."""
    if page is not None:
        site = page.get_site()
        if site is not None:
            return site
    return Site.objects.filter(is_default_site=True).first()


def site_of(lead: Lead) -> Site | None:
    return site_of_page(lead.source_page if lead.source_page_id else None)


def crisis_phrase_list(site: Site | None) -> str:
    """The site's editable crisis phrases, or the default list when there is no site."""
    if site is None:
        return DEFAULT_CRISIS_PHRASES
    return UrgentRequestSettings.for_site(site).crisis_phrases


def staff_recipients(site: Site | None) -> list[str]:
    """The site setting's staff addresses, or LEADS_NOTIFY_EMAILS when it lists none."""
    if site is not None:
        configured = StaffNotificationSettings.for_site(site).recipient_list()
        if configured:
            return configured
    return list(leads_setting("LEADS_NOTIFY_EMAILS"))


def default_site_staff_recipients() -> list[str]:
    """Who is told about a new lead on the default site: what the dashboard and the system
    check look at to warn that nobody would be notified."""
    return staff_recipients(Site.objects.filter(is_default_site=True).first())


def staff_alert_recipients(lead: Lead, site: Site | None) -> list[str]:
    """Who hears about a request: the staff list, plus the urgent recipients when it is urgent."""
    recipients = staff_recipients(site)
    if lead.is_urgent and site is not None:
        known = {address.lower() for address in recipients}
        for address in UrgentRequestSettings.for_site(site).recipient_list():
            if address.lower() not in known:
                recipients.append(address)
                known.add(address.lower())
    return recipients


def create_deliveries(lead: Lead, site: Site | None, inquiry=None) -> list[int]:
    """One delivery for the visitor's confirmation (answering `inquiry`, the submission, and
    skipped past the daily limit per address) and one per staff recipient; an urgent lead also
    alerts the urgent recipients, and its staff emails are queued first. Returns the ids to queue."""
    confirmation = confirmation_delivery(lead, inquiry, lead.email)
    recipients = staff_alert_recipients(lead, site)
    if not recipients:
        logger.error(
            "Lead %s: no staff recipients configured (site setting or "
            "LEADS_NOTIFY_EMAILS); nobody is notified",
            lead.pk,
        )
    staff_rows = [
        EmailDelivery(lead=lead, kind=EmailKind.STAFF_NOTIFICATION, recipient=address)
        for address in recipients
    ]
    rows = [*staff_rows, confirmation] if lead.is_urgent else [confirmation, *staff_rows]
    return pending_ids(EmailDelivery.objects.bulk_create(rows))


def pending_ids(deliveries) -> list[int]:
    """The ids of the deliveries to queue: a skipped confirmation is recorded, never sent."""
    return [row.pk for row in deliveries if row.status == DeliveryStatus.PENDING]


def start_lead_follow_up(delivery_ids: list[int]) -> None:
    """Runs after a lead is committed: queue its emails. Logs ids only, never a name or address."""
    queue_deliveries(delivery_ids)


def queue_delivery(delivery_id: int, countdown: float | None = None) -> bool:
    """Ask a worker to send one delivery. False when the broker cannot take the message: the row
    stays pending and the sweep queues it again."""
    from leads.tasks import deliver_email_task

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
    from leads.emails import build_email

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


def admin_url(view_name: str, pk: int) -> str:
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + reverse(view_name, args=[pk])


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
    try:
        mail_admins(
            f"Email delivery {delivery.pk} failed ({delivery.get_kind_display()})",
            (
                f"The {delivery.get_kind_display().lower()} for lead "
                f"#{delivery.lead_id} could not be sent.\n\nError: {text}\n\n"
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


def record_trapped_submission(reason: str) -> None:
    """Count one post caught by a spam trap; the post itself is not kept."""
    today = timezone.localdate()
    with transaction.atomic():
        counter, _ = TrappedSubmissionCount.objects.get_or_create(day=today, reason=reason)
        TrappedSubmissionCount.objects.filter(pk=counter.pk).update(count=F("count") + 1)
    logger.info("Contact form post dropped by spam trap: %s", reason)
