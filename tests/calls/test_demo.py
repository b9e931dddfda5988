"""`seed_demo` gives the local demo intake user call hours, and `--with-leads` books demo calls
(past ones held or not answered, a few to come) without sending or queuing any email; a second
run adds nothing, and removing the demo leads removes their calls."""

import datetime

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from calls.availability import clinic_zone
from calls.demo import DEMO_HOURS
from calls.models import Call, CallHours, CallStatus, CallTaker
from calls.reminders import send_reminders
from home import demo_users
from insights import figures
from outbox.models import EmailDelivery

pytestmark = pytest.mark.django_db


@pytest.fixture
def local_run(settings, tmp_path, monkeypatch):
    settings.DEBUG = True
    monkeypatch.setattr(demo_users, "PASSWORD_FILE", tmp_path / ".demo-admin-password")


def test_the_demo_intake_user_takes_calls_on_weekdays_with_a_lunch_break(site, local_run):
    call_command("seed_demo")
    call_command("seed_demo")

    taker = CallTaker.objects.get(user__username=demo_users.INTAKE_USERNAME)
    hours = sorted(taker.hours.values_list("day", "starts", "ends"))
    assert hours == sorted(DEMO_HOURS)
    assert (hours[0][1], hours[0][2], hours[1][1], hours[1][2]) == (
        datetime.time(9),
        datetime.time(12),
        datetime.time(13),
        datetime.time(17),
    )
    assert {day for day, _, _ in hours} == {0, 1, 2, 3, 4}
    assert not Call.objects.exists()


def test_demo_calls_come_with_the_demo_leads_once_and_send_nothing(site, local_run, capsys):
    call_command("seed_demo", "--with-leads")
    calls = Call.objects.filter(lead__is_demo=True)
    count = calls.count()
    assert f"Added {count} demo calls" in capsys.readouterr().out
    now = timezone.now()
    past = calls.filter(starts_at__lt=now)
    assert past.filter(status=CallStatus.HELD).exists()
    assert past.filter(status=CallStatus.NO_ANSWER).exists()
    assert not past.filter(status=CallStatus.BOOKED).exists()
    upcoming = calls.filter(starts_at__gt=now)
    assert 1 <= upcoming.count() <= 6
    assert set(upcoming.values_list("status", flat=True)) == {CallStatus.BOOKED}
    # Every call is inside the taker's hours, in the clinic's time zone, and after its booking.
    for call in calls:
        local = call.starts_at.astimezone(clinic_zone())
        assert local.weekday() < 5
        assert datetime.time(9) <= local.time() < datetime.time(12) or (
            datetime.time(13) <= local.time() < datetime.time(17)
        )
        assert call.lead.received_at <= call.booked_at <= call.starts_at
    assert CallHours.objects.count() == len(DEMO_HOURS)

    call_command("seed_demo", "--with-leads")
    assert calls.count() == count, "a second run adds none"

    # Nothing was emailed or queued, and the reminder task will not write to demo addresses.
    assert send_reminders() == []
    assert mail.outbox == []
    assert not EmailDelivery.objects.filter(kind__contains="call").exists()
    period = figures.chosen_period("12w")
    assert sum(week["held"] for week in figures.call_outcomes_by_week(period))
    assert sum(week["booked"] for week in figures.booked_calls_by_week(period))

    call_command("purge_leads", "--remove-demo-leads")
    assert not Call.objects.exists()


def test_a_seed_without_debug_gives_nobody_call_hours_nor_calls(site, settings):
    settings.DEBUG = False
    call_command("seed_demo", "--with-leads")
    assert not CallTaker.objects.exists()
    assert not Call.objects.exists()
