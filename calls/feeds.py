"""Each staff member's personal calendar feed, `/calls/feed/<token>.ics`: their calls from 30 days
ago to 60 days ahead, for a calendar app to subscribe to without signing in. The secret token is
the only key, so the feed says as little as it can: each event is "Call: lead #N" and its time,
never a name, email, phone number or message. Renewing the token (My call hours) stops the old
address at once. Never cached, not indexed, and rate-limited per token and client."""

import datetime
import hashlib

import icalendar
from django.conf import settings
from django.http import HttpResponse, HttpResponseNotFound
from django.utils import timezone
from django.utils.cache import add_never_cache_headers

from calls.calendar import event_uid
from calls.models import CalendarFeed, Call
from leads.client_address import client_address_hash, over_rate_limit

FEED_PAST = datetime.timedelta(days=30)
FEED_AHEAD = datetime.timedelta(days=60)
# Calendar apps poll every few minutes to every few hours; this leaves room for several devices.
DEFAULT_FEED_RATE = "60/h"


def feed_rate() -> str:
    return getattr(settings, "CALLS_FEED_RATE", DEFAULT_FEED_RATE)


def feed_calls(user, now: datetime.datetime):
    """The calls a feed shows: the user's, not cancelled, from FEED_PAST ago to FEED_AHEAD."""
    return Call.objects.holding().filter(staff=user).between(now - FEED_PAST, now + FEED_AHEAD)


def feed_for(user, now: datetime.datetime | None = None) -> bytes:
    """The user's calls as an iCalendar document."""
    now = now or timezone.now()
    calendar = icalendar.Calendar()
    calendar.add("prodid", "-//Clinic CMS//Calls//EN")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", "My calls")
    for call in feed_calls(user, now).only(
        "pk", "lead_id", "starts_at", "ends_at", "uid", "sequence", "booked_at"
    ):
        event = icalendar.Event()
        # The same UID as the invitation staff and visitor get by email (calls.calendar).
        event.add("uid", event_uid(call))
        event.add("dtstamp", now)
        event.add("dtstart", call.starts_at)
        event.add("dtend", call.ends_at)
        event.add("sequence", call.sequence)
        event.add("summary", f"Call: lead #{call.lead_id}")
        calendar.add_component(event)
    return calendar.to_ical()


def is_over_feed_limit(request, token: str) -> bool:
    token_key = hashlib.sha256(token.encode()).hexdigest()[:32]
    key = f"{token_key}:{client_address_hash(request)}"
    return over_rate_limit(request, "calls.feed", key, feed_rate())


def feed_view(request, token: str):
    if is_over_feed_limit(request, token):
        response = HttpResponse("Too many requests", status=429, content_type="text/plain")
    else:
        feed = (
            CalendarFeed.objects.select_related("user")
            .filter(token=token, user__is_active=True)
            .first()
        )
        if feed is None:
            # A plain 404 with the same headers, so no cache keeps even the refusal.
            response = HttpResponseNotFound("No such calendar", content_type="text/plain")
        else:
            response = HttpResponse(
                feed_for(feed.user), content_type="text/calendar; charset=utf-8"
            )
            response["Content-Disposition"] = 'inline; filename="calls.ics"'
    add_never_cache_headers(response)
    response["X-Robots-Tag"] = "noindex"
    return response
