"""A person who asks again while their lead is open: a new inquiry of that lead, never a dropped
request, the assignee told, and a split-off when the match was wrong."""

import datetime

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from leads import follow_up, intake
from leads.intake import submit_lead
from leads.models import Inquiry, Lead, LeadEmailKind, LeadStatus

pytestmark = pytest.mark.django_db


def ask(contact_page, capture, at=None, campaign="", **details):
    values = {
        "full_name": "Jordan Rivera",
        "email": "jordan@example.org",
        "phone": "+15035550100",
        "preferred_contact_method": "phone",
        "best_time": "Mornings",
        "message": "First question.",
    }
    values.update(details)
    with capture(execute=True):
        return submit_lead(
            details=values,
            consent_version="consent-2026-11",
            source_page=contact_page,
            source_url=contact_page.url,
            received_at=at,
            first_touch={"utm_campaign": campaign},
        )


@pytest.fixture
def capture(django_capture_on_commit_callbacks):
    return django_capture_on_commit_callbacks


def test_the_first_request_is_a_lead_with_one_inquiry_and_a_received_entry(contact_page, capture):
    lead = ask(contact_page, capture)
    assert lead.inquiries.count() == 1
    assert lead.inquiries.get().message == "First question."
    assert list(lead.events.values_list("kind", flat=True)) == ["received"]


def test_same_email_in_another_case_attaches_a_new_inquiry_keeping_its_message_and_source(
    contact_page, capture
):
    first = ask(contact_page, capture)
    second = ask(
        contact_page,
        capture,
        email="  JORDAN@Example.org ",
        phone="",
        message="Second question.",
        campaign="spring",
    )
    assert second.pk == first.pk
    assert Lead.objects.count() == 1
    messages = list(first.inquiries.values_list("message", "utm_campaign"))
    assert messages == [("First question.", ""), ("Second question.", "spring")]
    assert first.events.filter(kind="repeat_request").count() == 1


def test_same_phone_with_another_email_attaches_too(contact_page, capture):
    first = ask(contact_page, capture)
    second = ask(contact_page, capture, email="jr@work.example", message="Again.")
    assert second.pk == first.pk
    assert first.inquiries.count() == 2


def test_the_assignee_is_notified_of_a_repeat_request_and_the_visitor_confirmed(
    contact_page, capture, intake_user
):
    lead = ask(contact_page, capture)
    follow_up.assign(lead, intake_user, intake_user)
    mail.outbox.clear()
    ask(contact_page, capture, message="Please call me.")
    recipients = {message.to[0]: message for message in mail.outbox}
    assert set(recipients) == {"jordan@example.org", intake_user.email}
    notice = recipients[intake_user.email]
    assert notice.subject == f"Lead #{lead.pk}: the person asked again"
    assert reverse("contact_requests:inspect", args=[lead.pk]) in notice.body
    assert "Please call me." not in notice.body
    assert lead.deliveries.filter(kind=LeadEmailKind.REPEAT_REQUEST, status="sent").count() == 1


def test_an_unassigned_repeat_request_notifies_the_staff_list(contact_page, capture):
    ask(contact_page, capture)
    mail.outbox.clear()
    ask(contact_page, capture, message="Second.")
    assert {message.to[0] for message in mail.outbox} == {
        "jordan@example.org",
        "intake@clinic.example",
    }


def test_a_closed_lead_is_not_reopened_a_new_one_starts(contact_page, capture, intake_user):
    first = ask(contact_page, capture)
    follow_up.change_status(first, LeadStatus.NOT_A_FIT, intake_user)
    second = ask(contact_page, capture)
    assert second.pk != first.pk


def test_a_lead_older_than_ninety_days_is_not_matched(contact_page, capture):
    long_ago = timezone.now() - datetime.timedelta(days=91)
    first = ask(contact_page, capture, at=long_ago)
    second = ask(contact_page, capture)
    assert second.pk != first.pk
    recent = ask(contact_page, capture, message="Third")
    assert recent.pk == second.pk


def test_another_person_gets_a_lead_of_their_own(contact_page, capture):
    first = ask(contact_page, capture)
    other = ask(contact_page, capture, email="casey@example.org", phone="+15035550199")
    assert other.pk != first.pk


def test_split_off_moves_the_inquiry_to_a_new_lead_and_both_timelines_say_so(
    client, contact_page, capture, intake_user
):
    lead = ask(contact_page, capture)
    ask(contact_page, capture, full_name="Jordan Lee", email="jordan.lee@example.org", message="Hi")
    wrong = lead.inquiries.get(message="Hi")
    client.force_login(intake_user)
    response = client.post(reverse("contact_requests:split", args=[lead.pk, wrong.pk]))
    new_lead = Lead.objects.exclude(pk=lead.pk).get()
    assert response["Location"] == reverse("contact_requests:inspect", args=[new_lead.pk])
    assert (new_lead.full_name, new_lead.email, new_lead.message) == (
        "Jordan Lee",
        "jordan.lee@example.org",
        "Hi",
    )
    assert new_lead.status == LeadStatus.NEW
    assert list(Inquiry.objects.filter(lead=lead).values_list("message", flat=True)) == [
        "First question."
    ]
    assert lead.events.get(kind="split").actor == intake_user
    assert f"lead #{lead.pk}" in new_lead.events.get(kind="split").summary


def test_the_only_inquiry_cannot_be_split_off(contact_page, capture, intake_user):
    lead = ask(contact_page, capture)
    with pytest.raises(follow_up.FollowUpError):
        follow_up.split_inquiry(lead.inquiries.get().pk, intake_user)
    assert Lead.objects.count() == 1


def test_crisis_phrases_in_a_repeat_request_make_the_lead_urgent(contact_page, capture):
    lead = ask(contact_page, capture)
    submission = {**intake.inquiry_values(lead), "message": "I see no way out"}
    with capture(execute=True):
        intake.attach_repeat_request(lead, submission, None, crisis_phrases=["no way out"])
    lead.refresh_from_db()
    assert lead.is_urgent
    assert lead.crisis_phrases == ["no way out"]
    assert lead.inquiries.count() == 2
