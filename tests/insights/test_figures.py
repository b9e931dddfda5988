"""The Insights figures on hand-made leads whose answers are known: opening hours, weekends, the
clinic's time zone, percentiles, the funnel, channels and the small-count rule."""

import datetime
import zoneinfo

import pytest
import time_machine
from django.utils import timezone

from calls.models import BookedBy, Call, CallStatus
from insights import figures
from insights.figures import Channel, Period
from leads.follow_up import change_status
from leads.models import Lead, LeadStatus
from leads.opening_hours import opening_hours_between, opening_schedule
from tests.factories import LeadFactory, UserFactory

pytestmark = pytest.mark.django_db

ZONE = zoneinfo.ZoneInfo("America/Los_Angeles")
# Monday 2 November 2026 to Monday 30 November: four whole weeks.
PERIOD = Period(datetime.date(2026, 11, 2), datetime.date(2026, 11, 30), "test")


def at(day: int, hour: int, minute: int = 0, month: int = 11) -> datetime.datetime:
    return datetime.datetime(2026, month, day, hour, minute, tzinfo=ZONE)


def lead(received, hours_to_contact=None, **fields):
    made = LeadFactory(received_at=received, **fields)
    if hours_to_contact is not None:
        Lead.objects.filter(pk=made.pk).update(
            first_contacted_at=received + datetime.timedelta(hours=hours_to_contact),
            first_contact_opening_hours=hours_to_contact,
            status=fields.get("status", LeadStatus.CONTACTED),
        )
    return made


@pytest.fixture(autouse=True)
def clinic_zone(settings):
    settings.TIME_ZONE = "America/Los_Angeles"
    timezone.activate(ZONE)
    yield
    timezone.deactivate()


def test_opening_hours_between_skips_nights_and_the_weekend():
    schedule = opening_schedule(None)  # Mon–Fri 8–18, Sat 9–13, Sun closed
    friday_evening = at(6, 17)  # Friday 6 November, one hour before closing
    monday_morning = at(9, 9)  # Monday 9 November, one hour after opening
    # Friday 17–18 (1 h) + Saturday 9–13 (4 h) + Monday 8–9 (1 h)
    assert opening_hours_between(friday_evening, monday_morning, schedule) == 6
    assert opening_hours_between(at(8, 10), at(8, 20), schedule) == 0  # all of Sunday: closed
    assert opening_hours_between(at(3, 6), at(3, 7), schedule) == 0  # before opening


def test_a_status_change_records_the_opening_hours_to_first_contact(site):
    request = LeadFactory(received_at=at(6, 17))
    change_status(request, LeadStatus.CONTACTED, actor=None, now=at(9, 9))
    request.refresh_from_db()
    assert request.first_contact_opening_hours == 6


def test_weekly_median_and_90th_percentile_use_the_nearest_rank():
    # Week of 2 November: ten contacted requests taking 1 to 10 opening hours.
    for hours in range(1, 11):
        lead(at(3, 9), hours_to_contact=hours)
    # Week of 9 November: two requests, 0.5 and 3 hours; one never contacted.
    lead(at(10, 9), hours_to_contact=0.5)
    lead(at(10, 9), hours_to_contact=3)
    lead(at(10, 9))
    speed = figures.speed_to_first_contact(PERIOD, target_hours=1)
    first, second, third, fourth = speed.weeks
    assert (first["median"], first["p90"], first["contacted"]) == (5, 9, 10)
    assert (second["median"], second["p90"]) == (0.5, 3)
    assert (second["requests"], second["contacted"], second["within_target"]) == (3, 2, 1)
    assert third["median"] is None and fourth["requests"] == 0
    # Overall, twelve values sorted 0.5 1 2 3 3 4 5 …: rank ceil(6) = 4 h, rank ceil(10.8) = 9 h.
    assert speed.median == 4 and speed.p90 == 9
    assert (speed.requests, speed.contacted, speed.within_target) == (13, 12, 2)
    assert speed.within_target_share == pytest.approx(2 / 12)


