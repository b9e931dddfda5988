"""A person's requests about their data: find every lead and inquiry of the person, give them a
copy of what we hold, erase all of it, and keep an audit of each step without the person's details.
The "Find a person" views (leads.admin.person) and tests call these functions."""

import datetime
from dataclasses import dataclass

from django.db import transaction
from django.db.models import Count, F, Value
from django.db.models.functions import Concat, Lower, Trim
from django.utils import timezone

from leads import recipients, retention
from leads.first_touch import UTM_FIELDS
from leads.models import (
    EmailKind,
    Inquiry,
    Lead,
    LeadEvent,
    LeadEventKind,
    PersonDataAction,
    PersonDataAuditRecord,
    PersonRequest,
    normalise_email,
)

# Erasure also clears what a campaign link can carry (a name in utm_content, an address in the
# landing page's query); retention keeps the UTM values, because it only ages data out.
CAMPAIGN_FIELDS = {"landing_page": "", **dict.fromkeys(UTM_FIELDS, "")}

# The timeline entries a copy shows, with what they say; notes, splits and views are left out
# (notes can name other people, a split names another person's request).
HISTORY_KINDS = (
    LeadEventKind.RECEIVED,
    LeadEventKind.REPEAT_REQUEST,
    LeadEventKind.STATUS,
    LeadEventKind.ASSIGNED,
    LeadEventKind.FOLLOW_UP,
    LeadEventKind.ESCALATED,
)


class PersonRequestError(ValueError):
    """A copy or an erasure staff asked for that cannot be done (shown to them as a message)."""


# Finding a person ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class PersonMatch:
    """One lead of the searched person, and which of the entered details it matched."""

    lead: Lead
    on_email: bool
    on_phone: bool

    @property
    def matched_on(self) -> str:
        if self.on_email and self.on_phone:
            return "Email and phone"
        return "Email only" if self.on_email else "Phone only"

    @property
    def on_one_field_only(self) -> bool:
        return not (self.on_email and self.on_phone)


def find_person(email: str = "", phone: str = "") -> list[PersonMatch]:
    """Every lead that is not yet anonymised whose own details or any of whose inquiries match the
    email (normalised as repeat requests normalise it) or the phone (E.164, as stored), newest
    first. An empty email or phone matches nothing."""
    email_key = normalise_email(email)
    phone = str(phone or "")
    by_email, by_phone = set(), set()
    live_leads = Lead.objects.filter(anonymised_at__isnull=True)
    live_inquiries = Inquiry.objects.filter(lead__anonymised_at__isnull=True)
    if email_key:
        by_email |= set(live_leads.filter(email_key=email_key).values_list("pk", flat=True))
        by_email |= set(
            live_inquiries.annotate(email_key=Lower(Trim("email")))
            .filter(email_key=email_key)
            .values_list("lead_id", flat=True)
        )
    if phone:
        by_phone |= set(live_leads.filter(phone=phone).values_list("pk", flat=True))
        by_phone |= set(live_inquiries.filter(phone=phone).values_list("lead_id", flat=True))
    leads = (
        Lead.objects.filter(pk__in=by_email | by_phone)
        .select_related("source_page")
        .annotate(inquiry_count=Count("inquiries"))
    )
    return [
        PersonMatch(lead=lead, on_email=lead.pk in by_email, on_phone=lead.pk in by_phone)
        for lead in leads.order_by("-received_at", "-pk")
    ]


def record_search(actor, matches: list[PersonMatch]) -> PersonDataAuditRecord:
    """Audit one search: who, when and which leads it showed; never what was searched for."""
    return PersonDataAuditRecord.objects.create(
        user=actor,
        action=PersonDataAction.SEARCH,
        lead_ids=sorted(match.lead.pk for match in matches),
    )


def person_request_for(reference: str) -> PersonRequest:
    """The recorded request a copy or an erasure is made under; every one needs one, so that its
    due date is tracked and the audit says why the data was touched."""
    reference = (reference or "").strip()
    if not reference:
        raise PersonRequestError("Enter the reference of the person's request.")
    person_request = PersonRequest.objects.filter(reference__iexact=reference).first()
    if person_request is None:
        raise PersonRequestError(
            f"No person request has the reference {reference!r}. Record the request under "
            "Person requests first, then use its reference here."
        )
    return person_request


def chosen_leads(lead_ids) -> list[Lead]:
    leads = list(
        Lead.objects.filter(pk__in=lead_ids, anonymised_at__isnull=True)
        .select_related("source_page")
        .order_by("received_at", "pk")
    )
    if not leads:
        raise PersonRequestError("Tick at least one contact request of the person.")
    return leads


# A copy for the person ----------------------------------------------------------------------------


def role_of(user) -> str:
    """A staff member as the person may see them: by role, never by name."""
    if user is None:
        return "System"
    if user.is_superuser:
        return "Administrator"
    if user.groups.filter(name=recipients.INTAKE_GROUP).exists():
        return "Intake staff"
    return "Clinic staff"


def moment(value: datetime.datetime | None) -> str:
    return timezone.localtime(value).isoformat(timespec="minutes") if value else ""


def first_touch_of(record) -> dict:
    """Where a lead or inquiry came from: the page, the first page of the visit, the referrer and
    the campaign values."""
    page = record.source_page
    return {
        "source_page": page.title if page else "",
        "source_address": record.source_url,
        "landing_page": record.landing_page,
        "referrer": record.referrer,
        **{name: getattr(record, name) for name in UTM_FIELDS},
    }


def history_summary(event: LeadEvent) -> str:
    if event.kind == LeadEventKind.ASSIGNED:
        # The summary names the assignee; the person learns only that someone took it on.
        nobody = event.summary.endswith(" nobody")
        return "No longer assigned" if nobody else "Assigned to a member of the intake team"
    return event.summary


