"""The free times a visitor may pick: each call taker's weekly call hours, cut to the clinic's
opening hours, without the clinic's closures and the taker's days off, on a grid of the call
length plus the gap, from the minimum notice (in opening hours) to the booking horizon, without
the times their booked calls (and the gap around them) hold.

Computed in a handful of queries whatever the number of calls (docs/booking.md, bench). Written
by hand: scheduling libraries (Cal.com, django-scheduler) bring their own models of users and
events; what is needed here is a few loops over rows already in the database."""

import bisect
import datetime
from collections import defaultdict
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db.models import Q
from django.utils import timezone
from wagtail.models import Site

from calls.models import Call, CallBookingSettings, CallDayOff, CallHours
from leads.opening_hours import add_opening_hours, closed_days, opening_schedule


def clinic_zone() -> ZoneInfo:
    """The clinic's time zone: every call hour is written in it, whatever zone a staff member's
    admin shows."""
    return ZoneInfo(settings.TIME_ZONE)


@dataclass(frozen=True)
class FreeTime:
    """A time at which at least one call taker is free for a whole call."""

    starts_at: datetime.datetime
    ends_at: datetime.datetime
    staff_ids: tuple[int, ...]

    @property
    def local_start(self) -> datetime.datetime:
        return self.starts_at.astimezone(clinic_zone())


def booking_rules(site: Site | None) -> CallBookingSettings:
    return CallBookingSettings.for_site(site) if site else CallBookingSettings()


def booking_window(
    site: Site | None, rules: CallBookingSettings, now: datetime.datetime
) -> tuple[datetime.datetime, datetime.date, set[datetime.date]]:
    """The earliest bookable moment (the minimum notice counted in opening hours, closures
    skipped), the last bookable day, and the clinic's closed days in between."""
    zone = clinic_zone()
    today = now.astimezone(zone).date()
    last_day = today + datetime.timedelta(days=rules.horizon_days - 1)
    closed = closed_days(site, today, last_day + datetime.timedelta(days=31))
    earliest = now
    if rules.notice_opening_hours:
        with timezone.override(zone):
            earliest = add_opening_hours(
                now, rules.notice_opening_hours, opening_schedule(site), closed
            )
        if earliest is None:  # the clinic has no opening hours at all
            earliest = datetime.datetime.combine(
                last_day + datetime.timedelta(days=1), datetime.time(), zone
            )
    return earliest, last_day, closed


def call_windows(
    site: Site | None,
    first: datetime.date,
    last: datetime.date,
    *,
    staff_ids=None,
    closed=None,
) -> dict[int, list[tuple[datetime.datetime, datetime.datetime]]]:
    """Per call taker (user id), the windows from `first` to `last` (both included) in which they
    offer calls: their weekly hours cut to the clinic's opening hours, without the clinic's
    closures (`closed`, read when not given) and their days off. Each window is a pair of aware
    datetimes in the clinic's zone, in order. Two queries whatever the number of takers: the
    free times cut these by the booked calls, and Insights counts what they offer."""
    zone = clinic_zone()
    schedule = opening_schedule(site)
    closed = closed_days(site, first, last) if closed is None else closed
    hours = CallHours.objects.filter(taker__takes_calls=True, taker__user__is_active=True)
    # Only days off that reach into the range: old leave is never read again.
    days_off = CallDayOff.objects.filter(taker__takes_calls=True, first_day__lte=last).filter(
        Q(last_day__gte=first) | Q(last_day__isnull=True, first_day__gte=first)
    )
    if staff_ids is not None:
        hours = hours.filter(taker__user_id__in=staff_ids)
        days_off = days_off.filter(taker__user_id__in=staff_ids)
    weekly = defaultdict(list)
    for user_id, day, starts, ends in hours.order_by("starts").values_list(
        "taker__user_id", "day", "starts", "ends"
    ):
        weekly[user_id].append((day, starts, ends))
    if not weekly:
        return {}
    off = defaultdict(set)
    for user_id, first_off, last_off in days_off.values_list(
        "taker__user_id", "first_day", "last_day"
    ):
        day = max(first_off, first)
        while day <= min(last_off or first_off, last):
            off[user_id].add(day)
            day += datetime.timedelta(days=1)
    windows = {}
    for user_id, rows in weekly.items():
        user_windows = windows[user_id] = []
        day = first
        while day <= last:
            weekday = day.weekday()
            if day not in closed and day not in off[user_id] and weekday in schedule:
                opens, closes = schedule[weekday]
                for row_day, starts, ends in rows:
                    if row_day == weekday and max(starts, opens) < min(ends, closes):
                        user_windows.append(
                            (
                                datetime.datetime.combine(day, max(starts, opens), zone),
                                datetime.datetime.combine(day, min(ends, closes), zone),
                            )
                        )
            day += datetime.timedelta(days=1)
    return windows


