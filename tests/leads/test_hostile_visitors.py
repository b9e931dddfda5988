"""The public form tried as an attacker would: a stranger who types someone else's phone
number learns nothing about them, a crafted link loses no request, the confirmation email cannot be
turned into a weapon, and nothing personal stays behind after the visit."""

import datetime
import time

import pytest
import time_machine
from django.contrib.sessions.models import Session
from django.core import mail
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from cms.celery import app
from leads import follow_up, models
from leads.contact_form import make_shown_at_token
from leads.models import Inquiry, Lead, LeadEmailKind
from leads.tasks import clear_expired_sessions
from outbox.models import DeliveryStatus, EmailDelivery
from person_data import retention
from tests.factories import LeadFactory
from tests.personal_data import assert_holds_none_of, printed_forms

pytestmark = pytest.mark.django_db

JORDAN = {
    "full_name": "Jordan Rivera",
    "email": "jordan@example.org",
    "phone": "(503) 555-0100",
    "message": "I feel hopeless and suicidal.",
}
STRANGER = {"full_name": "Blake Stranger", "email": "blake@example.net"}


@pytest.fixture(autouse=True)
def generous_rate_limits(settings):
    settings.LEADS_RATE_PER_CLIENT = "1000/m"
    settings.LEADS_RATE_PER_EMAIL = "1000/m"


def send(contact_page, contact_form_data, client=None, **fields):
    client = client or Client()
    with_deliveries = contact_form_data(**fields)
    response = client.post(contact_page.url, with_deliveries)
    return client, response


# 1. A repeat request shows nothing of the stored lead ------------------------------------------


