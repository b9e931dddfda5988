"""The daily digest: each intake user with something to do gets one email a day (what is in it is
leads.emails.digest_for)."""

import datetime

from django.db import transaction
from django.utils import timezone

from leads.emails import digest_for
from leads.models import EmailDelivery, EmailKind
from leads.outbox import queue_deliveries
from leads.recipients import intake_users


def send_daily_digests(today: datetime.date | None = None) -> list[int]:
    """One digest email per intake user who has something to do; none for a user with nothing.
    Each is keyed by user and day, so a second run the same day sends nothing more."""
    today = today or timezone.localdate()
    delivery_ids = []
    for user in intake_users().exclude(email=""):
        if digest_for(user, today).is_empty:
            continue
        delivery, created = EmailDelivery.objects.get_or_create(
            dedupe_key=f"digest:{today.isoformat()}:{user.pk}",
            defaults={"kind": EmailKind.DIGEST, "recipient": user.email, "recipient_user": user},
        )
        if created:
            delivery_ids.append(delivery.pk)
    transaction.on_commit(lambda: queue_deliveries(delivery_ids), robust=True)
    return delivery_ids
