"""The leads app's emails, built for the outbox: the visitor's confirmation, the staff
notification, the repeat request, the escalation and the daily digest. Each kind's builder is
registered here (found at start-up by OutboxConfig.ready) and renders a template pair from
leads/templates/leads/email/. None of them ever contains a visitor's message: staff emails carry
lead numbers and links.

The visitor's confirmation is written in the language of the request it answers; every staff email
in the staff's language, settings.LANGUAGE_CODE, whatever language the worker or the request that
built it was in (each builder renders inside translation.override)."""

from functools import wraps

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext

from core.models import ClinicSettings
from leads.digest import digest_for
from leads.greeting import greeting_name
from leads.models import (
    ConfirmationEmailSettings,
    ContactMethod,
    Inquiry,
    Lead,
    LeadEmailKind,
    language_name,
)
from leads.placeholders import (
    DEFAULT_CONFIRMATION_OPENING,
    DEFAULT_CONFIRMATION_SUBJECT,
    fill_placeholders,
)
from leads.recipients import admin_base_url, admin_url, lead_admin_url, site_of
from leads.visitor_additions import SentRequest, confirmation_sections
from outbox.kinds import register_email_kind
from outbox.models import EmailDelivery
from outbox.rendering import assemble, render_pair

# How the staff notification's subject says the way the person wants to be reached.
PREFERENCE_PHRASES = {
    ContactMethod.PHONE: "prefers a phone call",
    ContactMethod.EMAIL: "prefers email",
    ContactMethod.TEXT: "prefers a text message",
}


def in_staff_language(builder):
    """Build a staff email in settings.LANGUAGE_CODE: a Spanish request, or a worker whose active
    language is Spanish, never turns a staff email Spanish."""

    @wraps(builder)
    def build(delivery: EmailDelivery) -> EmailMultiAlternatives:
        with translation.override(settings.LANGUAGE_CODE):
            return builder(delivery)

    return build


def lead_of(delivery: EmailDelivery) -> Lead:
    """The lead a delivery is about (every email of this app but the digest is about one)."""
    if not isinstance(delivery.about, Lead):
        raise ValueError(f"Email delivery {delivery.pk} is about no lead")
    return delivery.about


def base_context(delivery: EmailDelivery) -> dict:
    lead = lead_of(delivery)
    site = site_of(lead)
    clinic = ClinicSettings.for_site(site) if site else ClinicSettings()
    return {
        "lead": lead,
        "site": site,
        "clinic": clinic,
        "received_at": timezone.localtime(lead.received_at),
        # Staff read the language by its English name, whatever the visitor's.
        "language": language_name(lead.language),
    }


@register_email_kind(LeadEmailKind.CONFIRMATION)
def build_confirmation(delivery: EmailDelivery) -> EmailMultiAlternatives:
    """Thanks, what happens next, the clinic's phone and hours, and the crisis resources, in the
    language of the submission it answers. It greets the first name only when leads.greeting
    allows it, else neutrally."""
    lead = lead_of(delivery)
    # The submission this confirmation answers: its typed name is greeted, never the stored
    # lead's (a stranger who typed someone's phone number must not be greeted with that person's
    # name), and its language is the email's.
    inquiry = Inquiry.objects.filter(pk=delivery.context.get("inquiry")).first()
    submission = inquiry or lead
    with translation.override(submission.language):
        context = base_context(delivery)
        clinic = context["clinic"]
        subject_text, opening_text = confirmation_wording(context["site"], submission.language)
        values = {
            "first_name": greeting_name(submission.full_name),
            "clinic_name": clinic.clinic_name,
            "clinic_phone": clinic.phone_display,
        }
        context["opening"] = fill_placeholders(opening_text, values)
        context["crisis"] = clinic.crisis_help(submission.language)
        sent = SentRequest(
            lead_id=lead.pk,
            inquiry_id=inquiry.pk if inquiry else None,
            urgent=lead.is_urgent,
            possibly_different_person=bool(inquiry and inquiry.possibly_different_person),
        )
        context["sections"] = [
            section
            for section in (add(lead, inquiry, sent) for add in confirmation_sections)
            if section is not None
        ]
        text, html = render_pair("leads/email/confirmation", context)
        subject = fill_placeholders(subject_text, values)
    return assemble(subject, text, html, delivery.recipient)


def confirmation_wording(site, language: str) -> tuple[str, str]:
    """The confirmation's subject and opening paragraph before the placeholders are filled: the
    ones marketing edits (Settings → Confirmation email) in the default language, and the built-in
    wording translated into any other, since the edited text is written in the default one."""
    if language != settings.LANGUAGE_CODE:
        return gettext(DEFAULT_CONFIRMATION_SUBJECT), gettext(DEFAULT_CONFIRMATION_OPENING)
    email_settings = (
        ConfirmationEmailSettings.for_site(site) if site else ConfirmationEmailSettings()
    )
    return email_settings.confirmation_subject, email_settings.confirmation_opening


@register_email_kind(LeadEmailKind.STAFF_NOTIFICATION)
@in_staff_language
def build_staff_notification(delivery: EmailDelivery) -> EmailMultiAlternatives:
    """Who asked, how and when to reach them, where they came from, and a link to the lead."""
    context = base_context(delivery)
    lead = context["lead"]
    context["admin_url"] = admin_url("contact_requests:inspect", lead.pk)
    context["campaign"] = " / ".join(
        value for value in (lead.utm_source, lead.utm_medium, lead.utm_campaign) if value
    )
    source = lead.source_page.specific_deferred if lead.source_page_id else None
    context["source_title"] = source.title if source else ""
    context["source_link"] = (source.full_url if source else "") or lead.source_url
    text, html = render_pair("leads/email/staff_notification", context)
    # A sentence staff can act on from the inbox; the number keeps each lead in its own thread.
    subject = (
        f"New lead #{lead.pk} from the website: {PREFERENCE_PHRASES[lead.preferred_contact_method]}"
    )
    if lead.is_urgent:
        # Staff filter and triage by subject: urgent requests must stand out in any inbox.
        subject = f"URGENT: possible crisis. {subject}"
    return assemble(subject, text, html, delivery.recipient)


@register_email_kind(LeadEmailKind.REPEAT_REQUEST)
@in_staff_language
def build_repeat_request(delivery: EmailDelivery) -> EmailMultiAlternatives:
    """To the assignee: the person they follow up has asked again."""
    context = base_context(delivery)
    context["admin_url"] = lead_admin_url(context["lead"].pk)
    context["latest"] = context["lead"].inquiries.order_by("-received_at", "-pk").first()
    context["latest_at"] = timezone.localtime(context["latest"].received_at)
    context["latest_language"] = language_name(context["latest"].language)
    text, html = render_pair("leads/email/repeat_request", context)
    return assemble(
        f"Lead #{context['lead'].pk}: the person asked again",
        text,
        html,
        delivery.recipient,
    )


@register_email_kind(LeadEmailKind.ESCALATION)
@in_staff_language
def build_escalation(delivery: EmailDelivery) -> EmailMultiAlternatives:
    """To the staff list: a request is still New after the allowed opening hours."""
    context = base_context(delivery)
    lead = context["lead"]
    context["admin_url"] = lead_admin_url(lead.pk)
    text, html = render_pair("leads/email/escalation", context)
    subject = f"Unanswered: lead #{lead.pk} is still New"
    if lead.is_urgent:
        subject = f"URGENT {subject}"
    return assemble(subject, text, html, delivery.recipient)


@register_email_kind(LeadEmailKind.DIGEST)
@in_staff_language
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
    text, html = render_pair("leads/email/digest", context)
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
