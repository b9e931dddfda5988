"""The free times a visitor is offered: call hours inside the clinic's, the notice in opening
hours, the horizon, days off, booked calls with their gap, and daylight saving."""

import datetime

from calls.availability import by_day, free_times
from calls.models import CallBookingSettings, CallDayOff, CallStatus
from core.models import ClinicClosure, ClinicSettings
from tests.calls.conftest import clinic_time, make_taker
from tests.factories import LeadFactory

# Monday 7 December 2026, 8:00 in the clinic.
MONDAY_8AM = clinic_time(2026, 12, 7, 8)


def local_starts(times):
    return [free.local_start.strftime("%a %d %H:%M") for free in times]


def test_the_first_free_time_is_two_opening_hours_away_on_a_twenty_minute_grid_with_a_gap(
    taker, site
):
    times = free_times(site, now=MONDAY_8AM)
    # The clinic opens at 8:00; two opening hours later is 10:00. Ana's hours start at 9:00,
    # so her grid (20 minutes plus a 10-minute gap) is 9:00, 9:30, 10:00 ...
    assert local_starts(times)[:3] == ["Mon 07 10:00", "Mon 07 10:30", "Mon 07 11:00"]
    assert times[0].ends_at - times[0].starts_at == datetime.timedelta(minutes=20)
    # The last call of the day ends by 17:00.
    monday = [t for t in local_starts(times) if t.startswith("Mon 07")]
    assert monday[-1] == "Mon 07 16:30"


def test_times_stay_inside_the_clinic_hours_and_the_horizon(taker, site):
    times = free_times(site, now=MONDAY_8AM)
    days = [day for day, _ in by_day(times)]
    # Fourteen days counting today, weekdays only (Ana does not work weekends).
    assert days[0] == datetime.date(2026, 12, 7)
    assert days[-1] == datetime.date(2026, 12, 18)
    assert all(day.weekday() < 5 for day in days)


def test_call_hours_outside_the_clinic_opening_are_not_offered(site, settings):
    settings.TIME_ZONE = "America/New_York"
    make_taker("early", hours=[(0, 6, 9)])  # the clinic opens at 8:00
    times = free_times(site, now=clinic_time(2026, 12, 4, 8))  # the Friday before
    assert local_starts(times) == ["Mon 07 08:00", "Mon 07 08:30", "Mon 14 08:00", "Mon 14 08:30"]


def test_a_day_off_removes_that_day(taker, site):
    CallDayOff.objects.create(
        taker=taker.call_taker,
        first_day=datetime.date(2026, 12, 8),
        last_day=datetime.date(2026, 12, 9),
    )
    days = [day for day, _ in by_day(free_times(site, now=MONDAY_8AM))]
    assert datetime.date(2026, 12, 8) not in days
    assert datetime.date(2026, 12, 9) not in days
    assert datetime.date(2026, 12, 10) in days


def test_a_booked_call_holds_its_time_and_the_gap_around_it(taker, site, contact_page):
    lead = LeadFactory(source_page=contact_page)
    lead.calls.create(
        staff=taker,
        starts_at=clinic_time(2026, 12, 7, 11),
        ends_at=clinic_time(2026, 12, 7, 11, 20),
        booked_by="visitor",
    )
    monday = [t for t in local_starts(free_times(site, now=MONDAY_8AM)) if t.startswith("Mon 07")]
    assert "Mon 07 11:00" not in monday
    assert "Mon 07 10:30" in monday and "Mon 07 11:30" in monday


def test_a_cancelled_call_frees_its_time(taker, site, contact_page):
    lead = LeadFactory(source_page=contact_page)
    lead.calls.create(
        staff=taker,
        starts_at=clinic_time(2026, 12, 7, 11),
        ends_at=clinic_time(2026, 12, 7, 11, 20),
        booked_by="visitor",
        status=CallStatus.CANCELLED_BY_VISITOR,
    )
    assert "Mon 07 11:00" in local_starts(free_times(site, now=MONDAY_8AM))


def test_a_time_is_free_while_any_taker_is_free_and_names_them(taker, site):
    bo = make_taker("bo")
    times = free_times(site, now=MONDAY_8AM)
    assert set(times[0].staff_ids) == {taker.pk, bo.pk}


def test_settings_change_the_length_gap_notice_and_horizon(taker, site):
    rules = CallBookingSettings.for_site(site)
    rules.call_minutes, rules.gap_minutes = 45, 15
    rules.notice_opening_hours, rules.horizon_days = 0, 1
    rules.save()
    times = free_times(site, now=MONDAY_8AM)
    assert local_starts(times) == [
        "Mon 07 09:00",
        "Mon 07 10:00",
        "Mon 07 11:00",
        "Mon 07 12:00",
        "Mon 07 13:00",
        "Mon 07 14:00",
        "Mon 07 15:00",
        "Mon 07 16:00",
    ]


def test_the_notice_skips_closed_hours_overnight(taker, site):
    # Monday 17:30, after the clinic closes at 18:00 less than two opening hours remain: the
    # notice runs on into Tuesday morning (8:00 + 1.5 h = 9:30).
    times = free_times(site, now=clinic_time(2026, 12, 7, 17, 30))
    assert local_starts(times)[0] == "Tue 08 09:30"


def test_no_taker_means_no_times(site):
    assert free_times(site, now=MONDAY_8AM) == []


def test_across_the_spring_change_times_keep_their_wall_clock(site, settings):
    settings.TIME_ZONE = "America/New_York"
    make_taker("ana")
    # Daylight saving starts on Sunday 8 March 2026; book from the Friday before.
    times = free_times(site, now=clinic_time(2026, 3, 6, 8))
    monday = [free for free in times if free.local_start.date() == datetime.date(2026, 3, 9)]
    friday = [free for free in times if free.local_start.date() == datetime.date(2026, 3, 6)]
    assert monday[0].local_start.strftime("%H:%M") == "09:00"
    assert friday[0].local_start.strftime("%H:%M") == "10:00"
    # 9:00 on Monday is 13:00 UTC (EDT); 10:00 on Friday was 15:00 UTC (EST).
    assert monday[0].starts_at.hour == 13
    assert friday[0].starts_at.hour == 15


def test_across_the_autumn_change_times_keep_their_wall_clock(site, settings):
    settings.TIME_ZONE = "America/New_York"
    make_taker("ana")
    # Daylight saving ends on Sunday 1 November 2026.
    times = free_times(site, now=clinic_time(2026, 10, 30, 8))
    monday = [free for free in times if free.local_start.date() == datetime.date(2026, 11, 2)]
    assert monday[0].local_start.strftime("%H:%M") == "09:00"
    assert monday[0].starts_at.hour == 14  # 9:00 EST


def test_a_clinic_closure_removes_the_day_for_every_taker(taker, site):
    clinic = ClinicSettings.for_site(site)
    ClinicClosure.objects.create(
        setting=clinic, first_day=datetime.date(2026, 12, 8), reason="Staff training"
    )
    days = [day for day, _ in by_day(free_times(site, now=MONDAY_8AM))]
    assert datetime.date(2026, 12, 8) not in days
    assert datetime.date(2026, 12, 9) in days


def test_the_notice_skips_a_closed_morning(taker, site):
    ClinicClosure.objects.create(
        setting=ClinicSettings.for_site(site), first_day=datetime.date(2026, 12, 8)
    )
    # Monday 17:00: one opening hour left today, Tuesday closed, so the second opening hour
    # ends on Wednesday at 9:00.
    times = free_times(site, now=clinic_time(2026, 12, 7, 17))
    assert local_starts(times)[0] == "Wed 09 09:00"
