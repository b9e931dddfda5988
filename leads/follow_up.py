"""Staff actions on a lead: status, assignment, notes, the next follow-up date, splitting a wrongly
matched inquiry off, and the records of who viewed or exported it. The admin calls these; each
change writes its timeline entry in the same transaction."""

import datetime

from django.db import transaction
from django.utils import timezone

from leads.crisis import find_crisis_phrases
from leads.models import (
    OPEN_STATUSES,
    SUBMISSION_FIELDS,
    Inquiry,
    Lead,
    LeadEvent,
    LeadEventKind,
    LeadExportRecord,
    LeadStatus,
    record_event,
)
from leads.opening_hours import closed_days, opening_hours_between, opening_schedule
from leads.recipients import INTAKE_GROUP, crisis_phrase_list, site_of, user_label
from leads.stored_values import clean_for_storage


class FollowUpError(ValueError):
    """An action staff asked for that cannot be done (shown to them as a message)."""


def split_inquiry(inquiry_id: int, actor) -> Lead:
    """Move a wrongly matched inquiry to a lead of its own (New, unassigned, urgent when its own
    message holds a crisis phrase); both timelines say so."""
    with transaction.atomic():
        inquiry = Inquiry.objects.select_for_update().select_related("lead").get(pk=inquiry_id)
        old_lead = inquiry.lead
        if old_lead.inquiries.count() < 2:
            raise FollowUpError("This is the lead's only inquiry; there is nothing to split off.")
        values = {name: getattr(inquiry, name) for name in SUBMISSION_FIELDS}
        # The inquiry may be what made the old lead urgent: its own lead must be urgent too, or
        # a message about wanting to die would drop out of escalation when it is split off.
        crisis_phrases = find_crisis_phrases(inquiry.message, crisis_phrase_list(site_of(old_lead)))
        new_lead = Lead.objects.create(
            **values,
            consented_at=inquiry.received_at,
            is_urgent=bool(crisis_phrases),
            crisis_phrases=crisis_phrases,
        )
        inquiry.lead = new_lead
        inquiry.possibly_different_person = False
        inquiry.save(update_fields=["lead", "possibly_different_person"])
        old_lead.recheck_possibly_different_person()
        record_event(
            old_lead,
            LeadEventKind.SPLIT,
            actor,
            summary=f"Inquiry #{inquiry.pk} split off to lead #{new_lead.pk}",
        )
        record_event(
            new_lead,
            LeadEventKind.SPLIT,
            actor,
            summary=f"Split off from lead #{old_lead.pk} (inquiry #{inquiry.pk})",
        )
    return new_lead


def change_status(lead: Lead, status: str, actor, now: datetime.datetime | None = None) -> bool:
    """Set a lead's status. The first move out of New (other than to Spam) records the time to
    first contact; a closed
    status records when it closed (retention counts from there). False when nothing changed."""
    if status not in LeadStatus.values:
        raise FollowUpError(f"Unknown status: {status}")
    now = now or timezone.now()
    with transaction.atomic():
        lead = Lead.objects.select_for_update().get(pk=lead.pk)
        if lead.status == status:
            return False
        previous = lead.get_status_display()
        lead.status = status
        fields = ["status", "closed_at"]
        # Marking spam is not contacting anyone, so it does not count as first contact.
        if status not in (LeadStatus.NEW, LeadStatus.SPAM) and lead.first_contacted_at is None:
            lead.first_contacted_at = now
            site = site_of(lead)
            lead.first_contact_opening_hours = opening_hours_between(
                lead.received_at,
                now,
                opening_schedule(site),
                closed_days(site, timezone.localdate(lead.received_at), timezone.localdate(now)),
            )
            fields += ["first_contacted_at", "first_contact_opening_hours"]
        lead.closed_at = None if status in OPEN_STATUSES else now
        lead.save(update_fields=fields)
        record_event(
            lead,
            LeadEventKind.STATUS,
            actor,
            summary=f"Status: {previous} → {lead.get_status_display()}",
            at=now,
        )
    return True


def mark_spam(lead: Lead, actor) -> bool:
    return change_status(lead, LeadStatus.SPAM, actor)


def mark_not_spam(lead: Lead, actor) -> bool:
    """Undo a spam mark: back to New when nobody had contacted the person yet, else Contacted."""
    current = Lead.objects.get(pk=lead.pk)
    if current.status != LeadStatus.SPAM:
        raise FollowUpError("This request is not marked as spam.")
    target = LeadStatus.CONTACTED if current.first_contacted_at else LeadStatus.NEW
    return change_status(current, target, actor)


def assign(lead: Lead, assignee, actor) -> bool:
    """Give the lead to an intake user (or to nobody). False when nothing changed."""
    if assignee is not None and not (
        assignee.is_active
        and (assignee.is_superuser or assignee.groups.filter(name=INTAKE_GROUP).exists())
    ):
        raise FollowUpError("Leads can only be assigned to active intake staff.")
    with transaction.atomic():
        lead = Lead.objects.select_for_update().get(pk=lead.pk)
        if lead.assigned_to_id == (assignee.pk if assignee else None):
            return False
        lead.assigned_to = assignee
        lead.save(update_fields=["assigned_to"])
        record_event(
            lead, LeadEventKind.ASSIGNED, actor, summary=f"Assigned to {user_label(assignee)}"
        )
    return True


def add_note(lead: Lead, text: str, actor) -> LeadEvent:
    text = (text or "").strip()
    if not text:
        raise FollowUpError("A note cannot be empty.")
    return record_event(lead, LeadEventKind.NOTE, actor, summary="Note added", note=text[:5000])


def set_next_follow_up(lead: Lead, day: datetime.date | None, actor) -> bool:
    with transaction.atomic():
        lead = Lead.objects.select_for_update().get(pk=lead.pk)
        if lead.next_follow_up_on == day:
            return False
        lead.next_follow_up_on = day
        lead.save(update_fields=["next_follow_up_on"])
        summary = f"Next follow-up: {day:%b %d, %Y}" if day else "Next follow-up cleared"
        record_event(lead, LeadEventKind.FOLLOW_UP, actor, summary=summary)
    return True


def record_view(lead: Lead, actor) -> None:
    record_event(lead, LeadEventKind.VIEWED, actor, summary="Opened the lead's page")


def record_export(queryset, actor, export_format: str, filters: str) -> LeadExportRecord:
    """One record of the export (who, when, which filter) and one timeline entry per lead in it,
    linked to the record so erasure can remove the search terms it holds. The filter string comes
    from the request: it is cleaned for its column like every stored request value."""
    now = timezone.now()
    lead_ids = list(queryset.order_by().values_list("pk", flat=True))
    with transaction.atomic():
        record = LeadExportRecord.objects.create(
            user=actor,
            created_at=now,
            export_format=export_format,
            row_count=len(lead_ids),
            **clean_for_storage(LeadExportRecord, {"filters": filters}),
        )
        summary = f"Included in export #{record.pk} ({export_format.upper()})"
        LeadEvent.objects.bulk_create(
            (
                LeadEvent(
                    lead_id=pk,
                    kind=LeadEventKind.EXPORTED,
                    actor=actor,
                    created_at=now,
                    summary=summary,
                    export_record=record,
                )
                for pk in lead_ids
            ),
            batch_size=2000,
        )
    return record
