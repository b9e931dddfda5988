"""The clinic's closures stop the clocks: a request that arrives before a closed day is escalated
on the next open one, and the opening hours to first contact leave closed days out."""

import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core import mail

from core.models import DEFAULT_OPENING_HOURS, ClinicClosure
from leads.escalation import escalation_due_at
from leads.follow_up import change_status
from leads.models import LeadStatus
from leads.opening_hours import (
    add_opening_hours,
    closed_days,
    opening_hours_between,
    opening_schedule,
)
from leads.tasks import escalate_unanswered_leads
from tests.factories import LeadFactory

pytestmark = pytest.mark.django_db

CLINIC = ZoneInfo("America/New_York")
DEFAULT_HOURS = {day: (opens, closes) for day, opens, closes in DEFAULT_OPENING_HOURS}


def at(day, hour, minute=0, month=11):
    """A moment in the clinic's time zone; November 2026: the 27th is a Friday, the 30th a Monday
    and 1 December a Tuesday."""
    return datetime.datetime(2026, month, day, hour, minute, tzinfo=CLINIC)


def date(day, month=11):
    return datetime.date(2026, month, day)


@pytest.fixture
def long_weekend(clinic_settings):
    """Closed Saturday 28 to Monday 30 November (Sunday is closed anyway)."""
    return ClinicClosure.objects.create(
        setting=clinic_settings, first_day=date(28), last_day=date(30), reason="Long weekend"
    )


@pytest.fixture
def friday_evening_lead(contact_page):
    return LeadFactory(source_page=contact_page, received_at=at(27, 17))


def run_escalation(moment, capture):
    with time_machine.travel(moment, tick=False), capture(execute=True):
        return escalate_unanswered_leads()


def test_a_request_before_a_closed_weekend_is_escalated_on_the_next_open_day(
    site, long_weekend, friday_evening_lead, django_capture_on_commit_callbacks
):
    # Four opening hours: one on Friday (17:00–18:00); Saturday and Monday are closed, Sunday
    # has no hours; three more on Tuesday from 8:00.
    assert escalation_due_at(friday_evening_lead, site) == at(1, 11, month=12)
    assert run_escalation(at(28, 12), django_capture_on_commit_callbacks) == []
    assert run_escalation(at(30, 17), django_capture_on_commit_callbacks) == []
    assert run_escalation(at(1, 10, 59, month=12), django_capture_on_commit_callbacks) == []
    assert mail.outbox == []
    assert run_escalation(at(1, 11, month=12), django_capture_on_commit_callbacks) == [
        friday_evening_lead.pk
    ]


def test_one_run_reads_the_closures_for_its_oldest_lead_too(
    site, clinic_settings, contact_page, django_capture_on_commit_callbacks
):
    # Closed the whole week of 16 November: a lead from Friday the 13th at 17:00 has one hour
    # that day and three on Monday the 23rd. The site's newer lead must not decide which closed
    # days the run reads (the leads' default order is newest first).
    ClinicClosure.objects.create(setting=clinic_settings, first_day=date(14), last_day=date(21))
    old = LeadFactory(source_page=contact_page, received_at=at(13, 17))
    LeadFactory(source_page=contact_page, received_at=at(23, 8))
    assert run_escalation(at(23, 10, 59), django_capture_on_commit_callbacks) == []
    assert run_escalation(at(23, 11), django_capture_on_commit_callbacks) == [old.pk]


def test_opening_hours_leave_out_the_closed_days():
    thanksgiving = {date(26)}
    # Wednesday 17:00 to Friday 9:00: one hour on Wednesday, none on Thursday, one on Friday.
    assert opening_hours_between(at(25, 17), at(27, 9), DEFAULT_HOURS) == 12
    assert opening_hours_between(at(25, 17), at(27, 9), DEFAULT_HOURS, thanksgiving) == 2
    assert add_opening_hours(at(25, 17), 2, DEFAULT_HOURS, thanksgiving) == at(27, 9)


def test_a_closure_longer_than_two_weeks_still_ends_in_an_opening():
    summer = {date(1, 7) + datetime.timedelta(days=n) for n in range(21)}  # 1 to 21 July
    start = datetime.datetime(2026, 6, 30, 17, tzinfo=CLINIC)  # a Tuesday
    # One hour on 30 June, then Wednesday 22 July from 8:00.
    assert add_opening_hours(start, 2, DEFAULT_HOURS, summer) == datetime.datetime(
        2026, 7, 22, 9, tzinfo=CLINIC
    )


def test_the_first_contact_hours_leave_out_the_clinics_closures(long_weekend, contact_page):
    lead = LeadFactory(source_page=contact_page, received_at=at(27, 17))
    change_status(lead, LeadStatus.CONTACTED, actor=None, now=at(1, 9, month=12))
    lead.refresh_from_db()
    # One hour on Friday, one on Tuesday; the closed Saturday's four hours do not count.
    assert lead.first_contact_opening_hours == 2


def test_closed_days_read_the_sites_closures(site, long_weekend):
    assert closed_days(site, date(27), date(29)) == {date(28), date(29)}
    assert closed_days(None, date(27), date(29)) == set()
    # The weekly schedule is unchanged: closures are days off it, not a change of it.
    assert opening_schedule(site) == DEFAULT_HOURS
