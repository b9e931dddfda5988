"""Each staff action on a lead, through the admin, and the timeline entry it leaves."""

import datetime

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from leads import follow_up
from leads.models import Lead, LeadEvent, LeadStatus
from tests.factories import LeadFactory, UserFactory
from tests.html_reading import order_of, parse, text_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def lead(contact_page):
    return LeadFactory(full_name="Robin Okafor", source_page=contact_page)


@pytest.fixture
def staff_client(client, intake_user):
    client.force_login(intake_user)
    return client


def action_url(name, lead):
    return reverse(f"contact_requests:{name}", args=[lead.pk])


def events(lead, kind):
    return list(LeadEvent.objects.filter(lead=lead, kind=kind))


def test_assigning_to_self_sets_the_assignee_and_says_who_did_it(staff_client, lead, intake_user):
    response = staff_client.post(action_url("assign", lead), {"to_me": "1"})
    assert response.status_code == 302
    assert Lead.objects.get(pk=lead.pk).assigned_to == intake_user
    (event,) = events(lead, "assigned")
    assert event.actor == intake_user
    assert event.summary == "Assigned to Ana Reyes"


def test_assigning_to_another_intake_user_and_back_to_nobody(staff_client, lead, intake_user):
    colleague = UserFactory(first_name="Lee", last_name="Park", groups=["Intake staff"])
    staff_client.post(action_url("assign", lead), {"assignee": colleague.pk})
    assert Lead.objects.get(pk=lead.pk).assigned_to == colleague
    staff_client.post(action_url("assign", lead), {"assignee": ""})
    assert Lead.objects.get(pk=lead.pk).assigned_to is None
    assert [event.summary for event in events(lead, "assigned")] == [
        "Assigned to Lee Park",
        "Assigned to nobody",
    ]


def test_a_lead_cannot_be_assigned_to_someone_outside_intake(lead, intake_user):
    with pytest.raises(follow_up.FollowUpError):
        follow_up.assign(lead, UserFactory(groups=["Marketing"]), intake_user)
    assert Lead.objects.get(pk=lead.pk).assigned_to is None


def test_a_note_is_kept_on_the_timeline_with_its_author(staff_client, lead, intake_user):
    staff_client.post(action_url("note", lead), {"text": "Left a voicemail at 10am."})
    (event,) = events(lead, "note")
    assert (event.note, event.actor) == ("Left a voicemail at 10am.", intake_user)


def test_an_empty_note_is_refused(staff_client, lead):
    staff_client.post(action_url("note", lead), {"text": "   "})
    assert events(lead, "note") == []


def test_the_first_move_out_of_new_records_the_time_to_first_contact(staff_client, lead):
    received = timezone.now() - datetime.timedelta(hours=3)
    Lead.objects.filter(pk=lead.pk).update(received_at=received)
    staff_client.post(action_url("status", lead), {"status": "contacted"})
    contacted = Lead.objects.get(pk=lead.pk)
    assert contacted.status == LeadStatus.CONTACTED
    assert datetime.timedelta(hours=3) <= contacted.time_to_first_contact
    assert contacted.time_to_first_contact < datetime.timedelta(hours=3, minutes=1)
    first = contacted.first_contacted_at
    staff_client.post(action_url("status", lead), {"status": "consultation_scheduled"})
    assert Lead.objects.get(pk=lead.pk).first_contacted_at == first
    assert [event.summary for event in events(lead, "status")] == [
        "Status: New → Contacted",
        "Status: Contacted → Consultation scheduled",
    ]


@pytest.mark.parametrize("status", ["became_patient", "not_a_fit", "unreachable", "spam"])
def test_closed_statuses_record_when_the_lead_closed(lead, intake_user, status):
    follow_up.change_status(lead, status, intake_user)
    assert Lead.objects.get(pk=lead.pk).closed_at is not None
    follow_up.change_status(lead, "contacted", intake_user)
    assert Lead.objects.get(pk=lead.pk).closed_at is None


def test_setting_the_same_status_again_changes_nothing(lead, intake_user):
    assert follow_up.change_status(lead, "new", intake_user) is False
    assert events(lead, "status") == []


