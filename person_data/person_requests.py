"""A person's requests about their data: find every lead and inquiry of the person, give them a
copy of what we hold, erase all of it, and keep an audit of each step without the person's details.
The "Find a person" views (person_data.admin.views) and tests call these functions."""

import datetime
from dataclasses import dataclass

from django.db import transaction
from django.db.models import Count, F, Q, Value
from django.db.models.functions import Concat
from django.utils import timezone

from calls.availability import clinic_zone
from leads import follow_up, recipients
from leads.first_touch import UTM_FIELDS
from leads.models import Inquiry, Lead, LeadEvent, LeadEventKind, normalise_email
from person_data import retention
from person_data.deliveries import confirmations_answering
from person_data.models import PersonDataAction, PersonDataAuditRecord, PersonRequest

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
class MatchedRecord:
    """One record of a lead that matched the search: the lead's own details (its first
    submission, which also holds the lead-level data) or one inquiry."""

    label: str
    on_email: bool
    on_phone: bool


OWN_DETAILS = "the request's own details"


@dataclass(frozen=True)
class PersonMatch:
    """One lead of the searched person, and which of its records matched which detail. The lead
    is the person's on both details only when one record matches both: an email in one inquiry and
    the phone in another are two people until staff check."""

    lead: Lead
    records: tuple[MatchedRecord, ...]

    @property
    def on_email(self) -> bool:
        return any(record.on_email for record in self.records)

    @property
    def on_phone(self) -> bool:
        return any(record.on_phone for record in self.records)

    @property
    def on_both(self) -> bool:
        return any(record.on_email and record.on_phone for record in self.records)

    @property
    def on_one_field_only(self) -> bool:
        return not self.on_both

    @property
    def matched_on(self) -> str:
        if self.on_both:
            both = next(r for r in self.records if r.on_email and r.on_phone)
            return "Email and phone" + ("" if both.label == OWN_DETAILS else f", in {both.label}")
        by_email = labels_of(r for r in self.records if r.on_email)
        by_phone = labels_of(r for r in self.records if r.on_phone)
        if by_email and by_phone:
            return (
                f"Email ({by_email}) and phone ({by_phone}), in different records: "
                "possibly two people"
            )
        if by_email:
            return f"Email only ({by_email})"
        return f"Phone only ({by_phone})"


def labels_of(records) -> str:
    return ", ".join(dict.fromkeys(record.label for record in records))


