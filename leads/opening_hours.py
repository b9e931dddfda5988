"""The clinic's opening hours as the leads app counts them: the weekly schedule of a site
(core.ClinicSettings) and the days it is closed although the schedule says open (its closures),
time added within them (escalation), and the opening hours between two moments (time to first
contact)."""

import datetime
from collections.abc import Container
from decimal import Decimal

from django.utils import timezone
from wagtail.models import Site

from core.models import DEFAULT_OPENING_HOURS, ClinicSettings


def opening_schedule(site: Site | None) -> dict[int, tuple[datetime.time, datetime.time]]:
    """The clinic's weekly opening hours (Settings → Clinic details); the usual ones without a site."""
    if site is None:
        return {day: (opens, closes) for day, opens, closes in DEFAULT_OPENING_HOURS}
    return ClinicSettings.for_site(site).weekly_hours()


def closed_days(site: Site | None, first: datetime.date, last: datetime.date) -> set[datetime.date]:
    """The dates from `first` to `last` (both included) the site's clinic is closed (Settings →
    Clinic details → Closures); none without a site."""
    if site is None:
        return set()
    return ClinicSettings.for_site(site).closed_days(first, last)


def add_opening_hours(
    start: datetime.datetime,
    hours: float | Decimal,
    schedule: dict[int, tuple[datetime.time, datetime.time]],
    closed: Container[datetime.date] = frozenset(),
) -> datetime.datetime | None:
    """The moment `hours` of opening time have passed since `start`, in the clinic's time zone
    (each day's opening is taken as local wall-clock time, so daylight saving needs no care),
    skipping the dates in `closed`. None when the clinic has no opening hours at all."""
    # Written by hand: a business-hours library (businesstimedelta, workalendar) would add a
    # dependency for these few lines and still need adapting to per-site weekday windows.
    if not schedule:
        return None
    zone = timezone.get_current_timezone()
    remaining = datetime.timedelta(hours=float(hours))
    cursor = timezone.localtime(start, zone)
    # Two weeks always contain an opening when the schedule has one, and a year is longer than
    # any closure; the bound keeps a mistaken schedule from looping forever.
    for _ in range(366 + 15):
        day = cursor.date()
        if day.weekday() in schedule and day not in closed:
            opens, closes = schedule[day.weekday()]
            window_start = max(cursor, datetime.datetime.combine(day, opens, zone))
            window_end = datetime.datetime.combine(day, closes, zone)
            if window_start < window_end:
                available = window_end - window_start
                if remaining <= available:
                    return window_start + remaining
                remaining -= available
        cursor = datetime.datetime.combine(day + datetime.timedelta(days=1), datetime.time(0), zone)
    return None


def opening_hours_between(
    start: datetime.datetime,
    end: datetime.datetime,
    schedule: dict[int, tuple[datetime.time, datetime.time]],
    closed: Container[datetime.date] = frozenset(),
) -> float | None:
    """How many opening hours passed from `start` to `end`, in the clinic's time zone, the dates
    in `closed` left out: the inverse of add_opening_hours, for the time to first contact. None
    when the clinic has no opening hours at all."""
    if not schedule:
        return None
    zone = timezone.get_current_timezone()
    start, end = timezone.localtime(start, zone), timezone.localtime(end, zone)
    total = datetime.timedelta()
    day = start.date()
    while day <= end.date():
        if day.weekday() in schedule and day not in closed:
            opens, closes = schedule[day.weekday()]
            window_start = max(start, datetime.datetime.combine(day, opens, zone))
            window_end = min(end, datetime.datetime.combine(day, closes, zone))
            if window_start < window_end:
                total += window_end - window_start
        day += datetime.timedelta(days=1)
    return total.total_seconds() / 3600
