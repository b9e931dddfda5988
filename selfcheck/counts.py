"""Counting self-checks without keeping them: one row per day with two counters
(SelfCheckDayCount), raised with an UPDATE so two visitors at once never lose a count. Insights
reads them per week."""

import datetime

from django.db import transaction
from django.db.models import F, Sum
from django.db.models.functions import TruncWeek
from django.utils import timezone

from selfcheck.models import SelfCheckDayCount


def count_one(counter: str) -> None:
    """Add one to today's `counter` ("finished" or "requests")."""
    today = timezone.localdate()
    with transaction.atomic():
        row, _ = SelfCheckDayCount.objects.get_or_create(day=today)
        SelfCheckDayCount.objects.filter(pk=row.pk).update(**{counter: F(counter) + 1})


def count_finished() -> None:
    count_one("finished")


def count_request() -> None:
    count_one("requests")


def weekly_counts(start: datetime.date, end: datetime.date) -> list[dict]:
    """Self-checks finished and requests they led to, per week (Monday) from `start` up to but
    not including `end`; weeks without any are left out."""
    return list(
        SelfCheckDayCount.objects.filter(day__gte=start, day__lt=end)
        .annotate(week=TruncWeek("day"))
        .values("week")
        .annotate(finished=Sum("finished"), requests=Sum("requests"))
        .order_by("week")
    )
