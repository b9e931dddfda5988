"""The personal calendar feed: each call's time and lead number only, never the person; the
address stops when renewed; unknown addresses are 404; never cached; rate-limited."""

import datetime

import icalendar
import pytest
from django.urls import reverse
from django.utils import timezone

from calls.feeds import feed_for
from calls.models import BookedBy, CalendarFeed, Call, CallStatus
from tests.factories import LeadFactory


def make_call(lead, staff, starts_at, status=CallStatus.BOOKED):
    return Call.objects.create(
        lead=lead,
        staff=staff,
        starts_at=starts_at,
        ends_at=starts_at + datetime.timedelta(minutes=20),
        status=status,
        booked_by=BookedBy.VISITOR,
    )


@pytest.fixture
def lead_with_details(contact_page):
    return LeadFactory(
        source_page=contact_page,
        full_name="Jordan Rivera",
        email="jordan.rivera@example.org",
        phone="+15035550199",
        message="Please call after lunch",
    )


def events(body: bytes):
    return icalendar.Calendar.from_ical(body).walk("VEVENT")


def test_the_feed_has_each_call_as_its_time_and_lead_number_and_nothing_about_the_person(
    client, taker, lead_with_details, settings
):
    settings.WAGTAILADMIN_BASE_URL = "https://admin.clinic.example"
    soon = timezone.now().replace(microsecond=0) + datetime.timedelta(days=2)
    call = make_call(lead_with_details, taker, soon)
    feed = CalendarFeed.objects.create(user=taker)
    response = client.get(reverse("calls_feed", args=[feed.token]))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    assert "no-cache" in response["Cache-Control"] and "private" in response["Cache-Control"]
    assert response["X-Robots-Tag"] == "noindex"
    [event] = events(response.content)
    assert str(event["SUMMARY"]) == f"Call: lead #{lead_with_details.pk}"
    assert str(event["UID"]) == f"{call.uid}@admin.clinic.example"
    assert event.decoded("DTSTART") == soon
    body = response.content.decode()
    for detail in ("Jordan", "Rivera", "jordan.rivera", "5550199", "lunch"):
        assert detail not in body


def test_the_feed_holds_only_this_persons_calls_not_cancelled_within_its_window(
    taker, contact_page
):
    now = timezone.now()
    other = make_call(LeadFactory(source_page=contact_page), taker, now)
    other.staff = type(taker).objects.create(username="someone-else")
    other.save()
    kept = [
        make_call(LeadFactory(source_page=contact_page), taker, now - datetime.timedelta(days=29)),
        make_call(
            LeadFactory(source_page=contact_page),
            taker,
            now + datetime.timedelta(days=1),
            status=CallStatus.HELD,
        ),
        make_call(LeadFactory(source_page=contact_page), taker, now + datetime.timedelta(days=59)),
    ]
    make_call(LeadFactory(source_page=contact_page), taker, now - datetime.timedelta(days=31))
    make_call(LeadFactory(source_page=contact_page), taker, now + datetime.timedelta(days=61))
    make_call(
        LeadFactory(source_page=contact_page),
        taker,
        now + datetime.timedelta(days=3),
        status=CallStatus.CANCELLED_BY_CLINIC,
    )
    summaries = sorted(str(event["SUMMARY"]) for event in events(feed_for(taker, now)))
    assert summaries == sorted(f"Call: lead #{call.lead_id}" for call in kept)


def test_a_renewed_address_replaces_the_old_one(client, taker):
    client.force_login(taker)
    page = client.get(reverse("calls_my_hours"))
    old = CalendarFeed.objects.get(user=taker).token
    assert reverse("calls_feed", args=[old]) in page.content.decode()
    response = client.post(reverse("calls_feed_renew"))
    assert response.status_code == 302
    new = CalendarFeed.objects.get(user=taker).token
    assert new != old
    client.logout()
    assert client.get(reverse("calls_feed", args=[old])).status_code == 404
    assert client.get(reverse("calls_feed", args=[new])).status_code == 200


def test_renewing_is_post_only(client, taker):
    client.force_login(taker)
    assert client.get(reverse("calls_feed_renew")).status_code == 405


def test_an_unknown_address_is_404_and_not_cached(client, db):
    response = client.get(reverse("calls_feed", args=["not-a-token"]))
    assert response.status_code == 404
    assert "no-cache" in response["Cache-Control"]


def test_an_inactive_users_feed_stops(client, taker):
    feed = CalendarFeed.objects.create(user=taker)
    taker.is_active = False
    taker.save()
    assert client.get(reverse("calls_feed", args=[feed.token])).status_code == 404


def test_the_feed_is_rate_limited_per_address_and_client(client, taker, settings):
    settings.CALLS_FEED_RATE = "2/m"
    feed = CalendarFeed.objects.create(user=taker)
    url = reverse("calls_feed", args=[feed.token])
    assert [client.get(url).status_code for _ in range(3)] == [200, 200, 429]
