"""Never unanswered: escalation after the allowed opening hours (counted in the clinic's hours),
once; and the daily digest to each intake user, with nothing sent to a user with nothing to do."""

import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core import mail
from django.core.exceptions import ValidationError
from django.utils import timezone

from core.models import DEFAULT_OPENING_HOURS, OpeningHours
from leads import escalation, follow_up
from leads.models import Lead, LeadEmailKind, LeadFollowUpSettings
from leads.tasks import escalate_unanswered_leads, send_follow_up_digests
from tests.factories import LeadFactory, UserFactory

pytestmark = pytest.mark.django_db

CLINIC = ZoneInfo("America/New_York")
DEFAULT_HOURS = {day: (opens, closes) for day, opens, closes in DEFAULT_OPENING_HOURS}


def at(day, hour, minute=0):
    """A moment in the clinic's time zone; November 2026: the 27th is a Friday."""
    return datetime.datetime(2026, 11, day, hour, minute, tzinfo=CLINIC)


@pytest.mark.parametrize(
    ("start", "expected"),
    [
        # Inside Monday's hours: plain four hours later.
        (at(23, 9), at(23, 13)),
        # Late Monday: two hours Monday, two more from Tuesday's opening.
        (at(23, 16), at(24, 10)),
        # Before opening: counted from 8:00.
        (at(24, 6), at(24, 12)),
        # Friday 16:00: two hours Friday, then Saturday 9:00 to 11:00.
        (at(27, 16), at(28, 11)),
        # Saturday noon: one hour Saturday, Sunday closed, three hours Monday.
        (at(28, 12), at(30, 11)),
        # Sunday: nothing counts until Monday 8:00.
        (at(29, 10), at(30, 12)),
    ],
)
def test_the_allowed_time_is_counted_in_opening_hours_only(settings, start, expected):
    assert escalation.add_opening_hours(start, 4, DEFAULT_HOURS) == expected


def test_without_any_opening_hours_nothing_is_due():
    assert escalation.add_opening_hours(at(23, 9), 4, {}) is None


def test_the_opening_hours_refuse_a_half_filled_or_reversed_day(clinic_settings):
    half_filled = OpeningHours(setting=clinic_settings, day=6, opens=datetime.time(9))
    with pytest.raises(ValidationError) as error:
        half_filled.full_clean()
    assert "closes" in error.value.message_dict
    reversed_day = OpeningHours(
        setting=clinic_settings, day=6, opens=datetime.time(9), closes=datetime.time(7)
    )
    with pytest.raises(ValidationError) as error:
        reversed_day.full_clean()
    assert error.value.message_dict["closes"] == ["Closing time must be after opening time."]


def test_a_new_clinic_starts_with_the_usual_hours(clinic_settings):
    assert clinic_settings.weekly_hours() == DEFAULT_HOURS


@pytest.fixture
def friday_lead(contact_page):
    return LeadFactory(full_name="Robin Okafor", source_page=contact_page, received_at=at(27, 16))


def run_escalation(moment, capture):
    with time_machine.travel(moment, tick=False), capture(execute=True):
        return escalate_unanswered_leads()


def test_escalation_waits_for_the_opening_hours_then_alerts_the_staff_list_once(
    friday_lead, django_capture_on_commit_callbacks
):
    assert run_escalation(at(27, 23), django_capture_on_commit_callbacks) == []
    assert run_escalation(at(28, 10, 59), django_capture_on_commit_callbacks) == []
    assert mail.outbox == []
    assert run_escalation(at(28, 11), django_capture_on_commit_callbacks) == [friday_lead.pk]
    assert run_escalation(at(28, 12), django_capture_on_commit_callbacks) == []
    (message,) = mail.outbox
    assert message.to == ["intake@clinic.example"]
    assert message.subject == f"Unanswered: lead #{friday_lead.pk} is still New"
    assert f"/admin/contact-requests/inspect/{friday_lead.pk}/" in message.body
    assert friday_lead.deliveries.get().kind == LeadEmailKind.ESCALATION
    assert friday_lead.events.filter(kind="escalated").count() == 1


def test_a_lead_contacted_in_time_is_never_escalated(
    friday_lead, intake_user, django_capture_on_commit_callbacks
):
    with time_machine.travel(at(28, 9, 30), tick=False):
        follow_up.change_status(friday_lead, "contacted", intake_user)
    assert run_escalation(at(30, 12), django_capture_on_commit_callbacks) == []
    assert mail.outbox == []


def test_the_allowed_hours_come_from_the_site_setting(
    site, friday_lead, django_capture_on_commit_callbacks
):
    setting = LeadFollowUpSettings.for_site(site)
    setting.escalate_after_hours = 1
    setting.save()
    assert run_escalation(at(27, 17), django_capture_on_commit_callbacks) == [friday_lead.pk]


