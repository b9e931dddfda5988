"""The call figures on hand-made leads and calls whose answers are known: the share of requests
that booked a call, the time from request to booked call, calls held and not answered by week,
how full the call hours are, and a held call as the first contact."""

import datetime
import zoneinfo

import pytest
from django.utils import timezone

from calls.availability import free_times
from calls.booking import record_outcome
from calls.models import BookedBy, Call, CallBookingSettings, CallDayOff, CallStatus, CallTaker
from insights import figures
from insights.figures import Period
from leads.models import Lead, LeadStatus
from tests.calls.conftest import make_taker
from tests.factories import LeadFactory, UserFactory

pytestmark = pytest.mark.django_db

ZONE = zoneinfo.ZoneInfo("America/Los_Angeles")
# Monday 2 November 2026 to Monday 16 November: two whole weeks.
PERIOD = Period(datetime.date(2026, 11, 2), datetime.date(2026, 11, 16), "test")
# The demo intake user's hours: Monday to Friday, 9 to 12 and 13 to 17.
WORKDAY = [(day, start, end) for day in range(5) for start, end in ((9, 12), (13, 17))]


def at(day: int, hour: int, minute: int = 0) -> datetime.datetime:
    return datetime.datetime(2026, 11, day, hour, minute, tzinfo=ZONE)


@pytest.fixture(autouse=True)
def clinic_zone(settings):
    settings.TIME_ZONE = "America/Los_Angeles"
    timezone.activate(ZONE)
    yield
    timezone.deactivate()


@pytest.fixture
def staff():
    return UserFactory()


def call(lead, staff, starts, status=CallStatus.BOOKED, booked_at=None, by=BookedBy.VISITOR):
    return Call.objects.create(
        lead=lead,
        staff=staff,
        starts_at=starts,
        ends_at=starts + datetime.timedelta(minutes=20),
        status=status,
        booked_by=by,
        booked_at=booked_at or lead.received_at,
    )


def test_the_share_of_requests_that_booked_a_call_counts_any_booking_by_either_side(staff):
    first_week = [LeadFactory(received_at=at(3, 9)) for _ in range(4)]
    call(first_week[0], staff, at(4, 10))
    call(first_week[1], staff, at(4, 11), by=BookedBy.STAFF)
    # A cancelled booking was still a booking.
    call(first_week[2], staff, at(4, 12), status=CallStatus.CANCELLED_BY_VISITOR)
    # Urgent requests are never offered a time, and spam is no request: both left out.
    call(LeadFactory(received_at=at(3, 9), is_urgent=True), staff, at(4, 13))
    call(LeadFactory(received_at=at(3, 9), status=LeadStatus.SPAM), staff, at(4, 14))
    LeadFactory(received_at=at(10, 9))

    assert figures.booked_calls_by_week(PERIOD) == [
        {"week": datetime.date(2026, 11, 2), "requests": 4, "booked": 3, "by_themselves": 2},
        {"week": datetime.date(2026, 11, 9), "requests": 1, "booked": 0, "by_themselves": 0},
    ]
    assert figures.booked_share(PERIOD) == (5, 3)


def test_time_from_request_to_booked_call_uses_each_leads_first_call(staff):
    hours = datetime.timedelta(hours=1)
    early = LeadFactory(received_at=at(3, 9))
    # Booked 2 hours after the request, cancelled, booked again 50 hours after: 2 counts.
    call(early, staff, at(4, 10), CallStatus.CANCELLED_BY_VISITOR, at(3, 9) + 2 * hours)
    call(early, staff, at(6, 10), booked_at=at(3, 9) + 50 * hours)
    call(LeadFactory(received_at=at(3, 9)), staff, at(5, 10), booked_at=at(3, 19))
    call(LeadFactory(received_at=at(4, 9)), staff, at(6, 11), booked_at=at(5, 15))
    call(LeadFactory(received_at=at(10, 9)), staff, at(11, 10), booked_at=at(10, 9, 30))
    LeadFactory(received_at=at(10, 9))  # never booked

    wait = figures.time_to_booking(PERIOD)

    # Sorted 0.5, 2, 10, 30: the median is rank 2, the 90th percentile rank 4.
    assert (wait.booked, wait.median, wait.p90) == (4, 2, 30)
    first, second = wait.weeks
    assert (first["booked"], first["median"], first["p90"]) == (3, 10, 30)
    assert (second["booked"], second["median"], second["p90"]) == (1, 0.5, 0.5)