def test_weeks_follow_the_clinics_time_zone_not_utc():
    # Sunday 8 November 23:30 in Los Angeles is Monday 9 November in UTC: it belongs to week one.
    lead(at(8, 23, 30), hours_to_contact=2)
    weeks = figures.speed_to_first_contact(PERIOD, target_hours=1).weeks
    assert [week["requests"] for week in weeks] == [1, 0, 0, 0]


def test_urgent_requests_are_kept_apart_from_the_routine_figures():
    lead(at(3, 9), hours_to_contact=0.2, is_urgent=True)
    lead(at(3, 9), hours_to_contact=4)
    assert figures.speed_to_first_contact(PERIOD, target_hours=1).median == 4
    urgent = figures.urgent_requests(PERIOD)
    assert [row["first_contact_opening_hours"] for row in urgent] == [0.2]


def test_spam_is_left_out_and_the_funnel_counts_each_step_and_ending():
    lead(at(3, 9), hours_to_contact=1, status=LeadStatus.BECAME_PATIENT)
    lead(at(3, 9), hours_to_contact=1, status=LeadStatus.CONSULTATION_SCHEDULED)
    lead(at(3, 9), hours_to_contact=1, status=LeadStatus.NOT_A_FIT)
    lead(at(3, 9), hours_to_contact=1, status=LeadStatus.UNREACHABLE)
    lead(at(3, 9), status=LeadStatus.NEW)
    lead(at(3, 9), status=LeadStatus.SPAM)
    lead(at(3, 9, month=10), hours_to_contact=1, status=LeadStatus.BECAME_PATIENT)  # before
    counts = figures.funnel(PERIOD)
    assert counts == {
        "requests": 5,
        "contacted": 4,
        "consultation": 2,
        "patients": 1,
        "not_a_fit": 1,
        "unreachable": 1,
        "spam": 1,
        "still_open": 1,
    }
    rates = {step["key"]: step["rate"] for step in figures.step_rates(counts)}
    assert rates == {"requests": None, "contacted": 0.8, "consultation": 0.5, "patients": 0.5}


def test_requests_by_hour_and_weekday_in_clinic_time():
    lead(at(3, 9))  # Tuesday 09:00
    lead(at(3, 9, 30))
    lead(at(7, 12))  # Saturday 12:00
    by_hour, by_day = figures.requests_by_hour_and_weekday(PERIOD)
    assert by_hour[9] == 2 and by_hour[12] == 1 and sum(by_hour) == 3
    assert by_day == [0, 2, 0, 0, 0, 1, 0]  # Tuesday twice, Saturday once


def test_daylight_saving_changes_move_requests_to_the_right_hour_day_and_week():
    # Summer time ends in Los Angeles on Sunday 1 November 2026: 02:00 PDT becomes 01:00 PST.
    period = Period(datetime.date(2026, 10, 26), datetime.date(2026, 11, 9), "test")
    lead(at(31, 23, 30, month=10))  # Saturday 23:30 PDT
    lead(datetime.datetime(2026, 11, 1, 1, 30, fold=1, tzinfo=ZONE))  # Sunday 01:30 PST
    lead(at(1, 23, 30))  # Sunday 23:30 PST: Monday 07:30 in UTC, and 00:30 at the summer offset
    lead(at(2, 0, 30))  # Monday 00:30 PST
    by_hour, by_day = figures.requests_by_hour_and_weekday(period)
    assert (by_hour[23], by_hour[1], by_hour[0], sum(by_hour)) == (2, 1, 1, 4)
    assert by_day == [1, 0, 0, 0, 0, 1, 2]
    weeks = figures.speed_to_first_contact(period, target_hours=1).weeks
    assert [week["requests"] for week in weeks] == [3, 1]
    assert [week[Channel.DIRECT] for week in figures.requests_by_channel(period)] == [3, 1]


