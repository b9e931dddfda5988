"""The "First call" control on a lead's page: booking for someone who phoned, moving, cancelling
(by us, by them) and the outcome, each through its POST action and calls.booking; a refusal is an
error message that changes nothing; only staff who may change the lead may act."""

import datetime

import pytest
from bs4 import BeautifulSoup
from django.contrib.messages import get_messages
from django.urls import reverse

from calls.availability import free_times
from calls.models import BookedBy, Call, CallStatus
from leads.models import LeadEventKind, LeadStatus
from tests.calls.conftest import clinic_time
from tests.factories import LeadFactory

MONDAY_8AM = clinic_time(2026, 12, 7, 8)


@pytest.fixture(autouse=True)
def monday_morning(time_machine):
    time_machine.move_to(MONDAY_8AM, tick=False)


def lead_page(client, lead):
    response = client.get(reverse("contact_requests:inspect", args=[lead.pk]))
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser").select_one("[data-testid=lead-call]")


def post(client, action, lead, **data) -> str:
    """POST a lead action; the message it adds (earlier ones stay unread without a redirect)."""
    response = client.post(reverse(f"contact_requests:{action}", args=[lead.pk]), data)
    assert response.status_code == 302
    return [str(message) for message in get_messages(response.wsgi_request)][-1]


def first_times(lead, count=2):
    return [free.starts_at for free in free_times(lead.source_page.get_site())[:count]]


def test_a_lead_without_a_call_offers_free_times_by_day_to_book_for_them(client, taker, lead):
    client.force_login(taker)
    control = lead_page(client, lead)
    select = control.select_one("select[name=starts_at]")
    label = control.find("label", attrs={"for": select["id"]})
    assert label.text == "Time"
    groups = select.find_all("optgroup")
    assert groups[0]["label"] == "Monday 07 December"
    assert groups[0].find("option").text == "10:00"
    assert control.find("button", string="Book a call for them") is not None


def test_staff_book_a_call_for_someone_who_phoned(client, taker, lead):
    client.force_login(taker)
    ten = first_times(lead)[0]
    message = post(client, "call-book", lead, starts_at=ten.isoformat())
    call = Call.objects.get(lead=lead)
    assert (call.starts_at, call.staff, call.booked_by) == (ten, taker, BookedBy.STAFF)
    assert message.startswith("Call booked for")
    assert "booked by staff" in lead.events.filter(kind=LeadEventKind.CALL).first().summary
    control = lead_page(client, lead)
    assert "Mon 7 Dec 2026, 10:00" in control.select_one("[data-testid=booked-call]").text
    assert control.find("button", string="Move") is not None
    assert control.find("button", string="Cancel (by us)") is not None


def test_a_time_taken_meanwhile_is_an_error_and_nothing_changes(client, taker, lead, contact_page):
    client.force_login(taker)
    ten, half_past = first_times(lead)
    post(client, "call-book", lead, starts_at=half_past.isoformat())
    other = LeadFactory(source_page=contact_page)
    post(client, "call-book", other, starts_at=ten.isoformat())
    message = post(client, "call-book", lead, starts_at=ten.isoformat())
    assert message == "That time was just taken. Nothing was changed."
    assert Call.objects.get(lead=lead).starts_at == half_past


def test_a_time_that_is_not_one_is_refused(client, taker, lead):
    client.force_login(taker)
    assert post(client, "call-book", lead, starts_at="tomorrow") == "Choose a time from the list."
    assert not Call.objects.exists()


def test_moving_keeps_the_call_and_its_calendar_identity(client, taker, lead):
    client.force_login(taker)
    ten, half_past = first_times(lead)
    post(client, "call-book", lead, starts_at=ten.isoformat())
    call = Call.objects.get(lead=lead)
    message = post(client, "call-book", lead, starts_at=half_past.isoformat())
    moved = Call.objects.get(lead=lead)
    assert (moved.pk, moved.uid, moved.starts_at, moved.sequence) == (
        call.pk,
        call.uid,
        half_past,
        1,
    )
    assert message.startswith("Call moved to")


@pytest.mark.parametrize(
    ("by", "status"),
    [("us", CallStatus.CANCELLED_BY_CLINIC), ("them", CallStatus.CANCELLED_BY_VISITOR)],
)
def test_cancelling_by_us_or_by_them(client, taker, lead, by, status):
    client.force_login(taker)
    post(client, "call-book", lead, starts_at=first_times(lead)[0].isoformat())
    call = Call.objects.get(lead=lead)
    post(client, "call-cancel", lead, call=call.pk, by=by)
    call.refresh_from_db()
    assert call.status == status
    control = lead_page(client, lead)
    assert control.find("button", string="Book a call for them") is not None
    assert status.label in control.select_one("[data-testid=past-calls]").text


def test_cancelling_from_a_stale_page_changes_nothing(client, taker, lead):
    client.force_login(taker)
    post(client, "call-book", lead, starts_at=first_times(lead)[0].isoformat())
    call = Call.objects.get(lead=lead)
    message = post(client, "call-cancel", lead, call=call.pk + 1, by="us")
    assert "changed since the page was opened" in message
    call.refresh_from_db()
    assert call.status == CallStatus.BOOKED


def started_call(lead, taker):
    starts = MONDAY_8AM - datetime.timedelta(minutes=30)
    return Call.objects.create(
        lead=lead,
        staff=taker,
        starts_at=starts,
        ends_at=starts + datetime.timedelta(minutes=20),
        booked_by=BookedBy.VISITOR,
    )


def test_the_outcome_is_offered_once_the_call_has_started_and_held_is_the_first_contact(
    client, taker, lead
):
    call = started_call(lead, taker)
    client.force_login(taker)
    control = lead_page(client, lead)
    assert control.find("button", string="Held") is not None
    assert control.find("button", string="No answer") is not None
    post(client, "call-outcome", lead, call=call.pk, outcome=CallStatus.HELD)
    call.refresh_from_db()
    lead.refresh_from_db()
    assert call.status == CallStatus.HELD
    assert lead.status == LeadStatus.CONTACTED
    assert "Held" in lead_page(client, lead).select_one("[data-testid=past-calls]").text


def test_no_outcome_before_the_call_starts(client, taker, lead):
    client.force_login(taker)
    post(client, "call-book", lead, starts_at=first_times(lead)[0].isoformat())
    call = Call.objects.get(lead=lead)
    assert lead_page(client, lead).find("button", string="Held") is None
    message = post(client, "call-outcome", lead, call=call.pk, outcome=CallStatus.NO_ANSWER)
    assert message == "The call has not started yet. Nothing was changed."
    call.refresh_from_db()
    assert call.status == CallStatus.BOOKED


def test_only_staff_who_may_change_the_lead_book_calls(client, taker, lead, marketing_user):
    client.force_login(marketing_user)
    response = client.post(
        reverse("contact_requests:call-book", args=[lead.pk]),
        {"starts_at": first_times(lead)[0].isoformat()},
    )
    assert response.status_code == 403
    assert not Call.objects.exists()
