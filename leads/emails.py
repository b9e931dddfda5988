"""Building the emails the outbox sends: one registry of email kinds, each with the function that
renders it from a template pair (text and HTML, leads/templates/leads/email/). None of them ever
contains a visitor's message: staff emails carry lead numbers and links.

Another app adds a kind of its own in its `emails` module (found by LeadsConfig.ready):

    @register_email_kind(EmailKind.REVIEW_REMINDER)
    def build_review_reminder(delivery): ...

and a section of the daily digest the same way (person_data adds the person requests due):

    @register_digest_section
    def my_section(user, today) -> DigestSection | None: ...
"""

import datetime
from collections.abc import Callable
from dataclasses import dataclass, field

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from core.models import ClinicSettings
from leads.greeting import greeting_name
from leads.models import (
    ConfirmationEmailSettings,
    ContactMethod,
    EmailDelivery,
    EmailKind,
    Lead,
)
from leads.placeholders import fill_placeholders, single_line
from leads.recipients import admin_base_url, admin_url, lead_admin_url, site_of

# Marks every email as machine-sent, so out-of-office replies are not sent back (RFC 3834).
AUTOMATIC_HEADERS = {"Auto-Submitted": "auto-generated"}

# How the staff notification's subject says the way the person wants to be reached.
PREFERENCE_PHRASES = {
    ContactMethod.PHONE: "prefers a phone call",
    ContactMethod.EMAIL: "prefers email",
    ContactMethod.TEXT: "prefers a text message",
}

EmailBuilder = Callable[[EmailDelivery], EmailMultiAlternatives]
EMAIL_BUILDERS: dict[str, EmailBuilder] = {}


def register_email_kind(kind: str):
    """Register the function that builds the emails of one `EmailKind`."""

    def register(builder: EmailBuilder) -> EmailBuilder:
        EMAIL_BUILDERS[kind] = builder
        return builder

    return register


def build_email(delivery: EmailDelivery) -> EmailMultiAlternatives:
    """The email a delivery row stands for, rendered as it is sent."""
    try:
        builder = EMAIL_BUILDERS[delivery.kind]
    except KeyError:
        # Never a silent fallback: the outbox records this as a permanent failure staff see.
        raise ValueError(f"No email builder is registered for kind {delivery.kind!r}") from None
    return builder(delivery)


def base_context(delivery: EmailDelivery) -> dict:
    lead = delivery.lead
    site = site_of(lead)
    clinic = ClinicSettings.for_site(site) if site else ClinicSettings()
    return {
        "lead": lead,
        "site": site,
        "clinic": clinic,
        "received_at": timezone.localtime(lead.received_at),
    }


def render_pair(name: str, context: dict) -> tuple[str, str]:
    text = render_to_string(f"leads/email/{name}.txt", context)
    html = render_to_string(f"leads/email/{name}.html", context)
    return text, html


def assemble(subject: str, text: str, html: str, recipient: str) -> EmailMultiAlternatives:
    message = EmailMultiAlternatives(
        subject=single_line(subject)[:200],
        body=text,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[recipient],
        headers=dict(AUTOMATIC_HEADERS),
    )
    message.attach_alternative(html, "text/html")
    return message


@register_email_kind(EmailKind.CONFIRMATION)
def build_confirmation(delivery: EmailDelivery) -> EmailMultiAlternatives:
    """Thanks, what happens next, the clinic's phone and hours, and the crisis resources. It greets
    the first name only when leads.greeting allows it, else neutrally."""
    context = base_context(delivery)
    clinic = context["clinic"]
    email_settings = (
        ConfirmationEmailSettings.for_site(context["site"])
        if context["site"]
        else ConfirmationEmailSettings()
    )
    # The name typed in the submission this confirmation answers, never the stored lead's: a
    # stranger who typed someone's phone number must not be greeted with that person's name.
    typed_name = delivery.inquiry.full_name if delivery.inquiry_id else delivery.lead.full_name
    values = {
        "first_name": greeting_name(typed_name),
        "clinic_name": clinic.clinic_name,
        "clinic_phone": clinic.phone_display,
    }
    context["opening"] = fill_placeholders(email_settings.confirmation_opening, values)
    text, html = render_pair("confirmation", context)
    subject = fill_placeholders(email_settings.confirmation_subject, values)
    return assemble(subject, text, html, delivery.recipient)


@register_email_kind(EmailKind.STAFF_NOTIFICATION)
def build_staff_notification(delivery: EmailDelivery) -> EmailMultiAlternatives:
    """Who asked, how and when to reach them, where they came from, and a link to the lead."""
    context = base_context(delivery)
    lead = delivery.lead
    context["admin_url"] = admin_url("contact_requests:inspect", lead.pk)
    context["campaign"] = " / ".join(
        value for value in (lead.utm_source, lead.utm_medium, lead.utm_campaign) if value
    )
    source = lead.source_page.specific_deferred if lead.source_page_id else None
    context["source_title"] = source.title if source else ""
    context["source_link"] = (source.full_url if source else "") or lead.source_url
    text, html = render_pair("staff_notification", context)
    # A sentence staff can act on from the inbox; the number keeps each lead in its own thread.
    subject = (
        f"New lead #{lead.pk} from the website: {PREFERENCE_PHRASES[lead.preferred_contact_method]}"
    )
    if lead.is_urgent:
        # Staff filter and triage by subject: urgent requests must stand out in any inbox.
        subject = f"URGENT: possible crisis. {subject}"
    return assemble(subject, text, html, delivery.recipient)


