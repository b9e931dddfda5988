"""A person's calls follow their lead's data: erasing them (on request or by retention) cancels
their calls still to come, telling the staff member and never the address being forgotten, kills
their booking link and forgets the addresses the call emails went to, while the call rows (times,
staff) stay for the counts; the copy of their data lists their calls, on their own lead only."""

import datetime
import json

import pytest
import time_machine
from bs4 import BeautifulSoup
from django.urls import reverse
from django.utils import timezone

from calls.booking import book_call, booking_pass_for
from calls.links import token_for
from calls.models import BookedBy, BookingPass, Call, CallEmailKind, CallStatus
from leads import follow_up
from leads.conf import leads_setting
from leads.models import Lead
from outbox.models import EmailDelivery
from person_data import person_requests, retention
from person_data.models import PersonRequest
from tests.calls.conftest import clinic_time, make_taker
from tests.factories import LeadFactory

pytestmark = pytest.mark.django_db

# Sunday 6 December 2026, 20:00 in the clinic; the call is on Monday at 10:00.
SUNDAY_EVENING = clinic_time(2026, 12, 6, 20)
MONDAY_TEN = clinic_time(2026, 12, 7, 10)
REFERENCE = "PR-2026-077"
SHARED_PHONE = "+15035550161"
AVERY = {
    "full_name": "Avery Lindqvist",
    "email": "avery.lindqvist@example.org",
    "phone": SHARED_PHONE,
    "preferred_contact_method": "phone",
    "message": "Asking about ketamine for my depression.",
}
BLAKE = {
    "full_name": "Blake Ostrowski",
    "email": "blake.ostrowski@example.net",
    "phone": SHARED_PHONE,
    "preferred_contact_method": "email",
    "message": "I would like to know what a first appointment costs.",
}


@pytest.fixture
def now(site, settings):
    settings.TIME_ZONE = "America/New_York"
    with time_machine.travel(SUNDAY_EVENING, tick=False):
        yield SUNDAY_EVENING


@pytest.fixture
def ana(now):
    return make_taker("ana")


@pytest.fixture
def booked(contact_page, ana):
    """A lead whose person booked Monday 10:00 from their link (both emails queued)."""
    lead = LeadFactory(source_page=contact_page, full_name="Jordan Rivera")
    book_call(lead, MONDAY_TEN)
    return lead


@pytest.fixture
def person_request(intake_user):
    return PersonRequest.objects.create(
        reference=REFERENCE, kind="access_and_erasure", handler=intake_user
    )


def test_erasing_the_person_cancels_their_call_telling_only_the_staff_member(
    booked, ana, intake_user
):
    address = booked.email

    retention.erase_person(booked, intake_user)

    call = Call.objects.get(lead=booked)
    assert call.status == CallStatus.CANCELLED_BY_CLINIC
    # The row stays for the counts: its time and staff member, nothing of the person.
    assert (call.starts_at, call.staff) == (MONDAY_TEN, ana)
    cancellations = EmailDelivery.objects.filter(lead=booked, kind__endswith="call_cancelled")
    assert [(row.kind, row.recipient) for row in cancellations] == [
        (CallEmailKind.STAFF_CANCELLED, ana.email)
    ]
    assert not EmailDelivery.objects.filter(recipient=address).exists()


def test_the_call_emails_recipient_is_forgotten_on_erasure(booked, intake_user):
    sent_to_them = EmailDelivery.objects.get(lead=booked, kind=CallEmailKind.BOOKED)
    assert sent_to_them.recipient == booked.email

    retention.erase_person(booked, intake_user)

    sent_to_them.refresh_from_db()
    assert (sent_to_them.recipient, sent_to_them.recipient_key) == ("", "")


def test_after_erasure_the_old_booking_link_gets_the_refused_page(client, booked, intake_user):
    token = token_for(booking_pass_for(booked))
    assert client.get(f"/call/{token}/").status_code == 200

    retention.erase_person(booked, intake_user)

    assert not BookingPass.objects.filter(lead=booked).exists()
    response = client.get(f"/call/{token}/")
    assert response.status_code == 404
    assert "not valid" in BeautifulSoup(response.content, "html.parser").get_text()


