"""The intake dashboard's figures: new today, unassigned, overdue, and the median time to first
contact."""

import datetime
import statistics
from dataclasses import dataclass

from django.utils import timezone

from leads.models import Lead


@dataclass(frozen=True)
class WorkSummary:
    """What the intake dashboard shows."""

    new_today: int
    unassigned: int
    overdue: int
    median_first_contact: datetime.timedelta | None


def work_summary(now: datetime.datetime | None = None) -> WorkSummary:
    now = now or timezone.now()
    today = timezone.localdate(now)
    start_of_today = datetime.datetime.combine(
        today, datetime.time(0), timezone.get_current_timezone()
    )
    durations = [
        (contacted - received).total_seconds()
        for received, contacted in Lead.objects.filter(
            first_contacted_at__isnull=False,
            received_at__gte=now - datetime.timedelta(days=30),
        ).values_list("received_at", "first_contacted_at")
    ]
    return WorkSummary(
        new_today=Lead.objects.not_spam().filter(received_at__gte=start_of_today).count(),
        unassigned=Lead.objects.unassigned().count(),
        overdue=Lead.objects.overdue(today).count(),
        median_first_contact=(
            datetime.timedelta(seconds=statistics.median(durations)) if durations else None
        ),
    )
