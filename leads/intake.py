"""Intake: saving a contact request. A new person gets a lead with its first inquiry; the same
person asking again while their lead is open gets a new inquiry of that lead. Either way the
emails are outbox rows saved in the same transaction and queued after the commit (outbox.queue)."""

import datetime
import logging

from django.conf import settings
from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone
from django.utils.crypto import salted_hmac
from django.utils.translation import get_supported_language_variant
from wagtail.models import Site

from leads.conf import leads_setting
from leads.crisis import find_crisis_phrases
from leads.models import (
    SUBMISSION_FIELDS,
    Inquiry,
    Lead,
    LeadEmailKind,
    LeadEventKind,
    TrappedSubmissionCount,
    normalise_email,
    record_event,
)
from leads.recipients import crisis_phrase_list, site_of, site_of_page, staff_alert_recipients
from leads.stored_values import clean_for_storage
from outbox.models import DeliveryStatus, EmailDelivery
from outbox.queue import Email, enqueue

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
    self_check: dict | None = None,
    urgent_reasons: tuple[str, ...] = (),
    language: str = "",
) -> Lead:
    """Save one contact request and its pending email deliveries in one transaction; the outbox
        queues the deliveries once it is committed. When the same person (email or phone) has an open lead of
        the last LEADS_REPEAT_WINDOW_DAYS, the request becomes a new inquiry of that lead, which is
        returned (see attach_repeat_request); otherwise a new lead with its first inquiry. Either way the
    returned lead's `sent_inquiry` is this submission's inquiry.

        `details` holds the form's cleaned values (full_name, email, phone, preferred_contact_method,
        best_time, message). Every text value, typed or captured (first touch, source address), is
        cleaned for its column in leads.stored_values before anything is saved, so no crafted value can
        make the save fail. A failure after the commit never undoes the save nor reaches the visitor:
        the callback is robust (logged, not raised), and the sweep sends what was not queued.

        `self_check` is what another app attaches with the visitor's consent: `summary` (the
        self-check's questions, answers and result as staff-readable labels), `meets_threshold` and
        `safety_flag`; they are stored on the lead or inquiry like the rest of the submission.
        `urgent_reasons` make the request urgent on the same path as a crisis phrase in the message
        (staff alerted at once, urgent list, top of the work list); they are short staff-facing
        labels, never the visitor's words. `language` is the request's active language (the site's
        language the visitor read the form in); it is stored as one of settings.LANGUAGES, the default
        language when it is none of them.
    """
    received_at = received_at or timezone.now()
    site = site_of_page(source_page)
    # Every text value is cleaned for its column here, whatever captured it, so no hostile or
    # overlong value can make the save fail and lose the request.
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
            language=site_language(language),
            **(first_touch or {}),
        ),
    )
    if self_check:
        submission.update(
            self_check=self_check["summary"],
            meets_threshold=bool(self_check["meets_threshold"]),
            safety_flag=bool(self_check["safety_flag"]),
        )
    crisis_phrases = list(
        dict.fromkeys(
            [*find_crisis_phrases(submission["message"], crisis_phrase_list(site)), *urgent_reasons]
        )
    )
    with transaction.atomic():
        # The same person asking again while their lead is open: a new inquiry of that lead.
        lead = find_open_lead_for(submission["email"], submission["phone"], received_at)
        if lead is not None:
            inquiry = attach_repeat_request(
                lead, submission, site_of(lead), crisis_phrases=crisis_phrases
            )
        else:
            lead = Lead.objects.create(
                **submission,
                consented_at=received_at,
                is_urgent=bool(crisis_phrases),
                crisis_phrases=crisis_phrases,
            )
            inquiry = record_first_inquiry(lead)
            send_first_emails(lead, site, inquiry)
    # The submission itself, which the thank-you page and its additions answer (never the lead's
    # other inquiries).
    lead.sent_inquiry = inquiry
    return lead


def site_language(code: str) -> str:
    """`code` as one of settings.LANGUAGES ("es-mx" is "es"), or the default language."""
    try:
        return get_supported_language_variant(code or settings.LANGUAGE_CODE)
    except LookupError:
        return settings.LANGUAGE_CODE


# At most a few confirmation emails per recipient address a day: the form lets anyone make the
# clinic send signed mail to any address, so the count is kept per normalised address. Past the
# limit the request is still saved and staff still told; only the confirmation is skipped, and its
# delivery row says why.
LIMIT_WINDOW = datetime.timedelta(hours=24)


def recipient_key(address: str) -> str:
    """A keyed hash of the mailbox the address reaches (normalise_email, the same key repeat
    matching uses): what the limit counts, never the address itself."""
    return salted_hmac(
        "leads.confirmation-recipient", normalise_email(address), algorithm="sha256"
    ).hexdigest()