def find_person(email: str = "", phone: str = "") -> list[PersonMatch]:
    """Every lead that is not yet anonymised whose own details or any of whose inquiries match the
    email (by its mailbox key, as repeat requests match) or the phone (E.164, as stored), newest
    first, with which record matched which detail. An empty email or phone matches nothing."""
    email_key = normalise_email(email)
    phone = str(phone or "")
    wanted = Q(pk__in=[])
    if email_key:
        wanted |= Q(email_key=email_key)
    if phone:
        wanted |= Q(phone=phone)
    found: dict[int, list[MatchedRecord]] = {}
    columns = ("email_key", "phone")
    for pk, key, number in Lead.objects.filter(wanted, anonymised_at__isnull=True).values_list(
        "pk", *columns
    ):
        found.setdefault(pk, []).append(
            MatchedRecord(OWN_DETAILS, bool(email_key) and key == email_key, number == phone != "")
        )
    own_details = {pk: record for pk, (record,) in found.items()}
    for pk, lead_id, key, number in (
        Inquiry.objects.filter(wanted, lead__anonymised_at__isnull=True)
        .order_by("received_at", "pk")
        .values_list("pk", "lead_id", *columns)
    ):
        record = MatchedRecord(
            f"inquiry #{pk}", bool(email_key) and key == email_key, number == phone != ""
        )
        # A lead's first inquiry repeats its own details: an inquiry that matches just as the
        # lead's own details do adds nothing for staff to check.
        own = own_details.get(lead_id)
        if own is None or (own.on_email, own.on_phone) != (record.on_email, record.on_phone):
            found.setdefault(lead_id, []).append(record)
    leads = (
        Lead.objects.filter(pk__in=found)
        .select_related("source_page")
        .annotate(inquiry_count=Count("inquiries"))
    )
    return [
        PersonMatch(lead=lead, records=tuple(found[lead.pk]))
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


def chosen_leads(lead_ids, lock: bool = False) -> list[Lead]:
    """The ticked leads that still hold personal data, oldest first; locked for an erasure, so a
    repeat request cannot attach to one while it is being split and erased."""
    chosen = Lead.objects.filter(
        pk__in=[pk for pk in lead_ids if str(pk).isdigit()], anonymised_at__isnull=True
    ).order_by("received_at", "pk")
    # FOR UPDATE cannot lock the nullable side of the source page's outer join (PostgreSQL).
    leads = list(chosen.select_for_update() if lock else chosen.select_related("source_page"))
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
        agreements.append(record.email_key == email_key)
    if phone and record.phone:
        agreements.append(str(record.phone) == phone)
    return bool(agreements) and all(agreements)


@dataclass(frozen=True)
class PersonsPart:
    """What one lead holds of the searched person: the lead itself when its own details are theirs
    (and with it the lead-level data: urgency, crisis phrases, consent, status history, notes),
    and their own inquiries; never another person's."""

    lead: Lead
    owns_lead: bool
    inquiries: tuple[Inquiry, ...]

    @property
    def others_inquiries(self):
        """The inquiries of this lead that are someone else's."""
        mine = {inquiry.pk for inquiry in self.inquiries}
        return self.lead.inquiries.exclude(pk__in=mine).order_by("received_at", "pk")


def persons_part(lead: Lead, email_key: str, phone: str) -> PersonsPart:
    """Split a lead's records into the searched person's and everyone else's. When the lead is
    theirs, its email address is theirs too, even if staff searched by phone alone: an inquiry
    with another address came from someone sharing the phone, as repeat matching already marks it.
    A phone is not carried over the same way: a family shares one, a person may change theirs."""
    owns = is_theirs(lead, email_key, phone)
    if owns:
        email_key = email_key or lead.email_key
    inquiries = tuple(
        inquiry
        for inquiry in lead.inquiries.select_related("source_page").order_by("received_at", "pk")
        if is_theirs(inquiry, email_key, phone)
    )
    return PersonsPart(lead=lead, owns_lead=owns, inquiries=inquiries)


def parts_of_person(leads, email: str, phone: str) -> list[PersonsPart]:
    """The searched person's part of each ticked lead. The searched details are what tell their
    records from those of someone sharing a phone, so they are required, and a ticked lead that
    holds nothing of theirs is refused rather than touched."""
    email_key, phone = normalise_email(email), str(phone or "")
    if not email_key and not phone:
        raise PersonRequestError(
            "Find the person again by their email address or phone number: the search tells their "
            "records from those of someone who shares a phone or an address."
        )
    parts = [persons_part(lead, email_key, phone) for lead in leads]
    strangers = [part.lead.pk for part in parts if not part.owns_lead and not part.inquiries]
    if strangers:
        numbers = ", ".join(f"#{pk}" for pk in strangers)
        raise PersonRequestError(
            f"Contact request {numbers} holds no record with the details searched for: it is "
            "someone else's. Untick it, or search with the details the person gave in it."
        )
    return parts


def submission_copy(record) -> dict:
    """What the person typed and where they came from, for a lead or one of its inquiries."""
    return {
        "full_name": record.full_name,
        "email": record.email,
        "phone": str(record.phone or ""),
        "preferred_contact_method": record.get_preferred_contact_method_display(),
        "best_time": record.best_time,
        "message": record.message,
        "language": record.get_language_display(),
        "first_touch": first_touch_of(record),
        "network_address_code": record.client_address_hash,
        "self_check": record.self_check or {},
    }


def emails_sent_to(part: PersonsPart) -> list:
    """The confirmations that answered the person's own submissions (and, on their own lead,
    those sent to their address before confirmations named the inquiry they answered)."""
    addresses = None
    if part.owns_lead:
        addresses = {part.lead.email_key} | {inquiry.email_key for inquiry in part.inquiries}
    return confirmations_answering(part.lead, [inquiry.pk for inquiry in part.inquiries], addresses)


def calls_copy(lead: Lead) -> list[dict]:
    """The lead's calls: when (in the clinic's time zone, the one the clinic told them), how each
    went, and who called, by role. Only for the person's own lead: the call was booked through
    the lead's own link or by staff for its owner, never for someone who shared their phone."""
    return [
        {
            "starts_at": call.starts_at.astimezone(clinic_zone()).isoformat(timespec="minutes"),
            "ends_at": call.ends_at.astimezone(clinic_zone()).isoformat(timespec="minutes"),
            "status": call.get_status_display(),
            "booked_by": call.get_booked_by_display(),
            "booked_at": moment(call.booked_at),
            "called_by": role_of(call.staff),
        }
        for call in lead.calls.select_related("staff").order_by("starts_at", "pk")
    ]


def lead_copy(part: PersonsPart) -> dict:
    """Everything we hold on one lead about the person. On their own lead: their submissions, the
    emails sent to them, its consent, urgency, status history and calls. On a lead that is someone
    else's (they shared a phone): only their own inquiries and the emails that answered them,
    nothing of the lead's owner. Staff notes, staff names and other people's submissions are
    always left out."""
    lead = part.lead
    inquiries = [
        {
            "received_at": moment(inquiry.received_at),
            "consent_version": inquiry.consent_version,
            **submission_copy(inquiry),
        }
        for inquiry in part.inquiries
    ]
    emails = [
        {
            "kind": delivery.get_kind_display(),
            "created_at": moment(delivery.created_at),
            "status": delivery.get_status_display(),
            "sent_at": moment(delivery.sent_at),
        }
        for delivery in emails_sent_to(part)
    ]
    if not part.owns_lead:
        return {
            "number": lead.pk,
            "received_at": moment(part.inquiries[0].received_at),
            "your_own_requests_only": True,
            "inquiries": inquiries,
            "emails_sent_to_you": emails,
        }
    events = lead.events.filter(kind__in=HISTORY_KINDS).select_related("actor")
    return {
        "number": lead.pk,
        "received_at": moment(lead.received_at),
        "your_own_requests_only": False,
        "status": lead.get_status_display(),
        "closed_at": moment(lead.closed_at),
        "details": submission_copy(lead),
        "marked_urgent": lead.is_urgent,
        "crisis_phrases_found": list(lead.crisis_phrases or []),
        "consent": {"version": lead.consent_version, "given_at": moment(lead.consented_at)},
        "inquiries": inquiries,
        "status_history": [
            {
                "at": moment(event.created_at),
                "what": history_summary(event),
                "by": role_of(event.actor),
            }
            for event in events
        ],
        "calls": calls_copy(lead),
        "emails_sent_to_you": emails,
    }


def person_copy(
    lead_ids, actor, reference: str, export_format: str, email: str = "", phone: str = ""
) -> dict:
    """The copy of what we hold on the ticked leads about the person searched for by email and
    phone, for the request with this reference: per record, so a lead that is someone else's gives
    only the person's own inquiries. Audited in the same transaction: one record, and an
    "exported" entry on each lead's timeline."""
    person_request = person_request_for(reference)
    parts = parts_of_person(chosen_leads(lead_ids), email, phone)
    leads = [part.lead for part in parts]
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
        "clinic_time_zone": clinic_zone().key,
        "contact_requests": [lead_copy(part) for part in parts],
    }


