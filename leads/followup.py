"""Following a contact request up to its close: status changes, assignment, notes, follow-up dates,
repeat requests and their split-off, the timeline, escalation of unanswered requests, the daily
digest, retention and erasure. Admin views, Celery tasks and tests call these functions; each
change writes its timeline entry in the same transaction."""

import datetime
import logging
import statistics
from dataclasses import dataclass, field
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import Q
from django.http import QueryDict
from django.utils import timezone
from wagtail.models import Site

from leads.conf import leads_setting
from leads.confirmation_limits import confirmation_delivery
from leads.models import (
    OPEN_STATUSES,
    DeliveryStatus,
    EmailDelivery,
    EmailKind,
    Inquiry,
    Lead,
    LeadEvent,
    LeadEventKind,
    LeadExportRecord,
    LeadFollowUpSettings,
    LeadStatus,
    PersonRequest,
)
from leads.stored_values import clean_for_storage

logger = logging.getLogger(__name__)

INTAKE_GROUP = "Intake staff"
# The fields a submission carries, copied from an inquiry to the lead it starts.
SUBMISSION_FIELDS = (
    "full_name",
    "email",
    "phone",
    "preferred_contact_method",
    "best_time",
    "message",
    "consent_version",
    "source_page",
    "source_url",
    "landing_page",
    "referrer",
    "utm_source",
    "utm_medium",
    "utm_campaign",
    "utm_term",
    "utm_content",
    "client_address_hash",
    "received_at",
)


class FollowUpError(ValueError):
    """An action staff asked for that cannot be done (shown to them as a message)."""


def normalise_email(address: str) -> str:
    return (address or "").strip().lower()


def intake_users():
    """Active users who work leads: members of the Intake staff group."""
    return (
        get_user_model()
        .objects.filter(is_active=True, groups__name=INTAKE_GROUP)
        .distinct()
        .order_by("first_name", "last_name", "username")
    )


def assignable_users(current_assignee=None):
    """Who a lead can be assigned to: the intake users, and whoever holds it now."""
    users = intake_users()
    if current_assignee is None:
        return users
    return (
        get_user_model()
        .objects.filter(Q(pk__in=users.values("pk")) | Q(pk=current_assignee.pk))
        .order_by("first_name", "last_name", "username")
    )


def record_event(lead, kind, actor=None, summary="", note="", at=None) -> LeadEvent:
    return LeadEvent.objects.create(
        lead=lead,
        kind=kind,
        actor=actor,
        summary=summary[:300],
        note=note,
        created_at=at or timezone.now(),
    )


def user_label(user) -> str:
    if user is None:
        return "nobody"
    return user.get_full_name() or user.get_username()


# Repeat requests ----------------------------------------------------------------------------------


def find_open_lead_for(
    email: str, phone: str, received_at: datetime.datetime, exclude_pk: int | None = None
) -> Lead | None:
    """The most recent open lead of the last LEADS_REPEAT_WINDOW_DAYS with the same normalised
    email or the same phone number (phones are stored in E.164, so equal numbers compare equal)."""
    since = received_at - datetime.timedelta(days=int(leads_setting("LEADS_REPEAT_WINDOW_DAYS")))
    same_person = Q(email_key=normalise_email(email)) if email else Q(pk__in=[])
    if phone:
        same_person |= Q(phone=str(phone))
    candidates = Lead.objects.filter(
        same_person,
        status__in=OPEN_STATUSES,
        received_at__gte=since,
        anonymised_at__isnull=True,
    )
    if exclude_pk is not None:
        candidates = candidates.exclude(pk=exclude_pk)
    return candidates.order_by("-received_at", "-pk").select_for_update().first()


def inquiry_values(lead: Lead) -> dict:
    return {name: getattr(lead, name) for name in SUBMISSION_FIELDS}


def record_first_inquiry(lead: Lead) -> Inquiry:
    """Called by submit_lead for a new lead: its first inquiry and its timeline's first entry."""
    inquiry = Inquiry.objects.create(lead=lead, **inquiry_values(lead))
    record_event(
        lead,
        LeadEventKind.RECEIVED,
        summary="Request received from the website",
        at=lead.received_at,
    )
    return inquiry


