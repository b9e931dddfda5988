"""The visitor's booking link: a signed, opaque token that opens one lead's booking page without
an account. It carries the lead's random pass key (calls.models.BookingPass), never its number, and
is signed with a timestamp, so a tampered one fails the signature and an old one can be refused.

A link works while the request is open and not erased, and until its call is over: after a held
or unanswered call, or once a booked call's end has passed, it is expired. A link never used to
book expires LINK_MAX_AGE after it was sent."""

import datetime
from dataclasses import dataclass

from django.core import signing
from django.utils import timezone

from calls.models import OUTCOME_STATUSES, BookingPass, Call, CallStatus
from leads.models import Lead

SALT = "calls.booking-link"
LINK_MAX_AGE = datetime.timedelta(days=30)


class LinkRefused(Exception):
    """A link that opens nothing; `reason` picks the page's wording: "invalid" (tampered or
    unknown), "expired" (the call is over or the link too old) or "closed" (the request is closed
    or erased). None of them says which lead it was for."""

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


def token_for(booking_pass: BookingPass) -> str:
    return signing.TimestampSigner(salt=SALT).sign(booking_pass.key)


@dataclass
class Opened:
    lead: Lead
    booking_pass: BookingPass
    call: Call | None  # the booked call, if there is one


def open_link(token: str, now: datetime.datetime | None = None) -> Opened:
    """The lead a token opens, with its booked call, or LinkRefused."""
    now = now or timezone.now()
    try:
        key = signing.TimestampSigner(salt=SALT).unsign(token or "")
    except signing.BadSignature:
        raise LinkRefused("invalid") from None
    booking_pass = BookingPass.objects.select_related("lead").filter(key=key).first()
    if booking_pass is None:
        raise LinkRefused("invalid")
    lead = booking_pass.lead
    if lead.anonymised_at is not None or not lead.is_open:
        raise LinkRefused("closed")
    calls = list(lead.calls.order_by("-starts_at").select_related("staff")[:5])
    booked = next((call for call in calls if call.status == CallStatus.BOOKED), None)
    if booked is not None:
        if booked.ends_at <= now:
            raise LinkRefused("expired")
        return Opened(lead, booking_pass, booked)
    if any(call.status in OUTCOME_STATUSES for call in calls):
        raise LinkRefused("expired")
    if now - booking_pass.issued_at > LINK_MAX_AGE:
        raise LinkRefused("expired")
    return Opened(lead, booking_pass, None)
