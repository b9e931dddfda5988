"""The visitor's reminders, 24 hours and 2 hours before a booked call, each sent once: the call's
mark is set by a conditional UPDATE and the email has a dedupe key with the call's sequence, so
overlapping runs send nothing twice, and a moved call (its marks cleared, its sequence raised)
is reminded of again at its new time. A reminder whose moment passed while the call was being
booked (a call booked 3 hours ahead gets no 24-hour reminder) is not sent late."""

import datetime

from django.db import transaction
from django.utils import timezone

from calls.booking import visitor_email
from calls.models import Call, CallEmailKind, CallStatus
from outbox.queue import enqueue

REMINDERS = (
    # (hours before, the call's mark)
    (24, "reminded_day_before_at"),
    (2, "reminded_hours_before_at"),
)


def send_reminders(now: datetime.datetime | None = None) -> list[tuple[int, int]]:
    """Queue the reminders now due; returns (call id, hours before) for each."""
    now = now or timezone.now()
    sent = []
    for hours, mark in REMINDERS:
        before = datetime.timedelta(hours=hours)
        due = (
            Call.objects.filter(
                status=CallStatus.BOOKED,
                starts_at__gt=now,
                starts_at__lte=now + before,
                **{f"{mark}__isnull": True},
            )
            .select_related("lead")
            .order_by("starts_at")
        )
        for call in due:
            with transaction.atomic():
                taken = Call.objects.filter(
                    pk=call.pk, status=CallStatus.BOOKED, **{f"{mark}__isnull": True}
                ).update(**{mark: now})
                if not taken:
                    continue
                # Booked after this reminder's moment, or a later reminder is due already: the
                # mark is set, nothing is sent.
                later_due = hours == 24 and call.starts_at - now <= datetime.timedelta(hours=2)
                if call.time_chosen_at > call.starts_at - before or later_due:
                    continue
                email = visitor_email(
                    call.lead, call, CallEmailKind.REMINDER, {"hours_before": hours}
                )
                if email is not None:
                    enqueue(email)
                    sent.append((call.pk, hours))
    return sent
