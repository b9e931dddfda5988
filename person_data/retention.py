"""Retention and erasure: personal data of closed leads is removed after LEADS_RETENTION_DAYS, and
at once when the person asks; counts and sources stay for the reports."""

import datetime
import logging

from django.db import transaction
from django.http import QueryDict
from django.utils import timezone

from calls.booking import release_calls_of_erased
from leads.conf import leads_setting
from leads.models import (
    OPEN_STATUSES,
    PERSONAL_FIELDS,
    Inquiry,
    Lead,
    LeadEvent,
    LeadEventKind,
    LeadExportRecord,
    record_event,
)
from person_data.deliveries import (
    forget_recipients_of_inquiries,
    forget_recipients_of_leads,
    forget_staff_email_addresses,
)

logger = logging.getLogger(__name__)

# What each personal field of a lead or inquiry holds once its data is removed: its empty value
# ("" for text, {} for an attached self-check, False for its flags).
BLANKED = {name: Lead._meta.get_field(name).get_default() for name in PERSONAL_FIELDS}


def strip_personal_data(lead_ids, now: datetime.datetime, actor=None) -> None:
    """Remove the personal data of these leads, their inquiries, notes and email addresses, the
    health signals (crisis phrases, the urgent mark) and the search terms of the exports that held
    them; keep the counts and sources (status, dates, source page, campaign) the reports need.
    Their calls still to come are cancelled (the staff member is told, the person is not) and
    their booking links stop working; the call rows (times, staff) stay for the counts."""
    Lead.objects.filter(pk__in=lead_ids).update(
        **BLANKED,
        anonymised_at=now,
        is_urgent=False,
        crisis_phrases=[],
    )
    Inquiry.objects.filter(lead_id__in=lead_ids).update(**BLANKED)
    LeadEvent.objects.filter(lead_id__in=lead_ids).exclude(note="").update(
        note="", summary="Note removed with the personal data"
    )
    forget_searches_that_found(lead_ids)
    forget_recipients_of_leads(lead_ids)
    # After the recipients are forgotten: the staff member's "call cancelled" email is queued
    # now and must keep its (staff) address.
    release_calls_of_erased(lead_ids, actor, now)


def forget_searches_that_found(lead_ids) -> None:
    """The search terms of the exports that held these leads: a search may have named the
    person."""
    forget_export_search_terms(
        LeadExportRecord.objects.filter(
            pk__in=LeadEvent.objects.filter(
                lead_id__in=lead_ids, kind=LeadEventKind.EXPORTED, export_record__isnull=False
            ).values("export_record")
        )
    )


def purge_expired_leads(now: datetime.datetime | None = None, batch_size: int = 500) -> int:
    """Anonymise leads closed for longer than LEADS_RETENTION_DAYS, remove the search terms of
    exports older than that (a search that matched nobody named someone all the same) and the
    addresses of staff emails older than that. Returns how many leads."""
    now = now or timezone.now()
    cutoff = now - datetime.timedelta(days=int(leads_setting("LEADS_RETENTION_DAYS")))
    forget_export_search_terms(LeadExportRecord.objects.filter(created_at__lt=cutoff))
    expired = Lead.objects.filter(
        anonymised_at__isnull=True, closed_at__isnull=False, closed_at__lt=cutoff
    ).exclude(status__in=OPEN_STATUSES)
    forget_staff_email_addresses(cutoff)
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
        strip_personal_data([lead.pk], now, actor)
        # Its status stays true for the reports; with no way left to reach the person, nobody is
        # asked to follow it up any more (the digest and escalation skip anonymised leads).
        Lead.objects.filter(pk=lead.pk).update(next_follow_up_on=None)
        record_event(
            lead, LeadEventKind.ERASED, actor, summary="Personal data erased on request", at=now
        )
    logger.info("Lead %s erased on request", lead.pk)


def erase_inquiries(lead: Lead, inquiry_ids, actor, now: datetime.datetime | None = None) -> None:
    """A person asked to be forgotten whose requests were attached to someone else's lead (a
    shared phone): remove their inquiries' personal data and the addresses of the emails that
    answered them, cancel those not sent, and leave the lead, its owner's details, message and
    urgent mark as they are. The timeline records which inquiries, and nothing of the data."""
    now = now or timezone.now()
    inquiry_ids = sorted(inquiry_ids)
    with transaction.atomic():
        lead = Lead.objects.select_for_update().get(pk=lead.pk)
        Inquiry.objects.filter(pk__in=inquiry_ids, lead=lead).update(
            **BLANKED, possibly_different_person=False
        )
        forget_recipients_of_inquiries(inquiry_ids)
        forget_searches_that_found([lead.pk])
        lead.recheck_possibly_different_person()
        numbers = ", ".join(f"#{pk}" for pk in inquiry_ids)
        record_event(
            lead,
            LeadEventKind.ERASED,
            actor,
            summary=f"Personal data of inquiry {numbers} erased on request",
            at=now,
        )
    logger.info("Lead %s: inquiries %s erased on request", lead.pk, inquiry_ids)


# What an export record keeps of a search once the person it may name is erased.
REMOVED_SEARCH = "(removed)"


def without_search_terms(filters: str) -> str:
    """An export's query string with its search (q) replaced by a mark that one was made."""
    query = QueryDict(filters, mutable=True)
    if not query.get("q"):
        return filters
    query.setlist("q", [REMOVED_SEARCH])
    return query.urlencode()


def forget_export_search_terms(records) -> int:
    """Remove the search terms (which may name a person) from these export records; the rest of
    the audit (who, when, which filter, how many rows) stays. Returns how many changed."""
    changed = 0
    for record in records.exclude(filters="").only("pk", "filters"):
        cleaned = without_search_terms(record.filters)
        if cleaned != record.filters:
            LeadExportRecord.objects.filter(pk=record.pk).update(filters=cleaned)
            changed += 1
    return changed