@pytest.mark.parametrize(
    "zone_name", ["America/Los_Angeles", "Europe/London", "Australia/Adelaide", "Asia/Kolkata"]
)
def test_hours_days_and_weeks_match_the_clinics_clock_around_every_offset_change(zone_name):
    """Requests a minute and half an hour either side of each of the year's offset changes, and
    at midnight, in zones with summer time, half-hour offsets, or neither: every figure matches
    the wall clock Python's zone database gives."""
    zone = zoneinfo.ZoneInfo(zone_name)
    period = Period(datetime.date(2025, 12, 29), datetime.date(2026, 12, 28), "a year")
    utc = datetime.UTC
    instants = [
        datetime.datetime(2026, 6, 1, tzinfo=zone),
        datetime.datetime(2026, 1, 4, 23, 59, tzinfo=zone),
    ]
    hour = datetime.datetime(2025, 12, 29, tzinfo=zone).astimezone(utc)
    while hour < datetime.datetime(2026, 12, 28, tzinfo=zone):
        if (hour + datetime.timedelta(hours=1)).astimezone(zone).utcoffset() != hour.astimezone(
            zone
        ).utcoffset():
            change = hour + datetime.timedelta(hours=1)
            for minutes in (-30, -1, 0, 1, 30):
                instants.append(change + datetime.timedelta(minutes=minutes))
        hour += datetime.timedelta(hours=1)
    for instant in instants:
        LeadFactory(received_at=instant)
    local = [instant.astimezone(zone) for instant in instants]
    expected_hours, expected_days = [0] * 24, [0] * 7
    expected_weeks = dict.fromkeys(period.week_starts(), 0)
    for moment in local:
        expected_hours[moment.hour] += 1
        expected_days[moment.weekday()] += 1
        expected_weeks[moment.date() - datetime.timedelta(days=moment.weekday())] += 1
    with timezone.override(zone):
        by_hour, by_day = figures.requests_by_hour_and_weekday(period)
        weeks = figures.speed_to_first_contact(period, target_hours=1).weeks
    assert (by_hour, by_day) == (expected_hours, expected_days)
    assert {week["week"]: week["requests"] for week in weeks} == expected_weeks


def test_channels_come_from_first_touch_with_the_requests_that_booked_a_call():
    newsletter = lead(at(3, 9), utm_source="newsletter", referrer="https://www.google.com/")
    lead(at(3, 9), referrer="https://www.google.com/search?q=ketamine")
    searched = lead(at(3, 9), referrer="https://duckduckgo.com/")
    lead(at(3, 9), referrer="https://forum.example.org/thread/12")
    lead(at(3, 9))
    staff = UserFactory()
    for number, booked in enumerate((newsletter, searched)):
        starts = at(4, 10 + number)
        Call.objects.create(
            lead=booked,
            staff=staff,
            starts_at=starts,
            ends_at=starts + datetime.timedelta(minutes=20),
            booked_by=BookedBy.STAFF,
            status=CallStatus.CANCELLED_BY_VISITOR if number else CallStatus.HELD,
        )
    weeks = figures.requests_by_channel(PERIOD)
    assert weeks[0] == {
        "week": datetime.date(2026, 11, 2),
        Channel.CAMPAIGN: 1,
        Channel.SEARCH: 2,
        Channel.REFERRAL: 1,
        Channel.DIRECT: 1,
        "campaign_booked": 1,
        "search_booked": 1,
        "referral_booked": 0,
        "direct_booked": 0,
    }


def test_the_last_four_weeks_are_whole_weeks_up_to_this_one():
    with time_machine.travel(at(25, 12), tick=False):  # a Wednesday
        period = figures.chosen_period("4w")
    assert (period.start, period.end) == (datetime.date(2026, 11, 2), datetime.date(2026, 11, 30))
    assert period.previous().start == datetime.date(2026, 10, 5)
    custom = figures.chosen_period("custom", datetime.date(2026, 11, 3), datetime.date(2026, 11, 4))
    assert custom.days == 2