def test_calls_held_and_not_answered_count_by_the_week_of_the_call_in_clinic_time(staff):
    request = LeadFactory(received_at=at(1, 9))
    # Sunday 8 November 23:30 in Los Angeles is Monday in UTC: it is the first week's call.
    call(request, staff, at(8, 23, 30), CallStatus.HELD)
    call(request, staff, at(9, 10), CallStatus.NO_ANSWER)
    call(request, staff, at(10, 10), CallStatus.HELD)
    call(request, staff, at(11, 10), CallStatus.CANCELLED_BY_CLINIC)
    call(request, staff, at(12, 10))  # booked, no outcome yet
    call(request, staff, at(16, 10), CallStatus.HELD)  # after the period

    assert figures.call_outcomes_by_week(PERIOD) == [
        {"week": datetime.date(2026, 11, 2), "held": 1, "no_answer": 0},
        {"week": datetime.date(2026, 11, 9), "held": 1, "no_answer": 1},
    ]


def test_offered_call_minutes_are_the_free_times_of_an_empty_calendar():
    ana = make_taker("ana", hours=WORKDAY)
    monday = datetime.date(2026, 11, 2)
    last = monday + datetime.timedelta(days=13)
    rules = CallBookingSettings(notice_opening_hours=0, horizon_days=14)
    now = datetime.datetime.combine(monday, datetime.time(), ZONE)
    slots = [free for free in free_times(None, now=now, rules=rules) if ana.pk in free.staff_ids]

    # 9–12 holds six 20-minute calls with their 10-minute gaps, 13–17 eight: 280 minutes a day.
    assert figures.offered_call_minutes(None, monday, last) == {ana.pk: 10 * 280}
    assert len(slots) * 20 == 10 * 280


def test_call_hours_use_is_booked_minutes_over_offered_minutes_the_next_two_weeks():
    ana = make_taker("ana", hours=WORKDAY)
    bo = make_taker("bo", hours=[(0, 9, 12)])
    CallTaker.objects.filter(user=bo).update(takes_calls=False)
    CallDayOff.objects.create(
        taker=ana.call_taker, first_day=datetime.date(2026, 11, 4), last_day=None
    )
    call(LeadFactory(received_at=at(1, 9)), ana, at(2, 9))
    call(LeadFactory(received_at=at(1, 9)), ana, at(3, 9), CallStatus.HELD)
    # A cancelled call frees its time; day 15 is outside the two weeks.
    call(LeadFactory(received_at=at(1, 9)), ana, at(3, 10), CallStatus.CANCELLED_BY_VISITOR)
    call(LeadFactory(received_at=at(1, 9)), ana, at(16, 9), CallStatus.HELD)
    call(LeadFactory(received_at=at(1, 9)), bo, at(2, 9))  # no longer takes calls: none offered

    rows = figures.call_hours_use(None, today=datetime.date(2026, 11, 2))

    assert rows == [
        {"staff": ana.get_full_name(), "offered": 9 * 280, "booked": 40, "share": 40 / 2520},
        {"staff": bo.get_full_name(), "offered": 0, "booked": 20, "share": None},
    ]


def test_a_held_call_is_the_first_contact_and_speed_to_first_contact_counts_it(staff):
    intake = make_taker("ana", hours=WORKDAY)
    request = LeadFactory(received_at=at(2, 9))  # Monday 9:00
    booked = call(request, intake, at(2, 11), booked_at=at(2, 9, 5))

    record_outcome(booked, CallStatus.HELD, intake, now=at(2, 11, 25))

    request = Lead.objects.get(pk=request.pk)
    assert request.status == LeadStatus.CONTACTED
    assert request.first_contacted_at == at(2, 11)
    assert request.first_contact_opening_hours == 2
    speed = figures.speed_to_first_contact(PERIOD, target_hours=1)
    assert (speed.contacted, speed.median) == (1, 2)
