"""Retention: `purge_leads` anonymises leads closed past LEADS_RETENTION_DAYS, keeping counts and
sources; "erase this person" removes one person's data at once, recorded without the data."""

import datetime

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from accounts.password_reset import RESET_LINK_EMAIL
from leads import digest, escalation, follow_up, intake
from leads.admin.reports import leads_by_source
from leads.intake import submit_lead
from leads.models import Inquiry, Lead, LeadEmailKind
from outbox.models import DeliveryStatus, EmailDelivery
from person_data import retention
from tests.factories import LeadFactory

pytestmark = pytest.mark.django_db

PERSONAL = ("Robin Okafor", "robin@example.org", "+15035550123", "I feel hopeless", "Evenings")


@pytest.fixture
def make_lead(contact_page, intake_user):
    def build(closed_days_ago=None, status="not_a_fit"):
        lead = LeadFactory(
            full_name="Robin Okafor",
            email="robin@example.org",
            phone="+15035550123",
            message="I feel hopeless",
            best_time="Evenings",
            source_page=contact_page,
            utm_campaign="winter",
            referrer="https://search.example/?q=robin",
        )
        Inquiry.objects.create(lead=lead, **intake.inquiry_values(lead))
        EmailDelivery.objects.create(
            about=lead, kind="confirmation", recipient=lead.email, status="sent"
        )
        follow_up.add_note(lead, "Spoke with Robin's sister", intake_user)
        if closed_days_ago is not None:
            follow_up.change_status(lead, status, intake_user)
            Lead.objects.filter(pk=lead.pk).update(
                closed_at=timezone.now() - datetime.timedelta(days=closed_days_ago)
            )
        return lead

    return build


def everything_stored_about(lead) -> str:
    lead = Lead.objects.get(pk=lead.pk)
    parts = [str(getattr(lead, field.attname)) for field in Lead._meta.fields]
    for inquiry in Inquiry.objects.filter(lead=lead).values():
        parts += [str(value) for value in inquiry.values()]
    parts += [f"{event.summary} {event.note}" for event in lead.events.all()]
    parts += [delivery.recipient for delivery in EmailDelivery.objects.filter(lead=lead)]
    return " ".join(parts)


def test_purge_anonymises_leads_closed_longer_than_the_retention_time(make_lead, capsys):
    old = make_lead(closed_days_ago=400)
    recent = make_lead(closed_days_ago=100)
    still_open = make_lead()
    call_command("purge_leads")
    assert "Anonymised 1 lead(s) closed more than 365 days ago." in capsys.readouterr().out
    stored = everything_stored_about(old)
    for value in PERSONAL + ("Spoke with Robin", "search.example"):
        assert value not in stored
    old = Lead.objects.get(pk=old.pk)
    assert old.anonymised_at is not None
    assert (old.status, old.source_page_id, old.utm_campaign) == (
        "not_a_fit",
        recent.source_page_id,
        "winter",
    )
    assert old.events.filter(kind="anonymised").count() == 1
    for kept in (recent, still_open):
        assert "Robin Okafor" in everything_stored_about(kept)


def test_the_retention_time_is_a_setting(make_lead, settings):
    settings.LEADS_RETENTION_DAYS = 30
    lead = make_lead(closed_days_ago=31)
    assert retention.purge_expired_leads() == 1
    assert Lead.objects.get(pk=lead.pk).full_name == ""


def test_purged_leads_still_count_in_the_report(make_lead):
    make_lead(closed_days_ago=400)
    retention.purge_expired_leads()
    (row,) = leads_by_source()
    assert (row["source_page__title"], row["utm_campaign"], row["requests"]) == (
        "Request a call",
        "winter",
        1,
    )


def test_a_second_purge_changes_nothing(make_lead):
    make_lead(closed_days_ago=400)
    assert retention.purge_expired_leads() == 1
    assert retention.purge_expired_leads() == 0


def test_erase_this_person_removes_their_data_now_and_records_who_did_it(
    client, make_lead, intake_user
):
    lead = make_lead()
    client.force_login(intake_user)
    response = client.post(reverse("contact_requests:erase", args=[lead.pk]), {"confirm": "erase"})
    assert response.status_code == 302
    stored = everything_stored_about(lead)
    for value in PERSONAL + ("Spoke with Robin",):
        assert value not in stored
    event = Lead.objects.get(pk=lead.pk).events.get(kind="erased")
    assert event.actor == intake_user
    assert event.summary == "Personal data erased on request"
    assert event.note == ""


def test_erasure_needs_the_confirmation(client, make_lead, intake_user):
    lead = make_lead()
    client.force_login(intake_user)
    client.post(reverse("contact_requests:erase", args=[lead.pk]))
    assert Lead.objects.get(pk=lead.pk).full_name == "Robin Okafor"


def test_an_erased_lead_is_neither_matched_nor_escalated_nor_in_a_digest(
    make_lead, intake_user, contact_page, django_capture_on_commit_callbacks
):
    lead = make_lead()
    Lead.objects.filter(pk=lead.pk).update(
        assigned_to=intake_user, next_follow_up_on=timezone.localdate()
    )
    retention.erase_person(lead, intake_user)
    assert digest.digest_for(intake_user, timezone.localdate()).due == []
    with django_capture_on_commit_callbacks(execute=True):
        again = submit_lead(
            details={
                "full_name": "Robin Okafor",
                "email": "robin@example.org",
                "phone": "+15035550123",
                "preferred_contact_method": "phone",
            },
            consent_version="consent-2026-11",
            source_page=contact_page,
        )
    assert again.pk != lead.pk
    assert escalation.escalate_unanswered(timezone.now() + datetime.timedelta(days=30)) == [
        again.pk
    ]


def test_the_purge_forgets_staff_addresses_of_old_emails_about_no_lead(db):
    long_ago = timezone.now() - datetime.timedelta(days=400)
    old_reset = EmailDelivery.objects.create(
        kind=RESET_LINK_EMAIL,
        recipient="ana@clinic.example",
        status=DeliveryStatus.SENT,
        created_at=long_ago,
        last_error="250 OK id=ana",
    )
    recent_digest = EmailDelivery.objects.create(
        kind=LeadEmailKind.DIGEST, recipient="bo@clinic.example", status=DeliveryStatus.SENT
    )
    still_pending = EmailDelivery.objects.create(
        kind=LeadEmailKind.DIGEST, recipient="cy@clinic.example", created_at=long_ago
    )

    retention.purge_expired_leads()

    old_reset.refresh_from_db()
    assert (old_reset.recipient, old_reset.last_error, old_reset.kind) == (
        "",
        "",
        RESET_LINK_EMAIL,
    )
    assert EmailDelivery.objects.get(pk=recent_digest.pk).recipient == "bo@clinic.example"
    assert EmailDelivery.objects.get(pk=still_pending.pk).recipient == "cy@clinic.example"
