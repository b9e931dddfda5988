"""The visitor's path: the thank-you page's time picker, the confirmation's private link, the
booking page (book, move, cancel, refusals), the emails with their invitation, and the
reminders."""

import datetime

import pytest
import time_machine
from bs4 import BeautifulSoup
from django.core import mail
from django.core.signing import TimestampSigner
from icalendar import Calendar

from calls.booking import book_call, booking_pass_for
from calls.links import SALT, token_for
from calls.models import BookingPass, Call, CallStatus
from calls.reminders import send_reminders
from leads.models import Lead, LeadStatus
from tests.calls.conftest import clinic_time

# Sunday 6 December 2026, 20:00 in the clinic: the next free times are on Monday from 10:00.
SUNDAY_EVENING = clinic_time(2026, 12, 6, 20)


@pytest.fixture
def now():
    with time_machine.travel(SUNDAY_EVENING, tick=False):
        yield SUNDAY_EVENING


def send_form(client, contact_page, contact_form_data, capture, **fields):
    mail.outbox.clear()
    with capture(execute=True):
        response = client.post(contact_page.url, contact_form_data(**fields))
    assert response.status_code == 303
    return Lead.objects.latest("pk"), response["Location"]


def soup(response):
    return BeautifulSoup(response.content, "html.parser")


def picker_times(page):
    return [radio["value"] for radio in page.select('.time-picker input[name="starts_at"]')]


def ics_text(content) -> str:
    return content.decode() if isinstance(content, bytes) else content


def link_in(message) -> str:
    text = message.body
    return next(word for word in text.split() if "/call/" in word)


def path_of(url: str) -> str:
    return url.split("testserver", 1)[-1] if "testserver" in url else url


def test_the_thank_you_page_offers_free_times_grouped_by_day_without_javascript(
    client, contact_page, contact_form_data, django_capture_on_commit_callbacks, taker, now
):
    _, thank_you = send_form(
        client, contact_page, contact_form_data, django_capture_on_commit_callbacks
    )
    page = soup(client.get(thank_you))
    form = page.select_one(".time-picker form")
    assert form is not None and form["method"] == "post"
    legends = [legend.get_text(" ", strip=True) for legend in form.select("legend")]
    assert legends[0].startswith("Monday") and "December 7, 2026" in legends[0]
    assert picker_times(page)[0] == "2026-12-07T10:00:00-05:00"  # 10:00 in the clinic
    assert form.select_one("button[type=submit]")
    # The live region that announces the chosen time is there for the script to fill.
    assert page.select_one(".time-picker [aria-live=polite]") is not None


def test_booking_from_the_thank_you_page_books_and_emails_the_invitation(
    client, contact_page, contact_form_data, django_capture_on_commit_callbacks, taker, now
):
    lead, thank_you = send_form(
        client, contact_page, contact_form_data, django_capture_on_commit_callbacks
    )
    page = soup(client.get(thank_you))
    action = page.select_one(".time-picker form")["action"]
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(action, {"starts_at": picker_times(page)[0]})
    assert response.status_code == 303
    booked = soup(client.get(response["Location"]))
    assert "Your call is booked" in booked.get_text()
    assert "Monday, December 7, 10:00 AM" in booked.select_one(".call-details").get_text()
    call = Call.objects.get(lead=lead)
    assert call.staff == taker
    to_visitor = next(m for m in mail.outbox if m.to == [lead.email])
    ics = next(a for a in to_visitor.attachments if a[0] == "call.ics")
    event = Calendar.from_ical(ics[1]).walk("VEVENT")[0]
    assert str(event["UID"]).startswith(str(call.uid))
    assert event.decoded("DTSTART") == call.starts_at
    # No health detail anywhere in it: the message stays in the admin.
    assert "antidepressants" not in to_visitor.body and "antidepressants" not in ics_text(ics[1])


def test_the_confirmation_email_carries_the_private_link_which_opens_the_picker(
    client, contact_page, contact_form_data, django_capture_on_commit_callbacks, taker, now
):
    lead, _ = send_form(client, contact_page, contact_form_data, django_capture_on_commit_callbacks)
    confirmation = next(m for m in mail.outbox if m.to == [lead.email])
    link = link_in(confirmation)
    # The link carries the lead's random pass key, signed: never the lead's number.
    assert BookingPass.objects.get(lead=lead).key in link
    client.cookies.clear()  # another device: no session needed
    page = soup(client.get(path_of(link)))
    assert picker_times(page)


def test_changing_the_time_from_the_email_link_moves_the_calendar_entry(
    client, lead, taker, now, django_capture_on_commit_callbacks
):
    call = book_call(lead, clinic_time(2026, 12, 7, 10))
    token = token_for(booking_pass_for(lead))
    mail.outbox.clear()
    new_time = clinic_time(2026, 12, 8, 14).astimezone(datetime.UTC).isoformat()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/call/{token}/", {"starts_at": new_time})
    assert response.status_code == 303
    moved = next(m for m in mail.outbox if m.to == [lead.email])
    event = Calendar.from_ical(moved.attachments[0][1]).walk("VEVENT")[0]
    first_uid = str(event["UID"])
    assert first_uid.startswith(str(call.uid)) and int(event["SEQUENCE"]) == 1
    assert "moved" in moved.subject


