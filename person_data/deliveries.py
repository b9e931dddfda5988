"""What the person-data feature reads and changes of the outbox's email deliveries: forgetting
the addresses emails went to, and finding the confirmations a person was sent. Every use of the
delivery model in this app is here, so the app depends on the outbox in one place."""

import datetime

from django.db.models import Q

from leads.models import LeadEmailKind, normalise_email
from outbox.models import DeliveryStatus, EmailDelivery


def forget_recipients(deliveries) -> None:
    """Blank the address, its hash and the server's reply of these deliveries, and cancel those
    not sent yet: there is nobody left to send them to."""
    deliveries.update(recipient="", recipient_key="", last_error="")
    deliveries.filter(status__in=[DeliveryStatus.PENDING, DeliveryStatus.SENDING]).update(
        status=DeliveryStatus.FAILED, last_error="Cancelled: personal data removed"
    )


def forget_recipients_of_leads(lead_ids) -> None:
    """Forget the addresses of every email about these leads."""
    forget_recipients(EmailDelivery.objects.filter(lead__in=lead_ids))


def forget_recipients_of_inquiries(inquiry_ids) -> None:
    """Forget the addresses of the emails that answered these inquiries."""
    forget_recipients(EmailDelivery.objects.filter(context__inquiry__in=inquiry_ids))


def forget_staff_email_addresses(cutoff: datetime.datetime) -> int:
    """Blank the address and errors of emails about no lead (digests, review reminders, password
    resets) older than the retention time, once they are no longer in flight: who was emailed and
    when stays for the record, a staff member's address and a mail server's reply do not."""
    return (
        EmailDelivery.objects.filter(about_type__isnull=True, created_at__lt=cutoff)
        .exclude(status__in=[DeliveryStatus.PENDING, DeliveryStatus.SENDING])
        .exclude(recipient="", last_error="")
        .update(recipient="", recipient_key="", last_error="")
    )


def confirmations_answering(lead, inquiry_ids, addresses=None) -> list:
    """The confirmations of a lead that answered these inquiries, oldest first; with `addresses`
    (mailbox keys), also those sent to one of them before confirmations named the inquiry they
    answered."""
    answered = Q(context__inquiry__in=list(inquiry_ids))
    if addresses is not None:
        candidates = lead.deliveries.filter(
            kind=LeadEmailKind.CONFIRMATION, context__inquiry__isnull=True
        )
        legacy = [row.pk for row in candidates if normalise_email(row.recipient) in addresses]
        answered |= Q(pk__in=legacy)
    return list(
        lead.deliveries.filter(answered, kind=LeadEmailKind.CONFIRMATION).order_by(
            "created_at", "pk"
        )
    )
