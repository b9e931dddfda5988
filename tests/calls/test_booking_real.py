"""Booking the first call on the real stack (issue #27): PostgreSQL, a private Redis, a Celery worker
process, gunicorn and an aiosmtpd server that records what it receives. A visitor sends the form
over HTTP, books from the thank-you page, moves the call from the booking email's link, and is
reminded once however many times the reminders run."""

import contextlib
import datetime

import pytest
import requests
from bs4 import BeautifulSoup
from icalendar import Calendar

from calls.models import Call, CallEmailKind, CallStatus
from calls.reminders import send_reminders
from cms.celery import app as celery_app
from leads.models import Lead
from outbox.models import EmailDelivery
from tests.calls.helpers import make_taker
from tests.real_stack import STAFF, VISITOR, post_contact_form, wait_until

pytestmark = [
    pytest.mark.real_services,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

CLINIC_ZONE = "America/New_York"
TAKER = "ana@example.org"  # make_taker("ana"): UserFactory's address


def picker_form(html: bytes):
    """The time picker's form: its action, its CSRF token and the times it offers."""
    form = BeautifulSoup(html, "html.parser").select_one(".time-picker form")
    assert form is not None, "no time picker on the page"
    times = [radio["value"] for radio in form.select('input[name="starts_at"]')]
    token = form.select_one('input[name="csrfmiddlewaretoken"]')["value"]
    return form["action"], token, times


def book(session, base_url, action, token, starts_at) -> requests.Response:
    return session.post(
        base_url + action,
        data={"csrfmiddlewaretoken": token, "starts_at": starts_at},
        allow_redirects=False,
        timeout=30,
    )


def received(smtp, recipient, subject_start) -> list:
    return [
        item["message"]
        for item in smtp.received_for(recipient)
        if item["subject"].startswith(subject_start)
    ]


def wait_for_one(smtp, recipient, subject_start, timeout=15):
    wait_until(
        lambda: received(smtp, recipient, subject_start),
        timeout,
        message=f"{subject_start!r} to {recipient}",
    )
    return received(smtp, recipient, subject_start)[0]


def link_path(message) -> str:
    """The path of the private booking link in an email's text."""
    text = message.get_body(preferencelist=("plain",)).get_content()
    link = next(word for word in text.split() if "/call/" in word)
    return "/" + link.split("/", 3)[3]


def invitation_event(message):
    part = next(part for part in message.iter_attachments() if part.get_filename() == "call.ics")
    assert part.get_content_type() == "text/calendar"
    content = part.get_content()
    return Calendar.from_ical(content if isinstance(content, bytes) else content.encode()).walk(
        "VEVENT"
    )[0]


def deliveries_finished(stack) -> tuple[int, int]:
    """(received, finished) email deliveries in the worker's log."""
    lines = [line for line in stack.log("worker").splitlines() if "deliver_email_task[" in line]
    return (
        sum("] received" in line for line in lines),
        sum("] succeeded" in line or "] raised" in line for line in lines),
    )


@contextlib.contextmanager
def tasks_to_the_worker(stack):
    """This test process's Celery app publishes to the stack's Redis instead of running tasks
    inline, so what it queues is sent by the worker process; restored afterwards."""
    conf = celery_app.conf
    saved = (conf.task_always_eager, conf.broker_url)
    conf.task_always_eager, conf.broker_url = False, stack.redis.url
    celery_app._pool = None
    celery_app.amqp._producer_pool = None
    try:
        yield
    finally:
        if celery_app._pool is not None:
            celery_app._pool.force_close_all()
        conf.task_always_eager, conf.broker_url = saved
        celery_app._pool = None
        celery_app.amqp._producer_pool = None


def test_a_visitor_books_moves_the_call_by_the_emails_link_and_is_reminded_once(
    real_stack, contact_page, settings
):
    settings.TIME_ZONE = CLINIC_ZONE
    make_taker("ana")
    smtp = real_stack.smtp.handler_object
    real_stack.start_worker(TIME_ZONE=CLINIC_ZONE)
    base_url = real_stack.start_web(TIME_ZONE=CLINIC_ZONE)

    # The form over HTTP, then the thank-you page's picker, in the same visitor's session.
    visitor = requests.Session()
    response, _ = post_contact_form(base_url, contact_page, session=visitor)
    assert response.status_code == 303, real_stack.log("web")
    thank_you = visitor.get(base_url + response.headers["Location"], timeout=10)
    assert thank_you.status_code == 200
    assert b"Pick a time for our call" in thank_you.content
    action, token, times = picker_form(thank_you.content)
    assert action.startswith("/call/") and len(times) > 1
    booked = book(visitor, base_url, action, token, times[0])
    assert booked.status_code == 303, real_stack.log("web")
    assert booked.headers["Location"].endswith("?done=booked")
    page = visitor.get(base_url + booked.headers["Location"], timeout=10)
    assert b"Your call is booked" in page.content
    lead = Lead.objects.get()
    call = Call.objects.get(lead=lead)
    assert call.starts_at == datetime.datetime.fromisoformat(times[0])

    # Over SMTP: the confirmation with the private link, the booking with its invitation, and
    # the staff's emails (the new lead to the intake list, the booked call to who calls).
    confirmation = wait_for_one(smtp, VISITOR, "We have your request")
    assert link_path(confirmation).startswith("/call/")
    booking = wait_for_one(smtp, VISITOR, "Your call with ")
    first = invitation_event(booking)
    assert str(first["UID"]).startswith(str(call.uid)) and int(first["SEQUENCE"]) == 0
    assert first.decoded("DTSTART") == call.starts_at
    wait_for_one(smtp, STAFF, f"New lead #{lead.pk} ")
    wait_for_one(smtp, TAKER, f"Call booked: lead #{lead.pk}, ")

    # The booking email's link, on another device (no session): another time.
    elsewhere = requests.Session()
    link_page = elsewhere.get(base_url + link_path(booking), timeout=10)
    assert link_page.status_code == 200
    assert b"Choose another time" in link_page.content
    action, token, times = picker_form(link_page.content)
    new_time = times[-1]  # the last shown: at least a day and a half away
    assert datetime.datetime.fromisoformat(new_time) != call.starts_at
    moved = book(elsewhere, base_url, action, token, new_time)
    assert moved.status_code == 303, real_stack.log("web")
    assert moved.headers["Location"].endswith("?done=moved")
    call.refresh_from_db()
    assert (call.starts_at, call.sequence) == (datetime.datetime.fromisoformat(new_time), 1)

    # The "moved" email's invitation updates the same calendar entry: same UID, higher SEQUENCE.
    moved_email = wait_for_one(smtp, VISITOR, "Your call has moved to ")
    update = invitation_event(moved_email)
    assert str(update["UID"]) == str(first["UID"])
    assert int(update["SEQUENCE"]) > int(first["SEQUENCE"])
    assert update.decoded("DTSTART") == call.starts_at
    wait_for_one(smtp, TAKER, f"Call moved: lead #{lead.pk}, now ")

    # The reminders run twice 23 hours before the call; the worker sends the one reminder.
    day_before = call.starts_at - datetime.timedelta(hours=23)
    with tasks_to_the_worker(real_stack):
        assert send_reminders(now=day_before) == [(call.pk, 24)]
        assert send_reminders(now=day_before) == []
    reminder = wait_for_one(smtp, VISITOR, "Reminder: our call on ")
    # Nothing more will come: every delivery the worker received has finished.
    wait_until(
        lambda: len(set(deliveries_finished(real_stack))) == 1,
        15,
        message="every delivery to finish",
    )
    assert len(received(smtp, VISITOR, "Reminder: our call on ")) == 1
    assert EmailDelivery.objects.filter(lead=lead, kind=CallEmailKind.REMINDER).count() == 1
    assert "call.ics" not in [part.get_filename() for part in reminder.iter_attachments()]
    call.refresh_from_db()
    assert call.status == CallStatus.BOOKED and call.reminded_day_before_at == day_before

    # Each email exactly once.
    assert sorted(item["subject"].split(" ")[:3] for item in smtp.received_for(VISITOR)) == [
        ["Reminder:", "our", "call"],
        ["We", "have", "your"],
        ["Your", "call", "has"],
        ["Your", "call", "with"],
    ]
    assert sorted(item["subject"].split(",")[0] for item in smtp.received_for(TAKER)) == [
        f"Call booked: lead #{lead.pk}",
        f"Call moved: lead #{lead.pk}",
    ]
    assert len(smtp.received_for(STAFF)) == 1