def free_times(
    site: Site | None,
    *,
    now: datetime.datetime | None = None,
    rules: CallBookingSettings | None = None,
    ignore_call: Call | None = None,
    staff_ids=None,
    only_day: datetime.date | None = None,
) -> list[FreeTime]:
    """Every free time from the minimum notice to the horizon, in order. `ignore_call` is a call
    being moved: the time it holds counts as free. `staff_ids` limits the takers considered;
    `only_day` the days (a booking checks its own day only)."""
    now = now or timezone.now()
    rules = rules or booking_rules(site)
    zone = clinic_zone()
    earliest, last_day, closed = booking_window(site, rules, now)
    if only_day is not None:
        if not earliest.astimezone(zone).date() <= only_day <= last_day:
            return []
        last_day = only_day
        earliest = max(earliest, datetime.datetime.combine(only_day, datetime.time(), zone))
    length, gap = rules.call_length, rules.gap
    today = earliest.astimezone(zone).date()
    windows = call_windows(site, today, last_day, staff_ids=staff_ids, closed=closed)
    if not windows:
        return []

    horizon_end = datetime.datetime.combine(
        last_day + datetime.timedelta(days=1), datetime.time(), zone
    )
    calls = Call.objects.holding().filter(
        staff_id__in=list(windows),
        starts_at__lt=horizon_end + gap,
        ends_at__gt=earliest - gap,
    )
    if ignore_call is not None:
        calls = calls.exclude(pk=ignore_call.pk)
    # Busy intervals as POSIX seconds (comparing aware datetimes of different zones converts
    # both on every comparison): per staff member, the starts in order and the latest end so far.
    busy_starts = defaultdict(list)
    busy_ends = defaultdict(list)
    gap_seconds, length_seconds = gap.total_seconds(), length.total_seconds()
    for staff_id, starts_at, ends_at in calls.order_by("starts_at").values_list(
        "staff_id", "starts_at", "ends_at"
    ):
        ends = busy_ends[staff_id]
        busy_starts[staff_id].append(starts_at.timestamp() - gap_seconds)
        ends.append(max(ends[-1] if ends else 0.0, ends_at.timestamp() + gap_seconds))

    free = defaultdict(list)
    step = length + gap
    earliest_seconds = earliest.timestamp()
    for user_id, user_windows in windows.items():
        starts_list, ends_list = busy_starts[user_id], busy_ends[user_id]
        for window_start, window_end in user_windows:
            moment = window_start
            # Wall-clock steps: an aware datetime plus a timedelta keeps its zone's wall clock,
            # so a call at 10:00 stays at 10:00 across a daylight-saving change.
            while moment + length <= window_end:
                seconds = moment.timestamp()
                if seconds >= earliest_seconds and not overlaps(
                    starts_list, ends_list, seconds, seconds + length_seconds
                ):
                    free[moment].append(user_id)
                moment += step
    return [
        FreeTime(
            starts_at=moment.astimezone(datetime.UTC),
            ends_at=(moment + length).astimezone(datetime.UTC),
            staff_ids=tuple(sorted(set(staff))),
        )
        for moment, staff in sorted(free.items())
    ]


def overlaps(starts: list, latest_ends: list, start: float, end: float) -> bool:
    """Whether [start, end) meets a busy interval: `starts` in order, `latest_ends[i]` the latest
    end among the first i + 1 intervals. Every interval starting before `end` is among those, and
    one of them overlaps exactly when the latest of their ends is after `start`."""
    index = bisect.bisect_left(starts, end)
    return index > 0 and latest_ends[index - 1] > start


def free_time_at(site, starts_at: datetime.datetime, **options) -> FreeTime | None:
    """The free time starting at `starts_at`, or None when it is not (or no longer) free."""
    day = starts_at.astimezone(clinic_zone()).date()
    for free in free_times(site, only_day=day, **options):
        if free.starts_at == starts_at:
            return free
    return None


def by_day(times: list[FreeTime]) -> list[tuple[datetime.date, list[FreeTime]]]:
    """Free times grouped by their day in the clinic's zone, in order."""
    days: dict[datetime.date, list[FreeTime]] = {}
    for free in times:
        days.setdefault(free.local_start.date(), []).append(free)
    return list(days.items())