def is_theirs(record, email_key: str, phone: str) -> bool:
    """Whether a lead's or inquiry's own details are the searched person's: at least one of the
    searched details agrees, and none it holds disagrees. A relative who wrote from the same family
    phone with their own email (and was attached as a repeat request) is not the person."""
    agreements = []
    if email_key and record.email:
        agreements.append(normalise_email(record.email) == email_key)
    if phone and record.phone:
        agreements.append(str(record.phone) == phone)
    return bool(agreements) and all(agreements)


def submission_copy(record) -> dict:
    """What the person typed and where they came from, for a lead or one of its inquiries."""
    return {
        "full_name": record.full_name,
        "email": record.email,
        "phone": str(record.phone or ""),
        "preferred_contact_method": record.get_preferred_contact_method_display(),
        "best_time": record.best_time,
        "message": record.message,
        "first_touch": first_touch_of(record),
        "network_address_code": record.client_address_hash,
    }


def lead_copy(lead: Lead, email_key: str, phone: str) -> dict:
    """Everything we hold on one lead of the person: their own submissions and the emails sent to
    them, its consent, urgency and status history; staff notes, staff names and other people's
    submissions left out."""
    inquiries = [
        inquiry
        for inquiry in lead.inquiries.select_related("source_page").order_by("received_at", "pk")
        if is_theirs(inquiry, email_key, phone)
    ]
    their_addresses = {email_key} | {normalise_email(item.email) for item in inquiries}
    emails = [
        delivery
        for delivery in lead.deliveries.filter(kind=EmailKind.CONFIRMATION).order_by(
            "created_at", "pk"
        )
        if normalise_email(delivery.recipient) in their_addresses
    ]
    events = lead.events.filter(kind__in=HISTORY_KINDS).select_related("actor")
    return {
        "number": lead.pk,
        "received_at": moment(lead.received_at),
        "status": lead.get_status_display(),
        "closed_at": moment(lead.closed_at),
        # The lead's own details are its first submission; shown only when that was theirs.
        "details": submission_copy(lead) if is_theirs(lead, email_key, phone) else None,
        "marked_urgent": lead.is_urgent,
        "crisis_phrases_found": list(lead.crisis_phrases or []),
        "consent": {"version": lead.consent_version, "given_at": moment(lead.consented_at)},
        "inquiries": [
            {
                "received_at": moment(inquiry.received_at),
                "consent_version": inquiry.consent_version,
                **submission_copy(inquiry),
            }
            for inquiry in inquiries
        ],
        "status_history": [
            {
                "at": moment(event.created_at),
                "what": history_summary(event),
                "by": role_of(event.actor),
            }
            for event in events
        ],
        "emails_sent_to_you": [
            {
                "kind": delivery.get_kind_display(),
                "created_at": moment(delivery.created_at),
                "status": delivery.get_status_display(),
                "sent_at": moment(delivery.sent_at),
            }
            for delivery in emails
        ],
    }


def person_copy(
    lead_ids, actor, reference: str, export_format: str, email: str = "", phone: str = ""
) -> dict:
    """The copy of everything we hold on the ticked leads about the person searched for by email
    and phone, for the request with this reference. Audited in the same transaction: one record,
    and an "exported" entry on each lead's timeline."""
    person_request = person_request_for(reference)
    leads = chosen_leads(lead_ids)
    now = timezone.now()
    with transaction.atomic():
        PersonDataAuditRecord.objects.create(
            user=actor,
            created_at=now,
            action=PersonDataAction.COPY,
            export_format=export_format,
            reference=person_request.reference,
            lead_ids=[lead.pk for lead in leads],
        )
        summary = (
            f"Included in a copy for the person ({export_format.upper()}), "
            f"request {person_request.reference}"
        )
        LeadEvent.objects.bulk_create(
            LeadEvent(
                lead=lead, kind=LeadEventKind.EXPORTED, actor=actor, created_at=now, summary=summary
            )
            for lead in leads
        )
    return {
        "reference": person_request.reference,
        "request_received_on": person_request.received_on.isoformat(),
        "prepared_at": moment(now),
        "prepared_by": role_of(actor),
        "contact_requests": [
            lead_copy(lead, normalise_email(email), str(phone or "")) for lead in leads
        ],
    }


# Erasing the person -------------------------------------------------------------------------------


def erase_person_everywhere(lead_ids, actor, reference: str) -> list[int]:
    """Erase the person from every ticked lead in one transaction: each goes through
    retention.erase_person (personal fields, inquiries, notes, delivery recipients and errors;
    pending emails cancelled), then loses its campaign values and landing pages too. Each lead's
    "erased" entry names the request. Returns the ids erased."""
    person_request = person_request_for(reference)
    now = timezone.now()
    with transaction.atomic():
        leads = chosen_leads(lead_ids)
        ids = [lead.pk for lead in leads]
        last_event_before = LeadEvent.objects.order_by("-pk").values_list("pk", flat=True).first()
        for lead in leads:
            retention.erase_person(lead, actor)
        Lead.objects.filter(pk__in=ids).update(**CAMPAIGN_FIELDS)
        Inquiry.objects.filter(lead_id__in=ids).update(**CAMPAIGN_FIELDS)
        LeadEvent.objects.filter(
            lead_id__in=ids, kind=LeadEventKind.ERASED, pk__gt=last_event_before or 0
        ).update(summary=Concat(F("summary"), Value(f" (reference {person_request.reference})")))
        PersonDataAuditRecord.objects.create(
            user=actor,
            created_at=now,
            action=PersonDataAction.ERASE,
            reference=person_request.reference,
            lead_ids=ids,
        )
    return ids
