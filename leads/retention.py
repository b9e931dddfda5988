"""Retention and erasure: personal data of closed leads is removed after LEADS_RETENTION_DAYS, and
at once when the person asks; counts and sources stay for the reports."""

import datetime
import logging

from django.db import transaction
from django.utils import timezone

from leads.conf import leads_setting
from leads.models import (
    OPEN_STATUSES,
    DeliveryStatus,
    EmailDelivery,
    Inquiry,
    Lead,
    LeadEvent,
    LeadEventKind,
    record_event,
)

logger = logging.getLogger(__name__)

PERSONAL_FIELDS = {
    "full_name": "",
    "email": "",
    "phone": "",
    "best_time": "",
    "message": "",
    "client_address_hash": "",
    "referrer": "",
    "landing_page": "",
}


def strip_personal_data(lead_ids, now: datetime.datetime) -> None:
    """Remove the personal data of these leads, their inquiries, notes and email addresses; keep
    the counts and sources (status, dates, source page, campaign) the reports need."""
    Lead.objects.filter(pk__in=lead_ids).update(**PERSONAL_FIELDS, email_key="", anonymised_at=now)
    Inquiry.objects.filter(lead_id__in=lead_ids).update(**PERSONAL_FIELDS)
    LeadEvent.objects.filter(lead_id__in=lead_ids).exclude(note="").update(
        note="", summary="Note removed with the personal data"
    )
    EmailDelivery.objects.filter(lead_id__in=lead_ids).update(recipient="", last_error="")
    EmailDelivery.objects.filter(
        lead_id__in=lead_ids, status__in=[DeliveryStatus.PENDING, DeliveryStatus.SENDING]
    ).update(status=DeliveryStatus.FAILED, last_error="Cancelled: personal data removed")


def purge_expired_leads(now: datetime.datetime | None = None, batch_size: int = 500) -> int:
    """Anonymise leads closed for longer than LEADS_RETENTION_DAYS. Returns how many."""
    now = now or timezone.now()
    cutoff = now - datetime.timedelta(days=int(leads_setting("LEADS_RETENTION_DAYS")))
    expired = Lead.objects.filter(
        anonymised_at__isnull=True, closed_at__isnull=False, closed_at__lt=cutoff
    ).exclude(status__in=OPEN_STATUSES)
    purged = 0
    while True:
        batch = list(expired.values_list("pk", flat=True)[:batch_size])
        if not batch:
            break
        with transaction.atomic():
            strip_personal_data(batch, now)
            LeadEvent.objects.bulk_create(
                LeadEvent(
                    lead_id=pk,
                    kind=LeadEventKind.ANONYMISED,
                    created_at=now,
                    summary=f"Closed for more than {leads_setting('LEADS_RETENTION_DAYS')} days",
                )
                for pk in batch
            )
        purged += len(batch)
    if purged:
        logger.info("Retention: anonymised %s closed lead(s)", purged)
    return purged


def erase_person(lead: Lead, actor) -> None:
    """The person asked to be forgotten: remove their data from this lead now, whatever its status.
    The timeline records who erased it and when, and nothing of the data."""
    now = timezone.now()
    with transaction.atomic():
        lead = Lead.objects.select_for_update().get(pk=lead.pk)
        strip_personal_data([lead.pk], now)
        # Its status stays true for the reports; with no way left to reach the person, nobody is
        # asked to follow it up any more (the digest and escalation skip anonymised leads).
        Lead.objects.filter(pk=lead.pk).update(next_follow_up_on=None)
        record_event(
            lead, LeadEventKind.ERASED, actor, summary="Personal data erased on request", at=now
        )
    logger.info("Lead %s erased on request", lead.pk)
