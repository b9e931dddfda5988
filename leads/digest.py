"""The daily digest: each intake user with something to do gets one email a day (what is in it is
leads.emails.digest_for)."""

import datetime

from django.utils import timezone

from leads.emails import digest_for
from leads.models import LeadEmailKind
from leads.recipients import intake_users
from outbox.queue import Email, enqueue


def send_daily_digests(today: datetime.date | None = None) -> list[int]:
    """One digest email per intake user who has something to do; none for a user with nothing.
    Each is keyed by user and day, so a second run the same day sends nothing more. Returns the
    ids of the digests queued."""
    today = today or timezone.localdate()
    digests = [
        Email(
            LeadEmailKind.DIGEST,
            user.email,
            recipient_user=user,
            dedupe_key=f"digest:{today.isoformat()}:{user.pk}",
        )
        for user in intake_users().exclude(email="")
        if not digest_for(user, today).is_empty
    ]
    return [delivery.pk for delivery in enqueue(*digests)]