# Erasing the person -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Erasure:
    """What an erasure did: the leads it touched, and the other people's inquiries it moved to
    leads of their own first (inquiry id → new lead id), so that their requests are still
    followed up."""

    lead_ids: list[int]
    split_off: dict[int, int]


def erase_person_everywhere(
    lead_ids, actor, reference: str, email: str = "", phone: str = ""
) -> Erasure:
    """Erase the searched person's records from every ticked lead, in one transaction, and nobody
    else's:
    - a lead whose own details are theirs: any inquiry of someone else (a shared phone) is first
      split off to a lead of its own, still to be followed up, then the lead goes through
      retention.erase_person (personal fields, inquiries, notes, delivery recipients and errors;
      pending emails cancelled);
    - a lead that is someone else's: only the person's own inquiries are erased
      (retention.erase_inquiries); the owner's details, message and urgent mark stay.
    Their campaign values and landing pages go too. Each timeline's "erased" entry names the
    request."""
    person_request = person_request_for(reference)
    now = timezone.now()
    split_off = {}
    with transaction.atomic():
        leads = chosen_leads(lead_ids, lock=True)
        parts = parts_of_person(leads, email, phone)
        ids = [lead.pk for lead in leads]
        last_event_before = LeadEvent.objects.order_by("-pk").values_list("pk", flat=True).first()
        for part in parts:
            if part.owns_lead:
                for inquiry in part.others_inquiries:
                    split_off[inquiry.pk] = follow_up.split_inquiry(inquiry.pk, actor).pk
                retention.erase_person(part.lead, actor)
                Lead.objects.filter(pk=part.lead.pk).update(**CAMPAIGN_FIELDS)
                Inquiry.objects.filter(lead=part.lead).update(**CAMPAIGN_FIELDS)
            else:
                theirs = [inquiry.pk for inquiry in part.inquiries]
                retention.erase_inquiries(part.lead, theirs, actor, now)
                Inquiry.objects.filter(pk__in=theirs).update(**CAMPAIGN_FIELDS)
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
    return Erasure(lead_ids=ids, split_off=split_off)
