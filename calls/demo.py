"""Demo call hours and calls for local runs (`seed_demo`), so the agenda and the Insights call
figures show something on a fresh `make run`: the demo intake user takes calls Monday to Friday,
9:00–12:00 and 13:00–17:00, and with `--with-leads` some demo requests have calls, the past
ones held or not answered, a few still to come.

The calls are written straight to the table: nothing is emailed, and the calls still to come are
marked as reminded, so the reminder task never writes to a demo address either. They belong to
demo leads, so `purge_leads --remove-demo-leads` removes them with the leads. Safe to run again:
hours a staff member already has are kept, and calls are added only when no demo lead has one."""

import datetime
import random

from django.utils import timezone
from wagtail.models import Site

from calls.availability import booking_rules, clinic_zone, free_times
from calls.models import BookedBy, Call, CallHours, CallStatus, CallTaker
from leads.models import OPEN_STATUSES, Lead
from leads.opening_hours import opening_schedule

DEMO_HOURS = [
    (day, datetime.time(starts), datetime.time(ends))
    for day in range(5)
    for starts, ends in ((9, 12), (13, 17))
]
# How far back demo requests get past calls, and the share of them that booked one.
PAST_WEEKS = 10
BOOKED_SHARE = 0.35
UPCOMING_CALLS = 6


def seed_call_hours(user) -> CallTaker | None:
    """Make `user` (the demo intake user; None on a real site) a call taker with DEMO_HOURS,
    unless they have call hours already."""
    if user is None:
        return None
    taker, _ = CallTaker.objects.get_or_create(user=user)
    if not taker.hours.exists():
        CallHours.objects.bulk_create(
            CallHours(taker=taker, day=day, starts=starts, ends=ends, sort_order=index)
            for index, (day, starts, ends) in enumerate(DEMO_HOURS)
        )
    return taker


def has_demo_calls() -> bool:
    return Call.objects.filter(lead__is_demo=True).exists()


def seed_demo_calls(user, now: datetime.datetime | None = None, seed: int = 2026) -> int:
    """Give some demo requests a call with `user`, once (nothing when a demo lead has a call
    already, or without a user). Returns how many calls."""
    if user is None or has_demo_calls():
        return 0
    taker = seed_call_hours(user)
    now = now or timezone.now()
    # The same demo every time, so the charts can be described in the docs; not for secrets.
    rng = random.Random(seed)  # noqa: S311
    site = Site.objects.filter(is_default_site=True).first()
    slots = DemoSlots(taker, site)
    past = past_calls(rng, user, slots, now)
    calls = past + upcoming_calls(rng, user, site, now, {call.lead_id for call in past})
    Call.objects.bulk_create(calls)
    return len(calls)


class DemoSlots:
    """The taker's call times on the booking grid (their hours inside opening hours, a call plus
    its gap apart), each given out once."""

    def __init__(self, taker: CallTaker, site):
        rules = booking_rules(site)
        self.length = rules.call_length
        self.step = rules.call_length + rules.gap
        self.schedule = opening_schedule(site)
        self.hours = list(taker.hours.values_list("day", "starts", "ends"))
        self.taken = set(
            Call.objects.holding().filter(staff=taker.user).values_list("starts_at", flat=True)
        )

    def first_from(self, moment: datetime.datetime) -> datetime.datetime | None:
        """The first free call time at or after `moment`, within two weeks."""
        zone = clinic_zone()
        day = moment.astimezone(zone).date()
        for _ in range(14):
            opening = self.schedule.get(day.weekday())
            for weekday, starts, ends in sorted(self.hours):
                if weekday != day.weekday() or opening is None:
                    continue
                slot = datetime.datetime.combine(day, max(starts, opening[0]), zone)
                end = datetime.datetime.combine(day, min(ends, opening[1]), zone)
                while slot + self.length <= end:
                    if slot >= moment and slot not in self.taken:
                        self.taken.add(slot)
                        return slot
                    slot += self.step
            day += datetime.timedelta(days=1)
        return None


def past_calls(rng, user, slots: DemoSlots, now) -> list[Call]:
    """Calls of the last PAST_WEEKS weeks' routine demo requests: about one in three booked one,
    from half an hour to two days after the request; three in four were held."""
    leads = (
        Lead.objects.filter(
            is_demo=True,
            is_urgent=False,
            received_at__gte=now - datetime.timedelta(weeks=PAST_WEEKS),
        )
        .not_spam()
        .order_by("received_at", "pk")
    )
    calls = []
    for lead in leads:
        if rng.random() >= BOOKED_SHARE:
            continue
        booked_at = lead.received_at + datetime.timedelta(hours=rng.lognormvariate(1.0, 1.0))
        starts = slots.first_from(booked_at + datetime.timedelta(hours=rng.uniform(2, 30)))
        if starts is None or starts + slots.length > now or booked_at > now:
            continue
        status = CallStatus.HELD if rng.random() < 0.75 else CallStatus.NO_ANSWER
        calls.append(
            demo_call(
                rng, lead, user, starts, slots.length, booked_at, status, starts + slots.length
            )
        )
    return calls


def upcoming_calls(rng, user, site, now, called) -> list[Call]:
    """A few open demo requests (none of `called`, the lead ids given a past call) booked into
    the coming free times, spread over the days."""
    free = free_times(site, now=now, staff_ids=[user.pk])[::5][:UPCOMING_CALLS]
    leads = (
        Lead.objects.filter(is_demo=True, is_urgent=False, status__in=OPEN_STATUSES)
        .not_spam()
        .filter(calls__isnull=True)
        .exclude(pk__in=called)
        .order_by("-received_at", "-pk")[: len(free)]
    )
    calls = []
    for lead, time in zip(leads, free, strict=False):
        booked_at = min(now, lead.received_at + datetime.timedelta(hours=rng.uniform(0.2, 20)))
        call = demo_call(rng, lead, user, time.starts_at, time.ends_at - time.starts_at, booked_at)
        # Marked as reminded: the reminder task must not write to a demo address.
        call.reminded_day_before_at = call.reminded_hours_before_at = now
        calls.append(call)
    return calls


def demo_call(
    rng, lead, user, starts, length, booked_at, status=CallStatus.BOOKED, outcome_at=None
):
    return Call(
        lead=lead,
        staff=user,
        starts_at=starts,
        ends_at=starts + length,
        status=status,
        booked_by=BookedBy.VISITOR if rng.random() < 0.7 else BookedBy.STAFF,
        booked_at=booked_at,
        time_chosen_at=booked_at,
        outcome_at=outcome_at,
    )
