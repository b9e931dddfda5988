"""Never unanswered: a request still New after the allowed time, counted in the clinic's opening
hours with its closures left out (core.ClinicSettings), alerts the staff list once."""

import datetime
import logging

from django.db import transaction
from django.utils import timezone
from wagtail.models import Site

from leads.models import (
    Lead,
    LeadEmailKind,
    LeadEventKind,
    LeadFollowUpSettings,
    LeadStatus,
    record_event,
)
from leads.opening_hours import add_opening_hours, closed_days, opening_schedule
from leads.recipients import site_of, staff_recipients
from outbox.queue import Email, enqueue

logger = logging.getLogger(__name__)

# How far past a request the clock looks for closures: the allowed hours end within days, so only
# a clinic closed for more than a month would see a closure beyond it.
CLOSURES_AHEAD = datetime.timedelta(days=30)


def escalation_due_at(
    lead: Lead, site: Site | None, follow_up=None, schedule=None, closed=None
) -> datetime.datetime | None:
    """When `lead` is due for escalation: the allowed opening hours after it was received, its
    site's closures skipped (`closed`, the closed days from its arrival to CLOSURES_AHEAD later,
    when the caller has not read them)."""
    follow_up = follow_up or (
        LeadFollowUpSettings.for_site(site) if site else LeadFollowUpSettings()
    )
    schedule = opening_schedule(site) if schedule is None else schedule
    if closed is None:
        received = timezone.localdate(lead.received_at)
        closed = closed_days(site, received, received + CLOSURES_AHEAD)
    return add_opening_hours(lead.received_at, follow_up.escalate_after_hours, schedule, closed)


def escalate_unanswered(now: datetime.datetime | None = None) -> list[int]:
    """Alert the staff list, once per lead, about requests still New past the allowed opening
    hours. The lead's escalated_at is set by a conditional UPDATE and each email has a unique key,
    so overlapping runs never send twice. Returns the ids of the leads escalated."""
    now = now or timezone.now()
    escalated = []
    settings_by_site = {}
    candidates = (
        Lead.objects.active()
        .filter(status=LeadStatus.NEW, escalated_at__isnull=True)
        .select_related("source_page")
        # Oldest first, so the closed days read with a site's first lead, from its arrival to a
        # month after now, hold every later lead's days too.
        .order_by("received_at")
    )
    for lead in candidates.iterator():
        site = site_of(lead)
        key = site.pk if site else None
        if key not in settings_by_site:
            settings_by_site[key] = (
                LeadFollowUpSettings.for_site(site) if site else LeadFollowUpSettings(),
                opening_schedule(site),
                closed_days(
                    site,
                    timezone.localdate(lead.received_at),
                    timezone.localdate(now) + CLOSURES_AHEAD,
                ),
            )
        due_at = escalation_due_at(lead, site, *settings_by_site[key])
        if due_at is None or now < due_at:
            continue
        with transaction.atomic():
            taken = Lead.objects.filter(
                pk=lead.pk, status=LeadStatus.NEW, escalated_at__isnull=True
            ).update(escalated_at=now)
            if not taken:
                continue
            enqueue(
                *(
                    Email(
                        LeadEmailKind.ESCALATION,
                        address,
                        about=lead,
                        dedupe_key=f"escalation:{lead.pk}:{address}",
                    )
                    for address in staff_recipients(site)
                )
            )
            record_event(
                lead,
                LeadEventKind.ESCALATED,
                summary="Still New after the allowed opening hours: staff list alerted",
                at=now,
            )
        escalated.append(lead.pk)
    if escalated:
        logger.warning("Escalated %s unanswered lead(s): %s", len(escalated), escalated)
    return escalated
