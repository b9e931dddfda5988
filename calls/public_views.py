"""The visitor's side of the booking: the time picker on the thank-you page (a section added
through leads.visitor_additions), and the page the email's private link opens, to book, move or
cancel the call. Plain forms that work without JavaScript (static/js/call-times.js adds the
visitor's own time and announces the choice). Never cached, never indexed, rate-limited per
client address."""

import datetime
from contextlib import suppress
from functools import wraps

from django.http import HttpResponseNotAllowed
from django.shortcuts import render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import add_never_cache_headers
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext

from calls.availability import booking_rules, by_day, clinic_zone, free_times
from calls.booking import (
    BookingError,
    TimeTaken,
    book_call,
    booked_call,
    booking_pass_for,
    cancel_call,
)
from calls.emails import call_time, may_offer_booking
from calls.links import LinkRefused, open_link, token_for
from leads.client_address import client_address_hash, over_rate_limit
from leads.models import Lead
from leads.public_views import HttpResponseSeeOther, rate_limited_response
from leads.recipients import site_of
from leads.visitor_additions import register_thank_you_section

# How many days of free times one page shows; "Later times" shows the next ones.
DAYS_PER_PAGE = 3
RATE_GET = "60/10m"
RATE_POST = "20/10m"
REFUSED_STATUS = {"invalid": 404, "expired": 410, "closed": 410}


def private(response):
    """Never cached by anyone, never indexed: the page belongs to one person's link. Its address
    (with the link's secret) never goes out as a Referer, to other sites nor to this one: only the
    origin does. Not "no-referrer": with it browsers send `Origin: null` on the page's own form
    posts, and Django's CSRF check refuses every booking, move and cancellation with a 403."""
    add_never_cache_headers(response)
    response["X-Robots-Tag"] = "noindex, nofollow"
    response["Referrer-Policy"] = "strict-origin"
    return response


def over_link_limit(request) -> bool:
    key = client_address_hash(request)
    post = request.method == "POST"
    return over_rate_limit(
        request,
        "calls.booking.post" if post else "calls.booking.get",
        key,
        RATE_POST if post else RATE_GET,
    )


def picker_context(site, *, first_day=None, ignore_call=None) -> dict:
    """The days of free times to show (from `first_day`), and the day the next page starts."""
    rules = booking_rules(site)
    days = by_day(free_times(site, rules=rules, ignore_call=ignore_call))
    if first_day is not None:
        days = [(day, times) for day, times in days if day >= first_day]
    shown, later = days[:DAYS_PER_PAGE], days[DAYS_PER_PAGE:]
    return {
        "days": shown,
        "later_day": later[0][0] if later else None,
        "earlier": first_day is not None,
        "zone_name": clinic_zone().key,
        "call_minutes": rules.call_minutes,
    }


@register_thank_you_section
def time_picker_section(request, sent) -> str:
    """ "Pick a time for our call" below the thanks, for a request that may have one."""
    lead = Lead.objects.filter(pk=sent.lead_id).first()
    if lead is None or not may_offer_booking(lead, sent):
        return ""
    # A person asking again who has a call booked moves it from here (the heading says so).
    call = booked_call(lead)
    # The free times are computed once, for the offer and the picker alike.
    picker = picker_context(site_of(lead), ignore_call=call)
    if not picker["days"]:
        return ""
    token = token_for(booking_pass_for(lead))
    context = {
        **picker,
        "call": call,
        "book_url": reverse("calls_book", kwargs={"token": token}),
    }
    # A rendered template is already safe HTML (SafeString).
    return render_to_string("calls/includes/time_picker.html", context, request)


def refused(request, error: LinkRefused):
    return private(
        render(
            request,
            "calls/link_refused.html",
            {"reason": error.reason},
            status=REFUSED_STATUS[error.reason],
        )
    )


def parse_day(value: str) -> datetime.date | None:
    try:
        return datetime.date.fromisoformat(value) if value else None
    except ValueError:
        return None


def private_link_view(*methods):
    """A view of the private link: only `methods`, the rate limit first, then the link opened (or
    refused with its page); the view gets what the link opened."""

    def decorate(view):
        @wraps(view)
        def checked(request, token: str):
            if request.method not in methods:
                return HttpResponseNotAllowed(methods)
            if over_link_limit(request):
                return private(rate_limited_response(request))
            try:
                opened = open_link(token)
            except LinkRefused as error:
                return refused(request, error)
            return view(request, token, opened)

        return checked

    return decorate


@private_link_view("GET", "HEAD", "POST")
def book_view(request, token: str, opened):
    """The private link's page: the booked call with change and cancel, or the free times."""
    lead, call = opened.lead, opened.call
    error, status = "", 200
    if request.method == "POST":
        starts_at = parse_datetime(request.POST.get("starts_at", "")[:40])
        if starts_at is None or timezone.is_naive(starts_at):
            error, status = gettext("Please choose one of the times below."), 400
        else:
            try:
                book_call(lead, starts_at)
            except TimeTaken:
                error = gettext("Sorry, that time was just taken. Here are the next free times.")
                status = 409
            except BookingError:
                return refused(request, LinkRefused("closed"))
            else:
                done = "moved" if call is not None else "booked"
                return private(HttpResponseSeeOther(f"{request.path}?done={done}"))
    site = site_of(lead)
    context = {
        **picker_context(site, first_day=parse_day(request.GET.get("from", "")), ignore_call=call),
        "call": call,
        "when": call_time(call.starts_at) if call else "",
        "caller": (call.staff.first_name if call else "") or gettext("a member of our intake team"),
        "book_url": request.path,
        "cancel_url": reverse("calls_cancel", kwargs={"token": token}),
        "error": error,
        "done": request.GET.get("done", "") if request.method == "GET" else "",
    }
    return private(render(request, "calls/book.html", context, status=status))


@private_link_view("POST")
def cancel_view(request, token: str, opened):
    """Cancel the booked call (POST from the link's page)."""
    if opened.call is not None:
        # Cancelled a moment ago (another tab): the page it goes back to says it is not booked.
        with suppress(BookingError):
            cancel_call(opened.call, by_visitor=True)
    book_url = reverse("calls_book", kwargs={"token": token})
    return private(HttpResponseSeeOther(f"{book_url}?done=cancelled"))
