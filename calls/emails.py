"""The call booking's emails, built for the outbox (registered here, found at start-up by
OutboxConfig.ready): to the visitor, the booking, the move, the cancellation (each with the
calendar invitation) and the reminders, in the lead's language; to the staff member who calls,
the booking, the move and the cancellation, in the staff's language. None carries a health
detail: the time, who calls from which number, the link to change it.

Also here, because the worker that builds the confirmation email must have it: the
confirmation's "Pick a time for our call" link (leads.visitor_additions)."""

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import dateformat, timezone, translation
from django.utils.translation import gettext, pgettext
from django.utils.translation import gettext_lazy as _

from calls.availability import booking_rules, clinic_zone, free_times
from calls.booking import booking_pass_for
from calls.calendar import invitation
from calls.links import token_for
from calls.models import Call, CallEmailKind
from core.models import ClinicSettings
from leads.models import Lead
from leads.recipients import admin_base_url, lead_admin_url, site_of, user_label
from leads.visitor_additions import ConfirmationSection, register_confirmation_section
from outbox.kinds import register_email_kind
from outbox.models import EmailDelivery
from outbox.rendering import assemble, render_pair

VISITOR_SUBJECTS = {
    CallEmailKind.BOOKED: _("Your call with %(clinic)s: %(when)s"),
    CallEmailKind.CHANGED: _("Your call has moved to %(when)s"),
    CallEmailKind.CANCELLED: _("Your call of %(when)s is cancelled"),
    CallEmailKind.REMINDER: _("Reminder: our call on %(when)s"),
}
STAFF_SUBJECTS = {
    CallEmailKind.STAFF_BOOKED: "Call booked: lead #{lead}, {when}",
    CallEmailKind.STAFF_CHANGED: "Call moved: lead #{lead}, now {when}",
    CallEmailKind.STAFF_CANCELLED: "Call cancelled: lead #{lead}, {when}",
}


def site_root(site) -> str:
    """The public site's address for links in emails."""
    return ((site.root_url if site else "") or admin_base_url()).rstrip("/")


def manage_url(lead: Lead) -> str:
    """The visitor's booking page, in the active language (Spanish under /es/)."""
    path = reverse("calls_book", kwargs={"token": token_for(booking_pass_for(lead))})
    return site_root(site_of(lead)) + path


def call_of(delivery: EmailDelivery) -> Call:
    call = (
        Call.objects.select_related("lead", "staff").filter(pk=delivery.context.get("call")).first()
    )
    if call is None:
        raise ValueError(f"Email delivery {delivery.pk} is about no call")
    return call


def clinic_for(lead: Lead) -> ClinicSettings:
    site = site_of(lead)
    return ClinicSettings.for_site(site) if site else ClinicSettings()


def call_time(moment) -> str:
    """A call's time in the active language, in the clinic's zone, with the zone's name:
    "Monday, December 7, 10:00 AM (EST)", "lunes, 7 de diciembre, 10:00 (EST)"."""
    local = timezone.localtime(moment, clinic_zone())
    date_format = pgettext("call time in emails and pages (Django date syntax)", "l, F j, g:i A")
    return f"{dateformat.format(local, date_format)} ({local.tzname()})"


def visitor_message(delivery: EmailDelivery, kind: str) -> EmailMultiAlternatives:
    call = call_of(delivery)
    lead = call.lead
    with translation.override(lead.language):
        clinic = clinic_for(lead)
        link = manage_url(lead) if lead.is_open and not lead.anonymised_at else ""
        context = {
            "kind": str(kind),
            "call": call,
            "when": call_time(call.starts_at),
            "caller": call.staff.first_name or gettext("a member of our intake team"),
            "clinic": clinic,
            "manage_url": link,
            "crisis": clinic.crisis_help(lead.language),
            "hours_before": delivery.context.get("hours_before"),
        }
        text, html = render_pair("calls/email/visitor_call", context)
        subject = VISITOR_SUBJECTS[kind] % {"clinic": clinic.clinic_name, "when": context["when"]}
        ics = invitation(
            call,
            clinic_name=clinic.clinic_name,
            clinic_phone=clinic.phone_display,
            manage_url=link,
            attendee=delivery.recipient,
        )
    message = assemble(subject, text, html, delivery.recipient)
    if kind != CallEmailKind.REMINDER:
        method = "CANCEL" if call.is_cancelled else "REQUEST"
        message.attach("call.ics", ics, f"text/calendar; method={method}; charset=UTF-8")
    return message


def builder_of(message, kind):
    """The outbox's builder of one kind: `message(delivery, kind)`, named after the kind (the
    outbox tells a second registration of a kind by its builder's name)."""

    def build(delivery: EmailDelivery) -> EmailMultiAlternatives:
        return message(delivery, kind)

    build.__qualname__ = build.__name__ = f"build_{kind}"
    return build


for visitor_kind in VISITOR_SUBJECTS:
    register_email_kind(visitor_kind)(builder_of(visitor_message, visitor_kind))


def staff_message(delivery: EmailDelivery, kind: str) -> EmailMultiAlternatives:
    call = call_of(delivery)
    with translation.override(settings.LANGUAGE_CODE):
        when = call_time(call.starts_at)
        context = {
            "kind": str(kind),
            "call": call,
            "when": when,
            "lead_id": call.lead_id,
            "caller": user_label(call.staff),
            "admin_url": lead_admin_url(call.lead_id),
            "clinic": clinic_for(call.lead),
            "recipient_id": delivery.context.get("staff"),
        }
        text, html = render_pair("calls/email/staff_call", context)
    subject = STAFF_SUBJECTS[kind].format(lead=call.lead_id, when=when)
    return assemble(subject, text, html, delivery.recipient)


for staff_kind in STAFF_SUBJECTS:
    register_email_kind(staff_kind)(builder_of(staff_message, staff_kind))


def may_offer_booking(lead: Lead, sent) -> bool:
    """Whether a request may be offered a time, free times aside: the booking is on, the request
    is neither urgent nor possibly someone else's, and the lead is open and not erased."""
    if not sent.may_follow_up or lead.is_urgent or not lead.is_open or lead.anonymised_at:
        return False
    return booking_rules(site_of(lead)).offer_on_thank_you_page


def offers_booking(lead: Lead, sent) -> bool:
    """Whether a request is offered a time: it may be, and some time is free."""
    return may_offer_booking(lead, sent) and bool(free_times(site_of(lead)))


@register_confirmation_section
def pick_a_time_section(lead: Lead, inquiry, sent) -> ConfirmationSection | None:
    """The confirmation's "Pick a time for our call" link, when the request may have one."""
    if not offers_booking(lead, sent):
        return None
    context = {"manage_url": manage_url(lead)}
    return ConfirmationSection(
        text=render_to_string("calls/email/_pick_a_time.txt", context).strip(),
        html=render_to_string("calls/email/_pick_a_time.html", context),
    )