def test_retention_cancels_the_call_of_a_lead_it_anonymises(booked, intake_user):
    follow_up.change_status(booked, "not_a_fit", intake_user)
    days = int(leads_setting("LEADS_RETENTION_DAYS")) + 1
    Lead.objects.filter(pk=booked.pk).update(
        closed_at=timezone.now() - datetime.timedelta(days=days)
    )

    assert retention.purge_expired_leads() == 1

    assert Call.objects.get(lead=booked).status == CallStatus.CANCELLED_BY_CLINIC
    assert not BookingPass.objects.filter(lead=booked).exists()
    assert not EmailDelivery.objects.filter(lead=booked, kind=CallEmailKind.CANCELLED).exists()


def test_a_held_call_stays_as_it_was(booked, ana, intake_user):
    call = Call.objects.get(lead=booked)
    Call.objects.filter(pk=call.pk).update(status=CallStatus.HELD)

    retention.erase_person(booked, intake_user)

    assert Call.objects.get(pk=call.pk).status == CallStatus.HELD


@pytest.fixture
def avery_then_blake(submit, ana):
    """Avery's request with a call booked for her, then Blake's with Avery's phone number,
    attached to Avery's lead as an inquiry."""
    avery = submit(AVERY)
    assert submit(BLAKE).pk == avery.pk
    Call.objects.create(
        lead=avery,
        staff=ana,
        starts_at=MONDAY_TEN,
        ends_at=MONDAY_TEN + datetime.timedelta(minutes=20),
        booked_by=BookedBy.STAFF,
    )
    booking_pass_for(avery)
    return avery


def test_erasing_another_persons_inquiry_leaves_the_leads_call(
    avery_then_blake, intake_user, person_request
):
    person_requests.erase_person_everywhere(
        [avery_then_blake.pk], intake_user, REFERENCE, email=BLAKE["email"], phone=SHARED_PHONE
    )

    assert Call.objects.get(lead=avery_then_blake).status == CallStatus.BOOKED
    assert BookingPass.objects.filter(lead=avery_then_blake).exists()
    assert not EmailDelivery.objects.filter(kind__endswith="call_cancelled").exists()


def copy_of(client, lead, details) -> dict:
    response = client.post(
        reverse("person_data_copy"),
        {
            "lead": [lead.pk],
            "email": details["email"],
            "phone": SHARED_PHONE,
            "reference": REFERENCE,
            "format": "json",
        },
    )
    assert response.status_code == 200
    (entry,) = json.loads(response.content)["contact_requests"]
    return entry


def test_the_copy_lists_the_owners_calls_and_never_gives_them_to_someone_sharing_the_phone(
    client, avery_then_blake, intake_user, person_request
):
    client.force_login(intake_user)

    averys = copy_of(client, avery_then_blake, AVERY)
    assert averys["calls"] == [
        {
            "starts_at": "2026-12-07T10:00-05:00",
            "ends_at": "2026-12-07T10:20-05:00",
            "status": "Booked",
            "booked_by": "Staff, for them",
            "booked_at": averys["calls"][0]["booked_at"],
            "called_by": "Intake staff",
        }
    ]
    assert "Ana" not in json.dumps(averys["calls"])

    blakes = copy_of(client, avery_then_blake, BLAKE)
    assert "calls" not in blakes
    assert "2026-12-07T10:00" not in json.dumps(blakes)


def test_the_printable_copy_shows_the_calls_in_the_clinics_time_zone(
    client, avery_then_blake, intake_user, person_request
):
    client.force_login(intake_user)
    response = client.post(
        reverse("person_data_copy"),
        {
            "lead": [avery_then_blake.pk],
            "email": AVERY["email"],
            "phone": SHARED_PHONE,
            "reference": REFERENCE,
            "format": "html",
        },
    )
    soup = BeautifulSoup(response.content, "html.parser")
    heading = soup.find("h3", string="Calls")
    table = heading.find_next("table")
    assert "America/New_York" in table.find("thead").get_text()
    cells = [cell.get_text() for cell in table.select("tbody td")]
    assert cells[0] == "2026-12-07T10:00-05:00 to 2026-12-07T10:20-05:00"
    assert cells[1:2] == ["Booked"] and cells[3] == "Intake staff"