def normalise_name(name: str) -> str:
    """A name compared loosely: any capitals, any spacing."""
    return " ".join((name or "").casefold().split())


def doubtful_match(lead: Lead, submission: dict) -> str:
    """Why a repeat request may come from someone else ("" when it looks like the same person):
    it matched on the phone number only, or it gives another name. Anyone can type someone
    else's phone number, so such a match is shown to staff, who can split it off."""
    reasons = []
    if lead.email_key != normalise_email(submission.get("email", "")):
        reasons.append("matched on the phone number only")
    if normalise_name(lead.full_name) != normalise_name(submission.get("full_name", "")):
        reasons.append("gave another name")
    return " and ".join(reasons)


def attach_repeat_request(
    lead: Lead, submission: dict, site: Site | None, crisis_phrases=()
) -> list[int]:
    """Called by submit_lead when the person already has an open lead: keep the submission as a
    new inquiry of that lead, note it on the timeline, and email the visitor's confirmation plus
    the assignee (or, while nobody is assigned, the staff list). Crisis phrases found in the new
    message make the lead urgent and alert the staff and urgent lists as an urgent first request
    would, before the confirmation. A match on the phone only, or under another name, is marked
    "possibly a different person" on the inquiry and the lead. The confirmation answers the new
    inquiry: it greets the name typed now and goes to the address typed now, never telling a
    stranger what the lead holds. Returns the ids of the deliveries to queue."""
    from leads.services import pending_ids, staff_alert_recipients

    doubt = doubtful_match(lead, submission)
    inquiry = Inquiry.objects.create(lead=lead, **submission, possibly_different_person=bool(doubt))
    summary = f"Asked again (inquiry #{inquiry.pk})"
    if doubt:
        summary += f": possibly a different person ({doubt})"
    record_event(lead, LeadEventKind.REPEAT_REQUEST, summary=summary, at=inquiry.received_at)
    changed = {}
    if doubt:
        lead.possibly_different_person = changed["possibly_different_person"] = True
    if crisis_phrases:
        lead.crisis_phrases = list(dict.fromkeys([*lead.crisis_phrases, *crisis_phrases]))
        lead.is_urgent = True
        changed.update(is_urgent=True, crisis_phrases=lead.crisis_phrases)
    if changed:
        Lead.objects.filter(pk=lead.pk).update(**changed)
    rows = []
    has_assignee = bool(lead.assigned_to_id and lead.assigned_to.email)
    if crisis_phrases or not has_assignee:
        rows += [
            EmailDelivery(lead=lead, kind=EmailKind.STAFF_NOTIFICATION, recipient=address)
            for address in staff_alert_recipients(lead, site)
        ]
    if has_assignee:
        rows.append(
            EmailDelivery(
                lead=lead,
                kind=EmailKind.REPEAT_REQUEST,
                recipient=lead.assigned_to.email,
                recipient_user=lead.assigned_to,
            )
        )
    confirmation = confirmation_delivery(lead, inquiry, inquiry.email)
    rows = [*rows, confirmation] if crisis_phrases else [confirmation, *rows]
    return pending_ids(EmailDelivery.objects.bulk_create(rows))


def split_inquiry(inquiry_id: int, actor) -> Lead:
    """Move a wrongly matched inquiry to a lead of its own (New, unassigned); both timelines say so."""
    with transaction.atomic():
        inquiry = Inquiry.objects.select_for_update().select_related("lead").get(pk=inquiry_id)
        old_lead = inquiry.lead
        if old_lead.inquiries.count() < 2:
            raise FollowUpError("This is the lead's only inquiry; there is nothing to split off.")
        values = {name: getattr(inquiry, name) for name in SUBMISSION_FIELDS}
        new_lead = Lead.objects.create(
            **values,
            consented_at=inquiry.received_at,
            email_key=normalise_email(inquiry.email),
        )
        inquiry.lead = new_lead
        inquiry.possibly_different_person = False
        inquiry.save(update_fields=["lead", "possibly_different_person"])
        # The mark stays only while another doubtful inquiry remains.
        Lead.objects.filter(pk=old_lead.pk).update(
            possibly_different_person=old_lead.inquiries.filter(
                possibly_different_person=True
            ).exists()
        )
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