def test_cancelling_from_the_link_removes_the_entry_and_frees_the_time(
    client, lead, taker, now, django_capture_on_commit_callbacks
):
    call = book_call(lead, clinic_time(2026, 12, 7, 10))
    token = token_for(booking_pass_for(lead))
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/call/{token}/cancel/")
    assert response.status_code == 303
    call.refresh_from_db()
    assert call.status == CallStatus.CANCELLED_BY_VISITOR
    cancelled = next(m for m in mail.outbox if m.to == [lead.email])
    calendar = Calendar.from_ical(cancelled.attachments[0][1])
    assert str(calendar["METHOD"]) == "CANCEL"
    page = soup(client.get(response["Location"]))
    assert "2026-12-07T10:00:00-05:00" in picker_times(page)


def test_racing_for_a_taken_time_says_so_and_shows_the_next_ones(
    client, lead, taker, now, contact_page
):
    other = Lead.objects.create(
        full_name="Sam", email="sam@example.org", consented_at=now, source_page=contact_page
    )
    book_call(other, clinic_time(2026, 12, 7, 10))
    BookingPass.objects.create(lead=lead, key="k" * 32)
    token = TimestampSigner(salt=SALT).sign("k" * 32)
    taken = clinic_time(2026, 12, 7, 10).isoformat()
    response = client.post(f"/call/{token}/", {"starts_at": taken})
    assert response.status_code == 409
    page = soup(response)
    assert "just taken" in page.select_one("[role=alert]").get_text()
    assert taken not in picker_times(page) and picker_times(page)
    assert not Call.objects.filter(lead=lead).exists()


@pytest.mark.parametrize("value", ["", "tomorrow", "2026-12-07T15:00:00", "9" * 5000])
def test_a_bad_time_gets_a_clear_error_and_books_nothing(client, lead, taker, now, value):
    BookingPass.objects.create(lead=lead, key="k" * 32)
    token = TimestampSigner(salt=SALT).sign("k" * 32)
    response = client.post(f"/call/{token}/", {"starts_at": value})
    # Refused as not a time at all (400), never mistaken for a time someone took (409).
    assert response.status_code == 400
    assert "choose one of the times" in soup(response).select_one("[role=alert]").get_text()
    assert not Call.objects.exists()


def test_a_tampered_or_unknown_link_gets_a_clear_page_that_names_no_one(client, lead, taker, now):
    BookingPass.objects.create(lead=lead, key="k" * 32)
    token = TimestampSigner(salt=SALT).sign("k" * 32)
    for bad in (token[:-2] + "xx", "nonsense", TimestampSigner(salt=SALT).sign("other")):
        response = client.get(f"/call/{bad}/")
        assert response.status_code == 404
        text = soup(response).get_text()
        assert "not valid" in text and lead.full_name not in text and lead.email not in text


def test_a_link_expires_once_the_call_is_over(client, lead, taker, now):
    book_call(lead, clinic_time(2026, 12, 7, 10))
    token = token_for(booking_pass_for(lead))
    assert client.get(f"/call/{token}/").status_code == 200
    with time_machine.travel(clinic_time(2026, 12, 7, 10, 21), tick=False):
        response = client.get(f"/call/{token}/")
        assert response.status_code == 410
        assert "is over" in soup(response).get_text()
        # Replaying it to book again changes nothing.
        later = clinic_time(2026, 12, 9, 10).astimezone(datetime.UTC).isoformat()
        assert client.post(f"/call/{token}/", {"starts_at": later}).status_code == 410
    assert Call.objects.filter(lead=lead).count() == 1


def test_a_link_of_a_closed_request_opens_nothing(client, lead, taker, now):
    BookingPass.objects.create(lead=lead, key="k" * 32)
    token = TimestampSigner(salt=SALT).sign("k" * 32)
    Lead.objects.filter(pk=lead.pk).update(status=LeadStatus.NOT_A_FIT)
    assert client.get(f"/call/{token}/").status_code == 410


def test_an_urgent_request_gets_crisis_help_and_no_picker_nor_link(
    client, contact_page, contact_form_data, django_capture_on_commit_callbacks, taker, now
):
    lead, thank_you = send_form(
        client,
        contact_page,
        contact_form_data,
        django_capture_on_commit_callbacks,
        message="I want to kill myself",
    )
    page = soup(client.get(thank_you))
    assert page.select_one(".time-picker") is None
    assert "call you as soon as they can" in page.get_text()
    confirmation = next(m for m in mail.outbox if m.to == [lead.email])
    assert "/call/" not in confirmation.body


