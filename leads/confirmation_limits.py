"""At most a few confirmation emails per recipient address a day: the form lets anyone
make the clinic send signed mail to any address, so the count is kept per normalised address. Past
the limit the request is still saved and staff still told; only the confirmation is skipped, and its
delivery row says why."""

import datetime

from django.utils import timezone
from django.utils.crypto import salted_hmac

from leads.conf import leads_setting
from leads.models import LeadEmailKind, normalise_email
from outbox.models import DeliveryStatus, EmailDelivery
from outbox.queue import Email

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
