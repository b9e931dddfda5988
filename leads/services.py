"""Saving contact requests. Views, blocks and tests call these functions; nothing else writes leads."""

import datetime
import logging

from django.db import transaction
from django.db.models import F
from django.utils import timezone

from leads.models import Lead, TrappedSubmissionCount

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
    """Save one contact request in one transaction and, once it is committed, start its follow-up.

    `details` holds the form's cleaned values (full_name, email, phone, preferred_contact_method,
    best_time, message). A failure in the follow-up never undoes the save nor reaches the visitor:
    the callback is robust (logged, not raised).
    """
    received_at = received_at or timezone.now()
    with transaction.atomic():
        lead = Lead.objects.create(
            full_name=details["full_name"],
            email=details["email"],
            phone=details.get("phone") or "",
            preferred_contact_method=details["preferred_contact_method"],
            best_time=details.get("best_time", ""),
            message=details.get("message", ""),
            consent_version=consent_version,
            consented_at=received_at,
            source_page=source_page,
            source_url=source_url[:500],
            client_address_hash=client_address_hash,
            received_at=received_at,
            **(first_touch or {}),
        )
        lead_id = lead.pk
        # A lambda, not functools.partial: Django logs a robust callback's failure by __qualname__.
        transaction.on_commit(lambda: start_lead_follow_up(lead_id), robust=True)
    return lead


def start_lead_follow_up(lead_id: int) -> None:
    """Runs after a lead is committed. Logs the id only: logs never carry a name or address."""
    logger.info("Contact request %s received", lead_id)


def record_trapped_submission(reason: str) -> None:
    """Count one post caught by a spam trap; the post itself is not kept."""
    today = timezone.localdate()
    with transaction.atomic():
        counter, _ = TrappedSubmissionCount.objects.get_or_create(day=today, reason=reason)
        TrappedSubmissionCount.objects.filter(pk=counter.pk).update(count=F("count") + 1)
    logger.info("Contact form post dropped by spam trap: %s", reason)