def test_someone_typing_another_persons_phone_gets_no_picker_nor_link(
    client, contact_page, contact_form_data, django_capture_on_commit_callbacks, taker, now
):
    send_form(client, contact_page, contact_form_data, django_capture_on_commit_callbacks)
    client.cookies.clear()
    lead, thank_you = send_form(
        client,
        contact_page,
        contact_form_data,
        django_capture_on_commit_callbacks,
        full_name="Someone Else",
        email="stranger@example.org",
    )
    assert lead.possibly_different_person
    page = soup(client.get(thank_you))
    assert page.select_one(".time-picker") is None
    confirmation = next(m for m in mail.outbox if m.to == ["stranger@example.org"])
    assert "/call/" not in confirmation.body


def test_the_booking_pages_are_never_cached_and_not_indexed(client, lead, taker, now):
    BookingPass.objects.create(lead=lead, key="k" * 32)
    token = TimestampSigner(salt=SALT).sign("k" * 32)
    response = client.get(f"/call/{token}/")
    assert "no-store" in response["Cache-Control"] and "private" in response["Cache-Control"]
    assert "noindex" in response["X-Robots-Tag"]
    # The link's secret never leaves as a Referer, yet the browser still sends the Origin that
    # the CSRF check of the page's own forms needs ("no-referrer" made it `null`: a 403 in
    # Chromium, tests/e2e/test_call_booking.py).
    assert response["Referrer-Policy"] == "strict-origin"


def test_the_booking_page_is_rate_limited_per_client(client, lead, taker, now, settings):
    BookingPass.objects.create(lead=lead, key="k" * 32)
    token = TimestampSigner(salt=SALT).sign("k" * 32)
    statuses = [client.post(f"/call/{token}/", {"starts_at": ""}).status_code for _ in range(21)]
    assert statuses[:20] == [400] * 20 and statuses[20] == 429


def test_the_spanish_link_opens_the_spanish_page(client, lead, taker, now):
    Lead.objects.filter(pk=lead.pk).update(language="es")
    BookingPass.objects.create(lead=lead, key="k" * 32)
    token = TimestampSigner(salt=SALT).sign("k" * 32)
    page = soup(client.get(f"/es/call/{token}/"))
    assert page.html["lang"] == "es"
    assert page.select_one("legend").get_text().startswith("lunes")


def test_each_reminder_goes_out_once_and_again_after_a_move(
    lead, taker, now, django_capture_on_commit_callbacks
):
    call = book_call(lead, clinic_time(2026, 12, 8, 10))  # Tuesday, booked on Sunday
    mail.outbox.clear()
    day_before = clinic_time(2026, 12, 7, 10, 5)
    with django_capture_on_commit_callbacks(execute=True):
        assert send_reminders(day_before) == [(call.pk, 24)]
        assert send_reminders(day_before) == []
    assert [m.subject.startswith("Reminder") for m in mail.outbox] == [True]
    two_hours = clinic_time(2026, 12, 8, 8, 5)
    with django_capture_on_commit_callbacks(execute=True):
        assert send_reminders(two_hours) == [(call.pk, 2)]
        assert send_reminders(two_hours) == []
    assert len(mail.outbox) == 2


def test_a_call_booked_three_hours_ahead_gets_only_the_two_hour_reminder(lead, taker, now):
    with time_machine.travel(clinic_time(2026, 12, 7, 9), tick=False):
        call = book_call(lead, clinic_time(2026, 12, 7, 13))
        assert send_reminders(clinic_time(2026, 12, 7, 10)) == []
        assert send_reminders(clinic_time(2026, 12, 7, 11, 5)) == [(call.pk, 2)]


def test_a_cancelled_call_gets_no_reminder(lead, taker, now):
    call = book_call(lead, clinic_time(2026, 12, 8, 10))
    Call.objects.filter(pk=call.pk).update(status=CallStatus.CANCELLED_BY_CLINIC)
    assert send_reminders(clinic_time(2026, 12, 7, 10, 5)) == []


def test_a_spanish_request_gets_its_booking_email_and_invitation_in_spanish(
    lead, taker, now, django_capture_on_commit_callbacks
):
    Lead.objects.filter(pk=lead.pk).update(language="es")
    lead.refresh_from_db()
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        book_call(lead, clinic_time(2026, 12, 7, 10))
    to_visitor = next(m for m in mail.outbox if m.to == [lead.email])
    assert "lunes, 7 de diciembre, 10:00" in to_visitor.subject
    assert "/es/call/" in to_visitor.body and "Su llamada está reservada." in to_visitor.body
    event = Calendar.from_ical(to_visitor.attachments[0][1]).walk("VEVENT")[0]
    assert str(event["SUMMARY"]).startswith("Llamada telefónica con")
    # Staff read their email in the staff's language whatever the visitor's.
    to_staff = next(m for m in mail.outbox if m.to == [taker.email])
    assert to_staff.subject.startswith("Call booked: lead #")