def test_next_follow_up_date_is_saved_and_shown_on_the_timeline(staff_client, lead):
    staff_client.post(action_url("follow-up", lead), {"next_follow_up_on": "2026-12-03"})
    assert Lead.objects.get(pk=lead.pk).next_follow_up_on == datetime.date(2026, 12, 3)
    (event,) = events(lead, "follow_up")
    assert event.summary == "Next follow-up: Dec 03, 2026"


def test_marking_spam_and_not_spam(staff_client, lead):
    staff_client.post(action_url("spam", lead))
    assert Lead.objects.get(pk=lead.pk).status == LeadStatus.SPAM
    staff_client.post(action_url("not-spam", lead))
    assert Lead.objects.get(pk=lead.pk).status == LeadStatus.NEW
    assert [event.summary for event in events(lead, "status")] == [
        "Status: New → Spam",
        "Status: Spam → New",
    ]


def test_not_spam_returns_a_contacted_lead_to_contacted(lead, intake_user):
    follow_up.change_status(lead, "contacted", intake_user)
    follow_up.mark_spam(lead, intake_user)
    follow_up.mark_not_spam(lead, intake_user)
    assert Lead.objects.get(pk=lead.pk).status == LeadStatus.CONTACTED


def test_actions_answer_only_post(staff_client, lead):
    assert staff_client.get(action_url("spam", lead)).status_code == 405
    assert Lead.objects.get(pk=lead.pk).status == LeadStatus.NEW


def test_the_edit_form_goes_through_the_same_actions(staff_client, lead, intake_user):
    response = staff_client.post(
        reverse("contact_requests:edit", args=[lead.pk]),
        {"status": "contacted", "assigned_to": intake_user.pk, "next_follow_up_on": "2026-12-04"},
    )
    assert response.status_code == 302
    saved = Lead.objects.get(pk=lead.pk)
    assert (saved.status, saved.assigned_to, saved.next_follow_up_on) == (
        "contacted",
        intake_user,
        datetime.date(2026, 12, 4),
    )
    assert saved.first_contacted_at is not None
    assert {event.kind for event in saved.events.all()} == {"status", "assigned", "follow_up"}


def test_every_opening_of_a_leads_page_is_recorded(staff_client, lead, intake_user):
    staff_client.get(reverse("contact_requests:inspect", args=[lead.pk]))
    staff_client.get(reverse("contact_requests:inspect", args=[lead.pk]))
    viewed = events(lead, "viewed")
    assert len(viewed) == 2
    assert all(event.actor == intake_user for event in viewed)


def test_the_leads_page_shows_the_timeline_newest_first_with_who_and_when(
    staff_client, lead, intake_user
):
    with time_machine.travel(datetime.datetime(2026, 11, 30, 15, 5, tzinfo=datetime.UTC)):
        staff_client.post(action_url("assign", lead), {"to_me": "1"})
        staff_client.post(action_url("note", lead), {"text": "Booked a call for Tuesday"})
        staff_client.post(action_url("status", lead), {"status": "contacted"})
    page = parse(staff_client.get(reverse("contact_requests:inspect", args=[lead.pk])))
    timeline = page.find(attrs={"data-testid": "timeline"})
    assert "Nov 30, 2026, 10:05 AM" in text_of(timeline)
    # Newest first: the latest news is at the top.
    news = ["Status: New → Contacted", "Booked a call for Tuesday", "Assigned to Ana Reyes"]
    assert order_of(timeline, news) == news


def test_the_leads_page_lists_its_deliveries_with_a_retry_for_failed_ones(staff_client, lead):
    failed = lead.deliveries.create(kind="confirmation", recipient=lead.email, status="failed")
    sent = lead.deliveries.create(kind="staff_notification", recipient="a@b.org", status="sent")
    html = staff_client.get(reverse("contact_requests:inspect", args=[lead.pk])).content.decode()
    assert reverse("email_deliveries:retry", args=[failed.pk]) in html
    assert reverse("email_deliveries:retry", args=[sent.pk]) not in html
