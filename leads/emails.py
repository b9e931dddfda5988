"""The emails a contact request sends (the follow-up ones are in leads/followup_emails.py), rendered from template pairs (text and HTML) in
leads/templates/leads/email/. Neither ever contains the visitor's message."""

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.utils import timezone

from home.models import ClinicSettings
from leads.greeting import greeting_name
from leads.models import ConfirmationEmailSettings, ContactMethod, EmailDelivery, EmailKind
from leads.placeholders import fill_placeholders, single_line

# Marks both emails as machine-sent, so out-of-office replies are not sent back (RFC 3834).
AUTOMATIC_HEADERS = {"Auto-Submitted": "auto-generated"}

# How the staff notification's subject says the way the person wants to be reached.
PREFERENCE_PHRASES = {
    ContactMethod.PHONE: "prefers a phone call",
    ContactMethod.EMAIL: "prefers email",
    ContactMethod.TEXT: "prefers a text message",
}


def build_email(delivery: EmailDelivery) -> EmailMultiAlternatives:
    from leads.followup_emails import build_digest, build_escalation, build_repeat_request

    builders = {
        EmailKind.CONFIRMATION: build_confirmation,
        EmailKind.REPEAT_REQUEST: build_repeat_request,
        EmailKind.ESCALATION: build_escalation,
        EmailKind.DIGEST: build_digest,
    }
    return builders.get(delivery.kind, build_staff_notification)(delivery)


def base_context(delivery: EmailDelivery) -> dict:
    from leads.services import site_of

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
        "clinic_phone": clinic.phone,
    }
    context["opening"] = fill_placeholders(email_settings.confirmation_opening, values)
    text, html = render_pair("confirmation", context)
    subject = fill_placeholders(email_settings.confirmation_subject, values)
    return assemble(subject, text, html, delivery.recipient)


def build_staff_notification(delivery: EmailDelivery) -> EmailMultiAlternatives:
    """Who asked, how and when to reach them, where they came from, and a link to the lead."""
    from leads.services import admin_url

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
