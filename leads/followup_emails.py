"""The follow-up emails to staff: a repeat request to the assignee, an escalation to the staff
list, and each intake user's daily digest. Like the others they carry lead numbers and links,
never a visitor's message."""

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.urls import reverse
from django.utils import timezone

from leads.emails import assemble, base_context, render_pair
from leads.models import EmailDelivery


def lead_admin_url(lead_id: int) -> str:
    from leads.services import admin_url

    return admin_url("contact_requests:inspect", lead_id)


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


def build_escalation(delivery: EmailDelivery) -> EmailMultiAlternatives:
    """To the staff list: a request is still New after the allowed opening hours."""
    context = base_context(delivery)
    context["admin_url"] = lead_admin_url(delivery.lead_id)
    text, html = render_pair("escalation", context)
    subject = f"Unanswered: lead #{delivery.lead_id} is still New"
    if delivery.lead.is_urgent:
        subject = f"URGENT {subject}"
    return assemble(subject, text, html, delivery.recipient)


def build_digest(delivery: EmailDelivery) -> EmailMultiAlternatives:
    """To one intake user: their leads due or overdue today, and the unassigned new ones, as they
    stand when the email is sent."""
    from leads.followup import digest_for

    today = timezone.localdate(delivery.created_at)
    digest = digest_for(delivery.recipient_user, today)
    context = {
        "user": delivery.recipient_user,
        "today": today,
        "due": [digest_row(lead) for lead in digest.due],
        "unassigned": [digest_row(lead) for lead in digest.unassigned],
        "person_requests": digest.person_requests,
        "person_requests_url": admin_base_url() + reverse("person_requests:index"),
        "list_url": admin_base_url() + reverse("contact_requests:index"),
    }
    text, html = render_pair("digest", context)
    subject = (
        f"Follow-ups for {today:%A, %B} {today.day}: {len(digest.due)} due, "
        f"{len(digest.unassigned)} unassigned"
    )
    if digest.person_requests:
        subject += f", {len(digest.person_requests)} person request(s) due"
    return assemble(subject, text, html, delivery.recipient)


def admin_base_url() -> str:
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/")


def digest_row(lead) -> dict:
    return {
        "lead": lead,
        "received_at": timezone.localtime(lead.received_at),
        "url": lead_admin_url(lead.pk),
    }