def test_a_stranger_typing_someones_phone_sees_and_receives_only_their_own_words(
    contact_page, contact_form_data, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        send(contact_page, contact_form_data, **JORDAN)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        stranger, response = send(
            contact_page,
            contact_form_data,
            phone=JORDAN["phone"],
            message="Do you take insurance?",
            **STRANGER,
        )
    assert response.status_code == 303
    thank_you = stranger.get(response["Location"]).content.decode()
    assert "Blake" in thank_you
    jordan = printed_forms(full_name=JORDAN["full_name"], email=JORDAN["email"])
    assert_holds_none_of(thank_you, jordan, "the stranger's thank-you page")
    assert "crisis-urgent-heading" not in thank_you
    to_stranger = [message for message in mail.outbox if STRANGER["email"] in message.to]
    assert len(to_stranger) == 1
    confirmation = to_stranger[0]
    assert "Blake" in confirmation.subject
    for part in (confirmation.subject, confirmation.body, confirmation.alternatives[0][0]):
        assert_holds_none_of(part, jordan, "the stranger's confirmation")
    # Staff still see the match, marked so they can split it.
    lead = Lead.objects.get()
    assert lead.inquiries.count() == 2
    assert lead.possibly_different_person
    assert lead.inquiries.order_by("pk").last().possibly_different_person


def test_the_thank_you_page_is_urgent_only_for_a_crisis_typed_in_this_submission(
    contact_page, contact_form_data
):
    send(contact_page, contact_form_data, **JORDAN)
    stranger, response = send(
        contact_page, contact_form_data, phone=JORDAN["phone"], message="Hours?", **STRANGER
    )
    assert "crisis-urgent-heading" not in stranger.get(response["Location"]).content.decode()
    worried, response = send(
        contact_page,
        contact_form_data,
        full_name="Worried Person",
        email="worried@example.net",
        phone="",
        preferred_contact_method="email",
        message="I am suicidal.",
    )
    assert "crisis-urgent-heading" in worried.get(response["Location"]).content.decode()


def test_a_new_lead_and_a_repeat_answer_alike(contact_page, contact_form_data):
    send(contact_page, contact_form_data, **JORDAN)
    _, repeat = send(contact_page, contact_form_data, phone=JORDAN["phone"], **STRANGER)
    _, new = send(
        contact_page,
        contact_form_data,
        full_name="Blake Other",
        email="other@example.net",
        phone="(503) 555-0199",
    )
    assert (repeat.status_code, repeat["Location"]) == (new.status_code, new["Location"])
    assert repeat.content == new.content


def test_a_repeat_costs_the_same_database_round_trips_as_a_new_lead(
    contact_page, contact_form_data
):
    """Timing follows the work done: the same number of queries for a new lead and a repeat."""
    send(contact_page, contact_form_data, **JORDAN)
    send(contact_page, contact_form_data, full_name="Warm Up", email="w@example.net", phone="")
    with CaptureQueriesContext(connection) as repeat:
        send(contact_page, contact_form_data, phone=JORDAN["phone"], **STRANGER)
    with CaptureQueriesContext(connection) as new:
        send(
            contact_page,
            contact_form_data,
            full_name="Blake Other",
            email="other@example.net",
            phone="(503) 555-0199",
        )
    assert abs(len(repeat) - len(new)) <= 2


def test_a_repeat_with_the_same_email_and_name_is_not_marked(contact_page, contact_form_data):
    send(contact_page, contact_form_data, **JORDAN)
    send(contact_page, contact_form_data, full_name="jordan  rivera", email="JORDAN@example.org")
    assert not Lead.objects.get().possibly_different_person


def test_splitting_the_doubtful_inquiry_clears_the_mark(contact_page, contact_form_data):
    send(contact_page, contact_form_data, **JORDAN)
    send(contact_page, contact_form_data, phone=JORDAN["phone"], **STRANGER)
    lead = Lead.objects.get()
    doubtful = lead.inquiries.get(possibly_different_person=True)
    follow_up.split_inquiry(doubtful.pk, None)
    assert not Lead.objects.get(pk=lead.pk).possibly_different_person


def test_the_work_list_marks_a_possibly_different_person(
    client, intake_user, contact_page, contact_form_data
):
    send(contact_page, contact_form_data, **JORDAN)
    send(contact_page, contact_form_data, phone=JORDAN["phone"], **STRANGER)
    client.force_login(intake_user)
    lead = Lead.objects.get()
    assert "Possibly a different person" in client.get("/admin/contact-requests/").content.decode()
    page = client.get(f"/admin/contact-requests/inspect/{lead.pk}/").content.decode()
    assert "Possibly a different person" in page


# 2. A crafted first-touch link never loses a request -------------------------------------------


@pytest.mark.parametrize(
    "query",
    ["utm_campaign=a%00b", "utm_source=%01%02", "utm_term=" + "x" * 5000, "gclid=%00"],
)
def test_a_crafted_first_link_never_loses_the_request(
    contact_page, contact_form_data, query, require_postgres
):
    client = Client()
    client.get(f"/?{query}", HTTP_REFERER="https://evil.example/\x00")
    for _ in range(2):
        _, response = send(contact_page, contact_form_data, client=client)
        assert response.status_code == 303
    lead = Lead.objects.get()
    assert lead.inquiries.count() == 2
    assert "\x00" not in lead.utm_campaign + lead.landing_page + lead.referrer


# 5. The confirmation email as a weapon ----------------------------------------------------------


def test_at_most_three_confirmations_per_normalised_address_a_day(
    contact_page, contact_form_data, django_capture_on_commit_callbacks
):
    addresses = [
        "Victim.Person@gmail.com",
        "victimperson+a@googlemail.com",
        "v.i.c.t.i.m.person@GMAIL.com",
        "victim.person+zzz@gmail.com",
    ]
    for number, address in enumerate(addresses):
        with django_capture_on_commit_callbacks(execute=True):
            send(
                contact_page,
                contact_form_data,
                full_name=f"Sender{number} Name",
                email=address,
                phone=f"(503) 555-01{number:02}",
            )
    confirmations = EmailDelivery.objects.filter(kind=LeadEmailKind.CONFIRMATION).order_by("pk")
    assert [row.status for row in confirmations] == [DeliveryStatus.SENT] * 3 + [
        DeliveryStatus.SKIPPED
    ]
    assert "3 confirmations" in confirmations.last().skipped_reason
    # Past the cap the request is still saved and staff still told. One mailbox is one person:
    # the later requests are inquiries of the first one's open lead.
    assert Lead.objects.count() == 1
    assert Inquiry.objects.count() == 4
    assert EmailDelivery.objects.filter(kind=LeadEmailKind.STAFF_NOTIFICATION).count() == 4
    sent_to = [message.to[0] for message in mail.outbox]
    assert "victim.person+zzz@gmail.com" not in sent_to


def test_the_cap_counts_a_day_only(contact_page, contact_form_data):
    start = datetime.datetime(2026, 11, 10, 12, tzinfo=datetime.UTC)
    for day in (0, 0, 0, 1):
        with time_machine.travel(start + datetime.timedelta(days=day, hours=1), tick=False):
            data = contact_form_data(
                email="same@example.org", shown_at=make_shown_at_token(time.time() - 60)
            )
            Client().post(contact_page.url, data)
    statuses = list(
        EmailDelivery.objects.filter(kind=LeadEmailKind.CONFIRMATION)
        .order_by("pk")
        .values_list("status", flat=True)
    )
    assert DeliveryStatus.SKIPPED not in statuses


@pytest.mark.parametrize(
    "full_name",
    [
        "Visit-evil.example.com now",
        "https://evil.example/login Smith",
        "www.example.org Smith",
        "A" * 41 + " Smith",
        # A phone number and a defanged link in the first name.
        "Call-900-555-0100-evil[.]com",
        "Call-9005550100 now",
        "evil(dot)com Smith",
        "evil-dot-com Smith",
        "hxxps-evil Smith",
        "Ann5035550100 Smith",
    ],
)
def test_a_link_or_a_long_first_name_gets_a_neutral_greeting(
    contact_page, contact_form_data, full_name, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        send(contact_page, contact_form_data, full_name=full_name)
    confirmation = mail.outbox[0]
    first_word = full_name.split()[0]
    assert first_word not in confirmation.subject
    assert first_word not in confirmation.body
    assert confirmation.subject == "We have your request"


def test_an_ordinary_first_name_is_used(
    contact_page, contact_form_data, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        send(contact_page, contact_form_data, full_name="José-María O'Neil")
    assert mail.outbox[0].subject == "We have your request, José-María"


def test_a_form_open_for_more_than_a_day_is_shown_again_with_everything_kept(
    contact_page, contact_form_data
):
    data = contact_form_data(
        full_name="Slow Typist", shown_at=make_shown_at_token(time.time() - 25 * 3600)
    )
    response = Client().post(contact_page.url, data)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Slow Typist" in html and "I have tried three antidepressants." in html
    assert "send it again" in html
    assert not Lead.objects.exists()


# 7. Leftovers after the visit ---------------------------------------------------------------------


def test_the_thank_you_page_shows_the_name_once_only(contact_page, contact_form_data):
    client, response = send(contact_page, contact_form_data, **JORDAN)
    assert "Jordan" in client.get(response["Location"]).content.decode()
    again = client.get(response["Location"]).content.decode()
    assert "Jordan" not in again
    assert "leads_thank_you_name" not in client.session
    assert "leads_thank_you_urgent" not in client.session


def test_clearsessions_runs_daily_from_beat(settings):
    entries = [
        entry
        for entry in settings.CELERY_BEAT_SCHEDULE.values()
        if entry["task"] == "leads.tasks.clear_expired_sessions"
    ]
    assert len(entries) == 1
    assert app.tasks[entries[0]["task"]].name == clear_expired_sessions.name


def test_the_session_task_removes_expired_sessions(client, contact_page, contact_form_data):
    # A visit that left something in the session (the thank-you page's name, for one).
    send(contact_page, contact_form_data, client=client)
    assert Session.objects.count() == 1
    with time_machine.travel(datetime.timedelta(days=30)):
        clear_expired_sessions()
    assert Session.objects.count() == 0


@pytest.mark.parametrize("remove", ["erase", "purge"])
def test_erasure_and_purge_clear_urgency_and_the_search_terms_of_exports(
    client, intake_user, contact_page, remove
):
    lead = LeadFactory(
        full_name="Jordan Rivera",
        is_urgent=True,
        crisis_phrases=["suicidal"],
        status="not_a_fit",
        closed_at=datetime.datetime(2024, 1, 1, tzinfo=datetime.UTC),
    )
    client.force_login(intake_user)
    client.get("/admin/contact-requests/?q=Jordan+Rivera&status=not_a_fit&export=csv")
    record = models.LeadExportRecord.objects.get()
    assert "Jordan" in record.filters
    if remove == "erase":
        retention.erase_person(lead, intake_user)
    else:
        assert retention.purge_expired_leads() == 1
    lead.refresh_from_db()
    record.refresh_from_db()
    assert (lead.is_urgent, lead.crisis_phrases) == (False, [])
    assert "Jordan" not in record.filters
    assert "status=not_a_fit" in record.filters
    assert not Inquiry.objects.filter(full_name__contains="Jordan").exists()