# Staff actions ------------------------------------------------------------------------------------


def change_status(lead: Lead, status: str, actor, now: datetime.datetime | None = None) -> bool:
    """Set a lead's status. The first move out of New (other than to Spam) records the time to
    first contact; a closed
    status records when it closed (retention counts from there). False when nothing changed."""
    from leads.services import site_of

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
            lead.first_contact_opening_hours = opening_hours_between(
                lead.received_at, now, opening_schedule(site_of(lead))
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


@dataclass(frozen=True)
class TimelineEntry:
    """One line of a lead's timeline, from its events and its email deliveries."""

    at: datetime.datetime
    label: str
    summary: str
    actor: str
    note: str = ""
    kind: str = ""

    @property
    def is_page_view(self) -> bool:
        return self.kind == LeadEventKind.VIEWED


def lead_timeline(lead: Lead) -> list[TimelineEntry]:
    """Everything that happened to the lead, newest first: staff read the latest news at the top."""
    entries = [
        TimelineEntry(
            event.created_at,
            event.get_kind_display(),
            event.summary,
            user_label(event.actor) if event.actor_id else "System",
            event.note,
            event.kind,
        )
        for event in lead.events.select_related("actor")
    ]
    for delivery in lead.deliveries.all():
        entries.append(
            TimelineEntry(
                delivery.created_at,
                "Email",
                f"{delivery.get_kind_display()}: {delivery.get_status_display().lower()}"
                + (
                    f", sent {timezone.localtime(delivery.sent_at):%b %d, %Y %H:%M}"
                    if delivery.sent_at
                    else ""
                ),
                "System",
                kind="email",
            )
        )
    return sorted(entries, key=lambda entry: entry.at, reverse=True)


# Opening hours and escalation ---------------------------------------------------------------------


def opening_schedule(site: Site | None) -> dict[int, tuple[datetime.time, datetime.time]]:
    follow_up = LeadFollowUpSettings.for_site(site) if site else LeadFollowUpSettings()
    return follow_up.weekly_hours()


def add_opening_hours(
    start: datetime.datetime,
    hours: float | Decimal,
    schedule: dict[int, tuple[datetime.time, datetime.time]],
) -> datetime.datetime | None:
    """The moment `hours` of opening time have passed since `start`, in the clinic's time zone
    (each day's opening is taken as local wall-clock time, so daylight saving needs no care).
    None when the clinic has no opening hours at all."""
    # Written by hand: a business-hours library (businesstimedelta, workalendar) would add a
    # dependency for these few lines and still need adapting to per-site weekday windows.
    if not schedule:
        return None
    zone = timezone.get_current_timezone()
    remaining = datetime.timedelta(hours=float(hours))
    cursor = timezone.localtime(start, zone)
    # Two weeks always contain an opening when the schedule has one; the bound keeps a
    # mistaken schedule from looping forever.
    for _ in range(15):
        day = cursor.date()
        if day.weekday() in schedule:
            opens, closes = schedule[day.weekday()]
            window_start = max(cursor, datetime.datetime.combine(day, opens, zone))
            window_end = datetime.datetime.combine(day, closes, zone)
            if window_start < window_end:
                available = window_end - window_start
                if remaining <= available:
                    return window_start + remaining
                remaining -= available
        cursor = datetime.datetime.combine(day + datetime.timedelta(days=1), datetime.time(0), zone)
    return None


def opening_hours_between(
    start: datetime.datetime,
    end: datetime.datetime,
    schedule: dict[int, tuple[datetime.time, datetime.time]],
) -> float | None:
    """How many opening hours passed from `start` to `end`, in the clinic's time zone: the inverse
    of add_opening_hours, for the time to first contact. None when the clinic has no opening
    hours at all."""
    if not schedule:
        return None
    zone = timezone.get_current_timezone()
    start, end = timezone.localtime(start, zone), timezone.localtime(end, zone)
    total = datetime.timedelta()
    day = start.date()
    while day <= end.date():
        if day.weekday() in schedule:
            opens, closes = schedule[day.weekday()]
            window_start = max(start, datetime.datetime.combine(day, opens, zone))
            window_end = min(end, datetime.datetime.combine(day, closes, zone))
            if window_start < window_end:
                total += window_end - window_start
        day += datetime.timedelta(days=1)
    return total.total_seconds() / 3600


def escalation_due_at(lead: Lead, site: Site | None, follow_up=None) -> datetime.datetime | None:
    follow_up = follow_up or (
        LeadFollowUpSettings.for_site(site) if site else LeadFollowUpSettings()
    )
    return add_opening_hours(
        lead.received_at, follow_up.escalate_after_hours, follow_up.weekly_hours()
    )


def escalate_unanswered(now: datetime.datetime | None = None) -> list[int]:
    """Alert the staff list, once per lead, about requests still New past the allowed opening
    hours. The lead's escalated_at is set by a conditional UPDATE and each email has a unique key,
    so overlapping runs never send twice. Returns the ids of the leads escalated."""
    from leads.services import queue_deliveries, site_of, staff_recipients

    now = now or timezone.now()
    escalated = []
    settings_by_site = {}
    candidates = Lead.objects.filter(
        status=LeadStatus.NEW, escalated_at__isnull=True, anonymised_at__isnull=True
    ).select_related("source_page")
    for lead in candidates.iterator():
        site = site_of(lead)
        key = site.pk if site else None
        if key not in settings_by_site:
            settings_by_site[key] = (
                LeadFollowUpSettings.for_site(site) if site else LeadFollowUpSettings()
            )
        due_at = escalation_due_at(lead, site, settings_by_site[key])
        if due_at is None or now < due_at:
            continue
        with transaction.atomic():
            taken = Lead.objects.filter(
                pk=lead.pk, status=LeadStatus.NEW, escalated_at__isnull=True
            ).update(escalated_at=now)
            if not taken:
                continue
            delivery_ids = []
            for address in staff_recipients(site):
                delivery, _ = EmailDelivery.objects.get_or_create(
                    dedupe_key=f"escalation:{lead.pk}:{address}",
                    defaults={"lead": lead, "kind": EmailKind.ESCALATION, "recipient": address},
                )
                delivery_ids.append(delivery.pk)
            record_event(
                lead,
                LeadEventKind.ESCALATED,
                summary="Still New after the allowed opening hours: staff list alerted",
                at=now,
            )
            transaction.on_commit(lambda ids=delivery_ids: queue_deliveries(ids), robust=True)
        escalated.append(lead.pk)
    if escalated:
        logger.warning("Escalated %s unanswered lead(s): %s", len(escalated), escalated)
    return escalated


# The daily digest ---------------------------------------------------------------------------------


@dataclass
class Digest:
    """What one intake user has to do today."""

    user: object
    due: list = field(default_factory=list)
    unassigned: list = field(default_factory=list)
    # Their open person requests (see or erase data) due within a week, or overdue.
    person_requests: list = field(default_factory=list)

    @property
    def is_empty(self) -> bool:
        return not self.due and not self.unassigned and not self.person_requests


def digest_for(user, today: datetime.date) -> Digest:
    open_leads = Lead.objects.filter(status__in=OPEN_STATUSES, anonymised_at__isnull=True)
    due = list(
        open_leads.filter(assigned_to=user, next_follow_up_on__lte=today).order_by(
            "next_follow_up_on", "received_at"
        )
    )
    unassigned = list(
        open_leads.filter(status=LeadStatus.NEW, assigned_to__isnull=True).order_by(
            "-is_urgent", "received_at"
        )
    )
    person_requests = list(PersonRequest.objects.due_for_reminder(user, today))
    return Digest(user=user, due=due, unassigned=unassigned, person_requests=person_requests)


def send_daily_digests(today: datetime.date | None = None) -> list[int]:
    """One digest email per intake user who has something to do; none for a user with nothing.
    Each is keyed by user and day, so a second run the same day sends nothing more."""
    from leads.services import queue_deliveries

    today = today or timezone.localdate()
    delivery_ids = []
    for user in intake_users().exclude(email=""):
        if digest_for(user, today).is_empty:
            continue
        delivery, created = EmailDelivery.objects.get_or_create(
            dedupe_key=f"digest:{today.isoformat()}:{user.pk}",
            defaults={"kind": EmailKind.DIGEST, "recipient": user.email, "recipient_user": user},
        )
        if created:
            delivery_ids.append(delivery.pk)
    transaction.on_commit(lambda: queue_deliveries(delivery_ids), robust=True)
    return delivery_ids


# Dashboard figures --------------------------------------------------------------------------------


@dataclass(frozen=True)
class WorkSummary:
    new_today: int
    unassigned: int
    overdue: int
    median_first_contact: datetime.timedelta | None


def work_summary(now: datetime.datetime | None = None) -> WorkSummary:
    now = now or timezone.now()
    today = timezone.localdate(now)
    start_of_today = datetime.datetime.combine(
        today, datetime.time(0), timezone.get_current_timezone()
    )
    open_leads = Lead.objects.filter(status__in=OPEN_STATUSES)
    durations = [
        (contacted - received).total_seconds()
        for received, contacted in Lead.objects.filter(
            first_contacted_at__isnull=False,
            received_at__gte=now - datetime.timedelta(days=30),
        ).values_list("received_at", "first_contacted_at")
    ]
    return WorkSummary(
        new_today=Lead.objects.filter(received_at__gte=start_of_today)
        .exclude(status=LeadStatus.SPAM)
        .count(),
        unassigned=open_leads.filter(assigned_to__isnull=True).count(),
        overdue=open_leads.filter(next_follow_up_on__lt=today).count(),
        median_first_contact=(
            datetime.timedelta(seconds=statistics.median(durations)) if durations else None
        ),
    )


# Retention and erasure ----------------------------------------------------------------------------

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


# What an export record keeps of a search once the person it may name is erased.
REMOVED_SEARCH = "(removed)"


def strip_personal_data(lead_ids, now: datetime.datetime) -> None:
    """Remove the personal data of these leads, their inquiries, notes and email addresses, the
    health signals (crisis phrases, the urgent mark) and the search terms of the exports that held
    them; keep the counts and sources (status, dates, source page, campaign) the reports need."""
    Lead.objects.filter(pk__in=lead_ids).update(
        **PERSONAL_FIELDS,
        email_key="",
        anonymised_at=now,
        is_urgent=False,
        crisis_phrases=[],
    )
    Inquiry.objects.filter(lead_id__in=lead_ids).update(**PERSONAL_FIELDS)
    LeadEvent.objects.filter(lead_id__in=lead_ids).exclude(note="").update(
        note="", summary="Note removed with the personal data"
    )
    forget_export_search_terms(
        LeadExportRecord.objects.filter(
            pk__in=LeadEvent.objects.filter(
                lead_id__in=lead_ids, kind=LeadEventKind.EXPORTED, export_record__isnull=False
            ).values("export_record")
        )
    )
    EmailDelivery.objects.filter(lead_id__in=lead_ids).update(
        recipient="", recipient_key="", last_error=""
    )
    EmailDelivery.objects.filter(
        lead_id__in=lead_ids, status__in=[DeliveryStatus.PENDING, DeliveryStatus.SENDING]
    ).update(status=DeliveryStatus.FAILED, last_error="Cancelled: personal data removed")


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


def purge_expired_leads(now: datetime.datetime | None = None, batch_size: int = 500) -> int:
    """Anonymise leads closed for longer than LEADS_RETENTION_DAYS, and remove the search terms
    of exports older than that (a search that matched nobody named someone all the same). Returns
    how many leads."""
    now = now or timezone.now()
    cutoff = now - datetime.timedelta(days=int(leads_setting("LEADS_RETENTION_DAYS")))
    forget_export_search_terms(LeadExportRecord.objects.filter(created_at__lt=cutoff))
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