def test_an_urgent_lead_says_so_in_the_escalation(friday_lead, django_capture_on_commit_callbacks):
    Lead.objects.filter(pk=friday_lead.pk).update(is_urgent=True)
    run_escalation(at(30, 12), django_capture_on_commit_callbacks)
    assert mail.outbox[0].subject.startswith("URGENT")


@pytest.fixture
def workload(contact_page, intake_user):
    """Ana has one lead overdue and one due today, one due next week; one lead is unassigned."""
    today = datetime.date(2026, 11, 30)
    overdue = LeadFactory(
        full_name="Overdue Person",
        assigned_to=intake_user,
        next_follow_up_on=today - datetime.timedelta(days=2),
        status="contacted",
    )
    due = LeadFactory(
        full_name="Due Person", assigned_to=intake_user, next_follow_up_on=today, status="contacted"
    )
    later = LeadFactory(
        full_name="Later Person",
        assigned_to=intake_user,
        next_follow_up_on=today + datetime.timedelta(days=7),
        status="contacted",
    )
    closed = LeadFactory(
        full_name="Closed Person",
        assigned_to=intake_user,
        next_follow_up_on=today,
        status="not_a_fit",
    )
    unassigned = LeadFactory(full_name="Unassigned Person")
    return {
        "overdue": overdue,
        "due": due,
        "later": later,
        "closed": closed,
        "unassigned": unassigned,
    }


def run_digests(capture):
    with time_machine.travel(at(30, 7), tick=False), capture(execute=True):
        return send_follow_up_digests()


def test_the_digest_lists_due_and_overdue_leads_and_the_unassigned_new_ones(
    workload, intake_user, django_capture_on_commit_callbacks
):
    colleague = UserFactory(first_name="Lee", groups=["Intake staff"])
    run_digests(django_capture_on_commit_callbacks)
    by_recipient = {message.to[0]: message for message in mail.outbox}
    mine = by_recipient[intake_user.email].body
    assert "Overdue Person" in mine and "Due Person" in mine and "Unassigned Person" in mine
    assert "Later Person" not in mine and "Closed Person" not in mine
    assert by_recipient[intake_user.email].subject == (
        "Follow-ups for Monday, November 30: 2 due, 1 unassigned"
    )
    assert mine.index("Overdue Person") < mine.index("Due Person")
    # A colleague with nothing of their own still hears about the unassigned request.
    theirs = by_recipient[colleague.email].body
    assert "Unassigned Person" in theirs and "Due Person" not in theirs


def test_nothing_is_sent_to_a_user_with_nothing_to_do(
    contact_page, intake_user, django_capture_on_commit_callbacks
):
    LeadFactory(
        assigned_to=intake_user, status="contacted", next_follow_up_on=datetime.date(2026, 12, 9)
    )
    assert run_digests(django_capture_on_commit_callbacks) == []
    assert mail.outbox == []


def test_a_second_run_the_same_day_sends_no_second_digest(
    workload, intake_user, django_capture_on_commit_callbacks
):
    run_digests(django_capture_on_commit_callbacks)
    run_digests(django_capture_on_commit_callbacks)
    assert [message.to[0] for message in mail.outbox] == [intake_user.email]


def test_marketing_users_get_no_digest(workload, django_capture_on_commit_callbacks):
    UserFactory(groups=["Marketing"])
    run_digests(django_capture_on_commit_callbacks)
    assert len(mail.outbox) == 1


def test_the_digest_never_contains_a_message(
    workload, intake_user, django_capture_on_commit_callbacks
):
    Lead.objects.filter(pk=workload["due"].pk).update(message="A private health history.")
    run_digests(django_capture_on_commit_callbacks)
    message = mail.outbox[0]
    assert "private health history" not in message.body
    assert "private health history" not in message.alternatives[0][0]


def test_the_beat_schedule_runs_escalation_digest_purge_and_keeps_the_sweep(settings):
    tasks = {entry["task"] for entry in settings.CELERY_BEAT_SCHEDULE.values()}
    assert tasks >= {
        "leads.tasks.sweep_email_deliveries",
        "leads.tasks.escalate_unanswered_leads",
        "leads.tasks.send_follow_up_digests",
        "leads.tasks.purge_expired_leads",
    }


def test_opening_hours_are_read_in_the_clinic_time_zone(settings):
    # Opening hours are read in settings.TIME_ZONE: 9:00 in New York is 14:00 UTC.
    start = datetime.datetime(2026, 11, 23, 14, 0, tzinfo=datetime.UTC)
    assert escalation.add_opening_hours(start, 1, DEFAULT_HOURS) == at(23, 10)
    assert timezone.get_current_timezone_name() == settings.TIME_ZONE