@register_email_kind(EmailKind.REPEAT_REQUEST)
def build_repeat_request(delivery: EmailDelivery) -> EmailMultiAlternatives:
    """To the assignee: the person they follow up has asked again."""
    context = base_context(delivery)
    context["admin_url"] = lead_admin_url(delivery.lead_id)
    context["latest"] = delivery.lead.inquiries.order_by("-received_at", "-pk").first()
    context["latest_at"] = timezone.localtime(context["latest"].received_at)
    text, html = render_pair("repeat_request", context)
    return assemble(
        f"Lead #{delivery.lead_id}: the person asked again",
        text,
        html,
        delivery.recipient,
    )


@register_email_kind(EmailKind.ESCALATION)
def build_escalation(delivery: EmailDelivery) -> EmailMultiAlternatives:
    """To the staff list: a request is still New after the allowed opening hours."""
    context = base_context(delivery)
    context["admin_url"] = lead_admin_url(delivery.lead_id)
    text, html = render_pair("escalation", context)
    subject = f"Unanswered: lead #{delivery.lead_id} is still New"
    if delivery.lead.is_urgent:
        subject = f"URGENT {subject}"
    return assemble(subject, text, html, delivery.recipient)


@dataclass(frozen=True)
class DigestRow:
    """One line of a digest section: what to do, and the admin page where it is done. A `flag`
    (such as "OVERDUE") stands out: bold in HTML, in parentheses in text."""

    text: str
    url: str
    flag: str = ""


@dataclass(frozen=True)
class DigestSection:
    """A part of the daily digest that another app adds: a heading, a sentence under it, the rows,
    and the phrase the subject line ends with ("2 person request(s) due")."""

    heading: str
    rows: list[DigestRow]
    subject_phrase: str
    note: str = ""


DigestSectionBuilder = Callable[[object, datetime.date], DigestSection | None]
DIGEST_SECTIONS: list[DigestSectionBuilder] = []


def register_digest_section(builder: DigestSectionBuilder) -> DigestSectionBuilder:
    """Add a section to every intake user's digest: `builder(user, today)` returns it, or None
    when that user has nothing in it today (a user with nothing anywhere gets no digest)."""
    DIGEST_SECTIONS.append(builder)
    return builder


@dataclass
class Digest:
    """What one intake user has to do today."""

    user: object
    due: list = field(default_factory=list)
    unassigned: list = field(default_factory=list)
    # The registered sections with something in them for this user (register_digest_section).
    sections: list[DigestSection] = field(default_factory=list)

    @property
    def is_empty(self) -> bool:
        return not self.due and not self.unassigned and not self.sections


def digest_for(user, today: datetime.date) -> Digest:
    """Their active leads due or overdue today, the unassigned ones, and each registered section
    that has rows for them."""
    due = list(Lead.objects.due_for(user, today).order_by("next_follow_up_on", "received_at"))
    unassigned = list(Lead.objects.unassigned().order_by("-is_urgent", "received_at"))
    sections = [
        section for build in DIGEST_SECTIONS if (section := build(user, today)) and section.rows
    ]
    return Digest(user=user, due=due, unassigned=unassigned, sections=sections)


@register_email_kind(EmailKind.DIGEST)
def build_digest(delivery: EmailDelivery) -> EmailMultiAlternatives:
    """To one intake user: their leads due or overdue today, the unassigned ones, and the other
    apps' sections, as they stand when the email is sent."""
    today = timezone.localdate(delivery.created_at)
    digest = digest_for(delivery.recipient_user, today)
    context = {
        "user": delivery.recipient_user,
        "today": today,
        "due": [digest_row(lead) for lead in digest.due],
        "unassigned": [digest_row(lead) for lead in digest.unassigned],
        "sections": digest.sections,
        "list_url": admin_base_url() + reverse("contact_requests:index"),
    }
    text, html = render_pair("digest", context)
    subject = (
        f"Follow-ups for {today:%A, %B} {today.day}: {len(digest.due)} due, "
        f"{len(digest.unassigned)} unassigned"
    )
    for section in digest.sections:
        subject += f", {section.subject_phrase}"
    return assemble(subject, text, html, delivery.recipient)


def digest_row(lead) -> dict:
    return {
        "lead": lead,
        "received_at": timezone.localtime(lead.received_at),
        "url": lead_admin_url(lead.pk),
    }
