"""The call on a lead's page: what the "Call" control shows (the booked call, its free times to
move to, past calls) and its staff actions (book or move, cancel, outcome), each a POST URL given
by leads' registry (`register_lead_action` in calls/wagtail_hooks.py), refused to anyone who may
not change the lead. Every change goes through calls.booking, which records the timeline, assigns
the lead and queues the emails; a refusal (the time was just taken) becomes an error message and
changes nothing."""

import datetime
from dataclasses import dataclass, field

from django.contrib import messages
from django.utils import timezone

from calls.admin.forms import CallTimeForm, parse_time
from calls.availability import FreeTime, clinic_zone, free_times
from calls.booking import (
    BookingError,
    book_call,
    booked_call,
    cancel_call,
    record_outcome,
    time_label,
)
from calls.models import OUTCOME_STATUSES, BookedBy, Call, CallStatus
from leads.follow_up import FollowUpError
from leads.models import Lead
from leads.recipients import site_of, user_label

# How many of a lead's earlier calls the page lists.
PAST_CALLS_SHOWN = 10


@dataclass
class LeadCalls:
    """What the lead page's "Call" control shows."""

    lead: Lead
    booked: Call | None
    started: bool
    past: list[Call]
    can_book: bool
    times: list[FreeTime] = field(default_factory=list)
    time_form: CallTimeForm | None = None
    outcomes: tuple = ()
    zone: str = field(default_factory=lambda: clinic_zone().key)


def lead_calls(lead: Lead, now: datetime.datetime | None = None) -> LeadCalls:
    now = now or timezone.now()
    booked = booked_call(lead)
    past = list(
        lead.calls.exclude(pk=booked.pk if booked else None)
        .select_related("staff")
        .order_by("-starts_at")[:PAST_CALLS_SHOWN]
    )
    can_book = lead.is_open and lead.anonymised_at is None
    calls = LeadCalls(
        lead=lead,
        booked=booked,
        started=booked is not None and booked.starts_at <= now,
        past=past,
        can_book=can_book,
        outcomes=tuple((status.value, status.label) for status in OUTCOME_STATUSES),
    )
    if can_book:
        calls.times = free_times(site_of(lead), now=now, ignore_call=booked)
        calls.time_form = CallTimeForm(times=calls.times, prefix_id=f"lead-{lead.pk}-call-time")
    return calls


def refused(error: BookingError) -> FollowUpError:
    """A booking refusal as leads' action view shows it: an error message, nothing changed."""
    return FollowUpError(f"{error} Nothing was changed.")


def the_booked_call(request, lead: Lead) -> Call:
    """The booked call the page showed: a stale page (it was moved or cancelled meanwhile) is
    refused rather than acting on another call."""
    call = booked_call(lead)
    if call is None or str(call.pk) != request.POST.get("call", ""):
        raise FollowUpError("This call changed since the page was opened; see it below.")
    return call


def book_call_action(request, lead, _):
    """Book a call for someone who phoned, or move the booked one, to a free time."""
    starts_at = parse_time(request.POST.get("starts_at"))
    if starts_at is None:
        raise FollowUpError("Choose a time from the list.")
    moving = booked_call(lead) is not None
    try:
        call = book_call(lead, starts_at, booked_by=BookedBy.STAFF, actor=request.user)
    except BookingError as error:
        raise refused(error) from error
    done = "moved to" if moving else "booked for"
    messages.success(
        request, f"Call {done} {time_label(call.starts_at)}; {user_label(call.staff)} calls."
    )


def cancel_call_action(request, lead, _):
    """Cancel the booked call, by us or because they asked."""
    by = request.POST.get("by")
    if by not in ("us", "them"):
        raise FollowUpError("Say who cancelled the call.")
    call = the_booked_call(request, lead)
    try:
        call = cancel_call(call, by_visitor=by == "them", actor=request.user)
    except BookingError as error:
        raise refused(error) from error
    messages.success(request, f"Call {call.get_status_display().lower()}; both sides are told.")


def call_outcome_action(request, lead, _):
    """How the call went, once it has started: held, or no answer."""
    status = request.POST.get("outcome")
    if status not in OUTCOME_STATUSES:
        raise FollowUpError("Choose how the call went.")
    raw = request.POST.get("call", "")
    call = lead.calls.filter(pk=int(raw)).first() if raw.isdigit() else None
    if call is None:
        raise FollowUpError("This call is not one of this request's.")
    try:
        call = record_outcome(call, status, request.user)
    except BookingError as error:
        raise refused(error) from error
    messages.success(request, f"Call recorded: {CallStatus(call.status).label.lower()}.")