def confirmation_delivery(lead, inquiry, address: str) -> Email:
    """The confirmation for one submission, to enqueue: to be sent, or skipped with the reason
    when the address already had LEADS_CONFIRMATIONS_PER_ADDRESS_PER_DAY confirmations in 24
    hours."""
    key = recipient_key(address)
    now = timezone.now()
    limit = int(leads_setting("LEADS_CONFIRMATIONS_PER_ADDRESS_PER_DAY"))
    recent = (
        EmailDelivery.objects.filter(
            kind=LeadEmailKind.CONFIRMATION, recipient_key=key, created_at__gt=now - LIMIT_WINDOW
        )
        .exclude(status=DeliveryStatus.SKIPPED)
        .count()
    )
    skipped_reason = ""
    if recent >= limit:
        skipped_reason = (
            f"Not sent: {limit} confirmations to this address in the last 24 hours already "
            "(limit against misuse of the form). The request itself was saved."
        )
    return Email(
        LeadEmailKind.CONFIRMATION,
        address,
        about=lead,
        # The submission it answers, whose own typed name it greets (never the stored lead's).
        context={"inquiry": inquiry.pk} if inquiry else {},
        recipient_key=key,
        skipped_reason=skipped_reason,
    )


def send_first_emails(lead: Lead, site: Site | None, inquiry=None) -> None:
    """One email for the visitor's confirmation (answering `inquiry`, the submission, and
    skipped past the daily limit per address) and one per staff recipient; an urgent lead also
    alerts the urgent recipients, and its staff emails are queued first."""
    confirmation = confirmation_delivery(lead, inquiry, lead.email)
    recipients = staff_alert_recipients(lead, site)
    if not recipients:
        logger.error(
            "Lead %s: no staff recipients configured (site setting or "
            "LEADS_NOTIFY_EMAILS); nobody is notified",
            lead.pk,
        )
    staff = [staff_notification(lead, address) for address in recipients]
    enqueue(*([*staff, confirmation] if lead.is_urgent else [confirmation, *staff]))


def staff_notification(lead: Lead, address: str) -> Email:
    return Email(LeadEmailKind.STAFF_NOTIFICATION, address, about=lead)


def find_open_lead_for(
    email: str, phone: str, received_at: datetime.datetime, exclude_pk: int | None = None
) -> Lead | None:
    """The most recent open lead of the last LEADS_REPEAT_WINDOW_DAYS with the same normalised
    email or the same phone number (phones are stored in E.164, so equal numbers compare equal)."""
    since = received_at - datetime.timedelta(days=int(leads_setting("LEADS_REPEAT_WINDOW_DAYS")))
    same_person = Q(email_key=normalise_email(email)) if email else Q(pk__in=[])
    if phone:
        same_person |= Q(phone=str(phone))
    candidates = Lead.objects.active().filter(same_person, received_at__gte=since)
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
) -> Inquiry:
    """Called by submit_lead when the person already has an open lead: keep the submission as a
    new inquiry of that lead, note it on the timeline, and email the visitor's confirmation plus
    the assignee (or, while nobody is assigned, the staff list). Crisis phrases found in the new
    message make the lead urgent and alert the staff and urgent lists as an urgent first request
    would, before the confirmation. A match on the phone only, or under another name, is marked
    "possibly a different person" on the inquiry and the lead. The confirmation answers the new
    inquiry: it greets the name typed now and goes to the address typed now, never telling a
    stranger what the lead holds."""
    doubt = doubtful_match(lead, submission)
    inquiry = Inquiry.objects.create(lead=lead, **submission, possibly_different_person=bool(doubt))
    summary = f"Asked again (inquiry #{inquiry.pk})"
    if doubt:
        summary += f": possibly a different person ({doubt})"
    record_event(lead, LeadEventKind.REPEAT_REQUEST, summary=summary, at=inquiry.received_at)
    changed = {}
    if doubt:
        lead.possibly_different_person = changed["possibly_different_person"] = True
    elif submission["language"] != lead.language:
        # The language the person wrote in last is the one to reply in (someone who first asked
        # in English and now reads the Spanish site wants Spanish). A doubtful match may be a
        # stranger, whose language must not change how the lead's own person is addressed; the
        # inquiry keeps its own language either way, and its confirmation is written in it.
        lead.language = changed["language"] = submission["language"]
    if submission.get("self_check"):
        # The newest self-check the person chose to send is the one intake reads on the lead.
        for name in ("self_check", "meets_threshold", "safety_flag"):
            setattr(lead, name, submission[name])
            changed[name] = submission[name]
    if crisis_phrases:
        lead.crisis_phrases = list(dict.fromkeys([*lead.crisis_phrases, *crisis_phrases]))
        lead.is_urgent = True
        changed.update(is_urgent=True, crisis_phrases=lead.crisis_phrases)
    if changed:
        Lead.objects.filter(pk=lead.pk).update(**changed)
    staff = []
    has_assignee = bool(lead.assigned_to_id and lead.assigned_to.email)
    if crisis_phrases or not has_assignee:
        staff += [
            staff_notification(lead, address) for address in staff_alert_recipients(lead, site)
        ]
    if has_assignee:
        staff.append(
            Email(
                LeadEmailKind.REPEAT_REQUEST,
                lead.assigned_to.email,
                about=lead,
                recipient_user=lead.assigned_to,
            )
        )
    confirmation = confirmation_delivery(lead, inquiry, inquiry.email)
    enqueue(*([*staff, confirmation] if crisis_phrases else [confirmation, *staff]))
    return inquiry


def record_trapped_submission(reason: str) -> None:
    """Count one post caught by a spam trap; the post itself is not kept."""
    today = timezone.localdate()
    with transaction.atomic():
        counter, _ = TrappedSubmissionCount.objects.get_or_create(day=today, reason=reason)
        TrappedSubmissionCount.objects.filter(pk=counter.pk).update(count=F("count") + 1)
    logger.info("Contact form post dropped by spam trap: %s", reason)
